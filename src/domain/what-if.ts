import { z } from 'zod';
import { evaluatePlan } from './evaluation/evaluate-plan.js';
import type { Rating } from './evaluation/evaluation.models.js';
import { resolveEvaluationSettings } from './evaluation/settings.js';
import {
  type Action,
  type EvaluationSettings,
  evaluationSettingsSchema,
  type KpiBasis,
  type Plan,
  type PlanNode,
  type RateBasis,
} from './plan.schemas.js';
import { listActions } from './plan-tree.js';
import { formatZodIssues, type ValidationIssue } from './validation.js';

/*
 * The evaluation what-if: the same engine (evaluatePlan) run with other settings, side by side with the
 * plan's own. The seed's method leaves these choices open; the DX office sees what each does to the
 * ratings before it commits to one.
 */

export const whatIfOptionsSchema = z.object({
  /** The seed's flowchart puts a measured KPI first; the alternative rates by the task mean first. */
  basisOrder: z.enum(['kpi_first', 'tasks_first']),
  /** An entered overall assessment (総括評価) replaces the task mean; otherwise it is only a fallback. */
  assessmentReplacesTasks: z.boolean(),
  /** `per_kpi`: each KPI keeps its own basis; otherwise every KPI is rated on the one given. */
  kpiBasis: z.enum(['per_kpi', 'ratio', 'baseline']),
  /** The lower bound of each band of the plan's scale, top band first (the last one is always 0). */
  thresholds: z
    .array(
      z
        .number({ error: '0〜100 の数値で入力してください' })
        .min(0, '0以上にしてください')
        .max(100, '100以下にしてください'),
    )
    .min(2)
    .max(10),
});

export type WhatIfOptions = z.output<typeof whatIfOptionsSchema>;

/** The options that reproduce the plan's current settings. */
export function describeWhatIfOptions({
  settings,
  plan,
}: {
  settings: EvaluationSettings;
  plan: Pick<Plan, 'nodes' | 'actions'>;
}): WhatIfOptions {
  const order = settings.basisOrder;
  const position = (basis: RateBasis) => {
    const index = order.indexOf(basis);
    return index === -1 ? Number.POSITIVE_INFINITY : index;
  };
  const kpiBases = new Set<KpiBasis>();
  for (const { action } of listActions(plan)) {
    for (const kpi of action.kpis) kpiBases.add(kpi.basis ?? settings.defaultKpiBasis);
  }
  const [onlyBasis] = kpiBases;
  return {
    basisOrder: position('kpi') <= position('tasks') ? 'kpi_first' : 'tasks_first',
    assessmentReplacesTasks: position('assessment') < position('tasks'),
    // One basis for every KPI already is that basis; a mixture is "each KPI's own".
    kpiBasis: kpiBases.size === 1 && onlyBasis ? onlyBasis : 'per_kpi',
    thresholds: settings.ratingScale.map((band) => band.min),
  };
}

export type WhatIfSettingsResult =
  | { ok: true; settings: EvaluationSettings }
  | { ok: false; issues: ValidationIssue[] };

/**
 * The plan's settings with the what-if's choices applied: the basis order, the default KPI basis and the
 * thresholds (labels and keys stay the plan's). Validated by the same schema as a plan file.
 */
export function buildWhatIfSettings({
  settings,
  options,
}: {
  settings: EvaluationSettings;
  options: WhatIfOptions;
}): WhatIfSettingsResult {
  if (options.thresholds.length !== settings.ratingScale.length) {
    return {
      ok: false,
      issues: [
        {
          path: 'thresholds',
          message: `評価区分は${settings.ratingScale.length}つあります。下限を${settings.ratingScale.length}つ指定してください`,
        },
      ],
    };
  }
  const rest: RateBasis[] = options.assessmentReplacesTasks
    ? ['assessment', 'tasks']
    : ['tasks', 'assessment'];
  const basisOrder: RateBasis[] = options.basisOrder === 'kpi_first' ? ['kpi', ...rest] : [...rest, 'kpi'];
  const candidate: EvaluationSettings = {
    ...settings,
    basisOrder,
    defaultKpiBasis: options.kpiBasis === 'per_kpi' ? settings.defaultKpiBasis : options.kpiBasis,
    ratingScale: settings.ratingScale.map((band, index) => ({ ...band, min: options.thresholds[index]! })),
  };
  const parsed = evaluationSettingsSchema.safeParse(candidate);
  if (!parsed.success) {
    const issues = formatZodIssues(parsed.error.issues).map((issue) => ({
      ...issue,
      path: issue.path.replace(/^ratingScale\[(\d+)\]\.min$/, 'thresholds[$1]'),
    }));
    return { ok: false, issues };
  }
  return { ok: true, settings: parsed.data };
}

/** The plan with every KPI rated on one basis; the plan itself is left untouched. */
export function applyKpiBasisToAll<T extends Pick<Plan, 'nodes' | 'actions'>>(plan: T, basis: KpiBasis): T {
  const mapAction = (action: Action): Action => ({
    ...action,
    kpis: action.kpis.map((kpi) => ({ ...kpi, basis })),
  });
  const mapNode = (node: PlanNode): PlanNode => ({
    ...node,
    actions: node.actions.map(mapAction),
    children: node.children.map(mapNode),
  });
  return { ...plan, nodes: plan.nodes.map(mapNode), actions: plan.actions.map(mapAction) };
}

export interface WhatIfSide {
  rating: Rating;
  /** The rate as shown (one decimal); null when unrated. */
  shown: number | null;
  basis: RateBasis | null;
}

export interface WhatIfRow {
  actionKey: string;
  number: string;
  title: string;
  before: WhatIfSide;
  after: WhatIfSide;
  /** The label differs. */
  changed: boolean;
}

export interface WhatIfComparison {
  settings: EvaluationSettings;
  rows: WhatIfRow[];
  /** Every label, in the plan's order, with how many actions carry it before and after. */
  counts: { rating: Rating; before: number; after: number }[];
  changedCount: number;
}

export type WhatIfResult = ({ ok: true } & WhatIfComparison) | { ok: false; issues: ValidationIssue[] };

/**
 * Every action's rating under the plan's settings and under the what-if's, computed by the same engine;
 * nothing is saved.
 */
export function compareWhatIf({ plan, options }: { plan: Plan; options: WhatIfOptions }): WhatIfResult {
  const current = resolveEvaluationSettings(plan);
  const built = buildWhatIfSettings({ settings: current, options });
  if (!built.ok) return built;
  const before = evaluatePlan(plan, current);
  const variant = options.kpiBasis === 'per_kpi' ? plan : applyKpiBasisToAll(plan, options.kpiBasis);
  const after = evaluatePlan(variant, built.settings);

  const side = (evaluation: typeof before, key: string): WhatIfSide => {
    const action = evaluation.actions.get(key)!;
    return { rating: action.rating, shown: action.result?.shown ?? null, basis: action.basis };
  };
  const rows: WhatIfRow[] = listActions(plan).map(({ action }) => {
    const beforeSide = side(before, action.key);
    const afterSide = side(after, action.key);
    return {
      actionKey: action.key,
      number: action.number,
      title: action.title,
      before: beforeSide,
      after: afterSide,
      changed: beforeSide.rating.key !== afterSide.rating.key,
    };
  });
  const counts = before.ratings.map((rating) => ({
    rating,
    before: before.total.counts[rating.key] ?? 0,
    after: after.total.counts[rating.key] ?? 0,
  }));
  return {
    ok: true,
    settings: built.settings,
    rows,
    counts,
    changedCount: rows.filter((row) => row.changed).length,
  };
}
