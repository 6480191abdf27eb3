import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState } from 'react';
import {
  formatDueDate,
  getDaysUntilDue,
  isSubmissionIn,
  isSubmissionOverdue,
  type SubmissionStatus,
  submissionStatusLabels,
} from '../../../domain/progress-round';

const dateTimeFormat = new Intl.DateTimeFormat('ja-JP-u-ca-japanese', {
  era: 'long',
  year: 'numeric',
  month: 'long',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  timeZone: 'Asia/Tokyo',
});

/** 令和8年11月23日 18:47 (Japan time). */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  return dateTimeFormat.format(new Date(iso)).replace(/(\D)1年/, '$1元年');
}

const timeFormat = new Intl.DateTimeFormat('ja-JP', {
  hour: '2-digit',
  minute: '2-digit',
  timeZone: 'Asia/Tokyo',
});

export function formatTime(date: Date): string {
  return timeFormat.format(date);
}

/** A submission's status in words, with an icon; the colour only helps. */
export function SubmissionBadge({ status }: { status: SubmissionStatus }) {
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
      {submissionStatusLabels[status]}
    </span>
  );
}

/** The due date in 和暦 with the days left, and 期限超過 in words where the department is late. */
export function DueDate({
  dueDate,
  today,
  status,
}: {
  dueDate: string;
  today: string;
  status?: SubmissionStatus;
}) {
  const overdue = status !== undefined && isSubmissionOverdue({ dueDate, today, status });
  const daysLeft = getDaysUntilDue({ dueDate, today });
  const soon = status !== undefined && !isSubmissionIn(status) && daysLeft >= 0 && daysLeft <= 3;
  return (
    <span className={overdue ? 'due-date due-date--overdue' : 'due-date'}>
      {overdue && (
        <>
          <span className="marker marker--overdue">
            <span aria-hidden="true">⚠ </span>期限超過
          </span>{' '}
        </>
      )}
      {soon && (
        <>
          <span className="marker marker--soon">期限間近</span>{' '}
        </>
      )}
      {formatDueDate({ dueDate, today })}
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
