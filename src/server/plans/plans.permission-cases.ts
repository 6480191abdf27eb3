import { EVERY_MEMBER, type PermissionCase } from '../permission-matrix.fixture.js';

export const planPermissionCases: PermissionCase[] = [
  {
    route: 'GET /api/municipalities',
    // Lists only the municipalities the user belongs to; nobody signed in is refused.
    allowed: [...EVERY_MEMBER, 'otherAdmin'],
    request: () => ({ method: 'GET', url: '/api/municipalities' }),
  },
  {
    route: 'GET /api/plans',
    allowed: [...EVERY_MEMBER, 'otherAdmin'],
    request: () => ({ method: 'GET', url: '/api/plans' }),
  },
  {
    route: 'GET /api/plans/:planId',
    allowed: EVERY_MEMBER,
    request: (context) => ({ method: 'GET', url: `/api/plans/${context.planId}` }),
  },
  {
    route: 'GET /api/plans/:planId/actions/:actionKey',
    allowed: EVERY_MEMBER,
    request: (context) => ({ method: 'GET', url: `/api/plans/${context.planId}/actions/a1` }),
  },
  {
    route: 'GET /api/plans/:planId/export',
    allowed: EVERY_MEMBER,
    request: (context) => ({ method: 'GET', url: `/api/plans/${context.planId}/export` }),
  },
];
