import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { listAuditEntries } from '../audit/audit.repository.js';
import { listDepartments } from '../departments/departments.repository.js';
import { buildPlanDocumentInput } from '../plans/plans.test-fixtures.js';
import { importPlanDocument } from '../plans/plans.usecases.js';
import { createTestApp, createTestUser, loginAs, type TestApp } from '../test-support.js';
import type { BodyDetail, BodyList, MeetingList, MeetingView } from './organisation.schemas.js';
import { buildBodyInput, buildMeetingInput, councilMembers } from './organisation.test-fixtures.js';

/*
 * Bodies, rosters and meetings over HTTP: who may change them (the DX office), validation with field
 * paths, the roster's history as of dates, meetings counted per fiscal year beside the stated counts.
 */

let testApp: TestApp;
let municipalityId: string;
let digitalId: string;
let admin: string;
let editor: string;
let viewer: string;

function send(cookie: string | null, options: InjectOptions) {
  return testApp.app.inject({ ...options, headers: { ...options.headers, ...(cookie && { cookie }) } });
}

const base = () => `/api/municipalities/${municipalityId}`;

async function createBody(overrides: Parameters<typeof buildBodyInput>[0] = {}): Promise<BodyDetail> {
  const response = await send(admin, {
    method: 'POST',
    url: `${base()}/bodies`,
    payload: buildBodyInput(overrides),
  });
  expect(response.statusCode).toBe(201);
  return response.json<BodyDetail>();
}

beforeAll(async () => {
  testApp = await createTestApp();
  const { db, app } = testApp;
  const saved = await importPlanDocument({ db, input: buildPlanDocumentInput() });
  municipalityId = saved.municipalityId;
  const departments = await listDepartments({ db, municipalityId });
  digitalId = departments.find((department) => department.key === 'digital')!.id;
  const member = async (role: 'admin' | 'editor' | 'viewer', departmentIds: string[] = []) =>
    loginAs({ app, user: await createTestUser({ db, membership: { municipalityId, role, departmentIds } }) });
  admin = await member('admin');
  editor = await member('editor', [digitalId]);
  viewer = await member('viewer');
});

afterAll(async () => {
  await testApp?.close();
});

describe('bodies', () => {
  test('a visitor is asked to log in; an editor and a viewer may read but not create a body', async () => {
    expect((await send(null, { method: 'GET', url: `${base()}/bodies` })).statusCode).toBe(401);
    expect((await send(viewer, { method: 'GET', url: `${base()}/bodies` })).statusCode).toBe(200);
    const byEditor = await send(editor, {
      method: 'POST',
      url: `${base()}/bodies`,
      payload: buildBodyInput(),
    });
    expect(byEditor.statusCode).toBe(403);
  });

  test('a body with an unknown kind or a stated period that ends before it starts is refused, naming the fields', async () => {
    const response = await send(admin, {
      method: 'POST',
      url: `${base()}/bodies`,
      payload: buildBodyInput({
        kind: 'club' as never,
        statedMeetingCounts: [{ from: '2024-03-31', to: '2022-10-01', count: 12, source: null }],
      }),
    });

    expect(response.statusCode).toBe(400);
    expect(response.json().error.issues.map((issue: { path: string }) => issue.path)).toEqual([
      'body.kind',
      'body.statedMeetingCounts[0].to',
    ]);
  });

  test('a PT sits under its HQ with its remit and secretariat; a body may not sit under itself', async () => {
    const headquarters = await createBody({
      kind: 'headquarters',
      name: 'DX推進本部',
      statedMeetingCounts: [],
    });
    const team = await createBody({
      kind: 'team',
      name: 'デジタル推進計画PT',
      number: '①',
      parentId: headquarters.body.id,
      remit: '・デジタル推進計画策定検討',
      secretariatDepartmentId: digitalId,
      statedMeetingCounts: [],
    });
    expect(team.parent).toEqual({ id: headquarters.body.id, name: 'DX推進本部' });
    expect(team.body.secretariat?.name).toBe('総務部デジタル戦略課');

    const loop = await send(admin, {
      method: 'PATCH',
      url: `${base()}/bodies/${headquarters.body.id}`,
      payload: {
        ...buildBodyInput({
          kind: 'headquarters',
          name: 'DX推進本部',
          parentId: team.body.id,
          statedMeetingCounts: [],
        }),
        version: headquarters.body.version,
      },
    });
    expect(loop.statusCode).toBe(400);
    expect(loop.json().error.issues[0].path).toBe('parentId');

    const blocked = await send(admin, {
      method: 'POST',
      url: `${base()}/bodies/${headquarters.body.id}/archive`,
      payload: { version: headquarters.body.version },
    });
    expect(blocked.statusCode).toBe(400);
    expect(blocked.json().error.message).toContain('デジタル推進計画PT');
  });
});

