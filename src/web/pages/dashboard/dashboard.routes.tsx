import { type AnyRoute, createRoute, getRouteApi } from '@tanstack/react-router';
import { DashboardPage } from './DashboardPage';
import { DepartmentPage } from './DepartmentPage';
import { SchedulePage } from './SchedulePage';

const dashboardApi = getRouteApi('/plans/$planId/dashboard');
const scheduleApi = getRouteApi('/plans/$planId/schedule');
const departmentApi = getRouteApi('/plans/$planId/dashboard/departments/$departmentId');

function DashboardRoute() {
  const { planId } = dashboardApi.useParams();
  return <DashboardPage key={planId} planId={planId} />;
}

function ScheduleRoute() {
  const { planId } = scheduleApi.useParams();
  return <SchedulePage key={planId} planId={planId} />;
}

function DepartmentRoute() {
  const { planId, departmentId } = departmentApi.useParams();
  return <DepartmentPage key={`${planId}/${departmentId}`} planId={planId} departmentId={departmentId} />;
}

/** The dashboard's pages under a plan: the dashboard (with the what-if), the schedule, a department's page. */
export function createDashboardRoutes<TParent extends AnyRoute>(parent: TParent) {
  return [
    createRoute({
      getParentRoute: () => parent,
      path: '/plans/$planId/dashboard',
      component: DashboardRoute,
    }),
    createRoute({ getParentRoute: () => parent, path: '/plans/$planId/schedule', component: ScheduleRoute }),
    createRoute({
      getParentRoute: () => parent,
      path: '/plans/$planId/dashboard/departments/$departmentId',
      component: DepartmentRoute,
    }),
  ] as const;
}
