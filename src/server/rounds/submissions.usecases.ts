import type { Database } from '../../db/database.js';
import { AppError } from '../../domain/app-error.js';
import type { Actor, Permission } from '../../domain/policy.js';
import {
  ensureRoundOpen,
  formatRoundTitle,
  getNextSubmissionStatus,
  type SubmissionEvent,
  type SubmissionStatus,
} from '../../domain/progress-round.js';
import { recordAudit } from '../audit/audit.repository.js';
import { ensureCan } from '../authorization.js';
import { buildReviewMessage } from '../notices/notices.messages.js';
import type { NoticeDeployment } from '../notices/notices.transport.js';
import { queueDepartmentNotice } from '../notices/notices.usecases.js';
import { bumpPlanRevision } from '../plans/plans.repository.js';
import { ensureRound, ensureRoundPlan, ensureSubmissionView } from './department-edit.js';
import {
  lockSubmission,
  type RoundPlanRecord,
  type RoundRecord,
  updateSubmissionStatus,
} from './rounds.repository.js';
import type { SubmissionView } from './rounds.schemas.js';

interface SubmissionTarget {
  db: Database;
  actor: Actor;
  planId: string;
  roundId: string;
  departmentId: string;
  version: number;
}

/**
 * One step of a department's submission, in one transaction: the policy, the round still open, the
 * version the caller read, the legal transition, then the change with its audit entry (and, for a
 * review, the notice to the department in the outbox).
 */
async function runSubmissionStep({
  db,
  actor,
  planId,
  roundId,
  departmentId,
  version,
  permission,
  event,
  apply,
}: SubmissionTarget & {
  permission: Permission;
  event: SubmissionEvent;
  apply: (context: {
    tx: Database;
    plan: RoundPlanRecord;
    round: RoundRecord;
    submission: { id: string; departmentName: string; status: SubmissionStatus };
    next: SubmissionStatus;
    now: Date;
  }) => Promise<void>;
}): Promise<SubmissionView> {
  const plan = await ensureRoundPlan({ db, planId });
  ensureCan(actor, permission, { municipalityId: plan.municipalityId, departmentIds: [departmentId] });
  return db.transaction(async (tx) => {
    const round = await ensureRound({ db: tx, planId, roundId, lock: 'share' });
    ensureRoundOpen(round);
    const submission = await lockSubmission({ db: tx, roundId, departmentId });
    if (!submission) throw new AppError({ code: 'submission.not_found' });
    if (submission.version !== version) {
      throw new AppError({
        code: 'record.conflict',
        message: 'ほかの人が先にこの課の提出状況を変更しました。最新の状況を確認してください',
        details: { current: await ensureSubmissionView({ db: tx, roundId, departmentId }) },
      });
    }
    const next = getNextSubmissionStatus({ status: submission.status, event });
    await apply({ tx, plan, round, submission, next, now: new Date() });
    await bumpPlanRevision({ db: tx, planId, municipalityId: plan.municipalityId });
    return ensureSubmissionView({ db: tx, roundId, departmentId });
  });
}

/** The department hands in its figures for review; they are locked until the office returns them. */
export async function submitDepartment(target: SubmissionTarget): Promise<SubmissionView> {
  const { actor, version } = target;
  return runSubmissionStep({
    ...target,
    permission: 'submission.submit',
    event: 'submit',
    apply: async ({ tx, plan, round, submission, next, now }) => {
      await updateSubmissionStatus({
        db: tx,
        submissionId: submission.id,
        version,
        values: { status: next, submittedAt: now, submittedBy: actor.userId },
      });
      await recordAudit({
        db: tx,
        actor,
        entry: {
          municipalityId: plan.municipalityId,
          planId: plan.id,
          subjectType: 'submission',
          subjectId: submission.id,
          operation: 'submit',
          summary: `${submission.departmentName}が${formatRoundTitle(round)}の内容を提出`,
          before: { status: submission.status },
          after: { status: next },
        },
      });
    },
  });
}

async function reviewDepartment({
  kind,
  comment,
  deployment,
  ...target
}: SubmissionTarget & {
  kind: 'returned' | 'accepted';
  comment: string | null;
  deployment: NoticeDeployment;
}): Promise<SubmissionView> {
  const { actor, version, departmentId } = target;
  return runSubmissionStep({
    ...target,
    permission: 'submission.review',
    event: kind === 'returned' ? 'return' : 'accept',
    apply: async ({ tx, plan, round, submission, next, now }) => {
      await updateSubmissionStatus({
        db: tx,
        submissionId: submission.id,
        version,
        values: { status: next, reviewedAt: now, reviewedBy: actor.userId, reviewComment: comment },
      });
      const verb = kind === 'returned' ? '差し戻し' : '承認';
      await recordAudit({
        db: tx,
        actor,
        entry: {
          municipalityId: plan.municipalityId,
          planId: plan.id,
          subjectType: 'submission',
          subjectId: submission.id,
          operation: kind === 'returned' ? 'return' : 'accept',
          summary: `${submission.departmentName}の${formatRoundTitle(round)}の提出を${verb}${comment ? `（コメント: ${comment}）` : ''}`,
          before: { status: submission.status },
          after: { status: next, comment },
        },
      });
      await queueDepartmentNotice({
        db: tx,
        deployment,
        municipalityId: plan.municipalityId,
        planId: plan.id,
        roundId: round.id,
        departmentId,
        kind,
        key: `${kind}:${submission.id}:${version + 1}`,
        message: buildReviewMessage({
          kind,
          comment,
          reviewerName: actor.displayName,
          planId: plan.id,
          planTitle: plan.title,
          round,
          department: { id: departmentId, name: submission.departmentName },
          publicUrl: deployment.publicUrl,
        }),
        now,
      });
    },
  });
}

/** The office sends the figures back with a comment; the department may change them again. */
export async function returnSubmission(
  target: SubmissionTarget & { comment: string; deployment: NoticeDeployment },
): Promise<SubmissionView> {
  return reviewDepartment({ ...target, kind: 'returned' });
}

/** The office accepts the figures; they stay locked. */
export async function acceptSubmission(
  target: SubmissionTarget & { comment?: string | undefined; deployment: NoticeDeployment },
): Promise<SubmissionView> {
  return reviewDepartment({ ...target, kind: 'accepted', comment: target.comment || null });
}
