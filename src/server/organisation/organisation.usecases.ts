import type { Database } from '../../db/database.js';
import { AppError } from '../../domain/app-error.js';
import { formatJapaneseDate } from '../../domain/fiscal-year.js';
import {
  bodyKindLabels,
  countMeetingsByFiscalYear,
  meetingStatusLabels,
  type RosterMember,
} from '../../domain/organisation.js';
import type { Actor } from '../../domain/policy.js';
import type { ValidationIssue } from '../../domain/validation.js';
import { recordAudit } from '../audit/audit.repository.js';
import { ensureCan } from '../authorization.js';
import {
  describeLinkedActions,
  ensureActions,
  ensureDepartment,
  ensureMunicipalityExists,
  throwConflict,
} from '../effects/effects.access.js';
import { groupRows } from '../effects/effects.models.js';
import {
  type DepartmentRef,
  listDepartmentRefs,
  listLinkedActions,
  replaceActionLinks,
} from '../effects/effects.repository.js';
import { toBodyView, toMeetingView, toRosterViews } from './organisation.models.js';
import {
  type BodyRow,
  type BodyValues,
  findBody,
  findMeeting,
  findRoster,
  insertBody,
  insertMeeting,
  insertRoster,
  listBodies,
  listMeetings,
  listRosters,
  type MeetingRow,
  type MeetingValues,
  type RosterValues,
  updateBody,
  updateMeeting,
  updateRoster,
} from './organisation.repository.js';
import type {
  BodyDetail,
  BodyList,
  MeetingList,
  MeetingView,
  RosterMemberInput,
} from './organisation.schemas.js';

/*
 * Bodies, rosters and meetings: read by everyone who reads the plan, changed by the DX office
 * (`organisation.edit`). Every change is one transaction with its history entry.
 */

function describeBody(row: Pick<BodyRow, 'kind' | 'name'>): string {
  return `${bodyKindLabels[row.kind]}「${row.name}」`;
}

function describeMeeting(row: Pick<MeetingRow, 'date' | 'number' | 'title'>, bodyName: string): string {
  const name = [row.number, row.title].filter(Boolean).join(' ');
  return `${bodyName}${name ? ` ${name}` : ''}（${formatJapaneseDate(row.date)}）`;
}

/** Every body with its current roster, held meetings per fiscal year and the counts documents state. */
export async function findBodies({
  db,
  actor,
  municipalityId,
}: {
  db: Database;
  actor: Actor;
  municipalityId: string;
}): Promise<BodyList> {
  ensureCan(actor, 'plan.read', { municipalityId });
  const bodies = await listBodies({ db, municipalityId });
  const departments = await listDepartmentRefs({ db, municipalityId });
  const rosters = groupRows(await listRosters({ db, municipalityId }), (row) => row.bodyId);
  const meetings = groupRows(await listMeetings({ db, municipalityId }), (row) => row.bodyId);
  const years = new Set<number>();
  const list = bodies.map((row) => {
    const bodyMeetings = meetings.get(row.id) ?? [];
    const counts = countMeetingsByFiscalYear(bodyMeetings);
    for (const count of counts) years.add(count.fy);
    const current = rosters.get(row.id)?.[0];
    return {
      ...toBodyView({ row, departments, meetings: bodyMeetings }),
      currentRoster: current
        ? { id: current.id, asOf: current.asOf, memberCount: current.members.length }
        : null,
      meetingCounts: counts,
      plannedCount: bodyMeetings.filter((meeting) => meeting.status === 'planned').length,
    };
  });
  return { bodies: list, years: [...years].sort((a, b) => a - b) };
}

export async function getBodyDetail({
  db,
  actor,
  municipalityId,
  bodyId,
}: {
  db: Database;
  actor: Actor;
  municipalityId: string;
  bodyId: string;
}): Promise<BodyDetail> {
  ensureCan(actor, 'plan.read', { municipalityId });
  return loadBodyDetail({ db, municipalityId, bodyId });
}

