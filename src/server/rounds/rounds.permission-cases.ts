import { eq } from 'drizzle-orm';
import {
  ADMINS,
  EVERY_MEMBER,
  type MatrixContext,
  OWN_DEPARTMENT,
  type PermissionCase,
} from '../permission-matrix.fixture.js';
import { actionsTable, kpisTable, tasksTable } from '../plans/plans.table.js';
import { insertKpiActual } from './progress.repository.js';
import { findRound } from './rounds.repository.js';
import {
  getClosedMatrixRound,
  getEditableMatrixDepartment,
  getMatrixDepartment,
  getMatrixRound,
  importFreshPlan,
  openFreshRound,
  setSubmissionStatus,
} from './rounds.test-fixtures.js';

/** A different figure on each request, so that each allowed save is a real change. */
let figure = 0;
function nextFigure(): number {
  figure = (figure + 7) % 100;
  return figure;
}

async function currentVersion(
  context: MatrixContext,
  table: typeof tasksTable | typeof kpisTable,
  id: string,
) {
  const [row] = await context.db.select({ version: table.version }).from(table).where(eq(table.id, id));
  return row!.version;
}

export const roundPermissionCases: PermissionCase[] = [
  {
    route: 'GET /api/rounds/open',
    allowed: [...EVERY_MEMBER, 'otherAdmin'],
    request: () => ({ method: 'GET', url: '/api/rounds/open' }),
  },
  {
    route: 'GET /api/plans/:planId/rounds',
    allowed: EVERY_MEMBER,
    request: (context) => ({ method: 'GET', url: `/api/plans/${context.planId}/rounds` }),
  },
  {
    route: 'POST /api/plans/:planId/rounds',
    allowed: ADMINS,
    request: async (context) => ({
      method: 'POST',
      url: `/api/plans/${await importFreshPlan(context)}/rounds`,
      payload: { fy: 2024, month: 9, dueDate: '2024-10-15' },
    }),
  },
  {
    route: 'GET /api/plans/:planId/rounds/:roundId',
    allowed: EVERY_MEMBER,
    request: async (context) => {
      const round = await getMatrixRound(context);
      return { method: 'GET', url: `/api/plans/${round.planId}/rounds/${round.roundId}` };
    },
  },
  {
    route: 'PATCH /api/plans/:planId/rounds/:roundId',
    allowed: ADMINS,
    request: async (context) => {
      const round = await getMatrixRound(context);
      const current = await findRound({ db: context.db, planId: round.planId, roundId: round.roundId });
      return {
        method: 'PATCH',
        url: `/api/plans/${round.planId}/rounds/${round.roundId}`,
        payload: { dueDate: '2024-10-20', note: '期限を延長しました', version: current!.version },
      };
    },
  },
  {
    route: 'POST /api/plans/:planId/rounds/:roundId/close',
    allowed: ADMINS,
    request: async (context) => {
      const round = await openFreshRound(context);
      return {
        method: 'POST',
        url: `/api/plans/${round.planId}/rounds/${round.roundId}/close`,
        payload: { version: round.version },
      };
    },
  },
  {
    route: 'GET /api/plans/:planId/rounds/:roundId/evaluation',
    allowed: EVERY_MEMBER,
    request: async (context) => {
      const round = await getClosedMatrixRound(context);
      return { method: 'GET', url: `/api/plans/${round.planId}/rounds/${round.roundId}/evaluation` };
    },
  },
  {
    route: 'GET /api/plans/:planId/rounds/:roundId/departments/:departmentId',
    allowed: EVERY_MEMBER,
    request: async (context) => ({ method: 'GET', url: (await getMatrixDepartment(context)).url }),
  },
  {
    route: 'PATCH /api/plans/:planId/rounds/:roundId/departments/:departmentId/tasks/:taskId',
    allowed: OWN_DEPARTMENT,
    request: async (context) => {
      const { round, url } = await getEditableMatrixDepartment(context);
      return {
        method: 'PATCH',
        url: `${url}/tasks/${round.taskId}`,
        payload: {
          progress: nextFigure(),
          comment: '',
          version: await currentVersion(context, tasksTable, round.taskId),
          // Comments are never written in the matrix: the comment's version stays 0.
          commentVersion: 0,
        },
      };
    },
  },
  {
    route: 'POST /api/plans/:planId/rounds/:roundId/departments/:departmentId/kpis/:kpiId/actuals',
    allowed: OWN_DEPARTMENT,
    request: async (context) => {
      const { round, url } = await getEditableMatrixDepartment(context);
      return {
        method: 'POST',
        url: `${url}/kpis/${round.kpiId}/actuals`,
        payload: {
          value: 1700,
          date: '2024-09-30',
          kpiVersion: await currentVersion(context, kpisTable, round.kpiId),
        },
      };
    },
  },
  {
    route: 'PATCH /api/plans/:planId/rounds/:roundId/departments/:departmentId/kpis/:kpiId/actuals/:actualId',
    allowed: OWN_DEPARTMENT,
    request: async (context) => {
      const { round, url } = await getEditableMatrixDepartment(context);
      const actual = await insertKpiActual({
        db: context.db,
        kpi: { id: round.kpiId },
        municipalityId: context.municipalityId,
        planId: round.planId,
        values: { value: 1600, date: '2024-08-31', note: null },
      });
      return {
        method: 'PATCH',
        url: `${url}/kpis/${round.kpiId}/actuals/${actual.id}`,
        payload: {
          value: 1650,
          date: '2024-08-31',
          kpiVersion: await currentVersion(context, kpisTable, round.kpiId),
        },
      };
    },
  },
  {
    route:
      'POST /api/plans/:planId/rounds/:roundId/departments/:departmentId/kpis/:kpiId/actuals/:actualId/archive',
    allowed: OWN_DEPARTMENT,
    request: async (context) => {
      const { round, url } = await getEditableMatrixDepartment(context);
      const actual = await insertKpiActual({
        db: context.db,
        kpi: { id: round.kpiId },
        municipalityId: context.municipalityId,
        planId: round.planId,
        values: { value: 1600, date: '2024-08-31', note: null },
      });
      return {
        method: 'POST',
        url: `${url}/kpis/${round.kpiId}/actuals/${actual.id}/archive`,
        payload: { kpiVersion: await currentVersion(context, kpisTable, round.kpiId) },
      };
    },
  },
  {
    route: 'PUT /api/plans/:planId/rounds/:roundId/departments/:departmentId/actions/:actionKey/assessment',
    allowed: OWN_DEPARTMENT,
    request: async (context) => {
      const { round, url } = await getEditableMatrixDepartment(context);
      const [action] = await context.db
        .select({ version: actionsTable.version })
        .from(actionsTable)
        .innerJoin(tasksTable, eq(tasksTable.actionId, actionsTable.id))
        .where(eq(tasksTable.id, round.taskId));
      return {
        method: 'PUT',
        url: `${url}/actions/a1/assessment`,
        payload: { rate: nextFigure(), reason: '計画どおり', version: action!.version },
      };
    },
  },
  {
    route: 'POST /api/plans/:planId/rounds/:roundId/departments/:departmentId/submit',
    allowed: OWN_DEPARTMENT,
    request: async (context) => {
      const { round, url } = await getMatrixDepartment(context);
      const version = await setSubmissionStatus({
        db: context.db,
        roundId: round.roundId,
        departmentId: round.departmentId,
        status: 'draft',
      });
      return { method: 'POST', url: `${url}/submit`, payload: { version } };
    },
  },
  {
    route: 'POST /api/plans/:planId/rounds/:roundId/departments/:departmentId/return',
    allowed: ADMINS,
    request: async (context) => {
      const { round, url } = await getMatrixDepartment(context);
      const version = await setSubmissionStatus({
        db: context.db,
        roundId: round.roundId,
        departmentId: round.departmentId,
        status: 'submitted',
      });
      return {
        method: 'POST',
        url: `${url}/return`,
        payload: { version, comment: '根拠を追記してください' },
      };
    },
  },
  {
    route: 'POST /api/plans/:planId/rounds/:roundId/departments/:departmentId/accept',
    allowed: ADMINS,
    request: async (context) => {
      const { round, url } = await getMatrixDepartment(context);
      const version = await setSubmissionStatus({
        db: context.db,
        roundId: round.roundId,
        departmentId: round.departmentId,
        status: 'submitted',
      });
      return { method: 'POST', url: `${url}/accept`, payload: { version } };
    },
  },
];
