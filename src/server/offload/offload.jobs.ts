import type { Report, ReportFormat } from '../reports/reports.models.js';
import type { WorkbookGrid } from '../workbook/workbook.reader.js';

/** The CPU-heavy work the server hands to its worker thread, and what each job answers. */
export interface OffloadJobs {
  readWorkbook: { input: { bytes: Uint8Array; maxRows: number }; output: WorkbookGrid };
  renderReport: { input: { report: Report; format: ReportFormat }; output: Uint8Array };
}

export type OffloadJobName = keyof OffloadJobs;

export interface OffloadRequest<N extends OffloadJobName = OffloadJobName> {
  id: number;
  job: N;
  input: OffloadJobs[N]['input'];
}

export type OffloadReply =
  | { id: number; output: unknown }
  | { id: number; error: { name: string; message: string } };
