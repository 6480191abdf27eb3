import type { Database } from '../../db/database.js';
import { AppError } from '../../domain/app-error.js';
import { formatFiscalYear, formatJapaneseDate } from '../../domain/fiscal-year.js';
import { listActions } from '../../domain/plan-tree.js';
import { type Actor, findMembership, readableMunicipalityIds } from '../../domain/policy.js';
import {
  formatRoundTitle,
  getClosedRoundStatus,
  getJapanDate,
  isSubmissionLocked,
  submissionStatusLabels,
} from '../../domain/progress-round.js';
import type { RoundOpenInput, RoundUpdateInput } from '../../domain/progress-round.schemas.js';
import { recordAudit } from '../audit/audit.repository.js';
import { ensureCan } from '../authorization.js';
import { listEvidence } from '../evidence/evidence.repository.js';
import type { PlanViewCache } from '../plans/plans.cache.js';
import { type RenderedView, renderView } from '../plans/plans.cache.js';
import { buildPlanDetail } from '../plans/plans.models.js';
import { bumpPlanRevision, loadPlanDocument } from '../plans/plans.repository.js';
import { getPlanViews } from '../plans/plans.usecases.js';
import { ensureRound, ensureRoundPlan } from './department-edit.js';
import { type DepartmentPageCache, getDepartmentPageKey } from './department-pages.js';
import { listDepartmentTasks, listKpiActuals, listKpis, listOwnedActions } from './progress.repository.js';
import type { RoundSnapshot, RoundSnapshotCache } from './round-snapshots.js';
import { buildDepartmentActions, toRoundView, toSubmissionView } from './rounds.models.js';
import {
  findDepartmentRound,
  findOpenRound,
  findPreviousClosedRound,
  findRoundByPeriod,
  getRoundSnapshot,
  insertRound,
  insertSubmissions,
  listDepartmentIdsWithTasks,
  listOpenRounds,
  listRounds,
  listSubmissions,
  listTaskComments,
  type RoundPlanRecord,
  type RoundRecord,
  updateRound,
} from './rounds.repository.js';
import {
  type DepartmentProgressResponse,
  departmentProgressResponseSchema,
  type OpenRoundsResponse,
  type RoundBoardResponse,
  type RoundEvaluationResponse,
  type RoundListResponse,
  type RoundView,
  roundEvaluationResponseSchema,
} from './rounds.schemas.js';

function toPlanHeader(plan: RoundPlanRecord) {
  return {
    id: plan.id,
    title: plan.title,
    actionLevel: plan.actionLevel,
    period: { startFy: plan.startFy, endFy: plan.endFy },
    municipality: { id: plan.municipalityId, name: plan.municipalityName },
  };
}

function isUniqueViolation(error: unknown, constraint: string): boolean {
  for (let current: unknown = error; current instanceof Error; current = current.cause) {
    const details = current as Error & { code?: unknown; constraint?: unknown };
    if (details.code === '23505' && details.constraint === constraint) return true;
  }
  return false;
}

function roundAlreadyOpen(round: RoundRecord | null): AppError {
  return new AppError({
    code: 'round.already_open',
    message: `この計画には受付中の進捗確認${round ? `（${formatRoundTitle(round)}）` : ''}があります。締め切ってから新しい進捗確認を始めてください`,
  });
}

/**
 * Opens a progress round (the DX office): one at a time per plan, for a fiscal year of the plan and a
 * check month, with a due date. Every department with tasks in that year gets its submission row.
 */
