import type { KpiActual, KpiBasis, RateBasis } from '../plan.schemas.js';

/** Where a label comes from: a band of the plan's scale, nothing to rate yet, or an action's status. */
export type RatingKind = 'band' | 'unrated' | 'status';

export interface Rating {
  key: string;
  label: string;
  kind: RatingKind;
}

export interface RateResult {
  /** The rate as computed; may exceed 100 % or be negative. Null when the ratio cannot be formed. */
  raw: number | null;
  /** Capped to 0–100 %: the achievement rate. */
  capped: number;
  /** The capped rate rounded to one decimal: what every screen prints and what the label follows. */
  shown: number;
  rating: Rating;
  /** The formula with the figures filled in, so that anyone can reproduce the rate. */
  explanation: string;
  /** Counts expected (予定 / 想定) values: a projection (見込み), not a result. */
  projection: boolean;
  /** Rests on a figure the source gives as an assumption (仮定値). */
  hypothetical: boolean;
}

export interface KpiEvaluation {
  kpiKey: string;
  name: string;
  unit: string;
  basis: KpiBasis;
  direction: 'increase' | 'decrease';
  latestActual: KpiActual | null;
  result: RateResult | null;
  /** Why there is no rate, when there is none. */
  notice: string | null;
}

export interface TaskYearEvaluation {
  fy: number;
  taskCount: number;
  recordedCount: number;
  result: RateResult | null;
}

export type FlagCode =
  | 'task.progress_missing'
  | 'tasks.year_unrecorded'
  | 'kpi.no_actual'
  | 'kpi.not_computable'
  | 'stated.year_mean_mismatch'
  | 'stated.task_mean_mismatch'
  | 'stated.kpi_rate_mismatch'
  | 'stated.rating_mismatch';

export interface Flag {
  code: FlagCode;
  message: string;
}

export interface ActionEvaluation {
  actionKey: string;
  number: string;
  title: string;
  kpi: { result: RateResult | null; kpis: KpiEvaluation[] };
  tasks: { result: RateResult | null; years: TaskYearEvaluation[] };
  assessment: { result: RateResult | null; reason: string | null };
  /** The reference rate that rates the action; null when none does. */
  basis: RateBasis | null;
  /** Why that basis (or why none), in a sentence. */
  basisReason: string;
  result: RateResult | null;
  rating: Rating;
  flags: Flag[];
}

export interface NodeEvaluation {
  nodeKey: string;
  actionCount: number;
  /** Number of actions per rating key, over the node and everything below it. */
  counts: Record<string, number>;
  /** Mean of the rated actions' shown rates; null when none is rated. */
  meanRate: number | null;
}

export interface PlanEvaluation {
  /** Every label an action can carry, in display order: the scale's bands, then 未評価 and the states. */
  ratings: Rating[];
  actions: Map<string, ActionEvaluation>;
  nodes: Map<string, NodeEvaluation>;
  /** The whole plan, as one node. */
  total: NodeEvaluation;
}
