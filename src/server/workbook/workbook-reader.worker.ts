import { parentPort } from 'node:worker_threads';
import { readWorkbookGrid, UnreadableWorkbookError } from './workbook.reader.js';

export interface ReadRequest {
  id: number;
  bytes: Uint8Array;
  maxRows: number;
}

export type ReadReply =
  | { id: number; grid: Awaited<ReturnType<typeof readWorkbookGrid>> }
  | { id: number; error: { unreadable: boolean; message: string } };

const port = parentPort;
if (!port) throw new Error('workbook-reader.worker.ts runs only as a worker thread');

port.on('message', async ({ id, bytes, maxRows }: ReadRequest) => {
  try {
    const grid = await readWorkbookGrid({ bytes, maxRows });
    port.postMessage({ id, grid } satisfies ReadReply);
  } catch (error) {
    port.postMessage({
      id,
      error: {
        unreadable: error instanceof UnreadableWorkbookError,
        message: error instanceof Error ? error.message : String(error),
      },
    } satisfies ReadReply);
  }
});