export async function openRound({
  db,
  actor,
  planId,
  input,
}: {
  db: Database;
  actor: Actor;
  planId: string;
  input: RoundOpenInput;
}): Promise<RoundView> {
  const plan = await ensureRoundPlan({ db, planId });
  ensureCan(actor, 'round.manage', { municipalityId: plan.municipalityId });
  if (input.fy < plan.startFy || input.fy > plan.endFy) {
    const message = `年度は計画期間（${formatFiscalYear(plan.startFy)}〜${formatFiscalYear(plan.endFy)}）の中から選んでください`;
    throw new AppError({ code: 'request.invalid', message, issues: [{ path: 'fy', message }] });
  }
  try {
    return await db.transaction(async (tx) => {
      const open = await findOpenRound({ db: tx, planId });
      if (open) throw roundAlreadyOpen(open);
      if (await findRoundByPeriod({ db: tx, planId, fy: input.fy, month: input.month })) {
        throw new AppError({
          code: 'round.already_exists',
          message: `${formatRoundTitle(input)}はすでにあります`,
        });
      }
      const departmentIds = await listDepartmentIdsWithTasks({ db: tx, planId, fy: input.fy });
      if (departmentIds.length === 0) {
        const message = `${formatFiscalYear(input.fy)}のタスクがある課がないため、進捗確認を始められません`;
        throw new AppError({ code: 'request.invalid', message, issues: [{ path: 'fy', message }] });
      }
      const round = await insertRound({
        db: tx,
        values: {
          municipalityId: plan.municipalityId,
          planId,
          fy: input.fy,
          month: input.month,
          dueDate: input.dueDate,
          note: input.note || null,
          openedBy: actor.userId,
        },
      });
      await insertSubmissions({ db: tx, round, departmentIds });
      await recordAudit({
        db: tx,
        actor,
        entry: {
          municipalityId: plan.municipalityId,
          planId,
          subjectType: 'round',
          subjectId: round.id,
          operation: 'open',
          summary: `${formatRoundTitle(round)}を開始（提出期限 ${formatJapaneseDate(round.dueDate)}・対象 ${departmentIds.length}課）`,
          after: { fy: round.fy, month: round.month, dueDate: round.dueDate, note: round.note },
        },
      });
      await bumpPlanRevision({ db: tx, planId, municipalityId: plan.municipalityId });
      return toRoundView(round);
    });
  } catch (error) {
    // Two offices opening at once: the database's constraints decide.
    if (isUniqueViolation(error, 'progress_rounds_one_open_per_plan')) throw roundAlreadyOpen(null);
    if (isUniqueViolation(error, 'progress_rounds_plan_month_unique')) {
      throw new AppError({
        code: 'round.already_exists',
        message: `${formatRoundTitle(input)}はすでにあります`,
      });
    }
    throw error;
  }
}

/** Changes the due date and the note of an open round. */
export async function updateRoundSchedule({
  db,
  actor,
  planId,
  roundId,
  input,
}: {
  db: Database;
  actor: Actor;
  planId: string;
  roundId: string;
  input: RoundUpdateInput;
}): Promise<RoundView> {
  const plan = await ensureRoundPlan({ db, planId });
  ensureCan(actor, 'round.manage', { municipalityId: plan.municipalityId });
  return db.transaction(async (tx) => {
    const round = await ensureRound({ db: tx, planId, roundId, lock: 'update' });
    getClosedRoundStatus(round);
    if (round.version !== input.version) {
      throw new AppError({ code: 'record.conflict', details: { current: toRoundView(round) } });
    }
    const note = input.note || null;
    const updated = await updateRound({
      db: tx,
      roundId,
      version: input.version,
      values: { dueDate: input.dueDate, note },
    });
    if (!updated) throw new AppError({ code: 'record.conflict', details: { current: toRoundView(round) } });
    const changes = [
      round.dueDate !== input.dueDate &&
        `提出期限を ${formatJapaneseDate(round.dueDate)} → ${formatJapaneseDate(input.dueDate)} に変更`,
      round.note !== note && 'お知らせ文を変更',
    ].filter(Boolean);
    await recordAudit({
      db: tx,
      actor,
      entry: {
        municipalityId: plan.municipalityId,
        planId,
        subjectType: 'round',
        subjectId: roundId,
        operation: 'update',
        summary: `${formatRoundTitle(round)}の${changes.length > 0 ? changes.join('、') : '設定を保存（変更なし）'}`,
        before: { dueDate: round.dueDate, note: round.note },
        after: { dueDate: updated.dueDate, note: updated.note },
      },
    });
    await bumpPlanRevision({ db: tx, planId, municipalityId: plan.municipalityId });
    return toRoundView(updated);
  });
}

/**
 * Closes a round: the plan document as it stands becomes the round's snapshot and the round is frozen.
 * Its evaluation is served from the snapshot from then on; the live figures carry over to the next round.
 */
