import type { RatingBand } from '../plan.schemas.js';
import type { RateResult, Rating } from './evaluation.models.js';
import { clampRate, formatRate, formatRateFigure, roundToOneDecimal } from './numbers.js';
import { rateToRating } from './settings.js';

/** A formula written out only when someone reads it: a plan page needs thousands of rates and few words. */
export type Formula = () => string;

/**
 * A rate result whose explanation is composed on first read. Evaluating a national data set builds
 * millions of results and reads almost none of their explanations; JSON and property reads see a plain
 * RateResult.
 */
class LazyRateResult implements RateResult {
  readonly raw: number;
  readonly capped: number;
  readonly shown: number;
  readonly rating: Rating;
  readonly projection: boolean;
  readonly hypothetical: boolean;
  #formula: Formula | null;
  #explanation = '';

  constructor(
    raw: number,
    formula: Formula,
    scale: RatingBand[],
    projection: boolean,
    hypothetical: boolean,
  ) {
    this.raw = raw;
    this.capped = clampRate(raw);
    this.shown = roundToOneDecimal(this.capped);
    this.rating = rateToRating(this.shown, scale);
    this.projection = projection;
    this.hypothetical = hypothetical;
    this.#formula = formula;
  }

  get explanation(): string {
    if (this.#formula) {
      let explanation = `${this.#formula()} = ${formatRate(this.raw)}`;
      if (this.raw > 100) explanation += '（100 % を上限とします）';
      else if (this.raw < 0) explanation += '（0 % を下限とします）';
      this.#explanation = explanation;
      this.#formula = null;
    }
    return this.#explanation;
  }

  toJSON(): RateResult {
    const { raw, capped, shown, rating, explanation, projection, hypothetical } = this;
    return { raw, capped, shown, rating, explanation, projection, hypothetical };
  }
}

/**
 * Turns a raw rate into what the method reports: capped to 0–100 %, shown to one decimal, labelled by
 * the shown figure. The explanation gets the capping step appended so that it stays reproducible.
 */
export function buildRateResult(input: {
  raw: number;
  formula: string | Formula;
  scale: RatingBand[];
  projection?: boolean;
  hypothetical?: boolean;
}): RateResult {
  const formula = input.formula;
  return new LazyRateResult(
    input.raw,
    typeof formula === 'string' ? () => formula : formula,
    input.scale,
    input.projection ?? false,
    input.hypothetical ?? false,
  );
}

/** A weighted mean, weights normalised; the formula lists the figures as they are shown. */
export function meanOf(items: { value: number; weight?: number | undefined }[]): {
  value: number;
  formula: Formula;
} {
  let weighted = false;
  let sum = 0;
  let weightSum = 0;
  for (const item of items) {
    const weight = item.weight ?? 1;
    if (weight !== 1) weighted = true;
    sum += item.value * weight;
    weightSum += weight;
  }
  const formula = () => {
    const terms = items.map((item) =>
      weighted ? `${formatRateFigure(item.value)}×${item.weight ?? 1}` : formatRateFigure(item.value),
    );
    if (items.length === 1) return terms[0]!;
    const divisor = weighted ? String(Math.round(weightSum * 1000) / 1000) : String(items.length);
    return `(${terms.join(' + ')}) ÷ ${divisor}`;
  };
  return { value: sum / weightSum, formula };
}
