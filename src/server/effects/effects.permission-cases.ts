import {
  ADMINS,
  EVERY_MEMBER,
  type MatrixContext,
  OWN_DEPARTMENT,
  type PermissionCase,
} from '../permission-matrix.fixture.js';
import { createTestBprProject, createTestFundingList, createTestSeries } from './effects.test-fixtures.js';

const base = (context: MatrixContext) => `/api/municipalities/${context.municipalityId}`;

/** A project whose one row belongs to the department `editorOwn` keeps. */
async function projectWithOwnRow(context: MatrixContext) {
  const detail = await createTestBprProject({
    db: context.db,
    municipalityId: context.municipalityId,
    departmentId: context.ownDepartmentId,
  });
  return { project: detail.project, result: detail.results[0]! };
}

function resultBody(context: MatrixContext) {
  return {
    number: '2',
    process: '国民健康保険事業の実施状況報告',
    departmentId: context.ownDepartmentId,
    hoursBefore: 31,
    hoursAfter: 1,
    statedHoursSaved: null,
    statedReductionRate: null,
    note: null,
    actionIds: [],
  };
}

export const effectsPermissionCases: PermissionCase[] = [
  {
    route: 'GET /api/municipalities/:municipalityId/effects/options',
    allowed: EVERY_MEMBER,
    request: (context) => ({ method: 'GET', url: `${base(context)}/effects/options` }),
  },
  {
    route: 'GET /api/municipalities/:municipalityId/effects/report-sections',
    allowed: EVERY_MEMBER,
    request: (context) => ({ method: 'GET', url: `${base(context)}/effects/report-sections` }),
  },
  {
    route: 'GET /api/municipalities/:municipalityId/effects/:tableKind/:tableId/csv',
    allowed: EVERY_MEMBER,
    request: async (context) => {
      const { project } = await projectWithOwnRow(context);
      return { method: 'GET', url: `${base(context)}/effects/bpr/${project.id}/csv` };
    },
  },
  {
    route: 'POST /api/municipalities/:municipalityId/effects/:tableKind/:tableId/publish',
    allowed: ADMINS,
    request: async (context) => {
      const { project } = await projectWithOwnRow(context);
      return {
        method: 'POST',
        url: `${base(context)}/effects/bpr/${project.id}/publish`,
        payload: { published: true, version: project.version },
      };
    },
  },
  {
    route: 'GET /api/municipalities/:municipalityId/bpr-projects',
    allowed: EVERY_MEMBER,
    request: (context) => ({ method: 'GET', url: `${base(context)}/bpr-projects` }),
  },
  {
    route: 'POST /api/municipalities/:municipalityId/bpr-projects',
    allowed: ADMINS,
    request: (context) => ({
      method: 'POST',
      url: `${base(context)}/bpr-projects`,
      payload: {
        title: 'BPR',
        fy: 2024,
        source: null,
        note: null,
        statedHoursSaved: null,
        statedReductionRate: null,
      },
    }),
  },
  {
    route: 'GET /api/municipalities/:municipalityId/bpr-projects/:projectId',
    allowed: EVERY_MEMBER,
    request: async (context) => {
      const { project } = await projectWithOwnRow(context);
      return { method: 'GET', url: `${base(context)}/bpr-projects/${project.id}` };
    },
  },
  {
    route: 'PATCH /api/municipalities/:municipalityId/bpr-projects/:projectId',
    allowed: ADMINS,
    request: async (context) => {
      const { project } = await projectWithOwnRow(context);
      return {
        method: 'PATCH',
        url: `${base(context)}/bpr-projects/${project.id}`,
        payload: {
          title: '改題',
          fy: 2023,
          source: null,
          note: null,
          statedHoursSaved: 1203.2,
          statedReductionRate: 40,
          version: project.version,
        },
      };
    },
  },
  {
    route: 'POST /api/municipalities/:municipalityId/bpr-projects/:projectId/archive',
    allowed: ADMINS,
    request: async (context) => {
      const { project } = await projectWithOwnRow(context);
      return {
        method: 'POST',
        url: `${base(context)}/bpr-projects/${project.id}/archive`,
        payload: { version: project.version },
      };
    },
  },
  {
    route: 'POST /api/municipalities/:municipalityId/bpr-projects/:projectId/results',
    // An editor adds rows of its own department: the row here is `digital`, editorOwn's.
    allowed: OWN_DEPARTMENT,
    request: async (context) => {
      const { project } = await projectWithOwnRow(context);
      return {
        method: 'POST',
        url: `${base(context)}/bpr-projects/${project.id}/results`,
        payload: resultBody(context),
      };
    },
  },
  {
    route: 'PATCH /api/municipalities/:municipalityId/bpr-projects/:projectId/results/:resultId',
    allowed: OWN_DEPARTMENT,
    request: async (context) => {
      const { project, result } = await projectWithOwnRow(context);
      return {
        method: 'PATCH',
        url: `${base(context)}/bpr-projects/${project.id}/results/${result.id}`,
        payload: { ...resultBody(context), hoursAfter: 2, version: result.version },
      };
    },
  },
  {
    route: 'POST /api/municipalities/:municipalityId/bpr-projects/:projectId/results/:resultId/archive',
    allowed: OWN_DEPARTMENT,
    request: async (context) => {
      const { project, result } = await projectWithOwnRow(context);
      return {
        method: 'POST',
        url: `${base(context)}/bpr-projects/${project.id}/results/${result.id}/archive`,
        payload: { version: result.version },
      };
    },
  },
  {
    route: 'GET /api/municipalities/:municipalityId/series',
    allowed: EVERY_MEMBER,
    request: (context) => ({ method: 'GET', url: `${base(context)}/series` }),
  },
  {
    route: 'POST /api/municipalities/:municipalityId/series',
    allowed: ADMINS,
    request: (context) => ({
      method: 'POST',
      url: `${base(context)}/series`,
      payload: {
        title: '推移',
        description: null,
        columns: [{ key: 'sheets', label: '枚数', unit: '枚' }],
        source: null,
        note: null,
      },
    }),
  },
  {
    route: 'GET /api/municipalities/:municipalityId/series/:seriesId',
    allowed: EVERY_MEMBER,
    request: async (context) => {
      const { series } = await createTestSeries({ db: context.db, municipalityId: context.municipalityId });
      return { method: 'GET', url: `${base(context)}/series/${series.id}` };
    },
  },
  {
    route: 'PATCH /api/municipalities/:municipalityId/series/:seriesId',
    allowed: ADMINS,
    request: async (context) => {
      const { series } = await createTestSeries({ db: context.db, municipalityId: context.municipalityId });
      return {
        method: 'PATCH',
        url: `${base(context)}/series/${series.id}`,
        payload: {
          title: '改題',
          description: null,
          columns: series.columns,
          source: null,
          note: null,
          version: series.version,
        },
      };
    },
  },
  {
    route: 'POST /api/municipalities/:municipalityId/series/:seriesId/archive',
    allowed: ADMINS,
    request: async (context) => {
      const { series } = await createTestSeries({ db: context.db, municipalityId: context.municipalityId });
      return {
        method: 'POST',
        url: `${base(context)}/series/${series.id}/archive`,
        payload: { version: series.version },
      };
    },
  },
  {
    route: 'POST /api/municipalities/:municipalityId/series/:seriesId/rows',
    allowed: ADMINS,
    request: async (context) => {
      const { series } = await createTestSeries({ db: context.db, municipalityId: context.municipalityId });
      return {
        method: 'POST',
        url: `${base(context)}/series/${series.id}/rows`,
        payload: {
          fy: 2024,
          values: { budget: 19_976_000 },
          statedValues: null,
          statedChanges: null,
          note: null,
        },
      };
    },
  },
  {
    route: 'PATCH /api/municipalities/:municipalityId/series/:seriesId/rows/:rowId',
    allowed: ADMINS,
    request: async (context) => {
      const detail = await createTestSeries({
        db: context.db,
        municipalityId: context.municipalityId,
        withRow: true,
      });
      const row = detail.rows[0]!;
      return {
        method: 'PATCH',
        url: `${base(context)}/series/${detail.series.id}/rows/${row.id}`,
        payload: {
          fy: row.fy,
          values: row.entered,
          statedValues: null,
          statedChanges: null,
          note: '修正',
          version: row.version,
        },
      };
    },
  },
  {
    route: 'POST /api/municipalities/:municipalityId/series/:seriesId/rows/:rowId/archive',
    allowed: ADMINS,
    request: async (context) => {
      const detail = await createTestSeries({
        db: context.db,
        municipalityId: context.municipalityId,
        withRow: true,
      });
      const row = detail.rows[0]!;
      return {
        method: 'POST',
        url: `${base(context)}/series/${detail.series.id}/rows/${row.id}/archive`,
        payload: { version: row.version },
      };
    },
  },
  {
    route: 'GET /api/municipalities/:municipalityId/funding-lists',
    allowed: EVERY_MEMBER,
    request: (context) => ({ method: 'GET', url: `${base(context)}/funding-lists` }),
  },
  {
    route: 'POST /api/municipalities/:municipalityId/funding-lists',
    allowed: ADMINS,
    request: (context) => ({
      method: 'POST',
      url: `${base(context)}/funding-lists`,
      payload: {
        kind: 'budget',
        title: '当初予算',
        fy: 2024,
        program: null,
        source: null,
        note: null,
        statedProjectCost: null,
        statedGrantAmount: null,
        statedBudgetAmount: null,
      },
    }),
  },
  {
    route: 'GET /api/municipalities/:municipalityId/funding-lists/:listId',
    allowed: EVERY_MEMBER,
    request: async (context) => {
      const { list } = await createTestFundingList({
        db: context.db,
        municipalityId: context.municipalityId,
      });
      return { method: 'GET', url: `${base(context)}/funding-lists/${list.id}` };
    },
  },
  {
    route: 'PATCH /api/municipalities/:municipalityId/funding-lists/:listId',
    allowed: ADMINS,
    request: async (context) => {
      const { list } = await createTestFundingList({
        db: context.db,
        municipalityId: context.municipalityId,
      });
      return {
        method: 'PATCH',
        url: `${base(context)}/funding-lists/${list.id}`,
        payload: {
          title: list.title,
          fy: list.fy,
          program: list.program,
          source: null,
          note: null,
          statedProjectCost: 219_541_000,
          statedGrantAmount: 118_948_000,
          statedBudgetAmount: null,
          version: list.version,
        },
      };
    },
  },
  {
    route: 'POST /api/municipalities/:municipalityId/funding-lists/:listId/archive',
    allowed: ADMINS,
    request: async (context) => {
      const { list } = await createTestFundingList({
        db: context.db,
        municipalityId: context.municipalityId,
      });
      return {
        method: 'POST',
        url: `${base(context)}/funding-lists/${list.id}/archive`,
        payload: { version: list.version },
      };
    },
  },
  {
    route: 'POST /api/municipalities/:municipalityId/funding-lists/:listId/items',
    allowed: ADMINS,
    request: async (context) => {
      const { list } = await createTestFundingList({
        db: context.db,
        municipalityId: context.municipalityId,
      });
      return {
        method: 'POST',
        url: `${base(context)}/funding-lists/${list.id}/items`,
        payload: {
          number: '3',
          name: 'チームかしたら ローカルSDGs推進事業',
          summary: null,
          type: '地方創生推進タイプ',
          projectCost: 14_244_000,
          grantAmount: 7_122_000,
          budgetAmount: null,
          subsidyRate: { numerator: 1, denominator: 2 },
          note: null,
          actionIds: [],
        },
      };
    },
  },
  {
    route: 'PATCH /api/municipalities/:municipalityId/funding-lists/:listId/items/:itemId',
    allowed: ADMINS,
    request: async (context) => {
      const detail = await createTestFundingList({
        db: context.db,
        municipalityId: context.municipalityId,
        withItem: true,
      });
      const item = detail.items[0]!;
      return {
        method: 'PATCH',
        url: `${base(context)}/funding-lists/${detail.list.id}/items/${item.id}`,
        payload: {
          number: item.number,
          name: item.name,
          summary: item.summary,
          type: item.type,
          projectCost: item.projectCost,
          grantAmount: item.grantAmount,
          budgetAmount: null,
          subsidyRate: item.subsidyRate,
          note: '修正',
          actionIds: [],
          version: item.version,
        },
      };
    },
  },
  {
    route: 'POST /api/municipalities/:municipalityId/funding-lists/:listId/items/:itemId/archive',
    allowed: ADMINS,
    request: async (context) => {
      const detail = await createTestFundingList({
        db: context.db,
        municipalityId: context.municipalityId,
        withItem: true,
      });
      const item = detail.items[0]!;
      return {
        method: 'POST',
        url: `${base(context)}/funding-lists/${detail.list.id}/items/${item.id}/archive`,
        payload: { version: item.version },
      };
    },
  },
  {
    route: 'PUT /api/plans/:planId/actions/:actionKey/kpis/:kpiKey/source',
    allowed: ADMINS,
    request: async (context) => {
      const { project } = await projectWithOwnRow(context);
      return {
        method: 'PUT',
        url: `/api/plans/${context.planId}/actions/a1/kpis/applications/source`,
        // Whoever comes first links it; the others then meet a version conflict, which is not a refusal.
        payload: {
          source: { kind: 'bpr_project', bprProjectId: project.id, metric: 'hours_saved' },
          version: null,
        },
      };
    },
  },
  {
    route: 'GET /api/plans/:planId/actions/:actionKey/effects',
    allowed: EVERY_MEMBER,
    request: (context) => ({ method: 'GET', url: `/api/plans/${context.planId}/actions/a1/effects` }),
  },
];
