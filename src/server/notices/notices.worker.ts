import type { Database } from '../../db/database.js';
import type { NoticeDeployment, NoticeTransport } from './notices.transport.js';
import { deliverDueNotices, queueDueReminders } from './notices.usecases.js';

export interface NoticeWorker {
  /** One pass: queue the reminders that are due, then deliver what is due. */
  runOnce: () => Promise<{ queued: number; sent: number; failed: number }>;
  start: () => void;
  /** Stops the loop and waits for a pass in progress to finish. */
  stop: () => Promise<void>;
}

/**
 * The loop that empties the outbox. Started by the server (src/server/main.ts); tests drive `runOnce`
 * with their own clock. A pass that fails (the database is briefly gone) is logged and the loop goes on.
 */
export function createNoticeWorker({
  db,
  deployment,
  transport,
  clock = () => new Date(),
  intervalMs = 30_000,
  onError = () => {},
}: {
  db: Database;
  deployment: NoticeDeployment;
  transport: NoticeTransport;
  clock?: () => Date;
  intervalMs?: number;
  onError?: (error: unknown) => void;
}): NoticeWorker {
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<unknown> | null = null;
  let stopped = true;

  const runOnce = async () => {
    const queued = await queueDueReminders({ db, deployment, now: clock() });
    const { sent, failed } = await deliverDueNotices({ db, transport, now: clock() });
    return { queued, sent, failed };
  };

  const tick = () => {
    timer = null;
    running = runOnce()
      .catch(onError)
      .finally(() => {
        running = null;
        if (!stopped) timer = setTimeout(tick, intervalMs);
      });
  };

  return {
    runOnce,
    start: () => {
      if (!stopped) return;
      stopped = false;
      timer = setTimeout(tick, 0);
    },
    stop: async () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = null;
      await running;
    },
  };
}
