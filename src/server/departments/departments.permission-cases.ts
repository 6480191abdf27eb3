import { randomUUID } from 'node:crypto';
import {
  ADMINS,
  EVERY_MEMBER,
  type MatrixContext,
  type PermissionCase,
} from '../permission-matrix.fixture.js';
import { buildSuperAdminActor } from '../test-support.js';
import { createDepartment } from './departments.usecases.js';

async function createFreshDepartment(context: MatrixContext) {
  return createDepartment({
    db: context.db,
    actor: buildSuperAdminActor(),
    municipalityId: context.municipalityId,
    input: { name: `権限確認課${randomUUID().slice(0, 4)}`, parentId: null },
  });
}

export const departmentPermissionCases: PermissionCase[] = [
  {
    route: 'GET /api/municipalities/:municipalityId/departments',
    allowed: EVERY_MEMBER,
    request: (context) => ({
      method: 'GET',
      url: `/api/municipalities/${context.municipalityId}/departments`,
    }),
  },
  {
    route: 'POST /api/municipalities/:municipalityId/departments',
    allowed: ADMINS,
    request: (context) => ({
      method: 'POST',
      url: `/api/municipalities/${context.municipalityId}/departments`,
      payload: { name: '新しい課', parentId: context.departmentIds.get('general-affairs') },
    }),
  },
  {
    route: 'PUT /api/municipalities/:municipalityId/departments/:departmentId',
    allowed: ADMINS,
    request: async (context) => {
      const department = await createFreshDepartment(context);
      return {
        method: 'PUT',
        url: `/api/municipalities/${context.municipalityId}/departments/${department.id}`,
        payload: { name: `${department.name}（改称）`, parentId: null, version: department.version },
      };
    },
  },
  {
    route: 'POST /api/municipalities/:municipalityId/departments/:departmentId/archive',
    allowed: ADMINS,
    request: async (context) => {
      const department = await createFreshDepartment(context);
      return {
        method: 'POST',
        url: `/api/municipalities/${context.municipalityId}/departments/${department.id}/archive`,
        payload: { version: department.version },
      };
    },
  },
];