describe('rosters', () => {
  test('a roster is kept as of its date; a new one records who joined and left, and the old one stays', async () => {
    const council = await createBody();
    const first = await send(admin, {
      method: 'POST',
      url: `${base()}/bodies/${council.body.id}/rosters`,
      payload: { asOf: '2024-04-05', members: councilMembers, source: null, note: null },
    });
    expect(first.statusCode).toBe(201);
    const second = await send(admin, {
      method: 'POST',
      url: `${base()}/bodies/${council.body.id}/rosters`,
      payload: {
        asOf: '2025-04-01',
        members: [
          ...councilMembers.slice(0, 2),
          {
            kind: 'external',
            organisation: '嘉麻商工会議所',
            category: '2号委員',
            role: 'member',
            personName: null,
            note: null,
          },
        ],
        source: null,
        note: null,
      },
    });

    const detail = second.json<BodyDetail>();
    expect(detail.rosters.map((roster) => roster.asOf)).toEqual(['2025-04-01', '2024-04-05']);
    expect(detail.rosters[0]!.changes).toEqual({
      added: ['2号委員 嘉麻商工会議所'],
      removed: ['3号委員 公募委員'],
    });
    expect(detail.rosters[1]!.members.map((member) => member.line)).toEqual([
      '1号委員 九州工業大学（会長）',
      '2号委員 嘉麻市PTA連合会（副会長）',
      '3号委員 公募委員',
    ]);
  });

  test('an internal member needs a department or a post, and the department must be the municipality’s', async () => {
    const team = await createBody({ kind: 'team', name: '庁内業務改善PT', statedMeetingCounts: [] });
    const url = `${base()}/bodies/${team.body.id}/rosters`;
    const internal = {
      kind: 'internal',
      departmentId: null,
      post: null,
      role: 'leader',
      personName: null,
      note: null,
    };

    const empty = await send(admin, {
      method: 'POST',
      url,
      payload: { asOf: '2024-04-01', members: [internal], source: null, note: null },
    });
    const foreign = await send(admin, {
      method: 'POST',
      url,
      payload: {
        asOf: '2024-04-01',
        members: [{ ...internal, departmentId: '00000000-0000-4000-8000-000000000000' }],
        source: null,
        note: null,
      },
    });
    const valid = await send(admin, {
      method: 'POST',
      url,
      payload: {
        asOf: '2024-04-01',
        members: [
          { ...internal, departmentId: digitalId },
          { ...internal, post: '技監', role: 'deputy' },
        ],
        source: null,
        note: null,
      },
    });

    expect(empty.statusCode).toBe(400);
    expect(empty.json().error.issues[0].path).toBe('body.members[0].departmentId');
    expect(foreign.statusCode).toBe(404);
    expect(foreign.json().error.issues).toEqual([
      { path: 'members[0].departmentId', message: 'この自治体の課を選んでください' },
    ]);
    expect(valid.json<BodyDetail>().rosters[0]!.members.map((member) => member.line)).toEqual([
      '◎総務部デジタル戦略課',
      '○技監',
    ]);
  });

  test('correcting a roster names the version it read', async () => {
    const council = await createBody();
    const created = (
      await send(admin, {
        method: 'POST',
        url: `${base()}/bodies/${council.body.id}/rosters`,
        payload: { asOf: '2024-04-05', members: councilMembers, source: null, note: null },
      })
    ).json<BodyDetail>();
    const roster = created.rosters[0]!;
    const url = `${base()}/bodies/${council.body.id}/rosters/${roster.id}`;
    const payload = {
      asOf: roster.asOf,
      members: councilMembers.slice(0, 1),
      source: null,
      note: '訂正',
      version: roster.version,
    };

    const corrected = await send(admin, { method: 'PUT', url, payload });
    const stale = await send(admin, { method: 'PUT', url, payload });

    expect(corrected.statusCode).toBe(200);
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.details.current).toMatchObject({ id: roster.id, note: '訂正', version: 2 });
  });
});

