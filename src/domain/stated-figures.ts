import { formatFigure, roundToOneDecimal } from './evaluation/numbers.js';

/**
 * Figures a document states beside the figures Kiseki computes from the rows. The system never copies a
 * stated total: it keeps it, computes its own, and says where the two disagree (鹿島市's BPR table states
 * 1203.2 h; its own rows add up to 1210.2 h).
 */

export interface StatedCheck {
  /** What the figure is, in Japanese: 削減時間の合計（未測定を除く）. */
  label: string;
  stated: number;
  /** Null when the rows do not give the figure (nothing measured yet). */
  computed: number | null;
  unit: string;
  /** A change from the year before, written △116,274 / +222,501. */
  signed: boolean;
  differs: boolean;
  /** One Japanese line for the screen, the report and the open data; only when the figures differ. */
  message: string | null;
}

/** Rounding noise of binary floats removed from a sum of figures entered with a few decimals. */
export function cleanFigure(value: number): number {
  return Math.round(value * 1e6) / 1e6 + 0;
}

export function sumFigures(values: readonly number[]): number {
  let total = 0;
  for (const value of values) total += value;
  return cleanFigure(total);
}

/** Decimals a stated figure was written with (1203.2 → 1, 40 → 0), at most six. */
export function countDecimals(value: number): number {
  const text = String(value);
  const exponent = /e-(\d+)$/.exec(text);
  if (exponent) return Math.min(6, Number(exponent[1]));
  const fraction = text.split('.')[1];
  return Math.min(6, fraction?.length ?? 0);
}

/** Half away from zero, with the nudge that keeps 0.x5 stored a hair low from rounding down. */
export function roundTo(value: number, decimals: number): number {
  if (decimals === 1) return roundToOneDecimal(value);
  const factor = 10 ** decimals;
  const magnitude = Math.round(Math.abs(value) * factor + 1e-9) / factor;
  return value < 0 ? -magnitude : magnitude + 0;
}

/**
 * A stated figure agrees when the computed one, rounded as the document rounded it, is the same: a
 * stated 40 % agrees with 40.4 % but not with 40.8 %.
 */
export function checkStatedFigure({
  label,
  stated,
  computed,
  unit,
  signed = false,
}: {
  label: string;
  stated: number;
  computed: number | null;
  unit: string;
  signed?: boolean;
}): StatedCheck {
  const shown = `${formatStatedFigure(stated, signed)}${unit}`;
  if (computed === null) {
    return {
      label,
      stated,
      computed,
      unit,
      signed,
      differs: true,
      message: `資料の${label} ${shown} は、入力された行からは計算できません`,
    };
  }
  const differs = roundTo(computed, countDecimals(stated)) !== stated;
  const computedShown = formatStatedFigure(roundTo(computed, Math.max(1, countDecimals(stated))), signed);
  return {
    label,
    stated,
    computed,
    unit,
    signed,
    differs,
    message: differs
      ? `資料の${label} ${shown} は、各行から計算した ${computedShown}${unit} と一致しません`
      : null,
  };
}

/** A figure as a check shows it: 1,203.2, or △116,274 / +222,501 for a change. */
export function formatStatedFigure(value: number, signed: boolean): string {
  return signed ? formatSignedChange(value) : formatQuantity(value);
}

/** The checks of the stated figures that are present (a document states only some). */
export function checkStatedFigures(
  candidates: readonly {
    label: string;
    stated: number | null | undefined;
    computed: number | null;
    unit: string;
    signed?: boolean;
  }[],
): StatedCheck[] {
  const checks: StatedCheck[] = [];
  for (const candidate of candidates) {
    if (candidate.stated === null || candidate.stated === undefined) continue;
    checks.push(
      checkStatedFigure({
        label: candidate.label,
        stated: candidate.stated,
        computed: candidate.computed,
        unit: candidate.unit,
        signed: candidate.signed ?? false,
      }),
    );
  }
  return checks;
}

/** 12,500 with thousands separators; decimals as entered (at most four). */
export function formatQuantity(value: number): string {
  if (value < 0) return `−${formatFigure(-value)}`;
  return formatFigure(value);
}

/**
 * A change from the previous year as Japanese tables print it: △116,274 for a decrease, +222,501 for an
 * increase, ±0 for none.
 */
export function formatSignedChange(value: number): string {
  if (value === 0) return '±0';
  return value < 0 ? `△${formatFigure(-value)}` : `+${formatFigure(value)}`;
}
