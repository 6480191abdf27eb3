import { Worker } from 'node:worker_threads';
import type { OffloadJobName, OffloadJobs, OffloadReply, OffloadRequest } from './offload.jobs.js';

/** An error thrown in the worker, with the name it had there (e.g. UnreadableWorkbookError). */
export class OffloadError extends Error {
  constructor(
    override readonly name: string,
    message: string,
  ) {
    super(message);
  }
}

interface Pending {
  resolve: (output: unknown) => void;
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
  const created = new Worker(new URL('./offload.worker.mjs', import.meta.url));
  created.on('message', (reply: OffloadReply) => {
    const entry = pending.get(reply.id);
    if (!entry) return;
    pending.delete(reply.id);
    if (pending.size === 0) created.unref();
    if ('output' in reply) entry.resolve(reply.output);
    else entry.reject(new OffloadError(reply.error.name, reply.error.message));
  });
  created.on('error', (error) => failAll(error));
  created.on('exit', (code) => {
    if (worker === created) failAll(new Error(`the offload worker stopped (exit code ${code})`));
  });
  worker = created;
  return created;
}

/**
 * Runs a CPU-heavy job (reading an uploaded workbook, rendering a report) on a worker thread, so that a
 * 5,000-row sheet or a 50-page PDF never stalls the requests of everyone else. One worker, started on
 * first use and kept; unreferenced while idle, so it never holds the process open. Jobs queue in order.
 */
export function runOffThread<N extends OffloadJobName>(
  job: N,
  input: OffloadJobs[N]['input'],
): Promise<OffloadJobs[N]['output']> {
  const current = getWorker();
  const id = nextId++;
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve: resolve as (output: unknown) => void, reject });
    current.ref();
    current.postMessage({ id, job, input } satisfies OffloadRequest<N>);
  });
}

/** Stops the worker (tests, a server shutting down); the next job starts a new one. */
export async function stopOffloadWorker(): Promise<void> {
  const current = worker;
  worker = null;
  if (current) await current.terminate();
}
