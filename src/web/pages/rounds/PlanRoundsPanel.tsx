import { useMutation, useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { type FormEvent, useId, useState } from 'react';
import { COMMENT_MAX_LENGTH, getJapanDate, roundMonths } from '../../../domain/progress-round';
import type { PlanDetailResponse } from '../../../server/plans/plans.schemas';
import type { RoundListResponse, RoundView } from '../../../server/rounds/rounds.schemas';
import { sendJson } from '../../api';
import { useCan, useSession } from '../../auth/session';
import { FormError, fieldError, SelectField, TextAreaField, TextField } from '../../components/Form';
import { fillNodes } from '../../i18n/fill-nodes';
import { PlanText } from '../../i18n/PlanText';
import { planRoundsQuery, roundPaths } from './api';
import { DueDate, SubmissionBadge, useInvalidatePlanViews, useRoundsText } from './parts';

type Round = RoundListResponse['rounds'][number];

/**
 * The plan page's 進捗確認 section: the open round with a one-click way into each of the user's own
 * departments, the status board for the office, the form to open a round, and the closed rounds.
 */
export function PlanRoundsPanel({ plan }: { plan: PlanDetailResponse['plan'] }) {
  const { t, roundTitle } = useRoundsText();
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
      <h2 id="plan-rounds-heading">{t('panel.heading')}</h2>
      {open ? (
        <OpenRoundCard planId={plan.id} round={open} myDepartments={myDepartments} />
      ) : (
        <p>{t('panel.noneOpen')}</p>
      )}
      {canManage && !open && <OpenRoundForm plan={plan} />}
      {closed.length > 0 && (
        <details className="disclosure">
          <summary>{t('panel.closedSummary', { count: closed.length })}</summary>
          <ul className="link-list link-list--stacked">
            {closed.map((round) => (
              <li key={round.id}>
                <Link to="/plans/$planId/rounds/$roundId" params={{ planId: plan.id, roundId: round.id }}>
                  {roundTitle(round)}
                </Link>
                {t('panel.closedNote')}
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
  const { t, roundTitle, submissionStatus } = useRoundsText();
  const mine = round.submissions.filter((submission) => myDepartments.has(submission.departmentId));
  const submitted = round.submissions.filter(
    (s) => s.status === 'submitted' || s.status === 'accepted',
  ).length;
  return (
    <div className="open-round" data-testid="open-round">
      <p className="open-round__title">
        <strong>{roundTitle(round)}</strong>
        {t('panel.openSuffix')}
      </p>
      <p>
        {t('panel.due')}
        <DueDate dueDate={round.dueDate} today={getJapanDate(new Date())} />
        {t('panel.submittedCount', { submitted, total: round.submissions.length })}
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
                {fillNodes(t('panel.enter'), {
                  department: <PlanText>{submission.departmentName}</PlanText>,
                })}
              </Link>{' '}
              <SubmissionBadge status={submission.status} />
            </li>
          ))}
        </ul>
      )}
      <p>
        <Link to="/plans/$planId/rounds/$roundId" params={{ planId, roundId: round.id }}>
          {t('panel.boardLink')}
        </Link>
        <span className="visually-hidden">
          {t('panel.boardSummary', {
            list: round.submissions
              .map((submission) =>
                t('panel.boardItem', {
                  department: submission.departmentName,
                  status: submissionStatus(submission.status),
                }),
              )
              .join(t('common.listSeparator')),
          })}
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
  const { t, fiscalYear, monthOption } = useRoundsText();
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
      <summary>{t('form.summary')}</summary>
      <form
        className="form"
        onSubmit={(event: FormEvent) => {
          event.preventDefault();
          mutation.mutate();
        }}
      >
        <p>{t('form.lead')}</p>
        <FormError error={mutation.error} />
        <SelectField
          id={`${id}-fy`}
          label={t('form.fy')}
          value={fy}
          onChange={(event) => setFy(event.target.value)}
          options={years.map((year) => ({ value: String(year), label: fiscalYear(year) }))}
          error={fieldError(mutation.error, 'fy')}
        />
        <SelectField
          id={`${id}-month`}
          label={t('form.month')}
          value={month}
          onChange={(event) => setMonth(event.target.value)}
          options={roundMonths.map((value) => ({ value: String(value), label: monthOption(value) }))}
          error={fieldError(mutation.error, 'month')}
        />
        <TextField
          id={`${id}-due`}
          label={t('form.due')}
          type="date"
          required
          value={dueDate}
          onChange={(event) => setDueDate(event.target.value)}
          error={fieldError(mutation.error, 'dueDate')}
        />
        <TextAreaField
          id={`${id}-note`}
          label={t('form.note')}
          maxLength={COMMENT_MAX_LENGTH}
          value={note}
          onChange={(event) => setNote(event.target.value)}
          error={fieldError(mutation.error, 'note')}
        />
        <div className="form__actions">
          <button type="submit" className="button" disabled={mutation.isPending}>
            {t('form.start')}
          </button>
        </div>
      </form>
    </details>
  );
}
