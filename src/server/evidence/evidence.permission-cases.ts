import { createHash } from 'node:crypto';
import { eq } from 'drizzle-orm';
import {
  EVERY_MEMBER,
  type MatrixContext,
  OWN_DEPARTMENT,
  type PermissionCase,
} from '../permission-matrix.fixture.js';
import { tasksTable } from '../plans/plans.table.js';
import { getEditableMatrixDepartment, getMatrixRound, TINY_PNG } from '../rounds/rounds.test-fixtures.js';
import { insertEvidence } from './evidence.repository.js';

/** A photo of `editorOwn`'s department on action a1, stored directly (the upload itself has its own case). */
async function storePhoto(context: MatrixContext): Promise<string> {
  const round = await getMatrixRound(context);
  const [task] = await context.db
    .select({ actionId: tasksTable.actionId })
    .from(tasksTable)
    .where(eq(tasksTable.id, round.taskId));
  return insertEvidence({
    db: context.db,
    values: {
      municipalityId: context.municipalityId,
      planId: round.planId,
      actionId: task!.actionId,
      taskId: null,
      departmentId: round.departmentId,
      roundId: round.roundId,
      kind: 'photo',
      fileName: 'photo.png',
      contentType: 'image/png',
      size: TINY_PNG.length,
      sha256: createHash('sha256').update(TINY_PNG).digest('hex'),
      data: TINY_PNG,
      caption: null,
      uploadedBy: context.users.superAdmin.id,
    },
  });
}

export const evidencePermissionCases: PermissionCase[] = [
  {
    route: 'POST /api/plans/:planId/rounds/:roundId/departments/:departmentId/evidence',
    allowed: OWN_DEPARTMENT,
    request: async (context) => {
      const { url } = await getEditableMatrixDepartment(context);
      return {
        method: 'POST',
        url: `${url}/evidence?actionKey=a1&fileName=${encodeURIComponent('説明会.png')}`,
        headers: { 'content-type': 'application/octet-stream' },
        payload: TINY_PNG,
      };
    },
  },
  {
    route: 'POST /api/plans/:planId/rounds/:roundId/departments/:departmentId/evidence/:evidenceId/archive',
    allowed: OWN_DEPARTMENT,
    request: async (context) => {
      const { url } = await getEditableMatrixDepartment(context);
      return { method: 'POST', url: `${url}/evidence/${await storePhoto(context)}/archive` };
    },
  },
  {
    route: 'GET /api/plans/:planId/actions/:actionKey/evidence',
    allowed: EVERY_MEMBER,
    request: (context) => ({ method: 'GET', url: `/api/plans/${context.planId}/actions/a1/evidence` }),
  },
  {
    route: 'GET /api/plans/:planId/evidence/:evidenceId',
    allowed: EVERY_MEMBER,
    request: async (context) => {
      const evidenceId = await storePhoto(context);
      return {
        method: 'GET',
        url: `/api/plans/${(await getMatrixRound(context)).planId}/evidence/${evidenceId}`,
      };
    },
  },
];
