import { describe, expect, test } from 'vitest';
import { AppError } from './app-error.js';
import {
  ensureRoundOpen,
  formatDueDate,
  formatRoundLabel,
  formatRoundTitle,
  getClosedRoundStatus,
  getDaysUntilDue,
  getJapanDate,
  getNextSubmissionStatus,
  getRoundReferenceDate,
  isReminderDue,
  isSubmissionLocked,
  isSubmissionOverdue,
  parseNumberText,
  parsePercentText,
  type SubmissionEvent,
  type SubmissionStatus,
  submissionStatuses,
} from './progress-round.js';
import { assessmentInputSchema, roundOpenInputSchema } from './progress-round.schemas.js';

function captureError(run: () => unknown): AppError {
  try {
    run();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected an AppError');
}

describe('round labels', () => {
  test('a round is named by its fiscal year in 和暦 and its check month', () => {
    expect(formatRoundLabel({ fy: 2025, month: 9 })).toBe('令和7年度 9月');
    expect(formatRoundTitle({ fy: 2025, month: 9 })).toBe('令和7年度 9月の進捗確認');
    expect(formatRoundTitle({ fy: 2025, month: 6 })).toBe('令和7年度 6月（年度計画）の進捗確認');
  });

  test('the reference date is the last day of the check month within the fiscal year', () => {
    expect(getRoundReferenceDate({ fy: 2025, month: 6 })).toBe('2025-06-30');
    expect(getRoundReferenceDate({ fy: 2025, month: 9 })).toBe('2025-09-30');
    expect(getRoundReferenceDate({ fy: 2025, month: 12 })).toBe('2025-12-31');
    // March belongs to the fiscal year that began the April before.
    expect(getRoundReferenceDate({ fy: 2025, month: 3 })).toBe('2026-03-31');
    expect(getRoundReferenceDate({ fy: 2023, month: 3 })).toBe('2024-03-31');
  });
});

describe('round state', () => {
  test('an open round may be closed, and closing gives the closed state', () => {
    expect(getClosedRoundStatus({ fy: 2025, month: 9, status: 'open' })).toBe('closed');
  });

  test('closing a closed round is refused with round.closed', () => {
    const error = captureError(() => getClosedRoundStatus({ fy: 2025, month: 9, status: 'closed' }));
    expect(error.code).toBe('round.closed');
  });

  test('an edit through a closed round is refused with a message that names the round', () => {
    const error = captureError(() => ensureRoundOpen({ fy: 2025, month: 9, status: 'closed' }));
    expect(error.code).toBe('round.closed');
    expect(error.message).toMatch(/^令和7年度 9月の進捗確認は締め切られています。/);
  });

  test('an open round lets edits through', () => {
    expect(() => ensureRoundOpen({ fy: 2025, month: 9, status: 'open' })).not.toThrow();
  });
});

describe('submission transitions', () => {
  const legal: [SubmissionStatus, SubmissionEvent, SubmissionStatus][] = [
    ['not_started', 'edit', 'draft'],
    ['not_started', 'submit', 'submitted'],
    ['draft', 'edit', 'draft'],
    ['draft', 'submit', 'submitted'],
    ['returned', 'edit', 'returned'],
    ['returned', 'submit', 'submitted'],
    ['submitted', 'return', 'returned'],
    ['submitted', 'accept', 'accepted'],
    ['accepted', 'return', 'returned'],
  ];

  test.each(legal)('%s --%s--> %s', (status, event, next) => {
    expect(getNextSubmissionStatus({ status, event })).toBe(next);
  });

  const events: SubmissionEvent[] = ['edit', 'submit', 'return', 'accept'];
  const illegal = submissionStatuses.flatMap((status) =>
    events
      .filter((event) => !legal.some(([from, on]) => from === status && on === event))
      .map((event) => [status, event] as const),
  );

  test('every other step is illegal (there are eleven)', () => {
    expect(illegal).toHaveLength(11);
  });

  test.each(illegal)('%s cannot take %s, and the refusal says why in Japanese', (status, event) => {
    const error = captureError(() => getNextSubmissionStatus({ status, event }));
    expect(error.code).toBe(event === 'edit' ? 'submission.locked' : 'submission.invalid_transition');
    expect(error.message).toMatch(/[ぁ-ん]/);
    expect(error.details).toEqual({ status });
  });

  test('submitted and accepted figures are locked; the others may be edited', () => {
    expect(submissionStatuses.filter(isSubmissionLocked)).toEqual(['submitted', 'accepted']);
  });

  test('editing submitted figures tells the clerk to ask the office to return them', () => {
    const error = captureError(() => getNextSubmissionStatus({ status: 'submitted', event: 'edit' }));
    expect(error.message).toContain('差し戻しを依頼してください');
  });
});

describe('due dates and reminders', () => {
  test('today is the date in Japan, not the server’s zone', () => {
    // 2025-09-30 16:00 UTC is already October 1st in Japan.
    expect(getJapanDate(new Date('2025-09-30T16:00:00Z'))).toBe('2025-10-01');
    expect(getJapanDate(new Date('2025-09-30T14:59:59Z'))).toBe('2025-09-30');
  });

  test('days until due count calendar days, negative once past', () => {
    expect(getDaysUntilDue({ dueDate: '2025-10-15', today: '2025-10-12' })).toBe(3);
    expect(getDaysUntilDue({ dueDate: '2025-10-15', today: '2025-10-15' })).toBe(0);
    expect(getDaysUntilDue({ dueDate: '2025-10-15', today: '2025-10-17' })).toBe(-2);
    expect(getDaysUntilDue({ dueDate: '2026-03-01', today: '2026-02-28' })).toBe(1);
  });

  test('a department is overdue after the due date until it submits', () => {
    const base = { dueDate: '2025-10-15', today: '2025-10-16' };
    expect(isSubmissionOverdue({ ...base, status: 'draft' })).toBe(true);
    expect(isSubmissionOverdue({ ...base, status: 'returned' })).toBe(true);
    expect(isSubmissionOverdue({ ...base, status: 'submitted' })).toBe(false);
    expect(isSubmissionOverdue({ ...base, status: 'accepted' })).toBe(false);
    expect(isSubmissionOverdue({ dueDate: '2025-10-15', today: '2025-10-15', status: 'draft' })).toBe(false);
  });

  test('a reminder is due within N days of the due date, for departments whose figures are not in', () => {
    const remind = (today: string, status: SubmissionStatus = 'draft') =>
      isReminderDue({ dueDate: '2025-10-15', today, daysBefore: 3, status });
    expect(remind('2025-10-11')).toBe(false);
    expect(remind('2025-10-12')).toBe(true);
    expect(remind('2025-10-15')).toBe(true);
    expect(remind('2025-10-16')).toBe(false);
    expect(remind('2025-10-13', 'submitted')).toBe(false);
    expect(remind('2025-10-13', 'accepted')).toBe(false);
    expect(remind('2025-10-13', 'not_started')).toBe(true);
  });

  test('the due date reads in 和暦 with the days left or past', () => {
    expect(formatDueDate({ dueDate: '2025-10-15', today: '2025-10-12' })).toBe('令和7年10月15日（あと3日）');
    expect(formatDueDate({ dueDate: '2025-10-15', today: '2025-10-15' })).toBe(
      '令和7年10月15日（今日が期限）',
    );
    expect(formatDueDate({ dueDate: '2025-10-15', today: '2025-10-17' })).toBe('令和7年10月15日（2日超過）');
  });
});

describe('what a clerk types', () => {
  test('progress is read in half- or full-width digits, with or without a percent sign', () => {
    expect(parsePercentText('80')).toEqual({ value: 80 });
    expect(parsePercentText(' 42.5 % ')).toEqual({ value: 42.5 });
    expect(parsePercentText('８０％')).toEqual({ value: 80 });
    expect(parsePercentText('１００')).toEqual({ value: 100 });
    expect(parsePercentText('')).toEqual({ value: null });
  });

  test('progress outside 0–100 or not a number gets a Japanese message', () => {
    expect(parsePercentText('120')).toEqual({ error: '進捗率は 0〜100 の範囲で入力してください' });
    expect(parsePercentText('-1')).toEqual({ error: '進捗率は 0〜100 の範囲で入力してください' });
    expect(parsePercentText('八十')).toEqual({ error: '進捗率は 0〜100 の数字で入力してください（例: 80）' });
  });

  test('a figure may carry thousands separators and full-width digits', () => {
    expect(parseNumberText('1,250')).toEqual({ value: 1250 });
    expect(parseNumberText('１，２５０．５')).toEqual({ value: 1250.5 });
    expect(parseNumberText('－３')).toEqual({ value: -3 });
    expect(parseNumberText('abc')).toEqual({ error: '数字で入力してください（例: 1250）' });
  });
});

describe('request rules', () => {
  test('an overall assessment needs its reason', () => {
    const result = assessmentInputSchema.safeParse({ rate: 70, reason: '  ', version: 1 });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => [issue.path.join('.'), issue.message])).toEqual([
      ['reason', '総括評価の理由を入力してください（必須）'],
    ]);
    expect(assessmentInputSchema.safeParse({ rate: null, reason: '', version: 1 }).success).toBe(true);
  });

  test('a round’s month is one of the four check months', () => {
    const result = roundOpenInputSchema.safeParse({ fy: 2025, month: 10, dueDate: '2025-10-15' });
    expect(result.error?.issues[0]?.message).toBe(
      '確認月は 6月（年度計画）・9月・12月・3月 から選んでください',
    );
    expect(roundOpenInputSchema.safeParse({ fy: 2025, month: 3, dueDate: '2026-04-10' }).success).toBe(true);
  });
});
