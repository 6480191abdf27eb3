import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { DatabaseConnection } from '../../db/database.js';
import { createTestDatabase } from '../../db/test-database.js';
import type { PlanDocumentInput } from '../../domain/plan.schemas.js';
import { buildPlanDocumentInput, TEST_MUNICIPALITY_CODES } from './plans.test-fixtures.js';
import { exportPlanDocument, importPlanDocument, importSamplePlansIfEmpty } from './plans.usecases.js';

let connection: DatabaseConnection;

beforeAll(async () => {
  connection = await createTestDatabase();
});

afterAll(async () => {
  await connection?.close();
});

describe('importPlanDocument', () => {
  test('when the document has errors, each is reported with its JSON path and nothing is stored', async () => {
    const input = buildPlanDocumentInput({ slug: 'invalid' }) as PlanDocumentInput & {
      plan: { nodes: [{ children: [{ actions: [{ tasks: { progress: number | null }[] }] }] }] };
    };
    input.plan.nodes[0].children[0].actions[0].tasks[1]!.progress = 120;

    const attempt = importPlanDocument({ db: connection.db, input });

    await expect(attempt).rejects.toMatchObject({
      code: 'plan.invalid_document',
      issues: [
        { path: 'plan.nodes[0].children[0].actions[0].tasks[1].progress', message: '100以下にしてください' },
      ],
    });
  });

  test('something that is not a plan document at all is rejected, not stored', async () => {
    await expect(importPlanDocument({ db: connection.db, input: [1, 2, 3] })).rejects.toMatchObject({
      code: 'plan.invalid_document',
    });
  });

  test('importing the same plan twice needs replace', async () => {
    const input = buildPlanDocumentInput({ code: TEST_MUNICIPALITY_CODES[1], slug: 'twice' });
    const first = await importPlanDocument({ db: connection.db, input });

    await expect(importPlanDocument({ db: connection.db, input })).rejects.toMatchObject({
      code: 'plan.already_exists',
    });
    const second = await importPlanDocument({ db: connection.db, input, replace: true });
    expect(second).toMatchObject({ planId: first.planId, revision: 2, replaced: true });
  });
});

describe('exportPlanDocument', () => {
  test('an unknown plan is plan.not_found', async () => {
    await expect(
      exportPlanDocument({ db: connection.db, actor: null, planId: '00000000-0000-4000-8000-000000000000' }),
    ).rejects.toMatchObject({ code: 'plan.not_found' });
  });
});

describe('importSamplePlansIfEmpty', () => {
  test('on an empty database every sample is imported, a broken one reported, and nothing happens later', async () => {
    const empty = await createTestDatabase();
    const directory = mkdtempSync(join(tmpdir(), 'kiseki-samples-'));
    try {
      writeFileSync(join(directory, 'a.json'), JSON.stringify(buildPlanDocumentInput({ slug: 'sample-a' })));
      writeFileSync(join(directory, 'b.json'), '{ not json');
      writeFileSync(join(directory, 'notes.txt'), 'ignored');

      const first = await importSamplePlansIfEmpty({ db: empty.db, directory });
      const second = await importSamplePlansIfEmpty({ db: empty.db, directory });

      expect(first).toHaveLength(2);
      expect(first?.[0]).toMatchObject({ file: 'a.json', title: '試験市DX推進計画' });
      expect(first?.[1]?.file).toBe('b.json');
      expect(first?.[1]?.error).toBeDefined();
      expect(second).toBeNull();
    } finally {
      rmSync(directory, { recursive: true, force: true });
      await empty.close();
    }
  });
});
