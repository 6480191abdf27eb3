import { fileURLToPath } from 'node:url';
import { createDatabase } from '../db/database.js';
import { ensureInitialAdmin } from './accounts/accounts.usecases.js';
import { buildApp } from './app.js';
import { importEffectsSamples } from './effects/effects.samples.js';
import { createNoticeTransport, readNoticeDeployment } from './notices/notices.transport.js';
import { createNoticeWorker } from './notices/notices.worker.js';
import { createPlanViewCache, watchPlanChanges } from './plans/plans.cache.js';
import { importSamplePlansIfEmpty } from './plans/plans.usecases.js';

/*
 * Starts the server. Environment: PORT (3000), HOST (0.0.0.0), DATABASE_URL (a PostgreSQL server;
 * otherwise an embedded PGlite database in KISEKI_DATA_DIR, default ./data), LOG_LEVEL (info);
 * notices: KISEKI_SMTP_URL, KISEKI_MAIL_FROM, KISEKI_PUBLIC_URL.
 */

const samplesDirectory = fileURLToPath(new URL('../../samples', import.meta.url));
const effectsSamplesDirectory = fileURLToPath(new URL('../../samples/effects', import.meta.url));

function readPort(value: string | undefined): number {
  if (value === undefined || value === '') return 3000;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`PORT must be a port number (0–65535), got "${value}"`);
  }
  return port;
}

async function main(): Promise<void> {
  const port = readPort(process.env.PORT);
  const host = process.env.HOST || '0.0.0.0';
  const connection = await createDatabase({
    url: process.env.DATABASE_URL,
    dataDir: process.env.KISEKI_DATA_DIR || './data',
  });
  const cache = createPlanViewCache();
  const noticeDeployment = readNoticeDeployment();
  const app = await buildApp({
    db: connection.db,
    cache,
    logger: { level: process.env.LOG_LEVEL || 'info' },
    noticeDeployment,
  });
  const stopWatching = await watchPlanChanges({
    connection,
    cache,
    onLost: (error) =>
      app.log.warn({ err: error }, 'plan change notifications lost; checking revisions per request'),
  });
  app.log.info({ database: connection.kind, location: connection.location }, 'database ready');

  const imported = await importSamplePlansIfEmpty({ db: connection.db, directory: samplesDirectory });
  for (const result of imported ?? []) {
    if (result.error) app.log.warn({ file: result.file }, `sample not imported: ${result.error}`);
    else app.log.info({ file: result.file, planId: result.planId }, `sample imported: ${result.title}`);
  }
  // Effects samples only with the sample plans, on the first start: never into a municipality's own data.
  const effects = imported
    ? await importEffectsSamples({ db: connection.db, directory: effectsSamplesDirectory })
    : [];
  for (const result of effects) {
    if (result.error) app.log.warn({ file: result.file }, `effects sample not imported: ${result.error}`);
    else
      app.log.info(
        { file: result.file },
        `effects sample imported: ${result.municipality} ${result.summary}`,
      );
  }

  const initialAdmin = await ensureInitialAdmin({ db: connection.db });

  // The outbox of reminders and review notices: delivered in the background, retried until they go.
  const noticeWorker = createNoticeWorker({
    db: connection.db,
    deployment: noticeDeployment,
    transport: createNoticeTransport({ deployment: noticeDeployment }),
    onError: (error) => app.log.warn({ err: error }, 'notice delivery pass failed; trying again shortly'),
  });
  noticeWorker.start();

  let closing = false;
  const shutdown = async (signal: NodeJS.Signals) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down');
    try {
      await app.close();
      await noticeWorker.stop();
      await stopWatching();
      await connection.close();
      process.exit(0);
    } catch (error) {
      app.log.error({ err: error }, 'shutdown failed');
      process.exit(1);
    }
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);

  const address = await app.listen({ port, host });
  const shown =
    host === '0.0.0.0' || host === '::'
      ? address.replace(/\/\/[^:/]+|\/\/\[[^\]]+\]/, '//localhost')
      : address;
  process.stdout.write(`Kiseki（軌跡）: ${shown}/  (API docs: ${shown}/api/docs)\n`);
  if (initialAdmin) {
    // Printed once, on the first start of an empty database; only its hash is stored. It goes to
    // stdout rather than the structured log so that it is not shipped to a log store.
    process.stdout.write(
      [
        '',
        '初回起動のため、システム管理者アカウントを作成しました（この表示は一度だけです）:',
        `  ログインID: ${initialAdmin.login}`,
        `  パスワード: ${initialAdmin.password}`,
        '最初のログインで新しいパスワードに変更してください。',
        `First start: administrator "${initialAdmin.login}" with one-time password ${initialAdmin.password} (change it at first login).`,
        '',
      ].join('\n'),
    );
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
