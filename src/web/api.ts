import { queryOptions } from '@tanstack/react-query';
import type {
  ActionDetailResponse,
  MunicipalityListResponse,
  PlanDetailResponse,
  PlanListResponse,
} from '../server/plans/plans.schemas';

export interface FieldIssue {
  path: string;
  message: string;
}

/**
 * An API failure: the HTTP status (0 when the server could not be reached), the API's error code, the
 * problems per field for a form, and details such as the current record after a version conflict.
 */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly issues: FieldIssue[];
  readonly details: unknown;

  constructor(input: {
    status: number;
    code: string;
    message: string;
    issues?: FieldIssue[];
    details?: unknown;
  }) {
    super(input.message);
    this.name = 'ApiError';
    this.status = input.status;
    this.code = input.code;
    this.issues = input.issues ?? [];
    this.details = input.details;
  }

  /** The message for one form field (`body.` and `params.` prefixes are the API's, not the form's). */
  issueFor(field: string): string | undefined {
    return this.issues.find((issue) => issue.path.replace(/^(body|params|querystring)\.?/, '') === field)
      ?.message;
  }
}

type ErrorBody = { error: { code: string; message: string; issues?: FieldIssue[]; details?: unknown } };

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

export async function getJson<T>(path: string, signal?: AbortSignal): Promise<T> {
  return requestJson<T>({ method: 'GET', path, signal });
}

/** A change: JSON in, JSON out; the session cookie goes along by itself (same origin). */
export async function sendJson<T>(
  method: 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  path: string,
  body?: unknown,
): Promise<T> {
  return requestJson<T>({ method, path, body });
}

async function requestJson<T>({
  method,
  path,
  body,
  signal,
}: {
  method: string;
  path: string;
  body?: unknown;
  signal?: AbortSignal | undefined;
}): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers: {
        accept: 'application/json',
        ...(body !== undefined && { 'content-type': 'application/json' }),
      },
      body: body === undefined ? null : JSON.stringify(body),
      credentials: 'same-origin',
      signal: signal ?? null,
    });
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
