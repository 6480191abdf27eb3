import { renderReportDocx } from './reports.docx.js';
import type { Report, ReportFormat } from './reports.models.js';
import { renderReportPdf } from './reports.pdf.js';
import { renderReportXlsx } from './reports.xlsx.js';

/** The report in the asked format; CPU-bound, the server runs it on the worker thread (runOffThread). */
export async function renderReport({
  report,
  format,
}: {
  report: Report;
  format: ReportFormat;
}): Promise<Uint8Array> {
  switch (format) {
    case 'xlsx':
      return renderReportXlsx(report);
    case 'docx':
      return renderReportDocx(report);
    case 'pdf':
      return renderReportPdf(report);
  }
}
