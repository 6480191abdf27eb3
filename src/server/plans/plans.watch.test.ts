import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { DatabaseConnection } from '../../db/database.js';
import { createTestDatabase } from '../../db/test-database.js';
import { buildSuperAdminActor } from '../test-support.js';
import { createPlanViewCache, watchPlanChanges } from './plans.cache.js';
import { buildPlanDocumentInput, TEST_MUNICIPALITY_CODES } from './plans.test-fixtures.js';
import { getPlanDetail, importPlanDocument } from './plans.usecases.js';

let connection: DatabaseConnection;
const actor = buildSuperAdminActor();

beforeAll(async () => {
  connection = await createTestDatabase();
});

afterAll(async () => {
  await connection?.close();
});

async function waitFor(condition: () => Promise<boolean>): Promise<void> {
  for (let attempt = 0; attempt < 200; attempt++) {
    if (await condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error('condition not met within 2 s');
}

describe('a watched plan view cache', () => {
  test('serves repeated requests from memory and shows a replaced plan once the change is announced', async () => {
    const cache = createPlanViewCache();
    const stopWatching = await watchPlanChanges({ connection, cache });
    try {
      const input = buildPlanDocumentInput({ slug: 'watched', code: TEST_MUNICIPALITY_CODES[1] });
      const saved = await importPlanDocument({ db: connection.db, input });
      const first = await getPlanDetail({ db: connection.db, cache, actor, planId: saved.planId });
      const second = await getPlanDetail({ db: connection.db, cache, actor, planId: saved.planId });
      expect(second).toBe(first);
      expect(cache.stats().loads).toBe(1);

      const changed = structuredClone(input);
      changed.plan.title = '差し替え後の計画名';
      await importPlanDocument({ db: connection.db, input: changed, replace: true });
      await waitFor(
        async () =>
          (await getPlanDetail({ db: connection.db, cache, actor, planId: saved.planId })).body.plan.title ===
          '差し替え後の計画名',
      );
      expect(cache.stats().loads).toBe(2);
    } finally {
      await stopWatching();
    }
  });

  test('without notifications the cache checks the revision and still never serves a stale plan', async () => {
    const cache = createPlanViewCache();
    const input = buildPlanDocumentInput({ slug: 'unwatched', code: TEST_MUNICIPALITY_CODES[2] });
    const saved = await importPlanDocument({ db: connection.db, input });
    await getPlanDetail({ db: connection.db, cache, actor, planId: saved.planId });
    const changed = structuredClone(input);
    changed.plan.title = '別の計画名';
    await importPlanDocument({ db: connection.db, input: changed, replace: true });
    const detail = await getPlanDetail({ db: connection.db, cache, actor, planId: saved.planId });
    expect(detail.body.plan.title).toBe('別の計画名');
  });
});