async function loadBodyDetail({
  db,
  municipalityId,
  bodyId,
}: {
  db: Database;
  municipalityId: string;
  bodyId: string;
}): Promise<BodyDetail> {
  const row = await findBody({ db, municipalityId, bodyId });
  if (!row) throw new AppError({ code: 'body.not_found' });
  const departments = await listDepartmentRefs({ db, municipalityId });
  const bodies = await listBodies({ db, municipalityId });
  const meetings = await listMeetings({ db, municipalityId, bodyId });
  const links = await listLinkedActions({
    db,
    municipalityId,
    subjectType: 'meeting',
    subjectIds: meetings.map((meeting) => meeting.id),
  });
  const parent = row.parentId ? bodies.find((body) => body.id === row.parentId) : undefined;
  return {
    body: toBodyView({ row, departments, meetings }),
    parent: parent ? { id: parent.id, name: parent.name } : null,
    children: bodies
      .filter((body) => body.parentId === row.id)
      .map((body) => ({ id: body.id, name: body.name, kind: body.kind, number: body.number })),
    rosters: toRosterViews({
      rows: await listRosters({ db, municipalityId, bodyId }),
      body: row,
      departments,
    }),
    meetings: meetings.map((meeting) =>
      toMeetingView({ row: meeting, bodyName: row.name, actions: links.get(meeting.id) ?? [] }),
    ),
    meetingCounts: countMeetingsByFiscalYear(meetings),
  };
}

async function ensureBodyReferences({
  db,
  municipalityId,
  bodyId,
  input,
}: {
  db: Database;
  municipalityId: string;
  bodyId: string | null;
  input: BodyValues;
}): Promise<void> {
  if (input.secretariatDepartmentId) {
    await ensureDepartment({
      db,
      municipalityId,
      departmentId: input.secretariatDepartmentId,
      field: 'secretariatDepartmentId',
    });
  }
  if (!input.parentId) return;
  const bodies = new Map((await listBodies({ db, municipalityId })).map((body) => [body.id, body]));
  // A body may not sit under itself, however many levels up.
  for (let id: string | null = input.parentId; id; id = bodies.get(id)?.parentId ?? null) {
    if (!bodies.has(id) || id === bodyId) {
      throw new AppError({
        code: 'request.invalid',
        message:
          id === bodyId ? '会議体を自分自身の下には置けません' : '上位の会議体がこの自治体にありません',
        issues: [{ path: 'parentId', message: 'この自治体の、ほかの会議体を選んでください' }],
      });
    }
  }
}

export async function createBody({
  db,
  actor,
  municipalityId,
  input,
}: {
  db: Database;
  actor: Actor;
  municipalityId: string;
  input: BodyValues;
}): Promise<BodyDetail> {
  ensureCan(actor, 'organisation.edit', { municipalityId });
  await ensureMunicipalityExists({ db, municipalityId });
  await ensureBodyReferences({ db, municipalityId, bodyId: null, input });
  const body = await db.transaction(async (tx) => {
    const row = await insertBody({ db: tx, municipalityId, values: input });
    await recordAudit({
      db: tx,
      actor,
      entry: {
        municipalityId,
        subjectType: 'body',
        subjectId: row.id,
        operation: 'create',
        summary: `${describeBody(row)}を登録`,
        after: input,
      },
    });
    return row;
  });
  return loadBodyDetail({ db, municipalityId, bodyId: body.id });
}

export async function updateBodyDetails({
  db,
  actor,
  municipalityId,
  bodyId,
  input,
}: {
  db: Database;
  actor: Actor;
  municipalityId: string;
  bodyId: string;
  input: BodyValues & { version: number };
}): Promise<BodyDetail> {
  ensureCan(actor, 'organisation.edit', { municipalityId });
  const { version, ...values } = input;
  await ensureBodyReferences({ db, municipalityId, bodyId, input: values });
  await db.transaction(async (tx) => {
    const before = await findBody({ db: tx, municipalityId, bodyId });
    if (!before) throw new AppError({ code: 'body.not_found' });
    const after = await updateBody({ db: tx, municipalityId, bodyId, version, values });
    if (!after) {
      const departments = await listDepartmentRefs({ db: tx, municipalityId });
      throwConflict(toBodyView({ row: before, departments, meetings: [] }));
    }
    await recordAudit({
      db: tx,
      actor,
      entry: {
        municipalityId,
        subjectType: 'body',
        subjectId: bodyId,
        operation: 'update',
        summary: `${describeBody(after)}の所掌・設置などを更新`,
        before: {
          kind: before.kind,
          name: before.name,
          number: before.number,
          parentId: before.parentId,
          remit: before.remit,
          composition: before.composition,
          establishedOn: before.establishedOn,
          secretariatDepartmentId: before.secretariatDepartmentId,
          statedMeetingCounts: before.statedMeetingCounts,
          source: before.source,
          note: before.note,
        },
        after: values,
      },
    });
  });
  return loadBodyDetail({ db, municipalityId, bodyId });
}

