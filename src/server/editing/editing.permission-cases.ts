import { randomUUID } from 'node:crypto';
import { ADMINS, type MatrixContext, type PermissionCase } from '../permission-matrix.fixture.js';
import { buildSuperAdminActor } from '../test-support.js';
import {
  archiveAction,
  archiveActual,
  archiveKpi,
  archiveTask,
  createAction,
  createActual,
  createKpi,
  createTask,
  getActionEditing,
} from './action-editing.usecases.js';
import { archiveNode, createNode, getPlanOutline } from './editing.usecases.js';

/*
 * Plan editing is the DX office's (`plan.edit`): the super-admin and the municipality's admin, nobody
 * else. Each request that changes or archives something gets a record of its own, made as the operator.
 */

const operator = buildSuperAdminActor();

async function createFreshNode(context: MatrixContext) {
  return createNode({
    db: context.db,
    actor: operator,
    planId: context.planId,
    input: { title: '権限確認用の階層', parentId: null },
  });
}

async function createFreshAction(context: MatrixContext) {
  return createAction({
    db: context.db,
    actor: operator,
    planId: context.planId,
    input: {
      number: `P${randomUUID().slice(0, 6)}`,
      title: '権限確認用のアクション',
      owners: ['digital'],
      nodeId: null,
    },
  });
}

async function createFreshTask(context: MatrixContext) {
  const action = await createFreshAction(context);
  const task = await createTask({
    db: context.db,
    actor: operator,
    planId: context.planId,
    actionKey: action.key,
    input: { fy: 2024, department: 'digital', planText: '権限確認', progress: null },
  });
  return { action, task };
}

async function createFreshKpi(context: MatrixContext) {
  const action = await createFreshAction(context);
  const kpi = await createKpi({
    db: context.db,
    actor: operator,
    planId: context.planId,
    actionKey: action.key,
    input: { name: '権限確認の指標', unit: '件', direction: 'increase', target: { value: 10, fy: 2026 } },
  });
  return { action, kpi };
}

async function createFreshActual(context: MatrixContext) {
  const { kpi } = await createFreshKpi(context);
  return createActual({
    db: context.db,
    actor: operator,
    planId: context.planId,
    kpiId: kpi.id,
    input: { value: 5, date: '2025-03-31' },
  });
}

