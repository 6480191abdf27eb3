import { queryOptions } from '@tanstack/react-query';
import type {
  ActionDetailResponse,
  MunicipalityListResponse,
  PlanDetailResponse,
  PlanListResponse,
} from '../server/plans/plans.schemas';

/** An API failure: the HTTP status (0 when the server could not be reached) and the API's error code. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;

  constructor(input: { status: number; code: string; message: string }) {
    super(input.message);
    this.name = 'ApiError';
    this.status = input.status;
    this.code = input.code;
  }
}

type ErrorBody = { error: { code: string; message: string } };

function isErrorBody(body: unknown): body is ErrorBody {
  if (typeof body !== 'object' || body === null || !('error' in body)) return false;
  const error = (body as { error: unknown }).error;
  return (
    typeof error === 'object' &&
    error !== null &&
    typeof (error as { code?: unknown }).code === 'string' &&
    typeof (error as { message?: unknown }).message === 'string'
  );
}

async function getJson<T>(path: string, signal?: AbortSignal): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, { headers: { accept: 'application/json' }, signal: signal ?? null });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw new ApiError({ status: 0, code: 'network', message: 'サーバーに接続できませんでした。' });
  }
  if (!response.ok) {
    const body: unknown = await response.json().catch(() => null);
    if (isErrorBody(body)) throw new ApiError({ status: response.status, ...body.error });
    throw new ApiError({
      status: response.status,
      code: `http.${response.status}`,
      message: response.statusText,
    });
  }
  return (await response.json()) as T;
}

export const municipalitiesQuery = () =>
  queryOptions({
    queryKey: ['municipalities'],
    queryFn: ({ signal }) => getJson<MunicipalityListResponse>('/api/municipalities', signal),
  });

export const plansQuery = () =>
  queryOptions({
    queryKey: ['plans'],
    queryFn: ({ signal }) => getJson<PlanListResponse>('/api/plans', signal),
  });

export const planQuery = (planId: string) =>
  queryOptions({
    queryKey: ['plans', planId],
    queryFn: ({ signal }) => getJson<PlanDetailResponse>(`/api/plans/${encodeURIComponent(planId)}`, signal),
  });

export const actionQuery = (planId: string, actionKey: string) =>
  queryOptions({
    queryKey: ['plans', planId, 'actions', actionKey],
    queryFn: ({ signal }) =>
      getJson<ActionDetailResponse>(
        `/api/plans/${encodeURIComponent(planId)}/actions/${encodeURIComponent(actionKey)}`,
        signal,
      ),
  });

export function planExportUrl(planId: string): string {
  return `/api/plans/${encodeURIComponent(planId)}/export`;
}

/** A client error will not change by asking again; a network or server error may. */
export function shouldRetry(failureCount: number, error: unknown): boolean {
  if (error instanceof ApiError && error.status >= 400 && error.status < 500) return false;
  return failureCount < 2;
}
