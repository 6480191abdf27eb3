import { createRootRoute, createRoute, createRouter } from '@tanstack/react-router';
import { AppLayout } from './components/AppLayout';
import { ActionPage } from './pages/ActionPage';
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

const routeTree = rootRoute.addChildren([homeRoute, planRoute, actionRoute]);

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
