import { createRootRoute, createRoute, createRouter } from '@tanstack/react-router';
import { AppLayout } from './components/AppLayout';
import { ActionPage } from './pages/ActionPage';
import { AccountPage } from './pages/account/AccountPage';
import { InvitationPage } from './pages/account/InvitationPage';
import { MembersPage } from './pages/account/MembersPage';
import { createDashboardRoutes } from './pages/dashboard/dashboard.routes';
import { HomePage } from './pages/HomePage';
import { NotFoundPage } from './pages/NotFoundPage';
import { PlanPage } from './pages/PlanPage';

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

const routeTree = rootRoute.addChildren([
  homeRoute,
  planRoute,
  actionRoute,
  accountRoute,
  membersRoute,
  invitationRoute,
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
