import type { ActionEvaluation, NodeEvaluation, PlanEvaluation } from '../../domain/evaluation/index.js';
import type { Action, EvaluationSettings, PlanNode } from '../../domain/plan.schemas.js';
import { listActions } from '../../domain/plan-tree.js';
import type { StoredPlan } from './plans.repository.js';
import type {
  ActionDetailResponse,
  ActionSummary,
  PlanDetailResponse,
  PlanSummary,
  PlanTreeNode,
} from './plans.schemas.js';

/** What a plan's pages are built from: the stored plan and its evaluation, computed once per revision. */
export interface EvaluatedPlan {
  stored: StoredPlan;
  settings: EvaluationSettings;
  evaluation: PlanEvaluation;
}

export function buildPlanSummary({ stored }: { stored: StoredPlan }): PlanSummary {
  const { plan } = stored.document;
  return {
    id: stored.id,
    slug: plan.slug,
    title: plan.title,
    period: plan.period,
    actionCount: listActions(plan).length,
    actionLevel: plan.actionLevel,
    municipality: stored.municipality,
  };
}

function toNodeEvaluationView(evaluation: NodeEvaluation): PlanTreeNode['evaluation'] {
  return { actionCount: evaluation.actionCount, counts: evaluation.counts, meanRate: evaluation.meanRate };
}

function findActionEvaluation(evaluation: PlanEvaluation, actionKey: string): ActionEvaluation {
  const found = evaluation.actions.get(actionKey);
  if (!found) throw new Error(`the evaluation has no action "${actionKey}"`);
  return found;
}

/** The plan page: the tree with each node's tally and each action's rating and three reference rates. */
export function buildPlanDetail({ stored, settings, evaluation }: EvaluatedPlan): PlanDetailResponse {
  const { plan, departments } = stored.document;
  const departmentNames = new Map(departments.map((department) => [department.key, department.name]));

  const toActionSummary = (action: Action): ActionSummary => {
    const actionEvaluation = findActionEvaluation(evaluation, action.key);
    return {
      key: action.key,
      number: action.number,
      title: action.title,
      owners: action.owners.map((key) => ({ key, name: departmentNames.get(key) ?? key })),
      basis: actionEvaluation.basis,
      rating: actionEvaluation.rating,
      result: actionEvaluation.result,
      kpiShown: actionEvaluation.kpi.result?.shown ?? null,
      tasksShown: actionEvaluation.tasks.result?.shown ?? null,
      assessmentShown: actionEvaluation.assessment.result?.shown ?? null,
      flagCount: actionEvaluation.flags.length,
    };
  };

  const toTreeNode = (node: PlanNode, depth: number): PlanTreeNode => {
    const nodeEvaluation = evaluation.nodes.get(node.key);
    if (!nodeEvaluation) throw new Error(`the evaluation has no node "${node.key}"`);
    return {
      key: node.key,
      number: node.number ?? null,
      title: node.title,
      description: node.description ?? null,
      depth,
      evaluation: toNodeEvaluationView(nodeEvaluation),
      children: node.children.map((child) => toTreeNode(child, depth + 1)),
      actions: node.actions.map(toActionSummary),
    };
  };

  return {
    plan: {
      ...buildPlanSummary({ stored }),
      levels: plan.levels,
      actionLevel: plan.actionLevel,
      mission: plan.mission ?? null,
      vision: plan.vision ?? null,
      values: plan.values ?? [],
      phases: plan.phases ?? [],
      sources: plan.sources ?? [],
      evaluation: settings,
      revision: stored.revision,
    },
    ratings: evaluation.ratings,
    total: toNodeEvaluationView(evaluation.total),
    nodes: plan.nodes.map((node) => toTreeNode(node, 0)),
    actions: plan.actions.map(toActionSummary),
  };
}

/** An action's page, with the path to it; null when the plan has no such action. */
export function buildActionDetail({
  stored,
  evaluation,
  actionKey,
}: EvaluatedPlan & { actionKey: string }): ActionDetailResponse | null {
  const { plan, departments } = stored.document;
  const located = listActions(plan).find((placed) => placed.action.key === actionKey);
  if (!located) return null;
  const { action, path: ancestors } = located;

  const referenced = new Set([
    ...action.owners,
    ...action.tasks.map((task) => task.department),
    ...Object.keys(action.departmentWeights ?? {}),
  ]);

  return {
    plan: {
      ...buildPlanSummary({ stored }),
      levels: plan.levels,
      actionLevel: plan.actionLevel,
      revision: stored.revision,
    },
    path: ancestors.map((node, depth) => ({
      key: node.key,
      number: node.number ?? null,
      title: node.title,
      level: plan.levels[depth] ?? '',
    })),
    action,
    departments: departments.filter((department) => referenced.has(department.key)),
    evaluation: findActionEvaluation(evaluation, action.key),
    ratings: evaluation.ratings,
  };
}
