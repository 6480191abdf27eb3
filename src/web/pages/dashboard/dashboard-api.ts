import { queryOptions } from '@tanstack/react-query';
import type {
  DashboardResponse,
  DepartmentViewResponse,
  KpiChartsResponse,
  ScheduleResponse,
} from '../../../server/dashboard/dashboard.schemas';
import { getJson } from '../../api';

const planPath = (planId: string) => `/api/plans/${encodeURIComponent(planId)}`;

export const dashboardQuery = (planId: string) =>
  queryOptions({
    queryKey: ['plans', planId, 'dashboard'],
    queryFn: ({ signal }) => getJson<DashboardResponse>(`${planPath(planId)}/dashboard`, signal),
  });

export const scheduleQuery = (planId: string) =>
  queryOptions({
    queryKey: ['plans', planId, 'schedule'],
    queryFn: ({ signal }) => getJson<ScheduleResponse>(`${planPath(planId)}/schedule`, signal),
  });

export const departmentViewQuery = (planId: string, departmentId: string) =>
  queryOptions({
    queryKey: ['plans', planId, 'dashboard', 'departments', departmentId],
    queryFn: ({ signal }) =>
      getJson<DepartmentViewResponse>(
        `${planPath(planId)}/dashboard/departments/${encodeURIComponent(departmentId)}`,
        signal,
      ),
  });

export const kpiChartsQuery = (planId: string, actionKey: string) =>
  queryOptions({
    queryKey: ['plans', planId, 'actions', actionKey, 'kpi-charts'],
    queryFn: ({ signal }) =>
      getJson<KpiChartsResponse>(
        `${planPath(planId)}/actions/${encodeURIComponent(actionKey)}/kpi-charts`,
        signal,
      ),
  });

export function whatIfPath(planId: string): string {
  return `${planPath(planId)}/what-if`;
}

export function publicationPath(planId: string, change: 'publish' | 'withdraw'): string {
  return `${planPath(planId)}/publication/${change}`;
}
