import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { AuditResponse } from '../audit/audit.routes.js';
import { createEditingContext, type EditingContext } from '../editing/editing.test-fixtures.js';
import type { HistoryPeopleResponse } from './history.routes.js';

let context: EditingContext;

beforeAll(async () => {
  context = await createEditingContext();
  const editing = await context.send('admin', {
    method: 'GET',
    url: `/api/plans/${context.planId}/actions/a3/editing`,
  });
  const { action } = editing.json();
  const { id: _id, key: _key, nodeId: _node, position: _position, ...fields } = action;
  await context.send('admin', {
    method: 'PUT',
    url: `/api/plans/${context.planId}/actions/a3`,
    payload: { ...fields, title: 'テレワークの拡大' },
  });
  await context.send('viewer', {
    method: 'POST',
    url: `/api/plans/${context.planId}/actions/a3/comments`,
    payload: { body: '対象の職場は？' },
  });
});

afterAll(async () => {
  await context?.close();
});

describe('GET /api/plans/:planId/history/people', () => {
  test('lists who changed the plan, for the history filter; 401 for a visitor, 403 for another municipality', async () => {
    const url = `/api/plans/${context.planId}/history/people`;
    expect((await context.send('visitor', { method: 'GET', url })).statusCode).toBe(401);
    expect(
      (await context.send('viewer', { method: 'GET', url: '/api/plans/not-a-plan/history/people' }))
        .statusCode,
    ).toBe(400);
    expect((await context.send('otherAdmin', { method: 'GET', url })).statusCode).toBe(403);

    const response = await context.send('viewer', { method: 'GET', url });

    expect(response.statusCode).toBe(200);
    expect(response.json<HistoryPeopleResponse>().people).toEqual(
      expect.arrayContaining([
        { userId: context.userIds.admin, name: 'デジタル戦略課 管理者', entryCount: 1 },
        { userId: context.userIds.viewer, name: '協議会 委員', entryCount: 1 },
        { userId: null, name: 'システム', entryCount: 1 },
      ]),
    );
  });
});

describe('the action history through GET /api/municipalities/:municipalityId/audit', () => {
  test('filtering by action and kind gives the action’s changes, newest first, with before and after', async () => {
    const response = await context.send('viewer', {
      method: 'GET',
      url: `/api/municipalities/${context.municipalityId}/audit?planId=${context.planId}&actionKey=a3`,
    });
    expect(response.statusCode).toBe(200);
    const { entries } = response.json<AuditResponse>();
    expect(entries.map((entry) => entry.subjectType)).toEqual(['comment', 'action']);
    expect(entries[1]).toMatchObject({
      before: { title: 'テレワークの推進' },
      after: { title: 'テレワークの拡大' },
    });

    const onlyActions = await context.send('viewer', {
      method: 'GET',
      url: `/api/municipalities/${context.municipalityId}/audit?planId=${context.planId}&subjectType=action&actorUserId=${context.userIds.admin}`,
    });
    expect(onlyActions.json<AuditResponse>().entries).toHaveLength(1);
  });
});