export async function archiveBody({
  db,
  actor,
  municipalityId,
  bodyId,
  version,
}: {
  db: Database;
  actor: Actor;
  municipalityId: string;
  bodyId: string;
  version: number;
}): Promise<void> {
  ensureCan(actor, 'organisation.edit', { municipalityId });
  await db.transaction(async (tx) => {
    const before = await findBody({ db: tx, municipalityId, bodyId });
    if (!before) throw new AppError({ code: 'body.not_found' });
    const children = (await listBodies({ db: tx, municipalityId })).filter(
      (body) => body.parentId === bodyId,
    );
    if (children.length > 0) {
      throw new AppError({
        code: 'request.invalid',
        message: `下に${children.length}件の会議体（${children.map((child) => child.name).join('、')}）があるため削除できません。先にそれらを削除するか、上位を変更してください`,
      });
    }
    const after = await updateBody({
      db: tx,
      municipalityId,
      bodyId,
      version,
      values: { archivedAt: new Date() },
    });
    if (!after) {
      const departments = await listDepartmentRefs({ db: tx, municipalityId });
      throwConflict(toBodyView({ row: before, departments, meetings: [] }));
    }
    await recordAudit({
      db: tx,
      actor,
      entry: {
        municipalityId,
        subjectType: 'body',
        subjectId: bodyId,
        operation: 'archive',
        summary: `${describeBody(before)}を削除（名簿・会議・履歴は残ります）`,
        before: { kind: before.kind, name: before.name },
      },
    });
  });
}

/** Members as stored: each department named is one of the municipality's live departments. */
function toRosterMembers({
  members,
  departments,
}: {
  members: readonly RosterMemberInput[];
  departments: Map<string, DepartmentRef>;
}): RosterMember[] {
  const issues: ValidationIssue[] = [];
  members.forEach((member, index) => {
    if (member.kind !== 'internal' || member.departmentId === null) return;
    const department = departments.get(member.departmentId);
    if (!department || department.archived) {
      issues.push({ path: `members[${index}].departmentId`, message: 'この自治体の課を選んでください' });
    }
  });
  if (issues.length > 0) {
    throw new AppError({
      code: 'department.not_found',
      message: '名簿の中に、この自治体にない課（または廃止された課）があります',
      issues,
    });
  }
  return members.map((member) =>
    member.kind === 'internal'
      ? {
          kind: 'internal',
          departmentId: member.departmentId,
          post: member.post,
          role: member.role,
          personName: member.personName,
          note: member.note,
        }
      : {
          kind: 'external',
          organisation: member.organisation,
          category: member.category,
          role: member.role,
          personName: member.personName,
          note: member.note,
        },
  );
}

type RosterInput = Omit<RosterValues, 'members'> & { members: RosterMemberInput[] };

/** A new roster as of a date (名簿（令和6年4月5日現在）); the earlier ones stay as the history. */
export async function createRoster({
  db,
  actor,
  municipalityId,
  bodyId,
  input,
}: {
  db: Database;
  actor: Actor;
  municipalityId: string;
  bodyId: string;
  input: RosterInput;
}): Promise<BodyDetail> {
  ensureCan(actor, 'organisation.edit', { municipalityId });
  const body = await findBody({ db, municipalityId, bodyId });
  if (!body) throw new AppError({ code: 'body.not_found' });
  const departments = await listDepartmentRefs({ db, municipalityId });
  const values: RosterValues = {
    ...input,
    members: toRosterMembers({ members: input.members, departments }),
  };
  await db.transaction(async (tx) => {
    const row = await insertRoster({ db: tx, municipalityId, bodyId, values });
    await recordAudit({
      db: tx,
      actor,
      entry: {
        municipalityId,
        subjectType: 'body',
        subjectId: bodyId,
        operation: 'roster',
        summary: `${describeBody(body)}の名簿（${formatJapaneseDate(row.asOf)}現在、${row.members.length}人）を登録`,
        after: values,
      },
    });
  });
  return loadBodyDetail({ db, municipalityId, bodyId });
}

