import type { Action, EvaluationSettings, Plan, PlanNode } from '../plan.schemas.js';
import { evaluateAction } from './evaluate-action.js';
import type { ActionEvaluation, NodeEvaluation, PlanEvaluation, Rating } from './evaluation.models.js';
import { roundToOneDecimal } from './numbers.js';
import { listRatings, resolveEvaluationSettings } from './settings.js';

class NodeTally {
  actionCount = 0;
  ratedCount = 0;
  rateSum = 0;
  readonly counts: Record<string, number>;

  constructor(ratings: Rating[]) {
    this.counts = {};
    for (const rating of ratings) this.counts[rating.key] = 0;
  }

  addAction(evaluation: ActionEvaluation): void {
    this.actionCount++;
    this.counts[evaluation.rating.key] = (this.counts[evaluation.rating.key] ?? 0) + 1;
    if (evaluation.result && evaluation.rating.kind === 'band') {
      this.ratedCount++;
      this.rateSum += evaluation.result.shown;
    }
  }

  addTally(other: NodeTally): void {
    this.actionCount += other.actionCount;
    this.ratedCount += other.ratedCount;
    this.rateSum += other.rateSum;
    for (const [key, count] of Object.entries(other.counts))
      this.counts[key] = (this.counts[key] ?? 0) + count;
  }

  toEvaluation(nodeKey: string): NodeEvaluation {
    return {
      nodeKey,
      actionCount: this.actionCount,
      counts: this.counts,
      meanRate: this.ratedCount > 0 ? roundToOneDecimal(this.rateSum / this.ratedCount) : null,
    };
  }
}

/**
 * Evaluates every action of a plan and tallies the labels per node (a node counts everything below it)
 * and for the whole plan. Pure: the same plan always gives the same evaluation.
 */
export function evaluatePlan(plan: Plan, settingsOverride?: EvaluationSettings): PlanEvaluation {
  const settings = settingsOverride ?? resolveEvaluationSettings(plan);
  const ratings = listRatings(settings);
  const actions = new Map<string, ActionEvaluation>();
  const nodes = new Map<string, NodeEvaluation>();

  const evaluateInto = (tally: NodeTally, list: Action[]) => {
    for (const action of list) {
      const evaluation = evaluateAction(action, settings);
      actions.set(action.key, evaluation);
      tally.addAction(evaluation);
    }
  };
  const visit = (node: PlanNode): NodeTally => {
    const tally = new NodeTally(ratings);
    evaluateInto(tally, node.actions);
    for (const child of node.children) tally.addTally(visit(child));
    nodes.set(node.key, tally.toEvaluation(node.key));
    return tally;
  };

  const total = new NodeTally(ratings);
  for (const node of plan.nodes) total.addTally(visit(node));
  evaluateInto(total, plan.actions);
  return { ratings, actions, nodes, total: total.toEvaluation('') };
}
