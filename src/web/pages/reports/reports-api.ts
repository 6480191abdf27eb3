import { queryOptions } from '@tanstack/react-query';
import type { ActionReportResponse, ReportOptionsResponse } from '../../../server/reports/reports.schemas';
import type {
  WorkbookApplyResponse,
  WorkbookPreviewResponse,
} from '../../../server/workbook/workbook.schemas';
import { ApiError, getJson } from '../../api';
import { getLocale } from '../../i18n/i18n';
import { reportsMessages } from './reports.messages';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

function planPath(planId: string): string {
  return `/api/plans/${encodeURIComponent(planId)}`;
}

export const reportOptionsQuery = (planId: string) =>
  queryOptions({
    queryKey: ['plans', planId, 'report-options'],
    queryFn: ({ signal }) => getJson<ReportOptionsResponse>(`${planPath(planId)}/reports`, signal),
  });

export const actionReportQuery = (planId: string, actionKey: string) =>
  queryOptions({
    queryKey: ['plans', planId, 'actions', actionKey, 'report'],
    queryFn: ({ signal }) =>
      getJson<ActionReportResponse>(
        `${planPath(planId)}/actions/${encodeURIComponent(actionKey)}/report`,
        signal,
      ),
  });

export function reportUrl({
  planId,
  kind,
  format,
  roundId,
}: {
  planId: string;
  kind: 'final' | 'round';
  format: 'xlsx' | 'docx' | 'pdf';
  roundId?: string | undefined;
}): string {
  const query = new URLSearchParams({ format, ...(roundId && { round: roundId }) });
  return `${planPath(planId)}/reports/${kind}?${query.toString()}`;
}

export function workbookUrl(planId: string): string {
  return `${planPath(planId)}/workbook`;
}

export function stratmlUrl(planId: string): string {
  return `${planPath(planId)}/stratml`;
}

/** Sends the chosen file as the request body; errors come back as ApiError with every issue. */
async function uploadWorkbook<T>(path: string, file: File): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, {
      method: 'POST',
      headers: { accept: 'application/json', 'content-type': XLSX_TYPE },
      body: file,
      credentials: 'same-origin',
    });
  } catch {
    throw new ApiError({ status: 0, code: 'network', message: reportsMessages[getLocale()]['api.network'] });
  }
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const error = (
      body as { error?: { code: string; message: string; issues?: { path: string; message: string }[] } }
    )?.error;
    throw new ApiError({
      status: response.status,
      code: error?.code ?? `http.${response.status}`,
      message: error?.message ?? response.statusText,
      ...(error?.issues && { issues: error.issues }),
    });
  }
  return body as T;
}

export function previewWorkbook({
  planId,
  file,
}: {
  planId: string;
  file: File;
}): Promise<WorkbookPreviewResponse> {
  return uploadWorkbook(`${planPath(planId)}/workbook/preview`, file);
}

export function applyWorkbook({
  planId,
  file,
  revision,
}: {
  planId: string;
  file: File;
  revision: number;
}): Promise<WorkbookApplyResponse> {
  return uploadWorkbook(`${planPath(planId)}/workbook/apply?revision=${revision}`, file);
}