/** Corrects a roster as of its date (a wrong entry); a change of members over time is a new roster. */
export async function updateRosterMembers({
  db,
  actor,
  municipalityId,
  bodyId,
  rosterId,
  input,
}: {
  db: Database;
  actor: Actor;
  municipalityId: string;
  bodyId: string;
  rosterId: string;
  input: RosterInput & { version: number };
}): Promise<BodyDetail> {
  ensureCan(actor, 'organisation.edit', { municipalityId });
  const body = await findBody({ db, municipalityId, bodyId });
  if (!body) throw new AppError({ code: 'body.not_found' });
  const departments = await listDepartmentRefs({ db, municipalityId });
  const { version, ...rest } = input;
  const values: RosterValues = { ...rest, members: toRosterMembers({ members: rest.members, departments }) };
  await db.transaction(async (tx) => {
    const before = await findRoster({ db: tx, municipalityId, bodyId, rosterId });
    if (!before) throw new AppError({ code: 'roster.not_found' });
    const after = await updateRoster({ db: tx, municipalityId, rosterId, version, values });
    if (!after) throwConflict(toRosterViews({ rows: [before], body, departments })[0]);
    await recordAudit({
      db: tx,
      actor,
      entry: {
        municipalityId,
        subjectType: 'body',
        subjectId: bodyId,
        operation: 'roster',
        summary: `${describeBody(body)}の名簿（${formatJapaneseDate(after.asOf)}現在）を修正`,
        before: { asOf: before.asOf, members: before.members, source: before.source, note: before.note },
        after: values,
      },
    });
  });
  return loadBodyDetail({ db, municipalityId, bodyId });
}

export async function archiveRoster({
  db,
  actor,
  municipalityId,
  bodyId,
  rosterId,
  version,
}: {
  db: Database;
  actor: Actor;
  municipalityId: string;
  bodyId: string;
  rosterId: string;
  version: number;
}): Promise<BodyDetail> {
  ensureCan(actor, 'organisation.edit', { municipalityId });
  const body = await findBody({ db, municipalityId, bodyId });
  if (!body) throw new AppError({ code: 'body.not_found' });
  await db.transaction(async (tx) => {
    const before = await findRoster({ db: tx, municipalityId, bodyId, rosterId });
    if (!before) throw new AppError({ code: 'roster.not_found' });
    const after = await updateRoster({
      db: tx,
      municipalityId,
      rosterId,
      version,
      values: { archivedAt: new Date() },
    });
    if (!after) {
      const departments = await listDepartmentRefs({ db: tx, municipalityId });
      throwConflict(toRosterViews({ rows: [before], body, departments })[0]);
    }
    await recordAudit({
      db: tx,
      actor,
      entry: {
        municipalityId,
        subjectType: 'body',
        subjectId: bodyId,
        operation: 'roster_archive',
        summary: `${describeBody(body)}の名簿（${formatJapaneseDate(before.asOf)}現在）を削除（履歴は残ります）`,
        before: { asOf: before.asOf, members: before.members },
      },
    });
  });
  return loadBodyDetail({ db, municipalityId, bodyId });
}

export async function findMeetings({
  db,
  actor,
  municipalityId,
  bodyId,
  fy,
}: {
  db: Database;
  actor: Actor;
  municipalityId: string;
  bodyId?: string | undefined;
  fy?: number | undefined;
}): Promise<MeetingList> {
  ensureCan(actor, 'plan.read', { municipalityId });
  const meetings = await listMeetings({ db, municipalityId, bodyId, fy });
  const bodies = new Map((await listBodies({ db, municipalityId })).map((body) => [body.id, body.name]));
  const links = await listLinkedActions({
    db,
    municipalityId,
    subjectType: 'meeting',
    subjectIds: meetings.map((meeting) => meeting.id),
  });
  return {
    meetings: meetings
      .filter((meeting) => bodies.has(meeting.bodyId))
      .map((meeting) =>
        toMeetingView({
          row: meeting,
          bodyName: bodies.get(meeting.bodyId)!,
          actions: links.get(meeting.id) ?? [],
        }),
      ),
  };
}

type MeetingInput = MeetingValues & { actionIds: string[] };

async function loadMeetingView({
  db,
  municipalityId,
  meetingId,
}: {
  db: Database;
  municipalityId: string;
  meetingId: string;
}): Promise<MeetingView> {
  const row = await findMeeting({ db, municipalityId, meetingId });
  if (!row) throw new AppError({ code: 'meeting.not_found' });
  const body = await findBody({ db, municipalityId, bodyId: row.bodyId });
  const links = await listLinkedActions({ db, municipalityId, subjectType: 'meeting', subjectIds: [row.id] });
  return toMeetingView({ row, bodyName: body?.name ?? '', actions: links.get(row.id) ?? [] });
}

async function ensureMeetingBody({
  db,
  municipalityId,
  bodyId,
}: {
  db: Database;
  municipalityId: string;
  bodyId: string;
}) {
  const body = await findBody({ db, municipalityId, bodyId });
  if (!body) {
    throw new AppError({
      code: 'body.not_found',
      issues: [{ path: 'bodyId', message: 'この自治体の会議体を選んでください' }],
    });
  }
  return body;
}

