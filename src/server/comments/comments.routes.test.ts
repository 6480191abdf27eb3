import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createEditingContext, type EditingContext } from '../editing/editing.test-fixtures.js';
import type { CommentListResponse, CommentRecord } from './comments.schemas.js';

let context: EditingContext;

beforeAll(async () => {
  context = await createEditingContext();
});

afterAll(async () => {
  await context?.close();
});

const url = () => `/api/plans/${context.planId}/actions/a1/comments`;

describe('comments on an action', () => {
  test('401 → 400 → 403 → 201: a viewer (a council member) comments, and everyone in the municipality reads it', async () => {
    const payload = { body: '市民への周知はどのように行いますか。' };
    expect((await context.send('visitor', { method: 'POST', url: url(), payload })).statusCode).toBe(401);
    const invalid = await context.send('viewer', { method: 'POST', url: url(), payload: { body: '   ' } });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json().error.issues).toEqual([
      { path: 'body.body', message: 'コメントを入力してください' },
    ]);
    expect((await context.send('otherAdmin', { method: 'POST', url: url(), payload })).statusCode).toBe(403);

    const response = await context.send('viewer', { method: 'POST', url: url(), payload });

    expect(response.statusCode).toBe(201);
    const comment = response.json<CommentRecord>();
    expect(comment).toMatchObject({
      authorName: '協議会 委員',
      body: payload.body,
      authorUserId: context.userIds.viewer,
    });
    const list = await context.send('editor', { method: 'GET', url: url() });
    expect(list.json<CommentListResponse>().comments.map((item) => item.body)).toEqual([payload.body]);
    const [entry] = await context.readAudit({ subjectType: 'comment', subjectId: comment.id });
    expect(entry).toMatchObject({
      operation: 'create',
      actionKey: 'a1',
      summary: '1 オンライン申請の拡充にコメント',
    });
    expect((await context.send('otherAdmin', { method: 'GET', url: url() })).statusCode).toBe(403);
  });

  test('an editor may not archive someone else’s comment; its author and the admin may', async () => {
    const create = async (user: 'viewer' | 'editor') =>
      (
        await context.send(user, { method: 'POST', url: url(), payload: { body: `${user}のコメント` } })
      ).json<CommentRecord>();
    const archive = (user: 'viewer' | 'editor' | 'admin', comment: CommentRecord) =>
      context.send(user, {
        method: 'POST',
        url: `/api/plans/${context.planId}/comments/${comment.id}/archive`,
      });

    const viewerComment = await create('viewer');
    const refused = await archive('editor', viewerComment);
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.message).toBe(
      'ほかの人のコメントは削除できません（管理者に依頼してください）',
    );
    expect((await archive('viewer', viewerComment)).statusCode).toBe(200);

    const editorComment = await create('editor');
    expect((await archive('admin', editorComment)).statusCode).toBe(200);
    expect((await archive('admin', editorComment)).statusCode).toBe(404);

    const remaining = (
      await context.send('viewer', { method: 'GET', url: url() })
    ).json<CommentListResponse>();
    expect(remaining.comments.map((comment) => comment.body)).not.toContain('viewerのコメント');
    const [entry] = await context.readAudit({ subjectType: 'comment', subjectId: editorComment.id });
    expect(entry).toMatchObject({ operation: 'archive', before: { body: 'editorのコメント' } });
  });

  test('an unknown action has no comments to read: 404', async () => {
    const response = await context.send('viewer', {
      method: 'GET',
      url: `/api/plans/${context.planId}/actions/no-such/comments`,
    });
    expect(response.statusCode).toBe(404);
  });
});
