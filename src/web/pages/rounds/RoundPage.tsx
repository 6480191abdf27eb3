import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { type FormEvent, useId, useRef, useState } from 'react';
import { translateRatingLabel } from '../../../domain/locale';
import {
  COMMENT_MAX_LENGTH,
  isSubmissionIn,
  isSubmissionOverdue,
  type SubmissionStatus,
  submissionStatuses,
} from '../../../domain/progress-round';
import type { ActionSummary, PlanTreeNode } from '../../../server/plans/plans.schemas';
import type { RoundBoardResponse, RoundView } from '../../../server/rounds/rounds.schemas';
import { ApiError, sendJson } from '../../api';
import { useCan, useSession } from '../../auth/session';
import { Breadcrumbs } from '../../components/Breadcrumbs';
import { FormError, fieldError, TextAreaField, TextField } from '../../components/Form';
import { NoValue, RateValue } from '../../components/RateValue';
import { RatingBadge, RatingScale } from '../../components/RatingBadge';
import { RatingCounts } from '../../components/RatingCounts';
import { ErrorState, Loading } from '../../components/StatusViews';
import { BASIS_SHORT_LABELS, formatPageTitle, type RatingView } from '../../format';
import { useDocumentTitle } from '../../hooks';
import { fillNodes } from '../../i18n/fill-nodes';
import { useI18n } from '../../i18n/i18n';
import { PlanText } from '../../i18n/PlanText';
import { roundBoardQuery, roundEvaluationQuery, roundPaths } from './api';
import { DueDate, SubmissionBadge, useInvalidatePlanViews, useRoundsText } from './parts';

/** A round's page: the status board of every department, the office's controls, and, once closed, the evaluation as it stood. */
export function RoundPage({ planId, roundId }: { planId: string; roundId: string }) {
  const { t } = useRoundsText();
  const query = useQuery(roundBoardQuery(planId, roundId));
  if (query.isError)
    return <ErrorState error={query.error} subject="list" onRetry={() => void query.refetch()} />;
  if (!query.data) return <Loading label={t('board.loading')} />;
  return <RoundBoard data={query.data} />;
}

