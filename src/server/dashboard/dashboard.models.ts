import { evaluatePlan, type PlanEvaluation } from '../../domain/evaluation/index.js';
import { type Plan, type PlanDocument, planDocumentSchema } from '../../domain/plan.schemas.js';
import { listActions } from '../../domain/plan-tree.js';
import type { PlanViews } from '../plans/plans.cache.js';
import { buildPlanSummary } from '../plans/plans.models.js';

const japanDate = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Tokyo',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** Today in Japan, YYYY-MM-DD: fiscal years and due dates are Japanese dates. */
export function getJapanDate(now: Date): string {
  return japanDate.format(now);
}

/** The plan header every dashboard view starts with. */
export function buildPlanHeader(views: PlanViews) {
  return {
    ...buildPlanSummary({ stored: views.stored }),
    levels: views.stored.document.plan.levels,
    revision: views.revision,
    evaluation: views.settings,
  };
}

/** The latest actual date of any KPI of the plan, for "how fresh is this". */
export function findLatestActualDate(plan: Plan): string | null {
  let latest: string | null = null;
  for (const { action } of listActions(plan)) {
    for (const kpi of action.kpis) {
      for (const actual of kpi.actuals) if (latest === null || actual.date > latest) latest = actual.date;
    }
  }
  return latest;
}

export interface EvaluatedSnapshot {
  document: PlanDocument;
  plan: Plan;
  evaluation: PlanEvaluation;
}

const snapshotEvaluations = new Map<string, EvaluatedSnapshot | null>();

/**
 * A closed round's snapshot, validated and evaluated once per round. A snapshot that does not validate
 * (written by an older format) gives no comparison rather than a wrong one.
 */
export function evaluateSnapshot({
  roundId,
  snapshot,
}: {
  roundId: string;
  snapshot: unknown;
}): EvaluatedSnapshot | null {
  const cached = snapshotEvaluations.get(roundId);
  if (cached !== undefined) return cached;
  const parsed = planDocumentSchema.safeParse(snapshot);
  const value = parsed.success
    ? { document: parsed.data, plan: parsed.data.plan, evaluation: evaluatePlan(parsed.data.plan) }
    : null;
  snapshotEvaluations.set(roundId, value);
  // A handful of plans, a few rounds each: keep the most recent ones only.
  if (snapshotEvaluations.size > 50) {
    const oldest = snapshotEvaluations.keys().next().value;
    if (oldest !== undefined) snapshotEvaluations.delete(oldest);
  }
  return value;
}
