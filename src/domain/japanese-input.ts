import { fiscalYearEnd } from './fiscal-year.js';

/*
 * What clerks type into a spreadsheet, read the way they mean it: 全角数字 (８０), "80%" and "８０％",
 * 和暦 dates (令和8年2月8日, R8.2.8, 令和5年度末) and fiscal years (令和6年度, R6, 2024).
 */

interface Era {
  names: readonly string[];
  /** Gregorian year of the era's first year (元年). */
  firstYear: number;
}

const eras: readonly Era[] = [
  { names: ['令和', 'R'], firstYear: 2019 },
  { names: ['平成', 'H'], firstYear: 1989 },
  { names: ['昭和', 'S'], firstYear: 1926 },
  { names: ['大正', 'T'], firstYear: 1912 },
  { names: ['明治', 'M'], firstYear: 1868 },
];

const eraPattern = eras
  .flatMap((era) => era.names)
  .sort((a, b) => b.length - a.length)
  .join('|');

/**
 * For figures and dates only (never for names): 全角 → 半角 (数字, ％, ．, ／, －, 空白 …), the minus
 * signs of word processors as "-", and no spaces at the ends.
 */
export function normalizeTypedText(text: string): string {
  return text.normalize('NFKC').replace(/[−–—]/g, '-').trim();
}

function parseEraYear(era: string, year: string): number | null {
  const found = eras.find((candidate) => candidate.names.includes(era.toUpperCase()));
  if (!found) return null;
  const count = year === '元' ? 1 : Number(year);
  if (!Number.isInteger(count) || count < 1) return null;
  return found.firstYear + count - 1;
}

/**
 * A number as typed: "1,234.5", "８０", "80%" (the % is the unit, so 80), "▲5" / "△5" (negative, as
 * Japanese tables write it). Null when the text is not a number.
 */
export function parseTypedNumber(text: string): { value: number; percent: boolean } | null {
  let normalized = normalizeTypedText(text).replace(/,/g, '').replace(/\s+/g, '');
  let sign = 1;
  if (/^[▲△]/.test(normalized)) {
    sign = -1;
    normalized = normalized.slice(1);
  }
  const percent = normalized.endsWith('%');
  if (percent) normalized = normalized.slice(0, -1);
  if (!/^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(normalized)) return null;
  const value = sign * Number(normalized);
  return Number.isFinite(value) ? { value, percent } : null;
}

function toIsoDate(year: number, month: number, day: number): string | null {
  if (month < 1 || month > 12 || day < 1 || day > 31) return null;
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) {
    return null;
  }
  return date.toISOString().slice(0, 10);
}

/**
 * A date as typed, to YYYY-MM-DD: 令和8年2月8日, 令和元年5月1日, R8.2.8, R08/02/08, H31.4.30,
 * 2026-02-08, 2026/2/8, 2026年2月8日, and a fiscal year's end (令和5年度末 → 2024-03-31). Null when the
 * text is not a date, or not a day that exists.
 */
export function parseTypedDate(text: string): string | null {
  const normalized = normalizeTypedText(text).replace(/\s+/g, '');
  const yearEnd = new RegExp(`^(?:(${eraPattern})(元|\\d{1,2})|(\\d{4}))年度末$`, 'i').exec(normalized);
  if (yearEnd) {
    const fy = yearEnd[3] ? Number(yearEnd[3]) : parseEraYear(yearEnd[1]!, yearEnd[2]!);
    return fy === null ? null : fiscalYearEnd(fy);
  }
  const era = new RegExp(
    `^(${eraPattern})(元|\\d{1,2})(?:年(\\d{1,2})月(\\d{1,2})日?|[./-](\\d{1,2})[./-](\\d{1,2}))$`,
    'i',
  ).exec(normalized);
  if (era) {
    const year = parseEraYear(era[1]!, era[2]!);
    if (year === null) return null;
    return toIsoDate(year, Number(era[3] ?? era[5]), Number(era[4] ?? era[6]));
  }
  const western = /^(\d{4})(?:年(\d{1,2})月(\d{1,2})日?|[./-](\d{1,2})[./-](\d{1,2}))$/.exec(normalized);
  if (western) {
    return toIsoDate(Number(western[1]), Number(western[2] ?? western[4]), Number(western[3] ?? western[5]));
  }
  return null;
}

/** A fiscal year as typed: 令和6年度, 令和元年度, R6, R6年度, 2024, 2024年度, FY2024. Null otherwise. */
export function parseTypedFiscalYear(text: string): number | null {
  const normalized = normalizeTypedText(text).replace(/\s+/g, '');
  const era = new RegExp(`^(${eraPattern})(元|\\d{1,2})(?:年度?)?$`, 'i').exec(normalized);
  if (era) return parseEraYear(era[1]!, era[2]!);
  const western = /^(?:FY)?(\d{4})(?:年度)?$/i.exec(normalized);
  return western ? Number(western[1]) : null;
}
