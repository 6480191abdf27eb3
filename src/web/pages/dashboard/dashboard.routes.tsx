import { type AnyRoute, createRoute, lazyRouteComponent } from '@tanstack/react-router';

const load = () => import('./dashboard.route-components');

/** The dashboard's pages under a plan: the dashboard (with the what-if), the schedule, a department's page. */
export function createDashboardRoutes<TParent extends AnyRoute>(parent: TParent) {
  return [
    createRoute({
      getParentRoute: () => parent,
      path: '/plans/$planId/dashboard',
      component: lazyRouteComponent(load, 'DashboardRoute'),
    }),
    createRoute({
      getParentRoute: () => parent,
      path: '/plans/$planId/schedule',
      component: lazyRouteComponent(load, 'ScheduleRoute'),
    }),
    createRoute({
      getParentRoute: () => parent,
      path: '/plans/$planId/dashboard/departments/$departmentId',
      component: lazyRouteComponent(load, 'DepartmentRoute'),
    }),
  ] as const;
}