export async function closeRound({
  db,
  actor,
  planId,
  roundId,
  version,
}: {
  db: Database;
  actor: Actor;
  planId: string;
  roundId: string;
  version: number;
}): Promise<RoundView> {
  const plan = await ensureRoundPlan({ db, planId });
  ensureCan(actor, 'round.manage', { municipalityId: plan.municipalityId });
  return db.transaction(async (tx) => {
    // Locked for update: edits through the round hold it in share mode, so none is half-way now.
    const round = await ensureRound({ db: tx, planId, roundId, lock: 'update' });
    const status = getClosedRoundStatus(round);
    if (round.version !== version) {
      throw new AppError({ code: 'record.conflict', details: { current: toRoundView(round) } });
    }
    const stored = await loadPlanDocument({ db: tx, planId });
    if (!stored) throw new AppError({ code: 'plan.not_found' });
    const submissions = await listSubmissions({ db: tx, roundIds: [roundId] });
    const closed = await updateRound({
      db: tx,
      roundId,
      version,
      values: {
        status,
        closedAt: new Date(),
        closedBy: actor.userId,
        snapshot: stored.document,
        snapshotRevision: stored.revision,
      },
    });
    if (!closed) throw new AppError({ code: 'record.conflict', details: { current: toRoundView(round) } });
    const accepted = submissions.filter((submission) => submission.status === 'accepted').length;
    const pending = submissions.filter((submission) => submission.status !== 'accepted');
    await recordAudit({
      db: tx,
      actor,
      entry: {
        municipalityId: plan.municipalityId,
        planId,
        subjectType: 'round',
        subjectId: roundId,
        operation: 'close',
        summary: `${formatRoundTitle(round)}を締め切り（承認済み ${accepted}課${pending.length > 0 ? `・承認前 ${pending.length}課` : ''}）`,
        before: { status: round.status },
        after: {
          status,
          snapshotRevision: stored.revision,
          notAccepted: pending.map((submission) => ({
            department: submission.departmentName,
            status: submissionStatusLabels[submission.status],
          })),
        },
      },
    });
    await bumpPlanRevision({ db: tx, planId, municipalityId: plan.municipalityId });
    return toRoundView(closed);
  });
}

/** The plan's rounds, newest first, each with its departments' statuses. */
export async function findRoundsOfPlan({
  db,
  actor,
  planId,
}: {
  db: Database;
  actor: Actor;
  planId: string;
}): Promise<RoundListResponse> {
  const plan = await ensureRoundPlan({ db, planId });
  ensureCan(actor, 'plan.read', { municipalityId: plan.municipalityId });
  const rounds = await listRounds({ db, planId });
  const submissions = await listSubmissions({ db, roundIds: rounds.map((round) => round.id) });
  return {
    rounds: rounds.map((round) => ({
      ...toRoundView(round),
      submissions: submissions
        .filter((submission) => submission.roundId === round.id)
        .map((submission) => ({
          departmentId: submission.departmentId,
          departmentName: submission.departmentName,
          status: submission.status,
        })),
    })),
  };
}

/** The round-status board: every department's status, last change and review. */
export async function getRoundBoard({
  db,
  actor,
  planId,
  roundId,
  now,
}: {
  db: Database;
  actor: Actor;
  planId: string;
  roundId: string;
  now: Date;
}): Promise<RoundBoardResponse> {
  const plan = await ensureRoundPlan({ db, planId });
  ensureCan(actor, 'plan.read', { municipalityId: plan.municipalityId });
  const round = await ensureRound({ db, planId, roundId });
  const submissions = await listSubmissions({ db, roundIds: [roundId] });
  return {
    plan: toPlanHeader(plan),
    round: toRoundView(round),
    submissions: submissions.map(toSubmissionView),
    today: getJapanDate(now),
  };
}

async function loadSnapshot({
  db,
  snapshots,
  round,
}: {
  db: Database;
  snapshots: RoundSnapshotCache;
  round: RoundRecord;
}): Promise<RoundSnapshot> {
  const snapshot = await snapshots.get({
    roundId: round.id,
    load: () => getRoundSnapshot({ db, roundId: round.id }),
  });
  if (!snapshot) throw new Error(`the closed round ${round.id} has no snapshot`);
  return snapshot;
}

/** A closed round's evaluation as it stood at its close, computed once from its snapshot. */
export async function getRoundEvaluation({
  db,
  snapshots,
  actor,
  planId,
  roundId,
}: {
  db: Database;
  snapshots: RoundSnapshotCache;
  actor: Actor;
  planId: string;
  roundId: string;
}): Promise<RenderedView<RoundEvaluationResponse>> {
  const plan = await ensureRoundPlan({ db, planId });
  ensureCan(actor, 'plan.read', { municipalityId: plan.municipalityId });
  const round = await ensureRound({ db, planId, roundId });
  if (round.status !== 'closed') {
    throw new AppError({
      code: 'round.not_found',
      message: `${formatRoundTitle(round)}はまだ締め切られていないため、締め切り時点の評価はありません`,
    });
  }
  const snapshot = await loadSnapshot({ db, snapshots, round });
  snapshot.rendered ??= renderView(roundEvaluationResponseSchema, {
    round: toRoundView(round),
    detail: buildPlanDetail({
      stored: {
        id: plan.id,
        revision: round.snapshotRevision ?? 0,
        municipality: { id: plan.municipalityId, ...snapshot.document.municipality },
        document: snapshot.document,
      },
      settings: snapshot.settings,
      evaluation: snapshot.evaluation,
    }),
  });
  return snapshot.rendered;
}

