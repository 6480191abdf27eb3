import { AppError } from './app-error.js';
import { formatFiscalYear, formatJapaneseDate } from './fiscal-year.js';

/**
 * Progress rounds (進捗確認) and department submissions (提出): which states exist, which change leads
 * where, and the words a clerk reads about them. The server applies these rules in its transactions;
 * the web UI reads the same labels and asks the same questions (is it locked? is it overdue?).
 */

/** The check months of 嘉麻市's cycle: June fixes the year's task plan, then September, December, March. */
export const roundMonths = [6, 9, 12, 3] as const;
export type RoundMonth = (typeof roundMonths)[number];

/** Limits shared by the API's schemas and the web forms (kept here, free of zod, for the browser bundle). */
export const COMMENT_MAX_LENGTH = 2000;
export const KPI_NOTE_MAX_LENGTH = 500;
/** Reminders go this many days before a due date unless the municipality says otherwise. */
export const REMINDER_DAYS_DEFAULT = 3;

export const roundStatuses = ['open', 'closed'] as const;
export type RoundStatus = (typeof roundStatuses)[number];

export const submissionStatuses = ['not_started', 'draft', 'submitted', 'returned', 'accepted'] as const;
export type SubmissionStatus = (typeof submissionStatuses)[number];

export const roundMonthLabels: Record<RoundMonth, string> = {
  6: '6月（年度計画）',
  9: '9月',
  12: '12月',
  3: '3月（年度末）',
};

export const roundStatusLabels: Record<RoundStatus, string> = {
  open: '受付中',
  closed: '締め切り済み',
};

export const submissionStatusLabels: Record<SubmissionStatus, string> = {
  not_started: '未着手',
  draft: '入力中',
  submitted: '提出済み（確認待ち）',
  returned: '差し戻し',
  accepted: '承認済み',
};

export interface RoundPeriod {
  fy: number;
  month: number;
}

/** 令和7年度 9月. */
export function formatRoundLabel({ fy, month }: RoundPeriod): string {
  return `${formatFiscalYear(fy)} ${month}月`;
}

/** 令和7年度 9月の進捗確認; June's round is the year's task plan. */
export function formatRoundTitle({ fy, month }: RoundPeriod): string {
  const suffix = month === 6 ? '（年度計画）' : '';
  return `${formatRoundLabel({ fy, month })}${suffix}の進捗確認`;
}

/**
 * The date a round's figures are as of: the last day of its check month within the fiscal year
 * (9月 of FY2025 → 2025-09-30; 3月 of FY2025 → 2026-03-31). New KPI actuals default to it.
 */
export function getRoundReferenceDate({ fy, month }: RoundPeriod): string {
  const year = month >= 4 ? fy : fy + 1;
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${String(month).padStart(2, '0')}-${String(lastDay).padStart(2, '0')}`;
}

/** Whether a figure may still be changed through the round; a closed round is frozen. */
export function isRoundOpen(round: { status: RoundStatus }): boolean {
  return round.status === 'open';
}

/** Throws `round.closed`, naming the round, unless the round is open. */
export function ensureRoundOpen(round: RoundPeriod & { status: RoundStatus }): void {
  if (isRoundOpen(round)) return;
  throw new AppError({
    code: 'round.closed',
    message: `${formatRoundTitle(round)}は締め切られています。締め切り時点の数値で確定しているため、変更できません。変更が必要な場合はDX推進担当課にご相談ください`,
  });
}

/** Closing is the only transition of a round, and happens once. */
export function getClosedRoundStatus(round: RoundPeriod & { status: RoundStatus }): RoundStatus {
  ensureRoundOpen(round);
  return 'closed';
}

/** What happens to a department's submission: an edit of its figures, or a step of the review. */
export type SubmissionEvent = 'edit' | 'submit' | 'return' | 'accept';

/**
 * Every legal step. Editing a returned submission keeps it `returned`, so that the office's comment
 * stays in view until the department submits again. An accepted submission may still be returned
 * while the round is open (the office found a mistake after all).
 */
const submissionTransitions: Record<SubmissionStatus, Partial<Record<SubmissionEvent, SubmissionStatus>>> = {
  not_started: { edit: 'draft', submit: 'submitted' },
  draft: { edit: 'draft', submit: 'submitted' },
  returned: { edit: 'returned', submit: 'submitted' },
  submitted: { return: 'returned', accept: 'accepted' },
  accepted: { return: 'returned' },
};

const refusals: Record<SubmissionEvent, Partial<Record<SubmissionStatus, string>>> = {
  edit: {
    submitted: '提出済みのため変更できません。修正が必要な場合は、DX推進担当課に差し戻しを依頼してください',
    accepted: '承認済みのため変更できません。修正が必要な場合は、DX推進担当課にご相談ください',
  },
  submit: {
    submitted: 'すでに提出済みです。DX推進担当課の確認をお待ちください',
    accepted: 'すでに承認済みです',
  },
  return: {
    not_started: 'まだ提出されていないため、差し戻しできません',
    draft: 'まだ提出されていないため、差し戻しできません',
    returned: 'すでに差し戻し済みです',
  },
  accept: {
    not_started: 'まだ提出されていないため、承認できません',
    draft: 'まだ提出されていないため、承認できません',
    returned: '差し戻し中のため、承認できません。再提出を待ってください',
    accepted: 'すでに承認済みです',
  },
};

/**
 * The status after `event`, or an AppError saying in Japanese why the step is not possible:
 * `submission.locked` for an edit of submitted or accepted figures, `submission.invalid_transition`
 * for a review step out of order.
 */
export function getNextSubmissionStatus({
  status,
  event,
}: {
  status: SubmissionStatus;
  event: SubmissionEvent;
}): SubmissionStatus {
  const next = submissionTransitions[status][event];
  if (next) return next;
  const message = refusals[event][status] ?? 'この提出状況では、その操作はできません';
  throw new AppError({
    code: event === 'edit' ? 'submission.locked' : 'submission.invalid_transition',
    message,
    details: { status },
  });
}

/** Whether the department's figures are locked (submitted and waiting, or accepted). */
export function isSubmissionLocked(status: SubmissionStatus): boolean {
  return submissionTransitions[status].edit === undefined;
}

/** Whether the department's part is done on time: submitted or accepted counts as in. */
export function isSubmissionIn(status: SubmissionStatus): boolean {
  return status === 'submitted' || status === 'accepted';
}

const japanDateFormat = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Tokyo',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** Today's date in Japan (YYYY-MM-DD): due dates are Japanese calendar days, whatever the server's zone. */
export function getJapanDate(now: Date): string {
  return japanDateFormat.format(now);
}

/** Calendar days from `today` to `dueDate` (negative once the date has passed). */
export function getDaysUntilDue({ dueDate, today }: { dueDate: string; today: string }): number {
  return Math.round((Date.parse(`${dueDate}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000);
}