function RoundBoard({ data }: { data: RoundBoardResponse }) {
  const { plan, round, submissions, today } = data;
  const { t, date, dateTime, roundTitle, roundStatus, submissionStatus } = useRoundsText();
  const shell = useI18n();
  const title = roundTitle(round);
  const canManage = useCan('round.manage', { municipalityId: plan.municipality.id });
  const session = useSession();
  const myDepartments = new Set(
    session?.memberships
      .filter(
        (membership) => membership.municipality.id === plan.municipality.id && membership.role === 'editor',
      )
      .flatMap((membership) => membership.departments.map((department) => department.id)) ?? [],
  );
  useDocumentTitle(formatPageTitle(title, plan.title));
  const notIn = submissions.filter((submission) => !isSubmissionIn(submission.status));
  const counts = new Map<SubmissionStatus, number>();
  for (const submission of submissions)
    counts.set(submission.status, (counts.get(submission.status) ?? 0) + 1);

  return (
    <>
      <Breadcrumbs
        items={[
          { key: 'home', content: <Link to="/">{shell.t('nav.plans')}</Link> },
          {
            key: 'plan',
            content: (
              <Link to="/plans/$planId" params={{ planId: plan.id }}>
                <PlanText>{plan.title}</PlanText>
              </Link>
            ),
          },
          { key: 'round', content: title },
        ]}
      />
      <p className="eyebrow">
        <PlanText>{plan.title}</PlanText>
      </p>
      <h1>{title}</h1>
      <dl className="meta-list">
        <div>
          <dt>{t('board.status')}</dt>
          <dd data-testid="round-status">{roundStatus(round.status)}</dd>
        </div>
        <div>
          <dt>{t('board.due')}</dt>
          <dd>
            {round.status === 'open' ? (
              <DueDate dueDate={round.dueDate} today={today} />
            ) : (
              date(round.dueDate)
            )}
          </dd>
        </div>
        <div>
          <dt>{t('board.opened')}</dt>
          <dd>{dateTime(round.openedAt)}</dd>
        </div>
        {round.closedAt && (
          <div>
            <dt>{t('board.closed')}</dt>
            <dd>{dateTime(round.closedAt)}</dd>
          </div>
        )}
      </dl>
      {round.note && (
        <p className="notice preserve-lines">
          <PlanText>{round.note}</PlanText>
        </p>
      )}

      <section className="section" aria-labelledby="board-heading">
        <h2 id="board-heading">{t('board.heading')}</h2>
        <ul className="status-counts" aria-label={t('board.countsLabel')}>
          {submissionStatuses
            .filter((status) => (counts.get(status) ?? 0) > 0)
            .map((status) => (
              <li key={status}>
                <SubmissionBadge status={status} />{' '}
                {t(counts.get(status) === 1 ? 'board.countOne' : 'board.count', {
                  count: counts.get(status) ?? 0,
                })}
              </li>
            ))}
        </ul>
        {round.status === 'open' && (
          <p data-testid="not-submitted">
            {notIn.length === 0
              ? t('board.allIn')
              : fillNodes(t('board.notIn', { count: notIn.length }), {
                  list: (
                    <PlanText>
                      {notIn.map((submission) => submission.departmentName).join(t('common.listSeparator'))}
                    </PlanText>
                  ),
                })}
          </p>
        )}
        <div className="table-scroll">
          <table className="data-table round-board" data-testid="round-board">
            <caption className="visually-hidden">{t('board.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('board.colDepartment')}</th>
                <th scope="col">{t('board.colStatus')}</th>
                <th scope="col">{t('board.colLastEdit')}</th>
                <th scope="col">{t('board.colSubmitted')}</th>
                <th scope="col">{t('board.colReview')}</th>
              </tr>
            </thead>
            <tbody>
              {submissions.map((submission) => {
                const overdue =
                  round.status === 'open' &&
                  isSubmissionOverdue({ dueDate: round.dueDate, today, status: submission.status });
                return (
                  <tr
                    key={submission.id}
                    className={overdue ? 'round-board__row--overdue' : undefined}
                    data-testid={`board-${submission.departmentName}`}
                  >
                    <th scope="row">
                      <Link
                        to="/plans/$planId/rounds/$roundId/departments/$departmentId"
                        params={{ planId: plan.id, roundId: round.id, departmentId: submission.departmentId }}
                      >
                        <PlanText>{submission.departmentName}</PlanText>
                      </Link>
                      {myDepartments.has(submission.departmentId) && (
                        <span className="marker">{t('board.mine')}</span>
                      )}
                    </th>
                    <td>
                      <SubmissionBadge status={submission.status} />
                      {overdue && (
                        <span className="marker marker--overdue">
                          <span aria-hidden="true">⚠ </span>
                          {t('due.overdue')}
                        </span>
                      )}
                    </td>
                    <td>
                      {submission.lastEditedAt ? (
                        <>
                          {dateTime(submission.lastEditedAt)}
                          <span className="cell-note">
                            <PlanText>{submission.lastEditedByName}</PlanText>
                          </span>
                        </>
                      ) : (
                        <span className="muted">{t('board.noEntry')}</span>
                      )}
                    </td>
                    <td>
                      {submission.submittedAt ? (
                        <>
                          {dateTime(submission.submittedAt)}
                          <span className="cell-note">
                            <PlanText>{submission.submittedByName}</PlanText>
                          </span>
                        </>
                      ) : (
                        <NoValue />
                      )}
                    </td>
                    <td>
                      {submission.reviewedAt ? (
                        <>
                          {fillNodes(
                            t(submission.status === 'returned' ? 'board.returned' : 'board.reviewed'),
                            {
                              at: dateTime(submission.reviewedAt),
                              by: <PlanText>{submission.reviewedByName}</PlanText>,
                            },
                          )}
                          {submission.reviewComment && (
                            <span className="cell-note preserve-lines">
                              <PlanText>{submission.reviewComment}</PlanText>
                            </span>
                          )}
                        </>
                      ) : (
                        <NoValue />
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      </section>

      {canManage && round.status === 'open' && (
        <>
          <RoundScheduleForm planId={plan.id} round={round} />
          <CloseRoundPanel
            planId={plan.id}
            round={round}
            notAccepted={submissions
              .filter((s) => s.status !== 'accepted')
              .map((s) =>
                t('close.notAcceptedItem', {
                  department: s.departmentName,
                  status: submissionStatus(s.status),
                }),
              )}
          />
        </>
      )}
      {round.status === 'closed' && <RoundEvaluation planId={plan.id} roundId={round.id} />}
    </>
  );
}

function useRoundChanged(planId: string, roundId: string) {
  const queryClient = useQueryClient();
  const invalidatePlanViews = useInvalidatePlanViews(planId);
  return () => {
    void queryClient.invalidateQueries({ queryKey: roundBoardQuery(planId, roundId).queryKey, exact: true });
    invalidatePlanViews();
  };
}

function RoundScheduleForm({ planId, round }: { planId: string; round: RoundView }) {
  const { t } = useRoundsText();
  const id = useId();
  const [dueDate, setDueDate] = useState(round.dueDate);
  const [note, setNote] = useState(round.note ?? '');
  const changed = useRoundChanged(planId, round.id);
  const mutation = useMutation({
    mutationFn: () =>
      sendJson<RoundView>('PATCH', roundPaths.round(planId, round.id), {
        dueDate,
        note: note.trim() || null,
        version: round.version,
      }),
    onSuccess: changed,
  });
  const conflict = mutation.error instanceof ApiError && mutation.error.code === 'record.conflict';
  return (
    <details className="disclosure">
      <summary>{t('schedule.summary')}</summary>
      <form
        className="form"
        onSubmit={(event: FormEvent) => {
          event.preventDefault();
          mutation.mutate();
        }}
      >
        <FormError error={mutation.error} />
        {conflict && (
          <button type="button" className="button button--secondary" onClick={changed}>
            {t('schedule.reload')}
          </button>
        )}
        {mutation.isSuccess && (
          <p className="notice notice--success" role="status">
            {t('common.saved')}
          </p>
        )}
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
            {t('schedule.submit')}
          </button>
        </div>
      </form>
    </details>
  );
}

function CloseRoundPanel({
  planId,
  round,
  notAccepted,
}: {
  planId: string;
  round: RoundView;
  notAccepted: string[];
}) {
  const { t, roundTitle } = useRoundsText();
  const [confirming, setConfirming] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);
  const changed = useRoundChanged(planId, round.id);
  const mutation = useMutation({
    mutationFn: () =>
      sendJson<RoundView>('POST', `${roundPaths.round(planId, round.id)}/close`, { version: round.version }),
    onSuccess: changed,
  });
  return (
    <section className="section close-round" aria-labelledby="close-round-heading">
      <h2 id="close-round-heading">{t('close.heading')}</h2>
      <p>{t('close.lead')}</p>
      <FormError error={mutation.error} />
      {!confirming ? (
        <button
          type="button"
          className="button button--danger"
          onClick={() => {
            setConfirming(true);
            window.setTimeout(() => heading.current?.focus(), 0);
          }}
        >
          {t('close.button')}
        </button>
      ) : (
        <section className="submit-panel__confirm" aria-labelledby="close-confirm-heading">
          <h3 id="close-confirm-heading" ref={heading} tabIndex={-1}>
            {t('close.confirmHeading', { round: roundTitle(round) })}
          </h3>
          {notAccepted.length > 0 && (
            <p className="notice">
              {t('close.notAccepted', {
                count: notAccepted.length,
                list: notAccepted.join(t('common.listSeparator')),
              })}
            </p>
          )}
          <div className="form__actions">
            <button
              type="button"
              className="button button--danger"
              disabled={mutation.isPending}
              onClick={() => mutation.mutate()}
            >
              {t('close.confirm')}
            </button>
            <button type="button" className="button button--secondary" onClick={() => setConfirming(false)}>
              {t('common.back')}
            </button>
          </div>
        </section>
      )}
    </section>
  );
}

function flattenActions(nodes: PlanTreeNode[]): ActionSummary[] {
  return nodes.flatMap((node) => [...node.actions, ...flattenActions(node.children)]);
}

/** The plan's evaluation as it stood when the round closed (from the round's snapshot). */
function RoundEvaluation({ planId, roundId }: { planId: string; roundId: string }) {
  const { t, locale } = useRoundsText();
  const query = useQuery(roundEvaluationQuery(planId, roundId));
  if (query.isError) return <FormError error={query.error} />;
  if (!query.data) return <Loading label={t('evaluation.loading')} />;
  const { detail } = query.data;
  const actions = [...flattenActions(detail.nodes), ...detail.actions];
  const translated = (rating: RatingView): RatingView => ({
    ...rating,
    label: translateRatingLabel({ rating, locale }),
  });
  return (
    <RatingScale ratings={detail.ratings}>
      <section className="section" aria-labelledby="round-evaluation-heading" data-testid="round-evaluation">
        <h2 id="round-evaluation-heading">{t('evaluation.heading')}</h2>
        <p>{t('evaluation.lead')}</p>
        <RatingCounts
          ratings={detail.ratings.map(translated)}
          counts={detail.total.counts}
          label={t('evaluation.countsLabel')}
        />
        <div className="table-scroll">
          <table className="data-table">
            <caption>
              {t('evaluation.caption', { level: detail.plan.actionLevel, count: actions.length })}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t('evaluation.colNumber')}</th>
                <th scope="col">{t('evaluation.colName', { level: detail.plan.actionLevel })}</th>
                <th scope="col" className="numeric">
                  {t('evaluation.colRate')}
                </th>
                <th scope="col">{t('evaluation.colRating')}</th>
                <th scope="col">{t('evaluation.colBasis')}</th>
              </tr>
            </thead>
            <tbody>
              {actions.map((action) => (
                <tr key={action.key}>
                  <td>{action.number}</td>
                  <th scope="row">
                    <PlanText>{action.title}</PlanText>
                  </th>
                  <td className="numeric">
                    <RateValue result={action.result} />
                  </td>
                  <td>
                    <RatingBadge rating={translated(action.rating)} />
                  </td>
                  <td>{action.basis ? BASIS_SHORT_LABELS[locale][action.basis] : <NoValue />}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </RatingScale>
  );
}
