import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createEditingContext, type EditingContext } from '../editing/editing.test-fixtures.js';
import type { ActionDetailResponse } from '../plans/plans.schemas.js';
import type { DepartmentListResponse, DepartmentResponse } from './departments.schemas.js';

let context: EditingContext;

beforeAll(async () => {
  context = await createEditingContext();
});

afterAll(async () => {
  await context?.close();
});

const url = () => `/api/municipalities/${context.municipalityId}/departments`;

async function readDepartments(): Promise<DepartmentResponse[]> {
  const response = await context.send('viewer', { method: 'GET', url: url() });
  expect(response.statusCode).toBe(200);
  return response.json<DepartmentListResponse>().departments;
}

describe('GET /api/municipalities/:municipalityId/departments', () => {
  test('every member reads the departments with their nesting; another municipality’s admin does not', async () => {
    const departments = await readDepartments();
    const generalAffairs = departments.find((department) => department.key === 'general-affairs')!;
    expect(departments.find((department) => department.key === 'digital')).toMatchObject({
      name: 'デジタル戦略課',
      parentId: generalAffairs.id,
      archived: false,
      version: 1,
    });
    expect((await context.send('visitor', { method: 'GET', url: url() })).statusCode).toBe(401);
    expect((await context.send('otherAdmin', { method: 'GET', url: url() })).statusCode).toBe(403);
  });
});

describe('POST /api/municipalities/:municipalityId/departments', () => {
  test('401 → 400 → 403 → 201: the admin adds a 係 under a 課, with its history entry', async () => {
    const digital = context.departmentIds.get('digital')!;
    const payload = { name: 'DX推進係', parentId: digital };
    expect((await context.send('visitor', { method: 'POST', url: url(), payload })).statusCode).toBe(401);
    const invalid = await context.send('admin', {
      method: 'POST',
      url: url(),
      payload: { name: '', parentId: digital },
    });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json().error.issues).toEqual([{ path: 'body.name', message: '入力してください' }]);
    expect((await context.send('editor', { method: 'POST', url: url(), payload })).statusCode).toBe(403);

    const response = await context.send('admin', { method: 'POST', url: url(), payload });

    expect(response.statusCode).toBe(201);
    const department = response.json<DepartmentResponse>();
    expect(department).toMatchObject({ name: 'DX推進係', parentId: digital, archived: false, version: 1 });
    const [entry] = await context.readAudit({ subjectType: 'department', subjectId: department.id });
    expect(entry).toMatchObject({
      operation: 'create',
      summary: '部署「DX推進係」を追加（デジタル戦略課の下）',
      planId: null,
    });
  });

  test('a parent of another municipality is refused next to the parent field', async () => {
    const response = await context.send('admin', {
      method: 'POST',
      url: url(),
      payload: { name: '迷子の課', parentId: '00000000-0000-4000-8000-000000000000' },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.issues).toEqual([
      { path: 'parentId', message: '上位の部署は、この自治体の現在の部署から選んでください' },
    ]);
  });
});

describe('PUT and archive of a department', () => {
  test('renaming a department shows the new name on the plan pages at once (their cache moves on)', async () => {
    const before = await context.send('viewer', {
      method: 'GET',
      url: `/api/plans/${context.planId}/actions/a2`,
    });
    expect(before.json<ActionDetailResponse>().departments.map((department) => department.name)).toContain(
      '税務課',
    );
    const tax = (await readDepartments()).find((department) => department.key === 'tax')!;

    const response = await context.send('admin', {
      method: 'PUT',
      url: `${url()}/${tax.id}`,
      payload: { name: '税務収納課', parentId: null, version: tax.version },
    });

    expect(response.statusCode).toBe(200);
    const after = await context.send('viewer', {
      method: 'GET',
      url: `/api/plans/${context.planId}/actions/a2`,
    });
    expect(after.json<ActionDetailResponse>().departments.map((department) => department.name)).toContain(
      '税務収納課',
    );
    const [entry] = await context.readAudit({ subjectType: 'department', subjectId: tax.id });
    expect(entry).toMatchObject({
      summary: '部署「税務課」を「税務収納課」に変更',
      before: { name: '税務課' },
    });
  });

  test('moving a department under its own child is refused, a stale version is a 409', async () => {
    const departments = await readDepartments();
    const generalAffairs = departments.find((department) => department.key === 'general-affairs')!;
    const digital = departments.find((department) => department.key === 'digital')!;
    const cycle = await context.send('admin', {
      method: 'PUT',
      url: `${url()}/${generalAffairs.id}`,
      payload: { name: generalAffairs.name, parentId: digital.id, version: generalAffairs.version },
    });
    expect(cycle.statusCode).toBe(400);
    expect(cycle.json().error.issues[0].message).toBe('部署を自分自身やその下の部署の下には移せません');

    const stale = await context.send('admin', {
      method: 'PUT',
      url: `${url()}/${digital.id}`,
      payload: { name: '古い画面', parentId: generalAffairs.id, version: digital.version + 5 },
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.details.current).toMatchObject({ name: 'デジタル戦略課' });
  });

  test('a department with departments under it is not archived; a leaf is, and can no longer be chosen', async () => {
    const departments = await readDepartments();
    const generalAffairs = departments.find((department) => department.key === 'general-affairs')!;
    const refused = await context.send('admin', {
      method: 'POST',
      url: `${url()}/${generalAffairs.id}/archive`,
      payload: { version: generalAffairs.version },
    });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('record.not_empty');

    const citizens = departments.find((department) => department.key === 'citizens')!;
    const archived = await context.send('admin', {
      method: 'POST',
      url: `${url()}/${citizens.id}/archive`,
      payload: { version: citizens.version },
    });
    expect(archived.statusCode).toBe(200);
    expect((await readDepartments()).find((department) => department.key === 'citizens')?.archived).toBe(
      true,
    );
    // The action that already names it can still be shown and saved; a new task may not name it.
    const task = await context.send('admin', {
      method: 'POST',
      url: `/api/plans/${context.planId}/actions/a1/tasks`,
      payload: { fy: 2025, department: 'citizens', planText: '廃止された課のタスク', progress: null },
    });
    expect(task.statusCode).toBe(400);
    expect(task.json().error.issues).toEqual([
      { path: 'department', message: '「市民課」は廃止された課のため選べません' },
    ]);
  });
});
