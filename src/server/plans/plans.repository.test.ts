import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { DatabaseConnection } from '../../db/database.js';
import { createTestDatabase } from '../../db/test-database.js';
import { AppError } from '../../domain/app-error.js';
import { planDocumentSchema } from '../../domain/plan.schemas.js';
import { listMunicipalities } from '../municipalities/municipalities.repository.js';
import { getPlanRevision, listPlans, loadPlanDocument, savePlanDocument } from './plans.repository.js';
import { buildPlanDocument, TEST_MUNICIPALITY_CODES } from './plans.test-fixtures.js';

let connection: DatabaseConnection;

beforeAll(async () => {
  connection = await createTestDatabase();
});

afterAll(async () => {
  await connection?.close();
});

describe('savePlanDocument and loadPlanDocument', () => {
  test('a saved plan loads back as the same document, every optional field and number intact', async () => {
    const document = buildPlanDocument({ code: TEST_MUNICIPALITY_CODES[0], slug: 'round-trip' });

    const saved = await savePlanDocument({ db: connection.db, document });
    const stored = await loadPlanDocument({ db: connection.db, planId: saved.planId });

    expect(stored?.revision).toBe(1);
    expect(stored?.document).toStrictEqual(document);
    expect(planDocumentSchema.parse(stored?.document)).toStrictEqual(document);
  });

  test('a plan with the same slug in the same municipality is rejected with plan.already_exists', async () => {
    const document = buildPlanDocument({ code: TEST_MUNICIPALITY_CODES[0], slug: 'duplicate' });
    await savePlanDocument({ db: connection.db, document });

    const attempt = savePlanDocument({ db: connection.db, document });

    await expect(attempt).rejects.toBeInstanceOf(AppError);
    await expect(attempt).rejects.toMatchObject({ code: 'plan.already_exists' });
  });

  test('replacing a plan keeps its id, bumps its revision and leaves nothing of the old content', async () => {
    const original = buildPlanDocument({ code: TEST_MUNICIPALITY_CODES[0], slug: 'replaced' });
    const first = await savePlanDocument({ db: connection.db, document: original });
    const changed = buildPlanDocument({
      code: TEST_MUNICIPALITY_CODES[0],
      slug: 'replaced',
      title: '改訂版',
    });
    changed.plan.nodes = changed.plan.nodes.slice(1);

    const second = await savePlanDocument({ db: connection.db, document: changed, replace: true });
    const stored = await loadPlanDocument({ db: connection.db, planId: second.planId });

    expect(second).toMatchObject({ planId: first.planId, revision: 2, replaced: true });
    expect(await getPlanRevision({ db: connection.db, planId: first.planId })).toBe(2);
    expect(stored?.document).toStrictEqual(changed);
  });

  test('a failed save leaves the database as it was', async () => {
    const document = buildPlanDocument({ code: TEST_MUNICIPALITY_CODES[0], slug: 'atomic' });
    await savePlanDocument({ db: connection.db, document });
    const broken = buildPlanDocument({ code: TEST_MUNICIPALITY_CODES[0], slug: 'atomic', title: '壊れた版' });
    broken.plan.actions[0]!.tasks[0]!.department = 'no-such-department';

    await expect(savePlanDocument({ db: connection.db, document: broken, replace: true })).rejects.toThrow();

    const plans = await listPlans({ db: connection.db, municipalityCode: TEST_MUNICIPALITY_CODES[0] });
    const atomic = plans.find((plan) => plan.slug === 'atomic');
    const stored = await loadPlanDocument({ db: connection.db, planId: atomic!.id });
    expect(stored?.revision).toBe(1);
    expect(stored?.document).toStrictEqual(document);
  });

  test('an unknown plan id loads as null', async () => {
    const stored = await loadPlanDocument({
      db: connection.db,
      planId: '00000000-0000-4000-8000-000000000000',
    });

    expect(stored).toBeNull();
  });
});

describe('listPlans and listMunicipalities', () => {
  test('plans filtered by municipality never include another municipality’s plan', async () => {
    const a = await savePlanDocument({
      db: connection.db,
      document: buildPlanDocument({
        code: TEST_MUNICIPALITY_CODES[1],
        municipalityName: 'A市',
        slug: 'shared-slug',
      }),
    });
    const b = await savePlanDocument({
      db: connection.db,
      document: buildPlanDocument({
        code: TEST_MUNICIPALITY_CODES[2],
        municipalityName: 'B市',
        slug: 'shared-slug',
      }),
    });

    const plansOfB = await listPlans({ db: connection.db, municipalityCode: TEST_MUNICIPALITY_CODES[2] });

    expect(plansOfB.map((plan) => plan.id)).toEqual([b.planId]);
    expect(plansOfB.map((plan) => plan.id)).not.toContain(a.planId);
    expect(plansOfB[0]).toMatchObject({
      slug: 'shared-slug',
      period: { startFy: 2023, endFy: 2026 },
      actionCount: 4,
      municipality: { code: TEST_MUNICIPALITY_CODES[2], name: 'B市', prefecture: '福岡県' },
    });
  });

  test('municipalities are listed by code with their number of plans', async () => {
    const municipalities = await listMunicipalities({ db: connection.db });

    const codes = municipalities.map((municipality) => municipality.code);
    expect(codes).toEqual([...codes].sort());
    expect(municipalities.find((m) => m.code === TEST_MUNICIPALITY_CODES[1])).toMatchObject({
      name: 'A市',
      planCount: 1,
    });
  });
});
