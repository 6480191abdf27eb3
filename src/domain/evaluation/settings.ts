import type { ActionStatus, EvaluationSettings, Plan, RatingBand } from '../plan.schemas.js';
import type { Rating } from './evaluation.models.js';
import { roundToOneDecimal } from './numbers.js';

/** The seed's table (評価方法について): 達成 ≥ 100 %, ほぼ達成 ≥ 90 %, 概ね達成 ≥ 80 %, やや未達 ≥ 60 %. */
export const DEFAULT_RATING_SCALE: RatingBand[] = [
  { key: 'achieved', label: '達成', min: 100 },
  { key: 'nearly_achieved', label: 'ほぼ達成', min: 90 },
  { key: 'mostly_achieved', label: '概ね達成', min: 80 },
  { key: 'slightly_short', label: 'やや未達', min: 60 },
  { key: 'needs_attention', label: '課題あり', min: 0 },
];

export const DEFAULT_EVALUATION_SETTINGS: EvaluationSettings = {
  ratingScale: DEFAULT_RATING_SCALE,
  basisOrder: ['kpi', 'assessment', 'tasks'],
  defaultKpiBasis: 'ratio',
  kpiAggregation: 'mean',
  taskAggregation: 'task_mean',
};

/** An action with nothing to rate yet is 未評価 — never 課題あり. */
export const UNRATED: Rating = { key: 'unrated', label: '未評価', kind: 'unrated' };

export const STATUS_RATINGS: Record<Exclude<ActionStatus, 'active'>, Rating> = {
  not_started: { key: 'not_started', label: '未着手', kind: 'status' },
  cancelled: { key: 'cancelled', label: '中止', kind: 'status' },
  unassessable: { key: 'unassessable', label: '評価困難', kind: 'status' },
};

export function resolveEvaluationSettings(plan: Pick<Plan, 'evaluation'>): EvaluationSettings {
  return plan.evaluation ?? DEFAULT_EVALUATION_SETTINGS;
}

/** Every label an action can carry, in display order. */
export function listRatings(settings: EvaluationSettings): Rating[] {
  return [
    ...settings.ratingScale.map((band): Rating => ({ key: band.key, label: band.label, kind: 'band' })),
    UNRATED,
    ...Object.values(STATUS_RATINGS),
  ];
}

const bandRatingCache = new WeakMap<RatingBand, Rating>();

/**
 * The band of a rate, judged on the rate as shown (one decimal), so that nobody reads "90.0 % 概ね達成".
 * The scale is ordered from the highest band and its last band starts at 0.
 */
export function rateToRating(rate: number, scale: RatingBand[]): Rating {
  const shown = roundToOneDecimal(rate);
  const band = scale.find((candidate) => shown >= candidate.min) ?? scale[scale.length - 1]!;
  let rating = bandRatingCache.get(band);
  if (!rating) {
    rating = { key: band.key, label: band.label, kind: 'band' };
    bandRatingCache.set(band, rating);
  }
  return rating;
}
