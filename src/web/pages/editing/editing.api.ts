import { queryOptions } from '@tanstack/react-query';
import type { AuditResponse } from '../../../server/audit/audit.routes';
import type { CommentListResponse } from '../../../server/comments/comments.schemas';
import type { DepartmentListResponse } from '../../../server/departments/departments.schemas';
import type { ActionEditingResponse, PlanOutlineResponse } from '../../../server/editing/editing.schemas';
import type { ArchivedItemsResponse } from '../../../server/editing/restore.schemas';
import type { HistoryPeopleResponse } from '../../../server/history/history.routes';
import { getJson } from '../../api';

/* The editing screens' queries; every change invalidates the plan's queries (its pages show the change). */

const encode = encodeURIComponent;

export const planUrl = (planId: string) => `/api/plans/${encode(planId)}`;
export const actionUrl = (planId: string, actionKey: string) =>
  `${planUrl(planId)}/actions/${encode(actionKey)}`;
export const departmentsUrl = (municipalityId: string) =>
  `/api/municipalities/${encode(municipalityId)}/departments`;

export const outlineQuery = (planId: string) =>
  queryOptions({
    queryKey: ['plans', planId, 'outline'],
    queryFn: ({ signal }) => getJson<PlanOutlineResponse>(`${planUrl(planId)}/outline`, signal),
    staleTime: 0,
  });

export const actionEditingQuery = (planId: string, actionKey: string) =>
  queryOptions({
    queryKey: ['plans', planId, 'actions', actionKey, 'editing'],
    queryFn: ({ signal }) =>
      getJson<ActionEditingResponse>(`${actionUrl(planId, actionKey)}/editing`, signal),
    staleTime: 0,
  });

export const archivedItemsQuery = (planId: string) =>
  queryOptions({
    queryKey: ['plans', planId, 'archived'],
    queryFn: ({ signal }) => getJson<ArchivedItemsResponse>(`${planUrl(planId)}/archived`, signal),
    staleTime: 0,
  });

export const departmentsQuery = (municipalityId: string) =>
  queryOptions({
    queryKey: ['municipalities', municipalityId, 'departments'],
    queryFn: ({ signal }) => getJson<DepartmentListResponse>(departmentsUrl(municipalityId), signal),
    staleTime: 0,
  });

export const commentsQuery = (planId: string, actionKey: string) =>
  queryOptions({
    queryKey: ['plans', planId, 'actions', actionKey, 'comments'],
    queryFn: ({ signal }) => getJson<CommentListResponse>(`${actionUrl(planId, actionKey)}/comments`, signal),
    staleTime: 0,
  });

export const historyPeopleQuery = (planId: string) =>
  queryOptions({
    queryKey: ['plans', planId, 'history', 'people'],
    queryFn: ({ signal }) => getJson<HistoryPeopleResponse>(`${planUrl(planId)}/history/people`, signal),
    staleTime: 0,
  });

export interface HistoryFilter {
  planId: string;
  actionKey?: string | undefined;
  subjectType?: string | undefined;
  actorUserId?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
}

/** One page of history entries (newest first); `before` asks for the page older than that entry. */
export function fetchHistoryPage({
  municipalityId,
  filter,
  before,
  limit,
  signal,
}: {
  municipalityId: string;
  filter: HistoryFilter;
  before: number | null;
  limit: number;
  signal: AbortSignal;
}): Promise<AuditResponse> {
  const params = new URLSearchParams({ limit: String(limit) });
  for (const [name, value] of Object.entries(filter)) if (value) params.set(name, value);
  if (before !== null) params.set('before', String(before));
  return getJson<AuditResponse>(`/api/municipalities/${encode(municipalityId)}/audit?${params}`, signal);
}