/** Past the due date and not yet in. */
export function isSubmissionOverdue({
  dueDate,
  today,
  status,
}: {
  dueDate: string;
  today: string;
  status: SubmissionStatus;
}): boolean {
  return !isSubmissionIn(status) && getDaysUntilDue({ dueDate, today }) < 0;
}

/**
 * Whether a reminder is due today: within `daysBefore` days of the due date (the day itself included)
 * and not yet past it, for a department whose figures are not in.
 */
export function isReminderDue({
  dueDate,
  today,
  daysBefore,
  status,
}: {
  dueDate: string;
  today: string;
  daysBefore: number;
  status: SubmissionStatus;
}): boolean {
  if (isSubmissionIn(status)) return false;
  const days = getDaysUntilDue({ dueDate, today });
  return days >= 0 && days <= daysBefore;
}

/** 令和7年10月15日（あと3日）, 令和7年10月15日（今日）, 令和7年10月15日（2日超過）. */
export function formatDueDate({ dueDate, today }: { dueDate: string; today: string }): string {
  const days = getDaysUntilDue({ dueDate, today });
  const date = formatJapaneseDate(dueDate);
  if (days > 0) return `${date}（あと${days}日）`;
  if (days === 0) return `${date}（今日が期限）`;
  return `${date}（${-days}日超過）`;
}

const fullWidth = /[０-９．，－＋％]/g;
const fullWidthMap: Record<string, string> = { '．': '.', '，': ',', '－': '-', '＋': '+', '％': '%' };

/**
 * A progress rate as a clerk types it — "80", "80%", "８０％", "42.5" — or blank for "not recorded".
 * Returns the number, or a Japanese message saying what is wrong.
 */
export function parsePercentText(text: string): { value: number | null } | { error: string } {
  const normalised = text
    .replace(fullWidth, (char) => fullWidthMap[char] ?? String.fromCharCode(char.charCodeAt(0) - 0xfee0))
    .replace(/[\s,]/g, '')
    .replace(/%$/, '');
  if (normalised === '') return { value: null };
  if (!/^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(normalised)) {
    return { error: '進捗率は 0〜100 の数字で入力してください（例: 80）' };
  }
  const value = Number(normalised);
  if (value < 0 || value > 100) return { error: '進捗率は 0〜100 の範囲で入力してください' };
  return { value };
}

/**
 * A number as a clerk types it (half- or full-width, with thousands separators): "1,250", "１２５０".
 */
export function parseNumberText(text: string): { value: number | null } | { error: string } {
  const normalised = text
    .replace(fullWidth, (char) => fullWidthMap[char] ?? String.fromCharCode(char.charCodeAt(0) - 0xfee0))
    .replace(/[\s,]/g, '');
  if (normalised === '') return { value: null };
  if (!/^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(normalised)) return { error: '数字で入力してください（例: 1250）' };
  return { value: Number(normalised) };
}
