import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { Database } from '../../db/database.js';
import type { Actor } from '../../domain/policy.js';
import type { SubmissionStatus } from '../../domain/progress-round.js';
import type { MatrixContext } from '../permission-matrix.fixture.js';
import { buildPlanDocumentInput } from '../plans/plans.test-fixtures.js';
import { importPlanDocument } from '../plans/plans.usecases.js';
import { listDepartmentTasks, listKpis } from './progress.repository.js';
import { roundSubmissionsTable } from './rounds.table.js';
import { closeRound, openRound } from './rounds.usecases.js';

/** A 1 × 1 PNG: the smallest real photo. */
export const TINY_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=',
  'base64',
);

export interface MatrixRound {
  planId: string;
  roundId: string;
  /** デジタル戦略課 (`digital`), the department `editorOwn` keeps. */
  departmentId: string;
  taskId: string;
  kpiId: string;
}

function superAdminOf(context: MatrixContext): Actor {
  return { userId: context.users.superAdmin.id, displayName: '準備', superAdmin: true, memberships: [] };
}

/** A fresh copy of the test plan in the matrix's municipality, so that a case can open or close a round of its own. */
export async function importFreshPlan(context: MatrixContext): Promise<string> {
  const saved = await importPlanDocument({
    db: context.db,
    input: buildPlanDocumentInput({ slug: `plan-${randomUUID().slice(0, 8)}` }),
  });
  return saved.planId;
}

export async function openFreshRound(
  context: MatrixContext,
  planId?: string,
): Promise<{ planId: string; roundId: string; version: number }> {
  const target = planId ?? (await importFreshPlan(context));
  const round = await openRound({
    db: context.db,
    actor: superAdminOf(context),
    planId: target,
    input: { fy: 2024, month: 9, dueDate: '2024-10-15' },
  });
  return { planId: target, roundId: round.id, version: round.version };
}

const openRounds = new WeakMap<MatrixContext, Promise<MatrixRound>>();
const closedRounds = new WeakMap<MatrixContext, Promise<{ planId: string; roundId: string }>>();

/**
 * The matrix's open round (FY2024 9月), created once on a plan of its own: other features' cases edit
 * and archive parts of the matrix's shared plan.
 */
export function getMatrixRound(context: MatrixContext): Promise<MatrixRound> {
  let round = openRounds.get(context);
  if (!round) {
    round = (async () => {
      const { roundId, planId } = await openFreshRound(context);
      const departmentId = context.ownDepartmentId;
      const [task] = await listDepartmentTasks({
        db: context.db,
        planId,
        departmentId,
        fy: 2024,
      });
      const [kpi] = await listKpis({ db: context.db, actionIds: [task!.actionId] });
      return { planId, roundId, departmentId, taskId: task!.id, kpiId: kpi!.id };
    })();
    openRounds.set(context, round);
  }
  return round;
}

/** A closed round (on a plan of its own), created once. */
export function getClosedMatrixRound(context: MatrixContext): Promise<{ planId: string; roundId: string }> {
  let round = closedRounds.get(context);
  if (!round) {
    round = (async () => {
      const opened = await openFreshRound(context);
      await closeRound({ db: context.db, actor: superAdminOf(context), ...opened });
      return opened;
    })();
    closedRounds.set(context, round);
  }
  return round;
}

/** Puts a department's submission in the given state (and returns its version), for a case that needs it. */
export async function setSubmissionStatus({
  db,
  roundId,
  departmentId,
  status,
}: {
  db: Database;
  roundId: string;
  departmentId: string;
  status: SubmissionStatus;
}): Promise<number> {
  const [row] = await db
    .update(roundSubmissionsTable)
    .set({ status })
    .where(
      and(eq(roundSubmissionsTable.roundId, roundId), eq(roundSubmissionsTable.departmentId, departmentId)),
    )
    .returning({ version: roundSubmissionsTable.version });
  return row!.version;
}

/** The matrix round's page of `editorOwn`'s department, and its URL. */
export async function getMatrixDepartment(
  context: MatrixContext,
): Promise<{ round: MatrixRound; url: string }> {
  const round = await getMatrixRound(context);
  return {
    round,
    url: `/api/plans/${round.planId}/rounds/${round.roundId}/departments/${round.departmentId}`,
  };
}

/** The same, made editable again (a case before may have submitted it). */
export async function getEditableMatrixDepartment(
  context: MatrixContext,
): Promise<{ round: MatrixRound; url: string }> {
  const target = await getMatrixDepartment(context);
  await setSubmissionStatus({
    db: context.db,
    roundId: target.round.roundId,
    departmentId: target.round.departmentId,
    status: 'draft',
  });
  return target;
}