/**
 * A department's page of a round ("my tasks"): its tasks of the round's year grouped by action, the
 * KPIs and overall assessments of the actions it owns, its evidence and its submission. Live figures
 * while the round is open; the figures as they stood at the close once it is closed.
 */
export async function getDepartmentProgress({
  db,
  cache,
  snapshots,
  pages,
  actor,
  planId,
  roundId,
  departmentId,
  now,
}: {
  db: Database;
  cache: PlanViewCache;
  snapshots: RoundSnapshotCache;
  /** The rendered pages, built once per revision of the plan. */
  pages: DepartmentPageCache;
  actor: Actor;
  planId: string;
  roundId: string;
  departmentId: string;
  now: Date;
}): Promise<RenderedView<DepartmentProgressResponse>> {
  const views = await getPlanViews({ db, cache, planId });
  ensureCan(actor, 'plan.read', { municipalityId: views.stored.municipality.id });
  const today = getJapanDate(now);
  const key = getDepartmentPageKey({ roundId, departmentId, revision: views.revision, today });
  const cached = pages.get(key);
  if (cached) return cached;

  const found = await findDepartmentRound({ db, planId, roundId, departmentId });
  if (!found) throw new AppError({ code: 'plan.not_found' });
  const { plan, round, submission } = found;
  ensureCan(actor, 'plan.read', { municipalityId: plan.municipalityId });
  if (!round) throw new AppError({ code: 'round.not_found' });
  if (!submission) throw new AppError({ code: 'submission.not_found' });

  const [comments, previousRound] = await Promise.all([
    listTaskComments({ db, roundId }),
    findPreviousClosedRound({ db, planId, roundId, before: round.openedAt }),
  ]);
  const [tasks, ownedActions] = await Promise.all([
    listDepartmentTasks({ db, planId, departmentId, fy: round.fy }),
    listOwnedActions({ db, planId, departmentId }),
  ]);
  const kpis = await listKpis({ db, actionIds: ownedActions.map((action) => action.id) });
  const actuals = await listKpiActuals({ db, kpiIds: kpis.map((kpi) => kpi.id) });
  const actionIds = [...new Set([...tasks.map((task) => task.actionId), ...ownedActions.map((a) => a.id)])];
  const [evidence, asOf, previous] = await Promise.all([
    listEvidence({ db, planId, actionIds, departmentId }),
    round.status === 'closed' ? loadSnapshot({ db, snapshots, round }) : null,
    previousRound && previousRound.status === 'closed'
      ? loadSnapshot({ db, snapshots, round: previousRound })
      : null,
  ]);

  const actionOrder = new Map(
    listActions(views.stored.document.plan).map((placed, index) => [placed.action.key, index]),
  );
  const page = renderView(departmentProgressResponseSchema, {
    plan: toPlanHeader(plan),
    round: toRoundView(round),
    department: { id: departmentId, key: submission.departmentKey, name: submission.departmentName },
    submission: toSubmissionView(submission),
    previousRound: previousRound ? { id: previousRound.id, title: formatRoundTitle(previousRound) } : null,
    editable: round.status === 'open' && !isSubmissionLocked(submission.status),
    today,
    actions: buildDepartmentActions({
      planId,
      actionOrder,
      rows: {
        departmentKey: submission.departmentKey,
        tasks,
        ownedActions,
        kpis,
        actuals,
        comments,
        evidence,
      },
      evaluation: asOf?.evaluation ?? views.evaluation,
      asOf: asOf?.index ?? null,
      previous: previous?.index ?? null,
    }),
  });
  pages.set(key, page);
  return page;
}

/**
 * The open rounds the signed-in user sees, with the departments the user keeps among those each round
 * asks: what the header and the plan page link to ("進捗入力").
 */
export async function findOpenRoundsForActor({
  db,
  actor,
}: {
  db: Database;
  actor: Actor;
}): Promise<OpenRoundsResponse> {
  const rounds = await listOpenRounds({ db, municipalityIds: readableMunicipalityIds(actor) });
  const submissions = await listSubmissions({ db, roundIds: rounds.map((round) => round.id) });
  return {
    rounds: rounds.map((round) => {
      const membership = findMembership(actor, round.municipalityId);
      const kept = membership?.role === 'editor' ? membership.departmentIds : [];
      return {
        id: round.id,
        planId: round.planId,
        planTitle: round.planTitle,
        municipalityId: round.municipalityId,
        municipalityName: round.municipalityName,
        title: formatRoundTitle(round),
        dueDate: round.dueDate,
        departments: submissions
          .filter((submission) => submission.roundId === round.id && kept.includes(submission.departmentId))
          .map((submission) => ({
            id: submission.departmentId,
            name: submission.departmentName,
            status: submission.status,
          })),
      };
    }),
  };
}
