/**
 * Number rules of the evaluation method: rates are shown to one decimal, half up, and a label always
 * follows the shown figure. Formatting is hand-written because it runs for every figure of every
 * explanation of a national data set, where Intl.NumberFormat is an order of magnitude slower.
 */

/** Rounds half away from zero to one decimal; the small nudge keeps 0.x5 values that binary floats
 * store a hair low (e.g. 54.25 computed as 54.2499999…) from rounding down. */
export function roundToOneDecimal(value: number): number {
  const magnitude = Math.round(Math.abs(value) * 10 + 1e-9) / 10;
  return value < 0 ? -magnitude : magnitude + 0;
}

export function clampRate(value: number): number {
  if (value < 0) return 0;
  if (value > 100) return 100;
  return value;
}

function groupThousands(digits: string): string {
  if (digits.length <= 3) return digits;
  let out = '';
  const head = digits.length % 3;
  if (head > 0) out = digits.slice(0, head);
  for (let i = head; i < digits.length; i += 3) {
    out += (out ? ',' : '') + digits.slice(i, i + 3);
  }
  return out;
}

/** A figure as the user wrote it: 12,500 · 1.8 · 0.25 (at most four decimals, no trailing zeros). */
export function formatFigure(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  if (Number.isInteger(value) && value >= 0 && value < 1000) return String(value);
  const negative = value < 0;
  const fixed = Math.abs(value)
    .toFixed(4)
    .replace(/\.?0+$/, '');
  const [integer = '0', fraction] = fixed.split('.');
  const body = groupThousands(integer) + (fraction ? `.${fraction}` : '');
  return negative ? `−${body}` : body;
}

/** A rate with one decimal, without the sign: 83.3. */
export function formatRateFigure(value: number): string {
  const tenths = Math.round(Math.abs(value) * 10 + 1e-9);
  const integer = Math.floor(tenths / 10);
  const body = `${integer < 1000 ? integer : groupThousands(String(integer))}.${tenths % 10}`;
  return value < 0 && tenths > 0 ? `−${body}` : body;
}

/** A rate with one decimal and the percent sign: 83.3 %. */
export function formatRate(value: number): string {
  return `${formatRateFigure(value)} %`;
}
