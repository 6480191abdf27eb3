import { EVERY_MEMBER, type PermissionCase } from '../permission-matrix.fixture.js';

export const auditPermissionCases: PermissionCase[] = [
  {
    route: 'GET /api/municipalities/:municipalityId/audit',
    allowed: EVERY_MEMBER,
    request: (context) => ({ method: 'GET', url: `/api/municipalities/${context.municipalityId}/audit` }),
  },
];
