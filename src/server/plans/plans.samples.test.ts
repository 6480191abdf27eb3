import { readdirSync, readFileSync } from 'node:fs';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { DatabaseConnection } from '../../db/database.js';
import { createTestDatabase } from '../../db/test-database.js';
import { planDocumentSchema } from '../../domain/plan.schemas.js';
import { buildApp } from '../app.js';
import { createTestUser, loginAs } from '../test-support.js';
import type { ActionDetailResponse, PlanDetailResponse } from './plans.schemas.js';
import { exportPlanDocument, importPlanDocument } from './plans.usecases.js';

/*
 * 嘉麻市's evaluation method (seed 001) works two actions through by hand; the API must give the same
 * figures from the sample plan: action 6 rated by its KPI, action 13 by its overall assessment.
 */

const samplePath = new URL('../../../samples/kama-digital-plan-1.json', import.meta.url);

let connection: DatabaseConnection;
let app: FastifyInstance;
let planId: string;
let cookie: string;

function request(options: InjectOptions) {
  return app.inject({ ...options, headers: { cookie, ...options.headers } });
}

beforeAll(async () => {
  connection = await createTestDatabase();
  app = await buildApp({ db: connection.db });
  cookie = await loginAs({ app, user: await createTestUser({ db: connection.db, superAdmin: true }) });
  const saved = await importPlanDocument({
    db: connection.db,
    input: JSON.parse(readFileSync(samplePath, 'utf8')),
  });
  planId = saved.planId;
});

afterAll(async () => {
  await app?.close();
  await connection?.close();
});

async function getAction(actionKey: string): Promise<ActionDetailResponse> {
  const response = await request({ url: `/api/plans/${planId}/actions/${actionKey}` });
  expect(response.statusCode).toBe(200);
  return response.json<ActionDetailResponse>();
}

describe('the 嘉麻市 sample plan through the API', () => {
  test('action 6 is rated by its KPI: KPI 83.3, tasks 90.0, 概ね達成', async () => {
    const { evaluation } = await getAction('action-06');

    expect(evaluation.kpi.result?.shown).toBe(83.3);
    expect(evaluation.tasks.result?.shown).toBe(90);
    expect(evaluation.basis).toBe('kpi');
    expect(evaluation.rating.label).toBe('概ね達成');
  });

  test('action 13 is rated by its assessment: tasks 54.2, assessment 70.0, やや未達', async () => {
    const { evaluation } = await getAction('action-13');

    expect(evaluation.tasks.result?.shown).toBe(54.2);
    expect(evaluation.assessment.result?.shown).toBe(70);
    expect(evaluation.basis).toBe('assessment');
    expect(evaluation.rating.label).toBe('やや未達');
  });

  test('the plan page shows the same three rates for those actions as their own pages', async () => {
    const detail = (await request({ url: `/api/plans/${planId}` })).json<PlanDetailResponse>();
    const summaries = detail.nodes.flatMap((pillar) => [
      ...pillar.actions,
      ...pillar.children.flatMap((measure) => measure.actions),
    ]);

    expect(detail.plan.actionCount).toBe(50);
    expect(summaries.find((action) => action.number === '6')).toMatchObject({
      basis: 'kpi',
      kpiShown: 83.3,
      tasksShown: 90,
      rating: { label: '概ね達成' },
    });
    expect(summaries.find((action) => action.number === '13')).toMatchObject({
      basis: 'assessment',
      tasksShown: 54.2,
      assessmentShown: 70,
      rating: { label: 'やや未達' },
    });
  });
});

const samplesDirectory = new URL('../../../samples/', import.meta.url);
const sampleFiles = readdirSync(samplesDirectory).filter((name) => name.endsWith('.json'));

test.each(sampleFiles)(
  '%s exports as the document that was imported (without its $schema hint)',
  async (file) => {
    const input: unknown = JSON.parse(readFileSync(new URL(file, samplesDirectory), 'utf8'));
    const { $schema: _schemaHint, ...expected } = planDocumentSchema.parse(input);
    const other = await createTestDatabase();
    try {
      const saved = await importPlanDocument({ db: other.db, input });

      const exported = await exportPlanDocument({ db: other.db, actor: null, planId: saved.planId });

      expect(planDocumentSchema.parse(JSON.parse(JSON.stringify(exported)))).toStrictEqual(expected);
    } finally {
      await other.close();
    }
  },
);
