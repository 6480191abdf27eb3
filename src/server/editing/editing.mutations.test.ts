import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type {
  ActionEditingResponse,
  ActionRecord,
  ActualRecord,
  KpiRecord,
  NodeRecord,
  PlanOutlineResponse,
  TaskRecord,
} from './editing.schemas.js';
import { createEditingContext, type EditingContext } from './editing.test-fixtures.js';

/*
 * Every editing route, the same way: a visitor gets 401, a malformed request 400 (before anyone's rights
 * are looked at), an editor 403, and the admin's change leaves exactly one history entry and moves the
 * plan's revision on.
 */

let context: EditingContext;

beforeAll(async () => {
  context = await createEditingContext();
});

afterAll(async () => {
  await context?.close();
});

const unknownId = '00000000-0000-4000-8000-000000000000';

async function readEditing(actionKey: string): Promise<ActionEditingResponse> {
  const response = await context.send('admin', {
    method: 'GET',
    url: `/api/plans/${context.planId}/actions/${actionKey}/editing`,
  });
  return response.json<ActionEditingResponse>();
}

async function adminJson<T>(options: InjectOptions): Promise<T> {
  const response = await context.send('admin', options);
  expect(response.statusCode, response.body).toBeLessThan(300);
  return response.json<T>();
}

describe('reading for editing', () => {
  test.each([
    ['the outline', () => `/api/plans/${context.planId}/outline`, () => '/api/plans/not-a-plan/outline'],
    [
      'an action',
      () => `/api/plans/${context.planId}/actions/a1/editing`,
      () => `/api/plans/${context.planId}/actions/${'x'.repeat(65)}/editing`,
    ],
  ])(
    '%s: 401 for a visitor, 400 for a malformed address, 403 for a viewer, 200 for the admin',
    async (_name, url, badUrl) => {
      expect((await context.send('visitor', { method: 'GET', url: url() })).statusCode).toBe(401);
      expect((await context.send('admin', { method: 'GET', url: badUrl() })).statusCode).toBe(400);
      expect((await context.send('viewer', { method: 'GET', url: url() })).statusCode).toBe(403);
      const response = await context.send('admin', { method: 'GET', url: url() });
      expect(response.statusCode).toBe(200);
      expect(response.headers['cache-control']).toBe('no-store');
    },
  );

  test('an unknown plan and an unknown action are 404s', async () => {
    expect(
      (await context.send('admin', { method: 'GET', url: `/api/plans/${unknownId}/outline` })).statusCode,
    ).toBe(404);
    const action = await context.send('admin', {
      method: 'GET',
      url: `/api/plans/${context.planId}/actions/no-such/editing`,
    });
    expect(action.statusCode).toBe(404);
    expect(action.json().error.code).toBe('action.not_found');
  });
});

interface Mutation {
  name: string;
  subjectType: string;
  operation: string;
  /** The request, made afresh (each one needs the current version). */
  build: () => Promise<InjectOptions>;
  /** The same request made malformed. */
  malformed: (options: InjectOptions) => InjectOptions;
}

const withBody = (options: InjectOptions, payload: Record<string, unknown>): InjectOptions => ({
  ...options,
  payload: { ...(options.payload as Record<string, unknown>), ...payload },
});

