import type { Database } from '../../db/database.js';
import { AppError } from '../../domain/app-error.js';
import type { Actor } from '../../domain/policy.js';
import { ensureRoundOpen, getNextSubmissionStatus } from '../../domain/progress-round.js';
import { ensureCan } from '../authorization.js';
import { bumpPlanRevision } from '../plans/plans.repository.js';
import { toSubmissionView } from './rounds.models.js';
import {
  findRound,
  findRoundPlan,
  findSubmission,
  lockSubmission,
  type RoundPlanRecord,
  type RoundRecord,
  recordSubmissionEdit,
} from './rounds.repository.js';
import type { SubmissionView } from './rounds.schemas.js';

/** The plan of a round, or `plan.not_found`: read first, so that the policy knows the municipality. */
export async function ensureRoundPlan({
  db,
  planId,
}: {
  db: Database;
  planId: string;
}): Promise<RoundPlanRecord> {
  const plan = await findRoundPlan({ db, planId });
  if (!plan) throw new AppError({ code: 'plan.not_found' });
  return plan;
}

export async function ensureRound({
  db,
  planId,
  roundId,
  lock,
}: {
  db: Database;
  planId: string;
  roundId: string;
  lock?: 'share' | 'update';
}): Promise<RoundRecord> {
  const round = await findRound({ db, planId, roundId, ...(lock && { lock }) });
  if (!round) throw new AppError({ code: 'round.not_found' });
  return round;
}

export async function ensureSubmissionView({
  db,
  roundId,
  departmentId,
}: {
  db: Database;
  roundId: string;
  departmentId: string;
}): Promise<SubmissionView> {
  const submission = await findSubmission({ db, roundId, departmentId });
  if (!submission) throw new AppError({ code: 'submission.not_found' });
  return toSubmissionView(submission);
}

export interface DepartmentEditContext {
  tx: Database;
  actor: Actor;
  plan: RoundPlanRecord;
  round: RoundRecord;
  department: { id: string; key: string; name: string };
}

/**
 * A department's change of its figures through a round, in one transaction: the policy (progress.edit
 * for that department), the round still open, the submission not locked (submitted or accepted), then
 * the change itself, the submission's last-edit mark (not started → draft) and the plan's revision.
 * Closing the round waits for a running edit (the edit holds the round row in share mode), so no
 * change slips in after the snapshot.
 */
export async function runDepartmentEdit<T>({
  db,
  actor,
  planId,
  roundId,
  departmentId,
  edit,
}: {
  db: Database;
  actor: Actor;
  planId: string;
  roundId: string;
  departmentId: string;
  /** Makes the change (with its audit entry); `changed` false when the request changed nothing. */
  edit: (context: DepartmentEditContext) => Promise<{ result: T; changed: boolean }>;
}): Promise<{ result: T; submission: SubmissionView }> {
  const plan = await ensureRoundPlan({ db, planId });
  ensureCan(actor, 'progress.edit', { municipalityId: plan.municipalityId, departmentIds: [departmentId] });
  return db.transaction(async (tx) => {
    const round = await ensureRound({ db: tx, planId, roundId, lock: 'share' });
    ensureRoundOpen(round);
    const submission = await lockSubmission({ db: tx, roundId, departmentId });
    if (!submission) throw new AppError({ code: 'submission.not_found' });
    const status = getNextSubmissionStatus({ status: submission.status, event: 'edit' });
    const { result, changed } = await edit({
      tx,
      actor,
      plan,
      round,
      department: { id: departmentId, key: submission.departmentKey, name: submission.departmentName },
    });
    if (changed) {
      await recordSubmissionEdit({ db: tx, submissionId: submission.id, status, userId: actor.userId });
      await bumpPlanRevision({ db: tx, planId, municipalityId: plan.municipalityId });
    }
    return { result, submission: await ensureSubmissionView({ db: tx, roundId, departmentId }) };
  });
}
