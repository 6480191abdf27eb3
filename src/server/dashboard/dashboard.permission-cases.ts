import { ADMINS, EVERY_MEMBER, type PermissionCase } from '../permission-matrix.fixture.js';
import { getPlanRevision } from '../plans/plans.repository.js';

/** The test plan's scale has three bands (達成 100, 概ね達成 80, 未達 0). */
const options = {
  basisOrder: 'tasks_first',
  assessmentReplacesTasks: true,
  kpiBasis: 'per_kpi',
  thresholds: [100, 80, 0],
} as const;

export const dashboardPermissionCases: PermissionCase[] = [
  {
    route: 'GET /api/plans/:planId/dashboard',
    allowed: EVERY_MEMBER,
    request: (context) => ({ method: 'GET', url: `/api/plans/${context.planId}/dashboard` }),
  },
  {
    route: 'POST /api/plans/:planId/what-if',
    // A what-if only reads: everyone who reads the plan may try one.
    allowed: EVERY_MEMBER,
    request: (context) => ({ method: 'POST', url: `/api/plans/${context.planId}/what-if`, payload: options }),
  },
  {
    route: 'POST /api/plans/:planId/what-if/adopt',
    allowed: ADMINS,
    request: async (context) => ({
      method: 'POST',
      url: `/api/plans/${context.planId}/what-if/adopt`,
      payload: { revision: await getPlanRevision({ db: context.db, planId: context.planId }), options },
    }),
  },
  {
    route: 'GET /api/plans/:planId/schedule',
    allowed: EVERY_MEMBER,
    request: (context) => ({ method: 'GET', url: `/api/plans/${context.planId}/schedule` }),
  },
  {
    route: 'GET /api/plans/:planId/dashboard/departments/:departmentId',
    allowed: EVERY_MEMBER,
    request: (context) => ({
      method: 'GET',
      url: `/api/plans/${context.planId}/dashboard/departments/${context.ownDepartmentId}`,
    }),
  },
  {
    route: 'GET /api/plans/:planId/actions/:actionKey/kpi-charts',
    allowed: EVERY_MEMBER,
    request: (context) => ({ method: 'GET', url: `/api/plans/${context.planId}/actions/a1/kpi-charts` }),
  },
];
