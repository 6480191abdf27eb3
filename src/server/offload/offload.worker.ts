import { parentPort } from 'node:worker_threads';
import { renderReport } from '../reports/reports.render.js';
import { readWorkbookGrid } from '../workbook/workbook.reader.js';
import type { OffloadJobName, OffloadJobs, OffloadReply, OffloadRequest } from './offload.jobs.js';

const handlers: {
  [N in OffloadJobName]: (input: OffloadJobs[N]['input']) => Promise<OffloadJobs[N]['output']>;
} = {
  readWorkbook: (input) => readWorkbookGrid(input),
  renderReport: (input) => renderReport(input),
};

const port = parentPort;
if (!port) throw new Error('offload.worker.ts runs only as a worker thread');

port.on('message', async ({ id, job, input }: OffloadRequest) => {
  try {
    const handler = handlers[job] as (input: unknown) => Promise<unknown>;
    port.postMessage({ id, output: await handler(input) } satisfies OffloadReply);
  } catch (error) {
    const name = error instanceof Error ? error.name : 'Error';
    const message = error instanceof Error ? error.message : String(error);
    port.postMessage({ id, error: { name, message } } satisfies OffloadReply);
  }
});