const mutations: Mutation[] = [
  {
    name: 'PUT node',
    subjectType: 'node',
    operation: 'update',
    build: async () => {
      const { nodes } = await adminJson<PlanOutlineResponse>({
        method: 'GET',
        url: `/api/plans/${context.planId}/outline`,
      });
      const node = nodes.find((item) => item.key === 'work')!;
      return {
        method: 'PUT',
        url: `/api/plans/${context.planId}/nodes/${node.id}`,
        payload: { title: 'しごと（改）', version: node.version },
      };
    },
    malformed: (options) => withBody(options, { title: 'x'.repeat(201) }),
  },
  {
    name: 'move node',
    subjectType: 'node',
    operation: 'move',
    build: async () => {
      const { nodes } = await adminJson<PlanOutlineResponse>({
        method: 'GET',
        url: `/api/plans/${context.planId}/outline`,
      });
      const node = nodes.find((item) => item.key === 'work')!;
      return {
        method: 'POST',
        url: `/api/plans/${context.planId}/nodes/${node.id}/move`,
        payload: { parentId: null, position: 0, version: node.version },
      };
    },
    malformed: (options) => withBody(options, { position: -1 }),
  },
  {
    name: 'archive node',
    subjectType: 'node',
    operation: 'archive',
    build: async () => {
      const node = await adminJson<NodeRecord>({
        method: 'POST',
        url: `/api/plans/${context.planId}/nodes`,
        payload: { title: '空のテーマ', parentId: null },
      });
      return {
        method: 'POST',
        url: `/api/plans/${context.planId}/nodes/${node.id}/archive`,
        payload: { version: node.version },
      };
    },
    malformed: (options) => ({ ...options, payload: {} }),
  },
  {
    name: 'move action',
    subjectType: 'action',
    operation: 'move',
    build: async () => {
      const { action } = await readEditing('a1');
      return {
        method: 'POST',
        url: `/api/plans/${context.planId}/actions/a1/move`,
        payload: { parentId: action.nodeId, position: 1, version: action.version },
      };
    },
    malformed: (options) => withBody(options, { parentId: 'not-a-node' }),
  },
  {
    name: 'PUT action',
    subjectType: 'action',
    operation: 'update',
    build: async () => {
      const { action } = await readEditing('a3');
      const { id: _id, key: _key, nodeId: _node, position: _position, ...fields } = action;
      return {
        method: 'PUT',
        url: `/api/plans/${context.planId}/actions/a3`,
        payload: { ...fields, target: '全職員がテレワークできる' },
      };
    },
    malformed: (options) => withBody(options, { status: 'finished' }),
  },
  {
    name: 'archive action',
    subjectType: 'action',
    operation: 'archive',
    build: async () => {
      const action = await adminJson<ActionRecord>({
        method: 'POST',
        url: `/api/plans/${context.planId}/actions`,
        payload: { number: '90', title: '外すアクション', owners: [], nodeId: null },
      });
      return {
        method: 'POST',
        url: `/api/plans/${context.planId}/actions/${action.key}/archive`,
        payload: { version: action.version },
      };
    },
    malformed: (options) => withBody(options, { version: 0 }),
  },
  {
    name: 'PUT task',
    subjectType: 'task',
    operation: 'update',
    build: async () => {
      const { tasks } = await readEditing('a1');
      const { id, key: _key, position: _position, ...fields } = tasks[0]!;
      return {
        method: 'PUT',
        url: `/api/plans/${context.planId}/tasks/${id}`,
        payload: { ...fields, planText: '対象手続きの洗い出し（全庁）' },
      };
    },
    malformed: (options) => withBody(options, { fy: 'R6' }),
  },
  {
    name: 'archive task',
    subjectType: 'task',
    operation: 'archive',
    build: async () => {
      const task = await adminJson<TaskRecord>({
        method: 'POST',
        url: `/api/plans/${context.planId}/actions/a1/tasks`,
        payload: { fy: 2026, department: 'digital', planText: '外すタスク', progress: null },
      });
      return {
        method: 'POST',
        url: `/api/plans/${context.planId}/tasks/${task.id}/archive`,
        payload: { version: task.version },
      };
    },
    malformed: (options) => ({ ...options, url: `/api/plans/${context.planId}/tasks/not-a-task/archive` }),
  },
  {
    name: 'POST kpi',
    subjectType: 'kpi',
    operation: 'create',
    build: async () => ({
      method: 'POST',
      url: `/api/plans/${context.planId}/actions/a3/kpis`,
      payload: {
        name: 'テレワーク実施率',
        unit: '%',
        direction: 'increase',
        target: { value: 50, fy: 2026 },
      },
    }),
    malformed: (options) => withBody(options, { direction: 'up' }),
  },
  {
    name: 'PUT kpi',
    subjectType: 'kpi',
    operation: 'update',
    build: async () => {
      const { kpis } = await readEditing('a1');
      const kpi = kpis.find((item) => item.key === 'paperless')!;
      return {
        method: 'PUT',
        url: `/api/plans/${context.planId}/kpis/${kpi.id}`,
        payload: {
          name: kpi.name,
          unit: kpi.unit,
          direction: kpi.direction,
          target: { value: 100, fy: 2026 },
          version: kpi.version,
        },
      };
    },
    malformed: (options) => withBody(options, { target: { value: 'たくさん', fy: 2026 } }),
  },
  {
    name: 'archive kpi',
    subjectType: 'kpi',
    operation: 'archive',
    build: async () => {
      const kpi = await adminJson<KpiRecord>({
        method: 'POST',
        url: `/api/plans/${context.planId}/actions/a1/kpis`,
        payload: { name: '外す指標', unit: '件', direction: 'increase', target: { value: 1, fy: 2026 } },
      });
      return {
        method: 'POST',
        url: `/api/plans/${context.planId}/kpis/${kpi.id}/archive`,
        payload: { version: kpi.version },
      };
    },
    malformed: (options) => withBody(options, { version: 'latest' }),
  },
  {
    name: 'POST actual',
    subjectType: 'kpi_actual',
    operation: 'create',
    build: async () => {
      const { kpis } = await readEditing('a1');
      return {
        method: 'POST',
        url: `/api/plans/${context.planId}/kpis/${kpis[0]!.id}/actuals`,
        payload: { value: 1900, date: '2025-09-30' },
      };
    },
    malformed: (options) => withBody(options, { date: '令和7年9月30日' }),
  },
  {
    name: 'PUT actual',
    subjectType: 'kpi_actual',
    operation: 'update',
    build: async () => {
      const { kpis } = await readEditing('a1');
      const actual = kpis[0]!.actuals[0]!;
      return {
        method: 'PUT',
        url: `/api/plans/${context.planId}/actuals/${actual.id}`,
        payload: { value: 1550, date: actual.date, version: actual.version },
      };
    },
    malformed: (options) => withBody(options, { value: Number.NaN.toString() }),
  },
  {
    name: 'archive actual',
    subjectType: 'kpi_actual',
    operation: 'archive',
    build: async () => {
      const { kpis } = await readEditing('a1');
      const actual = await adminJson<ActualRecord>({
        method: 'POST',
        url: `/api/plans/${context.planId}/kpis/${kpis[0]!.id}/actuals`,
        payload: { value: 1, date: '2026-03-31' },
      });
      return {
        method: 'POST',
        url: `/api/plans/${context.planId}/actuals/${actual.id}/archive`,
        payload: { version: actual.version },
      };
    },
    malformed: (options) => ({ ...options, payload: { version: 1.5 } }),
  },
];

