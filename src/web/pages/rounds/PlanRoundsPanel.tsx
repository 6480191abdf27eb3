import { useMutation, useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { type FormEvent, useId, useState } from 'react';
import { formatFiscalYear } from '../../../domain/fiscal-year';
import {
  COMMENT_MAX_LENGTH,
  getJapanDate,
  roundMonthLabels,
  roundMonths,
  submissionStatusLabels,
} from '../../../domain/progress-round';
import type { PlanDetailResponse } from '../../../server/plans/plans.schemas';
import type { RoundListResponse, RoundView } from '../../../server/rounds/rounds.schemas';
import { sendJson } from '../../api';
import { useCan, useSession } from '../../auth/session';
import { FormError, fieldError, SelectField, TextAreaField, TextField } from '../../components/Form';
import { planRoundsQuery, roundPaths } from './api';
import { DueDate, SubmissionBadge, useInvalidatePlanViews } from './parts';

type Round = RoundListResponse['rounds'][number];

/**
 * The plan page's 進捗確認 section: the open round with a one-click way into each of the user's own
 * departments, the status board for the office, the form to open a round, and the closed rounds.
 */
export function PlanRoundsPanel({ plan }: { plan: PlanDetailResponse['plan'] }) {
  const query = useQuery(planRoundsQuery(plan.id));
  const canManage = useCan('round.manage', { municipalityId: plan.municipality.id });
  const session = useSession();
  const myDepartments = new Set(
    session?.memberships
      .filter(
        (membership) => membership.municipality.id === plan.municipality.id && membership.role === 'editor',
      )
      .flatMap((membership) => membership.departments.map((department) => department.id)) ?? [],
  );
  if (!query.data) return null;
  const open = query.data.rounds.find((round) => round.status === 'open');
  const closed = query.data.rounds.filter((round) => round.status === 'closed');
  if (!open && closed.length === 0 && !canManage) return null;

  return (
    <section className="section rounds-panel" id="rounds" aria-labelledby="plan-rounds-heading">
      <h2 id="plan-rounds-heading">進捗確認</h2>
      {open ? (
        <OpenRoundCard planId={plan.id} round={open} myDepartments={myDepartments} />
      ) : (
        <p>受付中の進捗確認はありません。</p>
      )}
      {canManage && !open && <OpenRoundForm plan={plan} />}
      {closed.length > 0 && (
        <details className="disclosure">
          <summary>締め切った進捗確認（{closed.length}件）</summary>
          <ul className="link-list link-list--stacked">
            {closed.map((round) => (
              <li key={round.id}>
                <Link to="/plans/$planId/rounds/$roundId" params={{ planId: plan.id, roundId: round.id }}>
                  {round.title}
                </Link>
                ：締め切り時点の評価と提出状況
              </li>
            ))}
          </ul>
        </details>
      )}
    </section>
  );
}

function OpenRoundCard({
  planId,
  round,
  myDepartments,
}: {
  planId: string;
  round: Round;
  myDepartments: Set<string>;
}) {
  const mine = round.submissions.filter((submission) => myDepartments.has(submission.departmentId));
  const submitted = round.submissions.filter(
    (s) => s.status === 'submitted' || s.status === 'accepted',
  ).length;
  return (
    <div className="open-round" data-testid="open-round">
      <p className="open-round__title">
        <strong>{round.title}</strong>（受付中）
      </p>
      <p>
        提出期限: <DueDate dueDate={round.dueDate} today={getJapanDate(new Date())} />
        ／提出 {submitted}課・全{round.submissions.length}課
      </p>
      {mine.length > 0 && (
        <ul className="link-list">
          {mine.map((submission) => (
            <li key={submission.departmentId}>
              <Link
                className="button"
                to="/plans/$planId/rounds/$roundId/departments/$departmentId"
                params={{ planId, roundId: round.id, departmentId: submission.departmentId }}
              >
                {submission.departmentName}の進捗を入力する
              </Link>{' '}
              <SubmissionBadge status={submission.status} />
            </li>
          ))}
        </ul>
      )}
      <p>
        <Link to="/plans/$planId/rounds/$roundId" params={{ planId, roundId: round.id }}>
          課ごとの提出状況を見る
        </Link>
        <span className="visually-hidden">
          （
          {round.submissions
            .map((submission) => `${submission.departmentName}: ${submissionStatusLabels[submission.status]}`)
            .join('、')}
          ）
        </span>
      </p>
    </div>
  );
}

function defaultDueDate(): string {
  const date = new Date(Date.now() + 14 * 86_400_000);
  return getJapanDate(date);
}

function OpenRoundForm({ plan }: { plan: PlanDetailResponse['plan'] }) {
  const id = useId();
  const currentFy = (() => {
    const today = getJapanDate(new Date());
    const month = Number(today.slice(5, 7));
    const fy = Number(today.slice(0, 4)) - (month < 4 ? 1 : 0);
    return Math.min(Math.max(fy, plan.period.startFy), plan.period.endFy);
  })();
  const [fy, setFy] = useState(String(currentFy));
  const [month, setMonth] = useState('9');
  const [dueDate, setDueDate] = useState(defaultDueDate());
  const [note, setNote] = useState('');
  const invalidate = useInvalidatePlanViews(plan.id);
  const mutation = useMutation({
    mutationFn: () =>
      sendJson<RoundView>('POST', roundPaths.plan(plan.id), {
        fy: Number(fy),
        month: Number(month),
        dueDate,
        ...(note.trim() && { note: note.trim() }),
      }),
    onSuccess: invalidate,
  });
  const years: number[] = [];
  for (let year = plan.period.startFy; year <= plan.period.endFy; year++) years.push(year);
  return (
    <details className="disclosure">
      <summary>進捗確認を始める</summary>
      <form
        className="form"
        onSubmit={(event: FormEvent) => {
          event.preventDefault();
          mutation.mutate();
        }}
      >
        <p>
          年度と確認月、提出期限を決めて始めます。その年度にタスクがある課が対象になり、各課の入力ページが開きます。
        </p>
        <FormError error={mutation.error} />
        <SelectField
          id={`${id}-fy`}
          label="年度"
          value={fy}
          onChange={(event) => setFy(event.target.value)}
          options={years.map((year) => ({ value: String(year), label: formatFiscalYear(year) }))}
          error={fieldError(mutation.error, 'fy')}
        />
        <SelectField
          id={`${id}-month`}
          label="確認月"
          value={month}
          onChange={(event) => setMonth(event.target.value)}
          options={roundMonths.map((value) => ({ value: String(value), label: roundMonthLabels[value] }))}
          error={fieldError(mutation.error, 'month')}
        />
        <TextField
          id={`${id}-due`}
          label="提出期限"
          type="date"
          required
          value={dueDate}
          onChange={(event) => setDueDate(event.target.value)}
          error={fieldError(mutation.error, 'dueDate')}
        />
        <TextAreaField
          id={`${id}-note`}
          label="担当課へのお知らせ文（任意）"
          maxLength={COMMENT_MAX_LENGTH}
          value={note}
          onChange={(event) => setNote(event.target.value)}
          error={fieldError(mutation.error, 'note')}
        />
        <div className="form__actions">
          <button type="submit" className="button" disabled={mutation.isPending}>
            この内容で開始する
          </button>
        </div>
      </form>
    </details>
  );
}
