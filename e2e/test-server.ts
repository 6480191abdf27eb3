import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import type { Database } from '../src/db/database.js';
import { createTestDatabase } from '../src/db/test-database.js';
import { buildApp } from '../src/server/app.js';
import { importEffectsSamples } from '../src/server/effects/effects.samples.js';
import { importPlanDocument } from '../src/server/plans/plans.usecases.js';
import { createTestUser, type TestUser } from '../src/server/test-support.js';

const samplesDir = new URL('../samples/', import.meta.url);
const webRoot = new URL('../dist/web/', import.meta.url);

/**
 * The real application on a fresh database (PGlite, or PostgreSQL when TEST_DATABASE_URL is set) with the
 * sample plans imported and a super-admin to log in with, listening on a free port of the loopback
 * interface.
 */
export async function startTestServer(): Promise<{
  url: string;
  db: Database;
  planIds: Map<string, string>;
  admin: TestUser;
  close: () => Promise<void>;
}> {
  if (!existsSync(new URL('index.html', webRoot))) {
    throw new Error('dist/web がありません。先に `npm run build:web` を実行してください');
  }
  const connection = await createTestDatabase();
  const planIds = new Map<string, string>();
  for (const file of (await readdir(samplesDir)).filter((name) => name.endsWith('.json')).sort()) {
    const input = JSON.parse(await readFile(new URL(file, samplesDir), 'utf8'));
    const saved = await importPlanDocument({ db: connection.db, input });
    planIds.set(saved.document.plan.slug, saved.planId);
  }
  await importEffectsSamples({ db: connection.db, directory: new URL('effects/', samplesDir).pathname });
  const admin = await createTestUser({
    db: connection.db,
    login: 'e2e-admin',
    displayName: 'デジタル戦略課 管理者',
    superAdmin: true,
  });
  const app = await buildApp({ db: connection.db, webRoot: webRoot.pathname });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = app.server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    db: connection.db,
    planIds,
    admin,
    close: async () => {
      await app.close();
      await connection.close();
    },
  };
}
