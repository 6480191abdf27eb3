import { EVERY_MEMBER, type PermissionCase } from '../permission-matrix.fixture.js';

export const historyPermissionCases: PermissionCase[] = [
  {
    route: 'GET /api/plans/:planId/history/people',
    allowed: EVERY_MEMBER,
    request: (context) => ({ method: 'GET', url: `/api/plans/${context.planId}/history/people` }),
  },
];
