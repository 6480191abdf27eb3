import {
  ADMINS,
  EVERY_MEMBER,
  type MatrixContext,
  type PermissionCase,
} from '../permission-matrix.fixture.js';
import {
  buildBodyInput,
  buildMeetingInput,
  councilMembers,
  createTestBody,
  createTestMeeting,
} from './organisation.test-fixtures.js';

const base = (context: MatrixContext) => `/api/municipalities/${context.municipalityId}`;

async function bodyWithRoster(context: MatrixContext) {
  const detail = await createTestBody({
    db: context.db,
    municipalityId: context.municipalityId,
    withRoster: true,
  });
  return { body: detail.body, roster: detail.rosters[0]! };
}

export const organisationPermissionCases: PermissionCase[] = [
  {
    route: 'GET /api/municipalities/:municipalityId/bodies',
    allowed: EVERY_MEMBER,
    request: (context) => ({ method: 'GET', url: `${base(context)}/bodies` }),
  },
  {
    route: 'POST /api/municipalities/:municipalityId/bodies',
    allowed: ADMINS,
    request: (context) => ({ method: 'POST', url: `${base(context)}/bodies`, payload: buildBodyInput() }),
  },
  {
    route: 'GET /api/municipalities/:municipalityId/bodies/:bodyId',
    allowed: EVERY_MEMBER,
    request: async (context) => {
      const { body } = await bodyWithRoster(context);
      return { method: 'GET', url: `${base(context)}/bodies/${body.id}` };
    },
  },
  {
    route: 'PATCH /api/municipalities/:municipalityId/bodies/:bodyId',
    allowed: ADMINS,
    request: async (context) => {
      const { body } = await bodyWithRoster(context);
      return {
        method: 'PATCH',
        url: `${base(context)}/bodies/${body.id}`,
        payload: { ...buildBodyInput({ remit: '改定した所掌' }), version: body.version },
      };
    },
  },
  {
    route: 'POST /api/municipalities/:municipalityId/bodies/:bodyId/archive',
    allowed: ADMINS,
    request: async (context) => {
      const { body } = await bodyWithRoster(context);
      return {
        method: 'POST',
        url: `${base(context)}/bodies/${body.id}/archive`,
        payload: { version: body.version },
      };
    },
  },
  {
    route: 'POST /api/municipalities/:municipalityId/bodies/:bodyId/rosters',
    allowed: ADMINS,
    request: async (context) => {
      const { body } = await bodyWithRoster(context);
      return {
        method: 'POST',
        url: `${base(context)}/bodies/${body.id}/rosters`,
        payload: { asOf: '2025-04-01', members: councilMembers, source: null, note: null },
      };
    },
  },
  {
    route: 'PUT /api/municipalities/:municipalityId/bodies/:bodyId/rosters/:rosterId',
    allowed: ADMINS,
    request: async (context) => {
      const { body, roster } = await bodyWithRoster(context);
      return {
        method: 'PUT',
        url: `${base(context)}/bodies/${body.id}/rosters/${roster.id}`,
        payload: {
          asOf: roster.asOf,
          members: councilMembers.slice(0, 2),
          source: null,
          note: null,
          version: roster.version,
        },
      };
    },
  },
  {
    route: 'POST /api/municipalities/:municipalityId/bodies/:bodyId/rosters/:rosterId/archive',
    allowed: ADMINS,
    request: async (context) => {
      const { body, roster } = await bodyWithRoster(context);
      return {
        method: 'POST',
        url: `${base(context)}/bodies/${body.id}/rosters/${roster.id}/archive`,
        payload: { version: roster.version },
      };
    },
  },
  {
    route: 'GET /api/municipalities/:municipalityId/meetings',
    allowed: EVERY_MEMBER,
    request: (context) => ({ method: 'GET', url: `${base(context)}/meetings` }),
  },
  {
    route: 'POST /api/municipalities/:municipalityId/meetings',
    allowed: ADMINS,
    request: async (context) => {
      const { body } = await bodyWithRoster(context);
      return { method: 'POST', url: `${base(context)}/meetings`, payload: buildMeetingInput(body.id) };
    },
  },
  {
    route: 'PATCH /api/municipalities/:municipalityId/meetings/:meetingId',
    allowed: ADMINS,
    request: async (context) => {
      const meeting = await createTestMeeting({ db: context.db, municipalityId: context.municipalityId });
      return {
        method: 'PATCH',
        url: `${base(context)}/meetings/${meeting.id}`,
        payload: { ...buildMeetingInput(meeting.bodyId), status: 'held', version: meeting.version },
      };
    },
  },
  {
    route: 'POST /api/municipalities/:municipalityId/meetings/:meetingId/archive',
    allowed: ADMINS,
    request: async (context) => {
      const meeting = await createTestMeeting({ db: context.db, municipalityId: context.municipalityId });
      return {
        method: 'POST',
        url: `${base(context)}/meetings/${meeting.id}/archive`,
        payload: { version: meeting.version },
      };
    },
  },
  {
    route: 'GET /api/municipalities/:municipalityId/organisation/csv/:table',
    allowed: EVERY_MEMBER,
    request: (context) => ({ method: 'GET', url: `${base(context)}/organisation/csv/members` }),
  },
];