export const editingPermissionCases: PermissionCase[] = [
  {
    route: 'POST /api/municipalities/:municipalityId/plans',
    allowed: ADMINS,
    request: (context) => ({
      method: 'POST',
      url: `/api/municipalities/${context.municipalityId}/plans`,
      payload: {
        slug: `plan-${randomUUID().slice(0, 8)}`,
        title: '新しい計画',
        period: { startFy: 2025, endFy: 2027 },
        levels: ['柱'],
        actionLevel: 'アクション',
        evaluation: {
          ratingScale: [
            { key: 'done', label: '達成', min: 100 },
            { key: 'short', label: '未達', min: 0 },
          ],
          basisOrder: ['kpi', 'assessment', 'tasks'],
          defaultKpiBasis: 'ratio',
          kpiAggregation: 'mean',
          taskAggregation: 'task_mean',
        },
      },
    }),
  },
  {
    route: 'GET /api/plans/:planId/outline',
    allowed: ADMINS,
    request: (context) => ({ method: 'GET', url: `/api/plans/${context.planId}/outline` }),
  },
  {
    route: 'PUT /api/plans/:planId/settings',
    allowed: ADMINS,
    request: async (context) => {
      const { plan } = await getPlanOutline({ db: context.db, actor: operator, planId: context.planId });
      const { id: _id, municipalityId: _municipality, revision: _revision, ...settings } = plan;
      return { method: 'PUT', url: `/api/plans/${context.planId}/settings`, payload: settings };
    },
  },
  {
    route: 'POST /api/plans/:planId/nodes',
    allowed: ADMINS,
    request: (context) => ({
      method: 'POST',
      url: `/api/plans/${context.planId}/nodes`,
      payload: { title: '新しいテーマ', parentId: null },
    }),
  },
  {
    route: 'PUT /api/plans/:planId/nodes/:nodeId',
    allowed: ADMINS,
    request: async (context) => {
      const node = await createFreshNode(context);
      return {
        method: 'PUT',
        url: `/api/plans/${context.planId}/nodes/${node.id}`,
        payload: { title: '名称を変更', version: node.version },
      };
    },
  },
  {
    route: 'POST /api/plans/:planId/nodes/:nodeId/move',
    allowed: ADMINS,
    request: async (context) => {
      const node = await createFreshNode(context);
      return {
        method: 'POST',
        url: `/api/plans/${context.planId}/nodes/${node.id}/move`,
        payload: { parentId: null, position: 0, version: node.version },
      };
    },
  },
  {
    route: 'POST /api/plans/:planId/nodes/:nodeId/archive',
    allowed: ADMINS,
    request: async (context) => {
      const node = await createFreshNode(context);
      return {
        method: 'POST',
        url: `/api/plans/${context.planId}/nodes/${node.id}/archive`,
        payload: { version: node.version },
      };
    },
  },
  {
    route: 'POST /api/plans/:planId/actions',
    allowed: ADMINS,
    request: (context) => ({
      method: 'POST',
      url: `/api/plans/${context.planId}/actions`,
      payload: { number: '99', title: '新しいアクション', owners: ['digital'], nodeId: null },
    }),
  },
  {
    route: 'GET /api/plans/:planId/actions/:actionKey/editing',
    allowed: ADMINS,
    request: (context) => ({ method: 'GET', url: `/api/plans/${context.planId}/actions/a1/editing` }),
  },
  {
    route: 'PUT /api/plans/:planId/actions/:actionKey',
    allowed: ADMINS,
    request: async (context) => {
      const { action } = await getActionEditing({
        db: context.db,
        actor: operator,
        planId: context.planId,
        actionKey: 'a1',
      });
      const { id: _id, key: _key, nodeId: _node, position: _position, ...fields } = action;
      return { method: 'PUT', url: `/api/plans/${context.planId}/actions/a1`, payload: fields };
    },
  },
  {
    route: 'POST /api/plans/:planId/actions/:actionKey/move',
    allowed: ADMINS,
    request: async (context) => {
      const action = await createFreshAction(context);
      return {
        method: 'POST',
        url: `/api/plans/${context.planId}/actions/${action.key}/move`,
        payload: { parentId: null, position: 0, version: action.version },
      };
    },
  },
  {
    route: 'POST /api/plans/:planId/actions/:actionKey/archive',
    allowed: ADMINS,
    request: async (context) => {
      const action = await createFreshAction(context);
      return {
        method: 'POST',
        url: `/api/plans/${context.planId}/actions/${action.key}/archive`,
        payload: { version: action.version },
      };
    },
  },
  {
    route: 'POST /api/plans/:planId/actions/:actionKey/tasks',
    allowed: ADMINS,
    request: (context) => ({
      method: 'POST',
      url: `/api/plans/${context.planId}/actions/a1/tasks`,
      payload: { fy: 2025, department: 'digital', planText: '追加のタスク', progress: null },
    }),
  },
  {
    route: 'PUT /api/plans/:planId/tasks/:taskId',
    allowed: ADMINS,
    request: async (context) => {
      const { task } = await createFreshTask(context);
      const { id: _id, key: _key, position: _position, ...fields } = task;
      return {
        method: 'PUT',
        url: `/api/plans/${context.planId}/tasks/${task.id}`,
        payload: { ...fields, progress: 50 },
      };
    },
  },
  {
    route: 'POST /api/plans/:planId/tasks/:taskId/archive',
    allowed: ADMINS,
    request: async (context) => {
      const { task } = await createFreshTask(context);
      return {
        method: 'POST',
        url: `/api/plans/${context.planId}/tasks/${task.id}/archive`,
        payload: { version: task.version },
      };
    },
  },
  {
    route: 'POST /api/plans/:planId/actions/:actionKey/kpis',
    allowed: ADMINS,
    request: (context) => ({
      method: 'POST',
      url: `/api/plans/${context.planId}/actions/a1/kpis`,
      payload: { name: '追加の指標', unit: '%', direction: 'increase', target: { value: 80, fy: 2026 } },
    }),
  },
  {
    route: 'PUT /api/plans/:planId/kpis/:kpiId',
    allowed: ADMINS,
    request: async (context) => {
      const { kpi } = await createFreshKpi(context);
      return {
        method: 'PUT',
        url: `/api/plans/${context.planId}/kpis/${kpi.id}`,
        payload: {
          name: kpi.name,
          unit: kpi.unit,
          direction: kpi.direction,
          target: { value: 20, fy: 2026 },
          version: kpi.version,
        },
      };
    },
  },
  {
    route: 'POST /api/plans/:planId/kpis/:kpiId/archive',
    allowed: ADMINS,
    request: async (context) => {
      const { kpi } = await createFreshKpi(context);
      return {
        method: 'POST',
        url: `/api/plans/${context.planId}/kpis/${kpi.id}/archive`,
        payload: { version: kpi.version },
      };
    },
  },
  {
    route: 'POST /api/plans/:planId/kpis/:kpiId/actuals',
    allowed: ADMINS,
    request: async (context) => {
      const { kpi } = await createFreshKpi(context);
      return {
        method: 'POST',
        url: `/api/plans/${context.planId}/kpis/${kpi.id}/actuals`,
        payload: { value: 7, date: '2025-09-30' },
      };
    },
  },
  {
    route: 'PUT /api/plans/:planId/actuals/:actualId',
    allowed: ADMINS,
    request: async (context) => {
      const actual = await createFreshActual(context);
      return {
        method: 'PUT',
        url: `/api/plans/${context.planId}/actuals/${actual.id}`,
        payload: { value: 8, date: actual.date, version: actual.version },
      };
    },
  },
  {
    route: 'POST /api/plans/:planId/actuals/:actualId/archive',
    allowed: ADMINS,
    request: async (context) => {
      const actual = await createFreshActual(context);
      return {
        method: 'POST',
        url: `/api/plans/${context.planId}/actuals/${actual.id}/archive`,
        payload: { version: actual.version },
      };
    },
  },
  {
    route: 'GET /api/plans/:planId/archived',
    allowed: ADMINS,
    request: (context) => ({ method: 'GET', url: `/api/plans/${context.planId}/archived` }),
  },
  {
    route: 'POST /api/plans/:planId/nodes/:nodeId/restore',
    allowed: ADMINS,
    request: async (context) => {
      const node = await createFreshNode(context);
      await archiveNode({
        db: context.db,
        actor: operator,
        planId: context.planId,
        nodeId: node.id,
        version: node.version,
      });
      return {
        method: 'POST',
        url: `/api/plans/${context.planId}/nodes/${node.id}/restore`,
        payload: { version: node.version + 1 },
      };
    },
  },
  {
    route: 'POST /api/plans/:planId/actions/:actionKey/restore',
    allowed: ADMINS,
    request: async (context) => {
      const action = await createFreshAction(context);
      await archiveAction({
        db: context.db,
        actor: operator,
        planId: context.planId,
        actionKey: action.key,
        version: action.version,
      });
      return {
        method: 'POST',
        url: `/api/plans/${context.planId}/actions/${action.key}/restore`,
        payload: { version: action.version + 1 },
      };
    },
  },
  {
    route: 'POST /api/plans/:planId/tasks/:taskId/restore',
    allowed: ADMINS,
    request: async (context) => {
      const { task } = await createFreshTask(context);
      await archiveTask({
        db: context.db,
        actor: operator,
        planId: context.planId,
        taskId: task.id,
        version: task.version,
      });
      return {
        method: 'POST',
        url: `/api/plans/${context.planId}/tasks/${task.id}/restore`,
        payload: { version: task.version + 1 },
      };
    },
  },
  {
    route: 'POST /api/plans/:planId/kpis/:kpiId/restore',
    allowed: ADMINS,
    request: async (context) => {
      const { kpi } = await createFreshKpi(context);
      await archiveKpi({
        db: context.db,
        actor: operator,
        planId: context.planId,
        kpiId: kpi.id,
        version: kpi.version,
      });
      return {
        method: 'POST',
        url: `/api/plans/${context.planId}/kpis/${kpi.id}/restore`,
        payload: { version: kpi.version + 1 },
      };
    },
  },
  {
    route: 'POST /api/plans/:planId/actuals/:actualId/restore',
    allowed: ADMINS,
    request: async (context) => {
      const actual = await createFreshActual(context);
      await archiveActual({
        db: context.db,
        actor: operator,
        planId: context.planId,
        actualId: actual.id,
        version: actual.version,
      });
      return {
        method: 'POST',
        url: `/api/plans/${context.planId}/actuals/${actual.id}/restore`,
        payload: { version: actual.version + 1 },
      };
    },
  },
];