export async function createMeeting({
  db,
  actor,
  municipalityId,
  input,
}: {
  db: Database;
  actor: Actor;
  municipalityId: string;
  input: MeetingInput;
}): Promise<MeetingView> {
  ensureCan(actor, 'organisation.edit', { municipalityId });
  const body = await ensureMeetingBody({ db, municipalityId, bodyId: input.bodyId });
  const actions = await ensureActions({ db, municipalityId, actionIds: input.actionIds });
  const { actionIds: _actionIds, ...values } = input;
  const meeting = await db.transaction(async (tx) => {
    const row = await insertMeeting({ db: tx, municipalityId, values });
    await replaceActionLinks({ db: tx, municipalityId, subjectType: 'meeting', subjectId: row.id, actions });
    await recordAudit({
      db: tx,
      actor,
      entry: {
        municipalityId,
        subjectType: 'meeting',
        subjectId: row.id,
        operation: 'create',
        summary: `会議 ${describeMeeting(row, body.name)}を登録（${meetingStatusLabels[row.status]}）`,
        after: { ...values, actions: describeLinkedActions(actions) },
      },
    });
    return row;
  });
  return loadMeetingView({ db, municipalityId, meetingId: meeting.id });
}

export async function updateMeetingRecord({
  db,
  actor,
  municipalityId,
  meetingId,
  input,
}: {
  db: Database;
  actor: Actor;
  municipalityId: string;
  meetingId: string;
  input: MeetingInput & { version: number };
}): Promise<MeetingView> {
  ensureCan(actor, 'organisation.edit', { municipalityId });
  const body = await ensureMeetingBody({ db, municipalityId, bodyId: input.bodyId });
  const actions = await ensureActions({ db, municipalityId, actionIds: input.actionIds });
  const { actionIds: _actionIds, version, ...values } = input;
  await db.transaction(async (tx) => {
    const before = await findMeeting({ db: tx, municipalityId, meetingId });
    if (!before) throw new AppError({ code: 'meeting.not_found' });
    const beforeLinks =
      (
        await listLinkedActions({ db: tx, municipalityId, subjectType: 'meeting', subjectIds: [meetingId] })
      ).get(meetingId) ?? [];
    const after = await updateMeeting({ db: tx, municipalityId, meetingId, version, values });
    if (!after) throwConflict(toMeetingView({ row: before, bodyName: body.name, actions: beforeLinks }));
    await replaceActionLinks({
      db: tx,
      municipalityId,
      subjectType: 'meeting',
      subjectId: meetingId,
      actions,
    });
    await recordAudit({
      db: tx,
      actor,
      entry: {
        municipalityId,
        subjectType: 'meeting',
        subjectId: meetingId,
        operation: 'update',
        summary: `会議 ${describeMeeting(after, body.name)}を更新（${meetingStatusLabels[after.status]}）`,
        before: {
          ...toMeetingView({ row: before, bodyName: body.name, actions: [] }),
          actions: describeLinkedActions(beforeLinks),
        },
        after: { ...values, actions: describeLinkedActions(actions) },
      },
    });
  });
  return loadMeetingView({ db, municipalityId, meetingId });
}

export async function archiveMeeting({
  db,
  actor,
  municipalityId,
  meetingId,
  version,
}: {
  db: Database;
  actor: Actor;
  municipalityId: string;
  meetingId: string;
  version: number;
}): Promise<void> {
  ensureCan(actor, 'organisation.edit', { municipalityId });
  await db.transaction(async (tx) => {
    const before = await findMeeting({ db: tx, municipalityId, meetingId });
    if (!before) throw new AppError({ code: 'meeting.not_found' });
    const body = await findBody({ db: tx, municipalityId, bodyId: before.bodyId });
    const after = await updateMeeting({
      db: tx,
      municipalityId,
      meetingId,
      version,
      values: { archivedAt: new Date() },
    });
    if (!after) throwConflict(toMeetingView({ row: before, bodyName: body?.name ?? '', actions: [] }));
    await recordAudit({
      db: tx,
      actor,
      entry: {
        municipalityId,
        subjectType: 'meeting',
        subjectId: meetingId,
        operation: 'archive',
        summary: `会議 ${describeMeeting(before, body?.name ?? '')}を削除（履歴は残ります）`,
        before: toMeetingView({ row: before, bodyName: body?.name ?? '', actions: [] }),
      },
    });
  });
}