describe('every editing change', () => {
  test.each(mutations.map((mutation) => [mutation.name, mutation] as const))(
    '%s: 401 → 400 → 403 → one history entry and a new revision',
    async (_name, mutation) => {
      const request = await mutation.build();
      expect((await context.send('visitor', request)).statusCode).toBe(401);
      const malformed = await context.send('admin', mutation.malformed(request));
      expect(malformed.statusCode).toBe(400);
      expect(malformed.json().error.code).toBe('request.invalid');
      expect(malformed.json().error.issues.length).toBeGreaterThan(0);
      expect((await context.send('editor', request)).statusCode).toBe(403);

      const entriesBefore = (await context.readAudit()).length;
      const revisionBefore = await context.readRevision();
      const response = await context.send('admin', request);

      expect(response.statusCode, response.body).toBe(mutation.operation === 'create' ? 201 : 200);
      const entries = await context.readAudit();
      expect(entries.length - entriesBefore).toBe(1);
      expect(entries[0]).toMatchObject({
        subjectType: mutation.subjectType,
        operation: mutation.operation,
        planId: context.planId,
        actorUserId: context.userIds.admin,
      });
      expect(entries[0]!.summary.length).toBeGreaterThan(0);
      if (mutation.subjectType !== 'node') expect(entries[0]!.actionKey).not.toBeNull();
      expect(await context.readRevision()).toBe(revisionBefore! + 1);
    },
  );

  test('a refused change leaves no history entry and no new revision', async () => {
    const entriesBefore = (await context.readAudit()).length;
    const revisionBefore = await context.readRevision();
    const { action } = await readEditing('a1');
    const { id: _id, key: _key, nodeId: _node, position: _position, ...fields } = action;

    const stale = await context.send('admin', {
      method: 'PUT',
      url: `/api/plans/${context.planId}/actions/a1`,
      payload: { ...fields, version: action.version - 1 },
    });
    const unknownOwner = await context.send('admin', {
      method: 'PUT',
      url: `/api/plans/${context.planId}/actions/a1`,
      payload: { ...fields, owners: ['nobody'] },
    });

    expect(stale.statusCode).toBe(409);
    expect(unknownOwner.statusCode).toBe(400);
    expect((await context.readAudit()).length).toBe(entriesBefore);
    expect(await context.readRevision()).toBe(revisionBefore);
  });
});
