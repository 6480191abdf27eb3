import { randomUUID } from 'node:crypto';
import { ADMINS, EVERY_MEMBER, type PermissionCase } from '../permission-matrix.fixture.js';
import { createTestUser } from '../test-support.js';
import { listMembers } from './accounts.repository.js';
import { inviteUser } from './accounts.usecases.js';

async function createViewer(context: Parameters<PermissionCase['request']>[0]) {
  const user = await createTestUser({
    db: context.db,
    membership: { municipalityId: context.municipalityId, role: 'viewer' },
  });
  const member = (await listMembers({ db: context.db, municipalityId: context.municipalityId })).find(
    (m) => m.id === user.id,
  );
  return member!;
}

export const accountPermissionCases: PermissionCase[] = [
  {
    route: 'GET /api/auth/session',
    allowed: [...EVERY_MEMBER, 'otherAdmin'],
    request: () => ({ method: 'GET', url: '/api/auth/session' }),
  },
  {
    route: 'POST /api/auth/password',
    // Every signed-in user may try; a wrong current password is a 401 of its own, not a refusal.
    allowed: [...EVERY_MEMBER, 'otherAdmin'],
    request: () => ({
      method: 'POST',
      url: '/api/auth/password',
      payload: { currentPassword: 'not-the-password', newPassword: 'another long passphrase' },
    }),
  },
  {
    route: 'GET /api/municipalities/:municipalityId/members',
    allowed: ADMINS,
    request: (context) => ({ method: 'GET', url: `/api/municipalities/${context.municipalityId}/members` }),
  },
  {
    route: 'POST /api/municipalities/:municipalityId/invitations',
    allowed: ADMINS,
    request: (context) => ({
      method: 'POST',
      url: `/api/municipalities/${context.municipalityId}/invitations`,
      payload: { login: `invitee-${randomUUID().slice(0, 8)}`, displayName: '招待', role: 'viewer' },
    }),
  },
  {
    route: 'POST /api/municipalities/:municipalityId/invitations/:invitationId/revoke',
    allowed: ADMINS,
    request: async (context) => {
      const invitation = await inviteUser({
        db: context.db,
        actor: {
          userId: context.users.superAdmin.id,
          displayName: '準備',
          superAdmin: true,
          memberships: [],
        },
        municipalityId: context.municipalityId,
        input: {
          login: `revoke-${randomUUID().slice(0, 8)}`,
          displayName: '取消',
          role: 'viewer',
          departmentIds: [],
        },
      });
      return {
        method: 'POST',
        url: `/api/municipalities/${context.municipalityId}/invitations/${invitation.id}/revoke`,
      };
    },
  },
  {
    route: 'PATCH /api/municipalities/:municipalityId/members/:userId',
    allowed: ADMINS,
    request: async (context) => {
      const member = await createViewer(context);
      return {
        method: 'PATCH',
        url: `/api/municipalities/${context.municipalityId}/members/${member.id}`,
        payload: { role: 'editor', departmentIds: [context.ownDepartmentId], version: member.version },
      };
    },
  },
  {
    route: 'POST /api/municipalities/:municipalityId/members/:userId/remove',
    allowed: ADMINS,
    request: async (context) => {
      const member = await createViewer(context);
      return {
        method: 'POST',
        url: `/api/municipalities/${context.municipalityId}/members/${member.id}/remove`,
        payload: { version: member.version },
      };
    },
  },
  {
    route: 'POST /api/municipalities/:municipalityId/members/:userId/password-reset',
    allowed: ADMINS,
    request: async (context) => {
      const member = await createViewer(context);
      return {
        method: 'POST',
        url: `/api/municipalities/${context.municipalityId}/members/${member.id}/password-reset`,
      };
    },
  },
];
