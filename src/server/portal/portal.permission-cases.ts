import { ADMINS, type PermissionCase } from '../permission-matrix.fixture.js';

export const portalPermissionCases: PermissionCase[] = [
  {
    route: 'POST /api/plans/:planId/publication/publish',
    allowed: ADMINS,
    request: (context) => ({ method: 'POST', url: `/api/plans/${context.planId}/publication/publish` }),
  },
  {
    route: 'POST /api/plans/:planId/publication/withdraw',
    allowed: ADMINS,
    request: (context) => ({ method: 'POST', url: `/api/plans/${context.planId}/publication/withdraw` }),
  },
];
