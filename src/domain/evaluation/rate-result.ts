import type { RatingBand } from '../plan.schemas.js';
import type { RateResult } from './evaluation.models.js';
import { clampRate, formatRate, roundToOneDecimal } from './numbers.js';
import { rateToRating } from './settings.js';

/**
 * Turns a raw rate into what the method reports: capped to 0–100 %, shown to one decimal, labelled by
 * the shown figure. The explanation gets the capping step appended so that it stays reproducible.
 */
export function buildRateResult(input: {
  raw: number;
  formula: string;
  scale: RatingBand[];
  projection?: boolean;
  hypothetical?: boolean;
}): RateResult {
  const capped = clampRate(input.raw);
  const shown = roundToOneDecimal(capped);
  let explanation = `${input.formula} = ${formatRate(input.raw)}`;
  if (input.raw > 100) explanation += '（100 % を上限とします）';
  else if (input.raw < 0) explanation += '（0 % を下限とします）';
  return {
    raw: input.raw,
    capped,
    shown,
    rating: rateToRating(shown, input.scale),
    explanation,
    projection: input.projection ?? false,
    hypothetical: input.hypothetical ?? false,
  };
}

/** A weighted mean, weights normalised; the formula lists the figures as they are shown. */
export function meanOf(
  items: { value: number; weight?: number | undefined; label?: string }[],
): { value: number; formula: string } {
  const weighted = items.some((item) => item.weight !== undefined && item.weight !== 1);
  let sum = 0;
  let weightSum = 0;
  const terms: string[] = [];
  for (const item of items) {
    const weight = item.weight ?? 1;
    sum += item.value * weight;
    weightSum += weight;
    const figure = formatRate(item.value).replace(' %', '');
    terms.push(weighted ? `${figure}×${weight}` : figure);
  }
  const value = sum / weightSum;
  if (items.length === 1) return { value, formula: terms[0]! };
  const divisor = weighted ? String(roundToOneDecimal(weightSum * 1000) / 1000) : String(items.length);
  return { value, formula: `(${terms.join(' + ')}) ÷ ${divisor}` };
}