describe('meetings', () => {
  test('held meetings are counted per fiscal year beside the stated count, planned ones apart, and a differing count is flagged', async () => {
    const council = await createBody();
    const held = await send(admin, {
      method: 'POST',
      url: `${base()}/meetings`,
      payload: {
        ...buildMeetingInput(council.body.id),
        date: '2023-12-27',
        status: 'held',
        decisions: '答申',
      },
    });
    await send(admin, {
      method: 'POST',
      url: `${base()}/meetings`,
      payload: buildMeetingInput(council.body.id),
    });
    expect(held.statusCode).toBe(201);

    const list = (await send(viewer, { method: 'GET', url: `${base()}/bodies` })).json<BodyList>();
    const body = list.bodies.find((entry) => entry.id === council.body.id)!;
    expect(body.meetingCounts).toEqual([{ fy: 2023, count: 1 }]);
    expect(body.plannedCount).toBe(1);
    expect(body.statedMeetingCounts[0]).toMatchObject({ count: 12, recorded: 1, differs: true });
    expect(list.years).toContain(2023);

    const fy2024 = (
      await send(viewer, { method: 'GET', url: `${base()}/meetings?fy=2024&bodyId=${council.body.id}` })
    ).json<MeetingList>();
    expect(fy2024.meetings.map((meeting) => meeting.number)).toEqual(['第13回']);
  });

  test('a meeting’s times must be in order, its body the municipality’s, and it records agenda, minutes, decisions and actions', async () => {
    const council = await createBody();
    const wrongTimes = await send(admin, {
      method: 'POST',
      url: `${base()}/meetings`,
      payload: { ...buildMeetingInput(council.body.id), startTime: '12:00', endTime: '11:00' },
    });
    const unknownBody = await send(admin, {
      method: 'POST',
      url: `${base()}/meetings`,
      payload: buildMeetingInput('00000000-0000-4000-8000-000000000000'),
    });
    const options = (await send(admin, { method: 'GET', url: `${base()}/effects/options` })).json();
    const created = await send(admin, {
      method: 'POST',
      url: `${base()}/meetings`,
      payload: {
        ...buildMeetingInput(council.body.id),
        startTime: '11:00',
        endTime: '12:00',
        minutes: '議事録本文',
        actionIds: [options.actions[0].id],
      },
    });
    const meeting = created.json<MeetingView>();
    const updated = await send(admin, {
      method: 'PATCH',
      url: `${base()}/meetings/${meeting.id}`,
      payload: {
        ...buildMeetingInput(council.body.id),
        status: 'held',
        decisions: '承認',
        actionIds: [],
        version: meeting.version,
      },
    });
    const archived = await send(admin, {
      method: 'POST',
      url: `${base()}/meetings/${meeting.id}/archive`,
      payload: { version: meeting.version + 1 },
    });

    expect(wrongTimes.statusCode).toBe(400);
    expect(wrongTimes.json().error.issues[0].path).toBe('body.endTime');
    expect(unknownBody.statusCode).toBe(404);
    expect(unknownBody.json().error.issues[0].path).toBe('bodyId');
    expect(meeting.actions).toHaveLength(1);
    expect(updated.json<MeetingView>()).toMatchObject({
      status: 'held',
      decisions: '承認',
      actions: [],
      version: 2,
    });
    expect(archived.statusCode).toBe(200);
    const history = await listAuditEntries({
      db: testApp.db,
      filter: { municipalityId, subjectTypes: ['meeting'], limit: 100 },
    });
    expect(history.filter((entry) => entry.subjectId === meeting.id).map((entry) => entry.operation)).toEqual(
      ['archive', 'update', 'create'],
    );
  });

  test('an editor may not record a meeting', async () => {
    const council = await createBody();
    const response = await send(editor, {
      method: 'POST',
      url: `${base()}/meetings`,
      payload: buildMeetingInput(council.body.id),
    });

    expect(response.statusCode).toBe(403);
  });
});

describe('organisation CSV', () => {
  test('members, meetings, counts and bodies come as UTF-8 CSV with a BOM; an unknown table is a 400', async () => {
    const members = await send(viewer, { method: 'GET', url: `${base()}/organisation/csv/members` });
    const counts = await send(viewer, { method: 'GET', url: `${base()}/organisation/csv/meeting-counts` });
    const unknown = await send(viewer, { method: 'GET', url: `${base()}/organisation/csv/people` });

    expect(members.statusCode).toBe(200);
    expect(members.body.startsWith('\uFEFF会議体,名簿の時点,区分,所属・団体,役割,氏名,備考\r\n')).toBe(true);
    expect(members.body).toContain('デジタル推進協議会,2024-04-05,1号委員,九州工業大学,会長,,');
    expect(counts.body).toContain('令和5年度（回）');
    expect(unknown.statusCode).toBe(400);
  });
});
