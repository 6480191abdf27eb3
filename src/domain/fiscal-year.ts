/**
 * Fiscal years (年度) run April–March and are named by the calendar year they start in:
 * FY2024 = 令和6年度 = 2024-04-01 … 2025-03-31.
 */

const eraYearFormat = new Intl.DateTimeFormat('ja-JP-u-ca-japanese', {
  era: 'long',
  year: 'numeric',
  timeZone: 'UTC',
});
const eraDateFormat = new Intl.DateTimeFormat('ja-JP-u-ca-japanese', {
  era: 'long',
  year: 'numeric',
  month: 'long',
  day: 'numeric',
  timeZone: 'UTC',
});

const fyLabelCache = new Map<number, string>();

/** The fiscal year a date (YYYY-MM-DD) falls in. */
export function fiscalYearOfDate(isoDate: string): number {
  const year = Number(isoDate.slice(0, 4));
  const month = Number(isoDate.slice(5, 7));
  return month >= 4 ? year : year - 1;
}

export function fiscalYearStart(fy: number): string {
  return `${fy}-04-01`;
}

export function fiscalYearEnd(fy: number): string {
  return `${fy + 1}-03-31`;
}

/**
 * 令和6年度. A fiscal year is named by the era in force for most of it, so FY2019 (April 2019, still
 * 平成 for a month) is 令和元年度, as the ministries name it; hence the date used is in June.
 */
export function formatFiscalYear(fy: number): string {
  const cached = fyLabelCache.get(fy);
  if (cached) return cached;
  const label = `${eraYearFormat.format(new Date(Date.UTC(fy, 5, 1))).replace(/(\D)1年$/, '$1元年')}度`;
  fyLabelCache.set(fy, label);
  return label;
}

/** R6 style short label, as the seeds' tables write it (R6平均). */
export function formatFiscalYearShort(fy: number): string {
  const long = formatFiscalYear(fy);
  const match = /^令和(元|\d+)年度$/.exec(long);
  if (!match) return long;
  return `R${match[1] === '元' ? 1 : match[1]}`;
}

/** 令和8年2月8日 for 2026-02-08. */
export function formatJapaneseDate(isoDate: string): string {
  const [year, month, day] = isoDate.split('-').map(Number) as [number, number, number];
  return eraDateFormat.format(new Date(Date.UTC(year, month - 1, day))).replace(/(\D)1年/, '$1元年');
}

/** 令和5年度末 for the last day of FY2023, else the date in 和暦. */
export function formatJapaneseDateOrYearEnd(isoDate: string): string {
  const fy = fiscalYearOfDate(isoDate);
  if (isoDate === fiscalYearEnd(fy)) return `${formatFiscalYear(fy)}末`;
  return formatJapaneseDate(isoDate);
}

const japanMomentFormat = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Tokyo',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/**
 * A moment's date (YYYY-MM-DD) and time (HH:MM) on Japan's clock, whatever the machine's: the
 * municipality's working day is Japan's.
 */
export function getJapanDateAndTime(isoTimestamp: string): { isoDate: string; time: string } {
  const parts = Object.fromEntries(
    japanMomentFormat.formatToParts(new Date(isoTimestamp)).map((part) => [part.type, part.value]),
  );
  return { isoDate: `${parts.year}-${parts.month}-${parts.day}`, time: `${parts.hour}:${parts.minute}` };
}
