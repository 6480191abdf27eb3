import type { Database } from '../../db/database.js';
import { buildSuperAdminActor } from '../test-support.js';
import type { RosterMemberInput } from './organisation.schemas.js';
import { createBody, createMeeting, createRoster } from './organisation.usecases.js';

/* Bodies, rosters and meetings the organisation tests and the permission matrix build on. */

export function buildBodyInput(overrides: Partial<Parameters<typeof createBody>[0]['input']> = {}) {
  return {
    kind: 'council' as const,
    name: 'デジタル推進協議会',
    number: null,
    parentId: null,
    remit: 'デジタル推進計画の進捗管理',
    composition: null,
    establishedOn: '2023-02-20',
    secretariatDepartmentId: null,
    statedMeetingCounts: [{ from: '2022-10-01', to: '2024-03-31', count: 12, source: null }],
    source: null,
    note: null,
    ...overrides,
  };
}

export const councilMembers: RosterMemberInput[] = [
  {
    kind: 'external',
    organisation: '九州工業大学',
    category: '1号委員',
    role: 'leader',
    personName: null,
    note: null,
  },
  {
    kind: 'external',
    organisation: '嘉麻市PTA連合会',
    category: '2号委員',
    role: 'deputy',
    personName: null,
    note: null,
  },
  {
    kind: 'external',
    organisation: '公募委員',
    category: '3号委員',
    role: 'member',
    personName: null,
    note: null,
  },
];

export async function createTestBody({
  db,
  municipalityId,
  withRoster = false,
}: {
  db: Database;
  municipalityId: string;
  withRoster?: boolean;
}) {
  const actor = buildSuperAdminActor();
  const detail = await createBody({ db, actor, municipalityId, input: buildBodyInput() });
  if (!withRoster) return detail;
  return createRoster({
    db,
    actor,
    municipalityId,
    bodyId: detail.body.id,
    input: { asOf: '2024-04-05', members: councilMembers, source: null, note: null },
  });
}

export function buildMeetingInput(bodyId: string) {
  return {
    bodyId,
    date: '2024-06-26',
    startTime: null,
    endTime: null,
    number: '第13回',
    title: 'デジタル推進協議会',
    place: null,
    status: 'planned' as const,
    agenda: 'デジタル推進計画 進捗管理協議',
    minutes: null,
    decisions: null,
    note: null,
    actionIds: [],
  };
}

export async function createTestMeeting({ db, municipalityId }: { db: Database; municipalityId: string }) {
  const { body } = await createTestBody({ db, municipalityId });
  return createMeeting({
    db,
    actor: buildSuperAdminActor(),
    municipalityId,
    input: buildMeetingInput(body.id),
  });
}
