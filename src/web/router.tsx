import { createRootRoute, createRoute, createRouter } from '@tanstack/react-router';
import { lazy, Suspense } from 'react';
import { AppLayout } from './components/AppLayout';
import { Loading } from './components/StatusViews';
import { ActionPage } from './pages/ActionPage';
import { AccountPage } from './pages/account/AccountPage';
import { InvitationPage } from './pages/account/InvitationPage';
import { MembersPage } from './pages/account/MembersPage';
import { createDashboardRoutes } from './pages/dashboard/dashboard.routes';
import { createEditingRoutes } from './pages/editing/editing.routes';
import { createEffectsRoutes } from './pages/effects/effects.routes';
import { HomePage } from './pages/HomePage';
import { NotFoundPage } from './pages/NotFoundPage';
import { PlanPage } from './pages/PlanPage';
import { WorkbookImportPage } from './pages/reports/WorkbookImportPage';

const rootRoute = createRootRoute({ component: AppLayout, notFoundComponent: NotFoundPage });

const homeRoute = createRoute({ getParentRoute: () => rootRoute, path: '/', component: HomePage });

const planRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/plans/$planId',
  component: function PlanRoute() {
    const { planId } = planRoute.useParams();
    return <PlanPage key={planId} planId={planId} />;
  },
});

const actionRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/plans/$planId/actions/$actionKey',
  component: function ActionRoute() {
    const { planId, actionKey } = actionRoute.useParams();
    return <ActionPage key={`${planId}/${actionKey}`} planId={planId} actionKey={actionKey} />;
  },
});

const workbookImportRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/plans/$planId/import',
  component: function WorkbookImportRoute() {
    const { planId } = workbookImportRoute.useParams();
    return <WorkbookImportPage key={planId} planId={planId} />;
  },
});

const accountRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/account',
  component: AccountPage,
});

const membersRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/municipalities/$municipalityId/members',
  component: function MembersRoute() {
    const { municipalityId } = membersRoute.useParams();
    return <MembersPage key={municipalityId} municipalityId={municipalityId} />;
  },
});

const invitationRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/invitations/$token',
  component: function InvitationRoute() {
    const { token } = invitationRoute.useParams();
    return <InvitationPage key={token} token={token} />;
  },
});

// The round pages are for the people who work in a round; loaded when first opened, not with every page.
const RoundPage = lazy(() =>
  import('./pages/rounds/RoundPage').then((module) => ({ default: module.RoundPage })),
);
const DepartmentProgressPage = lazy(() =>
  import('./pages/rounds/DepartmentProgressPage').then((module) => ({
    default: module.DepartmentProgressPage,
  })),
);
const NotificationSettingsPage = lazy(() =>
  import('./pages/settings/NotificationSettingsPage').then((module) => ({
    default: module.NotificationSettingsPage,
  })),
);

const roundRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/plans/$planId/rounds/$roundId',
  component: function RoundRoute() {
    const { planId, roundId } = roundRoute.useParams();
    return (
      <Suspense fallback={<Loading />}>
        <RoundPage key={`${planId}/${roundId}`} planId={planId} roundId={roundId} />
      </Suspense>
    );
  },
});

const departmentProgressRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/plans/$planId/rounds/$roundId/departments/$departmentId',
  component: function DepartmentProgressRoute() {
    const { planId, roundId, departmentId } = departmentProgressRoute.useParams();
    return (
      <Suspense fallback={<Loading />}>
        <DepartmentProgressPage
          key={`${planId}/${roundId}/${departmentId}`}
          planId={planId}
          roundId={roundId}
          departmentId={departmentId}
        />
      </Suspense>
    );
  },
});

const notificationSettingsRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/municipalities/$municipalityId/settings/notifications',
  component: function NotificationSettingsRoute() {
    const { municipalityId } = notificationSettingsRoute.useParams();
    return (
      <Suspense fallback={<Loading />}>
        <NotificationSettingsPage key={municipalityId} municipalityId={municipalityId} />
      </Suspense>
    );
  },
});

const routeTree = rootRoute.addChildren([
  homeRoute,
  planRoute,
  actionRoute,
  workbookImportRoute,
  accountRoute,
  membersRoute,
  invitationRoute,
  ...createEditingRoutes(rootRoute),
  roundRoute,
  departmentProgressRoute,
  notificationSettingsRoute,
  ...createEffectsRoutes(rootRoute),
  ...createDashboardRoutes(rootRoute),
]);

export const router = createRouter({
  routeTree,
  scrollRestoration: true,
  defaultNotFoundComponent: NotFoundPage,
});

declare module '@tanstack/react-router' {
  interface Register {
    router: typeof router;
  }
}
