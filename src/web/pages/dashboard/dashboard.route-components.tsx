import { getRouteApi } from '@tanstack/react-router';
import { DashboardPage } from './DashboardPage';
import { DepartmentPage } from './DepartmentPage';
import { SchedulePage } from './SchedulePage';

/*
 * The route components of the dashboard's pages, in a chunk of their own: the app's first load does not
 * carry the dashboard, the what-if and the schedule, only the pages it opens.
 */

const dashboardApi = getRouteApi('/plans/$planId/dashboard');
const scheduleApi = getRouteApi('/plans/$planId/schedule');
const departmentApi = getRouteApi('/plans/$planId/dashboard/departments/$departmentId');

export function DashboardRoute() {
  const { planId } = dashboardApi.useParams();
  return <DashboardPage key={planId} planId={planId} />;
}

export function ScheduleRoute() {
  const { planId } = scheduleApi.useParams();
  return <SchedulePage key={planId} planId={planId} />;
}

export function DepartmentRoute() {
  const { planId, departmentId } = departmentApi.useParams();
  return <DepartmentPage key={`${planId}/${departmentId}`} planId={planId} departmentId={departmentId} />;
}
