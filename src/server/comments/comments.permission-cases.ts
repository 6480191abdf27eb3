import { EVERY_MEMBER, type PermissionCase } from '../permission-matrix.fixture.js';
import { createComment } from './comments.usecases.js';

export const commentPermissionCases: PermissionCase[] = [
  {
    route: 'GET /api/plans/:planId/actions/:actionKey/comments',
    allowed: EVERY_MEMBER,
    request: (context) => ({ method: 'GET', url: `/api/plans/${context.planId}/actions/a1/comments` }),
  },
  {
    route: 'POST /api/plans/:planId/actions/:actionKey/comments',
    // Viewers too: HQ, council and PT members comment.
    allowed: EVERY_MEMBER,
    request: (context) => ({
      method: 'POST',
      url: `/api/plans/${context.planId}/actions/a1/comments`,
      payload: { body: '進め方について確認したい点があります。' },
    }),
  },
  {
    route: 'POST /api/plans/:planId/comments/:commentId/archive',
    // The comment is editorOwn's: its author and the DX office may archive it, nobody else.
    allowed: ['superAdmin', 'admin', 'editorOwn'],
    request: async (context) => {
      const comment = await createComment({
        db: context.db,
        actor: {
          userId: context.users.editorOwn.id,
          displayName: '担当課',
          superAdmin: false,
          memberships: [{ municipalityId: context.municipalityId, role: 'editor', departmentIds: [] }],
        },
        planId: context.planId,
        actionKey: 'a1',
        input: { body: '削除されるコメント' },
      });
      return { method: 'POST', url: `/api/plans/${context.planId}/comments/${comment.id}/archive` };
    },
  },
];
