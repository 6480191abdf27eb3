import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { fiscalYearEnd, fiscalYearOfDate } from '../../../domain/fiscal-year';
import { formatDateIn, formatFiscalYearIn } from '../../../domain/locale';
import {
  getDaysUntilDue,
  isSubmissionIn,
  isSubmissionOverdue,
  type RoundPeriod,
  type RoundStatus,
  type SubmissionStatus,
} from '../../../domain/progress-round';
import { formatDateTime } from '../../format';
import { type TranslationParams, useAreaMessages } from '../../i18n/i18n';
import { type RoundsMessageKey, roundsMessages } from './rounds.messages';

const timeFormat = new Intl.DateTimeFormat('ja-JP', {
  hour: '2-digit',
  minute: '2-digit',
  timeZone: 'Asia/Tokyo',
});

export function formatTime(date: Date): string {
  return timeFormat.format(date);
}

const monthKeys: Record<number, { name: RoundsMessageKey; option: RoundsMessageKey }> = {
  6: { name: 'month.6', option: 'monthOption.6' },
  9: { name: 'month.9', option: 'monthOption.9' },
  12: { name: 'month.12', option: 'monthOption.12' },
  3: { name: 'month.3', option: 'monthOption.3' },
};

const submissionStatusKeys: Record<SubmissionStatus, RoundsMessageKey> = {
  not_started: 'status.not_started',
  draft: 'status.draft',
  submitted: 'status.submitted',
  returned: 'status.returned',
  accepted: 'status.accepted',
};

const roundStatusKeys: Record<RoundStatus, RoundsMessageKey> = {
  open: 'roundStatus.open',
  closed: 'roundStatus.closed',
};

/** The domain's Japanese messages of a typed figure, and the key that says the same in the dictionary. */
const parseErrorKeys: RoundsMessageKey[] = ['parse.percentFormat', 'parse.percentRange', 'parse.number'];

/**
 * The rounds area's words and the locale-aware forms of what the domain writes in Japanese only (round
 * titles, statuses, due dates, the parse errors of a typed figure), bound to the chosen language.
 */
export function useRoundsText() {
  const { t, locale } = useAreaMessages(roundsMessages);
  return useMemo(() => {
    const fiscalYear = (fy: number) => formatFiscalYearIn({ fy, locale });
    const date = (isoDate: string) => formatDateIn({ isoDate, locale });
    const monthName = (month: number) => {
      const keys = monthKeys[month];
      return keys ? t(keys.name) : String(month);
    };
    return {
      t,
      locale,
      fiscalYear,
      date,
      dateTime: (iso: string | null | undefined) => formatDateTime({ iso, locale }),
      /** 令和5年度末 / end of FY2023 for a year's last day, else the date. */
      dateOrYearEnd: (isoDate: string) => {
        const fy = fiscalYearOfDate(isoDate);
        return isoDate === fiscalYearEnd(fy) ? t('date.yearEnd', { fy: fiscalYear(fy) }) : date(isoDate);
      },
      monthOption: (month: number) => {
        const keys = monthKeys[month];
        return keys ? t(keys.option) : String(month);
      },
      /** 令和7年度 9月 / September FY2025. */
      roundLabel: ({ fy, month }: RoundPeriod) =>
        t('round.label', { fy: fiscalYear(fy), month: monthName(month) }),
      /** 令和7年度 9月の進捗確認 / Progress round September FY2025. */
      roundTitle: ({ fy, month }: RoundPeriod) =>
        t(month === 6 ? 'round.titleJune' : 'round.title', { fy: fiscalYear(fy), month: monthName(month) }),
      submissionStatus: (status: SubmissionStatus) => t(submissionStatusKeys[status]),
      roundStatus: (status: RoundStatus) => t(roundStatusKeys[status]),
      /** 令和7年10月15日（あと3日） / 15 Oct 2025 (3 days left). */
      dueDate: ({ dueDate, today }: { dueDate: string; today: string }) => {
        const days = getDaysUntilDue({ dueDate, today });
        const params: TranslationParams = { date: date(dueDate), days: Math.abs(days) };
        if (days > 1) return t('due.daysLeft', params);
        if (days === 1) return t('due.oneDayLeft', params);
        if (days === 0) return t('due.today', params);
        return t(days === -1 ? 'due.oneDayOver' : 'due.daysOver', params);
      },
      /** A parse error of src/domain (Japanese) in the chosen language; for an assessment, named so. */
      parseError: (message: string, subject: 'progress' | 'assessment' = 'progress') => {
        const key = parseErrorKeys.find((candidate) => roundsMessages.ja[candidate] === message);
        if (subject === 'assessment') {
          if (key === 'parse.percentFormat') return t('parse.assessmentFormat');
          if (key === 'parse.percentRange') return t('parse.assessmentRange');
        }
        return key ? t(key) : message;
      },
    };
  }, [t, locale]);
}

