import { queryOptions } from '@tanstack/react-query';
import type {
  DepartmentProgressResponse,
  EvidenceView,
  OpenRoundsResponse,
  RoundBoardResponse,
  RoundEvaluationResponse,
  RoundListResponse,
  SubmissionView,
} from '../../../server/rounds/rounds.schemas';
import { ApiError, getJson } from '../../api';
import { getLocale } from '../../i18n/i18n';
import { roundsMessages } from './rounds.messages';

const encode = encodeURIComponent;

export const roundPaths = {
  plan: (planId: string) => `/api/plans/${encode(planId)}/rounds`,
  round: (planId: string, roundId: string) => `/api/plans/${encode(planId)}/rounds/${encode(roundId)}`,
  department: (planId: string, roundId: string, departmentId: string) =>
    `/api/plans/${encode(planId)}/rounds/${encode(roundId)}/departments/${encode(departmentId)}`,
};

export const openRoundsQuery = () =>
  queryOptions({
    queryKey: ['rounds', 'open'],
    queryFn: ({ signal }) => getJson<OpenRoundsResponse>('/api/rounds/open', signal),
    staleTime: 60_000,
  });

export const planRoundsQuery = (planId: string) =>
  queryOptions({
    queryKey: ['plans', planId, 'rounds'],
    queryFn: ({ signal }) => getJson<RoundListResponse>(roundPaths.plan(planId), signal),
  });

export const roundBoardQuery = (planId: string, roundId: string) =>
  queryOptions({
    queryKey: ['plans', planId, 'rounds', roundId],
    queryFn: ({ signal }) => getJson<RoundBoardResponse>(roundPaths.round(planId, roundId), signal),
  });

export const roundEvaluationQuery = (planId: string, roundId: string) =>
  queryOptions({
    queryKey: ['plans', planId, 'rounds', roundId, 'evaluation'],
    queryFn: ({ signal }) =>
      getJson<RoundEvaluationResponse>(`${roundPaths.round(planId, roundId)}/evaluation`, signal),
    staleTime: Number.POSITIVE_INFINITY,
  });

export const departmentProgressQuery = (planId: string, roundId: string, departmentId: string) =>
  queryOptions({
    queryKey: ['plans', planId, 'rounds', roundId, 'departments', departmentId],
    queryFn: ({ signal }) =>
      getJson<DepartmentProgressResponse>(roundPaths.department(planId, roundId, departmentId), signal),
    // The clerk's own edits update it in place; refetching would only disturb rows being typed in.
    staleTime: Number.POSITIVE_INFINITY,
  });

export const actionEvidenceQuery = (planId: string, actionKey: string) =>
  queryOptions({
    queryKey: ['plans', planId, 'actions', actionKey, 'evidence'],
    queryFn: ({ signal }) =>
      getJson<{ evidence: EvidenceView[] }>(
        `/api/plans/${encode(planId)}/actions/${encode(actionKey)}/evidence`,
        signal,
      ),
  });

/** Sends a file as the request body (the server reads its type from the bytes). */
export async function uploadEvidenceFile({
  planId,
  roundId,
  departmentId,
  actionKey,
  file,
  caption,
}: {
  planId: string;
  roundId: string;
  departmentId: string;
  actionKey: string;
  file: File;
  caption: string;
}): Promise<{ evidence: EvidenceView; submission: SubmissionView }> {
  const query = new URLSearchParams({ actionKey, fileName: file.name });
  if (caption.trim()) query.set('caption', caption.trim());
  let response: Response;
  try {
    response = await fetch(`${roundPaths.department(planId, roundId, departmentId)}/evidence?${query}`, {
      method: 'POST',
      headers: { accept: 'application/json', 'content-type': 'application/octet-stream' },
      body: file,
      credentials: 'same-origin',
    });
  } catch {
    throw new ApiError({ status: 0, code: 'network', message: roundsMessages[getLocale()]['api.network'] });
  }
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const error = (body as { error?: { code?: string; message?: string } } | null)?.error;
    throw new ApiError({
      status: response.status,
      code: error?.code ?? `http.${response.status}`,
      message: error?.message ?? roundsMessages[getLocale()]['api.uploadFailed'],
    });
  }
  return body as { evidence: EvidenceView; submission: SubmissionView };
}
