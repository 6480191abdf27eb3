import { Worker } from 'node:worker_threads';
import { UnreadableWorkbookError, type WorkbookGrid } from './workbook.reader.js';
import type { ReadReply, ReadRequest } from './workbook-reader.worker.js';

interface Pending {
  resolve: (grid: WorkbookGrid) => void;
  reject: (error: Error) => void;
}

let worker: Worker | null = null;
let nextId = 1;
const pending = new Map<number, Pending>();

function failAll(error: Error): void {
  for (const entry of pending.values()) entry.reject(error);
  pending.clear();
  worker = null;
}

function getWorker(): Worker {
  if (worker) return worker;
  const created = new Worker(new URL('./workbook-reader.worker.mjs', import.meta.url));
  created.on('message', (reply: ReadReply) => {
    const entry = pending.get(reply.id);
    if (!entry) return;
    pending.delete(reply.id);
    if (pending.size === 0) created.unref();
    if ('grid' in reply) entry.resolve(reply.grid);
    else if (reply.error.unreadable) entry.reject(new UnreadableWorkbookError(reply.error.message));
    else entry.reject(new Error(reply.error.message));
  });
  created.on('error', (error) => failAll(error));
  created.on('exit', (code) => {
    if (worker === created) failAll(new Error(`the workbook reader stopped (exit code ${code})`));
  });
  worker = created;
  return created;
}

/**
 * Reads an uploaded workbook on a worker thread: unzipping and parsing the XML of a 5,000-row sheet takes
 * a few hundred milliseconds of CPU, which on the main thread would stall every other request. One
 * worker, started on first use and kept (unreferenced, so it never holds the process open).
 */
export function readWorkbookOffThread({
  bytes,
  maxRows,
}: {
  bytes: Uint8Array;
  maxRows: number;
}): Promise<WorkbookGrid> {
  const current = getWorker();
  const id = nextId++;
  return new Promise<WorkbookGrid>((resolve, reject) => {
    pending.set(id, { resolve, reject });
    current.ref();
    current.postMessage({ id, bytes, maxRows } satisfies ReadRequest);
  });
}

/** Stops the reader (tests and a server shutting down); the next read starts a new one. */
export async function stopWorkbookReader(): Promise<void> {
  const current = worker;
  worker = null;
  if (current) await current.terminate();
}
