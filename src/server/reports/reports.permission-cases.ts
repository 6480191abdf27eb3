import { ADMINS, EVERY_MEMBER, OWN_DEPARTMENT, type PermissionCase } from '../permission-matrix.fixture.js';

/*
 * The matrix plan's action a1 is owned by `digital` (editorOwn's department) and `citizens`
 * (editorOther's), so both editors may write its report; a2 is owned by `tax` alone, so neither may.
 * Each write reads the current version first.
 */

function patchReport(actionKey: string): PermissionCase['request'] {
  return async (context) => {
    const current = await context.send('superAdmin', {
      method: 'GET',
      url: `/api/plans/${context.planId}/actions/${actionKey}/report`,
    });
    const { version } = current.json<{ version: number }>();
    return {
      method: 'PATCH',
      url: `/api/plans/${context.planId}/actions/${actionKey}/report`,
      payload: { version, outcome: '権限の確認' },
    };
  };
}

export const reportPermissionCases: PermissionCase[] = [
  {
    route: 'GET /api/plans/:planId/reports',
    allowed: EVERY_MEMBER,
    request: (context) => ({ method: 'GET', url: `/api/plans/${context.planId}/reports` }),
  },
  {
    route: 'GET /api/plans/:planId/reports/:kind',
    allowed: EVERY_MEMBER,
    request: (context) => ({ method: 'GET', url: `/api/plans/${context.planId}/reports/round?format=xlsx` }),
  },
  {
    route: 'GET /api/plans/:planId/stratml',
    allowed: EVERY_MEMBER,
    request: (context) => ({ method: 'GET', url: `/api/plans/${context.planId}/stratml` }),
  },
  {
    route: 'GET /api/plans/:planId/actions/:actionKey/report',
    allowed: EVERY_MEMBER,
    request: (context) => ({ method: 'GET', url: `/api/plans/${context.planId}/actions/a1/report` }),
  },
  {
    route: 'PATCH /api/plans/:planId/actions/:actionKey/report',
    allowed: [...OWN_DEPARTMENT, 'editorOther'],
    request: patchReport('a1'),
  },
  {
    route: 'PATCH /api/plans/:planId/actions/:actionKey/report',
    allowed: ADMINS,
    request: patchReport('a2'),
  },
];