/** A submission's status in words, with an icon; the colour only helps. */
export function SubmissionBadge({ status }: { status: SubmissionStatus }) {
  const { submissionStatus } = useRoundsText();
  const icons: Record<SubmissionStatus, string> = {
    not_started: '○',
    draft: '✎',
    submitted: '↑',
    returned: '↩',
    accepted: '✓',
  };
  return (
    <span className={`status-badge status-badge--${status}`}>
      <span aria-hidden="true">{icons[status]} </span>
      {submissionStatus(status)}
    </span>
  );
}

/** The due date with the days left, and 期限超過 / Overdue in words where the department is late. */
export function DueDate({
  dueDate,
  today,
  status,
}: {
  dueDate: string;
  today: string;
  status?: SubmissionStatus;
}) {
  const { t, dueDate: formatDue } = useRoundsText();
  const overdue = status !== undefined && isSubmissionOverdue({ dueDate, today, status });
  const daysLeft = getDaysUntilDue({ dueDate, today });
  const soon = status !== undefined && !isSubmissionIn(status) && daysLeft >= 0 && daysLeft <= 3;
  return (
    <span className={overdue ? 'due-date due-date--overdue' : 'due-date'}>
      {overdue && (
        <>
          <span className="marker marker--overdue">
            <span aria-hidden="true">⚠ </span>
            {t('due.overdue')}
          </span>{' '}
        </>
      )}
      {soon && (
        <>
          <span className="marker marker--soon">{t('due.soon')}</span>{' '}
        </>
      )}
      {formatDue({ dueDate, today })}
    </span>
  );
}

/**
 * One polite live region for the page: "「…」を保存しました" is read out once, instead of every row
 * shouting on its own.
 */
export function useAnnouncer(): { message: string; announce: (message: string) => void } {
  const [message, setMessage] = useState('');
  const announce = useCallback((next: string) => {
    // Cleared first so that the same sentence twice is read twice.
    setMessage('');
    window.setTimeout(() => setMessage(next), 50);
  }, []);
  return { message, announce };
}

export function Announcer({ message }: { message: string }) {
  return (
    <p className="visually-hidden" aria-live="polite" role="status">
      {message}
    </p>
  );
}

/** Warns before leaving the page (reload, close, another site) while changes are unsaved. */
export function useUnsavedChangesWarning(active: boolean): void {
  const activeRef = useRef(active);
  activeRef.current = active;
  useEffect(() => {
    const warn = (event: BeforeUnloadEvent) => {
      if (!activeRef.current) return;
      event.preventDefault();
    };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, []);
}

/** After a change that moves a plan's figures: the plan and action pages show them on their next visit. */
export function useInvalidatePlanViews(planId: string): () => void {
  const queryClient = useQueryClient();
  return useCallback(() => {
    void queryClient.invalidateQueries({
      predicate: (query) =>
        query.queryKey[0] === 'plans' &&
        query.queryKey[1] === planId &&
        (query.queryKey.length === 2 ||
          query.queryKey[2] === 'actions' ||
          // The round list and the status board, not the department pages being typed in.
          (query.queryKey[2] === 'rounds' && query.queryKey.length <= 4)),
    });
    void queryClient.invalidateQueries({ queryKey: ['rounds', 'open'] });
  }, [queryClient, planId]);
}
