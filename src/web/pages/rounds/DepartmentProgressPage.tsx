import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { type FormEvent, useId, useRef, useState } from 'react';
import { translateRatingLabel } from '../../../domain/locale';
import { COMMENT_MAX_LENGTH, isSubmissionLocked } from '../../../domain/progress-round';
import type {
  DepartmentActionView,
  DepartmentProgressResponse,
  SubmissionResponse,
} from '../../../server/rounds/rounds.schemas';
import { ApiError, sendJson } from '../../api';
import { useCan } from '../../auth/session';
import { Breadcrumbs } from '../../components/Breadcrumbs';
import { FormError } from '../../components/Form';
import { RatingBadge } from '../../components/RatingBadge';
import { ErrorState, Loading } from '../../components/StatusViews';
import { BASIS_SHORT_LABELS, formatNumbered, formatPageTitle, formatRate } from '../../format';
import { useDocumentTitle } from '../../hooks';
import { fillNodes } from '../../i18n/fill-nodes';
import { useI18n } from '../../i18n/i18n';
import { PlanText } from '../../i18n/PlanText';
import { AssessmentEditor } from './AssessmentEditor';
import { departmentProgressQuery, roundPaths } from './api';
import { EvidenceEditor } from './EvidenceEditor';
import { KpiEditor } from './KpiEditor';
import {
  Announcer,
  DueDate,
  SubmissionBadge,
  useAnnouncer,
  useRoundsText,
  useUnsavedChangesWarning,
} from './parts';
import { ProgressPageProvider, useProgressPage } from './progress-context';
import { TaskTable } from './TaskRows';

/** "My tasks": a department's page of a progress round. */
export function DepartmentProgressPage({
  planId,
  roundId,
  departmentId,
}: {
  planId: string;
  roundId: string;
  departmentId: string;
}) {
  const { t } = useRoundsText();
  const query = useQuery(departmentProgressQuery(planId, roundId, departmentId));
  if (query.isError) {
    return <ErrorState error={query.error} subject="list" onRetry={() => void query.refetch()} />;
  }
  if (!query.data) return <Loading label={t('department.loading')} />;
  return <DepartmentProgressView data={query.data} />;
}

function DepartmentProgressView({ data }: { data: DepartmentProgressResponse }) {
  const { plan, round, department, submission } = data;
  const { t, roundTitle } = useRoundsText();
  const shell = useI18n();
  const title = roundTitle(round);
  const scope = { municipalityId: plan.municipality.id, departmentIds: [department.id] };
  const canEdit = useCan('progress.edit', scope);
  const { message, announce } = useAnnouncer();
  // Recomputed from the live status: a submit or a return on this page changes it at once.
  const editable = canEdit && round.status === 'open' && !isSubmissionLocked(submission.status);
  useDocumentTitle(
    formatPageTitle(t('department.title', { department: department.name }), title, plan.title),
  );

  return (
    <ProgressPageProvider
      data={data}
      editable={editable}
      basePath={roundPaths.department(plan.id, round.id, department.id)}
      announce={announce}
    >
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
          {
            key: 'round',
            content: (
              <Link to="/plans/$planId/rounds/$roundId" params={{ planId: plan.id, roundId: round.id }}>
                {title}
              </Link>
            ),
          },
          { key: 'department', content: <PlanText>{department.name}</PlanText> },
        ]}
      />
      <p className="eyebrow">{title}</p>
      <h1>{fillNodes(t('department.title'), { department: <PlanText>{department.name}</PlanText> })}</h1>
      <Announcer message={message} />
      <UnsavedChangesGuard />
      <StatusPanel />
      <ProgressSummary />
      {data.actions.length === 0 ? (
        <p className="notice">
          {fillNodes(t('department.noTasks'), { department: <PlanText>{department.name}</PlanText> })}
        </p>
      ) : (
        data.actions.map((action) => <ActionSection key={action.id} action={action} />)
      )}
      <SubmitPanel />
      <ReviewPanel />
    </ProgressPageProvider>
  );
}

function UnsavedChangesGuard() {
  useUnsavedChangesWarning(useProgressPage().unsaved.count > 0);
  return null;
}

/** Where the department stands: status, due date, and the office's comment in full view. */
function StatusPanel() {
  const { data } = useProgressPage();
  const { round, submission, today } = data;
  const { t, date, dateTime, roundTitle } = useRoundsText();
  const byWhom = (at: string | null, by: string | null) =>
    fillNodes(t('department.byWhom'), { at: dateTime(at), by: by ? <PlanText>{by}</PlanText> : '—' });
  return (
    <section className="round-status" aria-labelledby="status-heading" data-testid="submission-status">
      <h2 id="status-heading" className="visually-hidden">
        {t('department.statusHeading')}
      </h2>
      <dl className="round-status__list">
        <div>
          <dt>{t('department.status')}</dt>
          <dd>
            <SubmissionBadge status={submission.status} />
          </dd>
        </div>
        <div>
          <dt>{t('department.due')}</dt>
          <dd>
            {round.status === 'open' ? (
              <DueDate dueDate={round.dueDate} today={today} status={submission.status} />
            ) : (
              date(round.dueDate)
            )}
          </dd>
        </div>
        <div>
          <dt>{t('department.lastEdit')}</dt>
          <dd>
            {submission.lastEditedAt
              ? byWhom(submission.lastEditedAt, submission.lastEditedByName)
              : t('department.noEdit')}
          </dd>
        </div>
        {submission.submittedAt && (
          <div>
            <dt>{t('department.submitted')}</dt>
            <dd>{byWhom(submission.submittedAt, submission.submittedByName)}</dd>
          </div>
        )}
      </dl>
      {round.note && (
        <p className="round-status__note preserve-lines">
          {fillNodes(t('department.note'), { note: <PlanText>{round.note}</PlanText> })}
        </p>
      )}
      {round.status === 'closed' && (
        <p className="notice" data-testid="round-closed-notice">
          {t('department.closed', { round: roundTitle(round), at: dateTime(round.closedAt) })}
        </p>
      )}
      {round.status === 'open' && submission.status === 'returned' && submission.reviewComment && (
        <section
          className="review-comment"
          aria-labelledby="review-comment-heading"
          data-testid="review-comment"
        >
          <h2 id="review-comment-heading">
            <span aria-hidden="true">↩ </span>
            {t('department.returnedHeading')}
          </h2>
          <p className="review-comment__body preserve-lines">
            <PlanText>{submission.reviewComment}</PlanText>
          </p>
          <p className="review-comment__meta">
            {fillNodes(t('department.returnedMeta'), {
              by: <PlanText>{submission.reviewedByName}</PlanText>,
              at: dateTime(submission.reviewedAt),
            })}
          </p>
          <p>{t('department.returnedHelp')}</p>
        </section>
      )}
      {submission.status === 'submitted' && <p className="notice">{t('department.submittedNotice')}</p>}
      {submission.status === 'accepted' && (
        <p className="notice notice--success" data-testid="accepted-notice">
          <span aria-hidden="true">✓ </span>
          {fillNodes(t('department.accepted'), {
            by: <PlanText>{submission.reviewedByName}</PlanText>,
            at: dateTime(submission.reviewedAt),
          })}
          {submission.reviewComment &&
            fillNodes(t('department.acceptedComment'), {
              comment: <PlanText>{submission.reviewComment}</PlanText>,
            })}
        </p>
      )}
    </section>
  );
}

function ProgressSummary() {
  const { data, editable, unsaved } = useProgressPage();
  const { t } = useRoundsText();
  const tasks = data.actions.flatMap((action) => action.tasks);
  const recorded = tasks.filter((task) => task.progress !== null).length;
  const [saving, setSaving] = useState(false);
  return (
    <div className="progress-summary">
      <p>
        {t('summary.counts', {
          actions: data.actions.length,
          level: data.plan.actionLevel,
          tasks: tasks.length,
          recorded,
        })}
        {data.previousRound &&
          fillNodes(t('summary.previous'), {
            // The server names the previous round in Japanese only (no period in the response).
            round: <PlanText>{data.previousRound.title}</PlanText>,
          })}
      </p>
      {editable && (
        <>
          <p className="field__hint">{t('summary.hint')}</p>
          <p
            className={unsaved.count > 0 ? 'unsaved-count unsaved-count--dirty' : 'unsaved-count'}
            data-testid="unsaved-count"
          >
            {unsaved.count > 0 ? (
              <>
                <span aria-hidden="true">● </span>
                {t(unsaved.count === 1 ? 'summary.unsavedOne' : 'summary.unsaved', { count: unsaved.count })}
                <button
                  type="button"
                  className="button button--small button--secondary"
                  disabled={saving}
                  onClick={() => {
                    setSaving(true);
                    void unsaved.saveAll().finally(() => setSaving(false));
                  }}
                >
                  {t('summary.saveAll')}
                </button>
              </>
            ) : (
              <>
                <span aria-hidden="true">✓ </span>
                {t('summary.noUnsaved')}
              </>
            )}
          </p>
        </>
      )}
    </div>
  );
}

function ActionSection({ action }: { action: DepartmentActionView }) {
  const { t, locale } = useRoundsText();
  const { data } = useProgressPage();
  const headingId = useId();
  const name = t('action.heading', { level: data.plan.actionLevel, name: formatNumbered(action) });
  const rating = {
    ...action.evaluation.rating,
    label: translateRatingLabel({ rating: action.evaluation.rating, locale }),
  };
  return (
    <section
      className="progress-action"
      aria-labelledby={headingId}
      data-testid={`progress-action-${action.key}`}
    >
      <div className="progress-action__header">
        <h2 id={headingId}>
          <PlanText>{name}</PlanText>
        </h2>
        <p className="progress-action__evaluation">
          <span className="visually-hidden">{t('action.currentRating')}</span>
          <RatingBadge rating={rating} />
          {action.evaluation.shown !== null && (
            <span className="rate">{formatRate(action.evaluation.shown)}</span>
          )}
          {action.evaluation.basis && (
            <span className="cell-note">
              {t('action.basis', { basis: BASIS_SHORT_LABELS[locale][action.evaluation.basis] })}
            </span>
          )}
          {action.evaluation.projection && (
            <span className="marker marker--projection">{t('common.projection')}</span>
          )}
          <Link
            to="/plans/$planId/actions/$actionKey"
            params={{ planId: data.plan.id, actionKey: action.key }}
          >
            {t('action.page', { level: data.plan.actionLevel })}
            <span className="visually-hidden">
              {fillNodes(t('common.forItem'), { name: <PlanText>{action.title}</PlanText> })}
            </span>
          </Link>
        </p>
      </div>
      {action.tasks.length > 0 ? (
        <TaskTable action={action} />
      ) : (
        <p className="muted">
          {fillNodes(t('action.noTasks'), { department: <PlanText>{data.department.name}</PlanText> })}
        </p>
      )}
      <KpiEditor kpis={action.kpis} />
      {action.assessment && (
        <AssessmentEditor
          actionId={action.id}
          actionKey={action.key}
          title={action.title}
          assessment={action.assessment}
        />
      )}
      <EvidenceEditor
        actionKey={action.key}
        actionId={action.id}
        title={action.title}
        evidence={action.evidence}
      />
    </section>
  );
}

/** 提出する: a clear last step, which first makes sure nothing typed is left unsaved. */
function SubmitPanel() {
  const page = useProgressPage();
  const { data, unsaved } = page;
  const { plan, round, department, submission } = data;
  const { t, roundTitle } = useRoundsText();
  const canSubmit = useCan('submission.submit', {
    municipalityId: plan.municipality.id,
    departmentIds: [department.id],
  });
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [pending, setPending] = useState(false);
  const confirmHeading = useRef<HTMLHeadingElement>(null);
  if (!canSubmit || round.status !== 'open' || isSubmissionLocked(submission.status)) return null;
  const unrecorded = data.actions
    .flatMap((action) => action.tasks)
    .filter((task) => task.progress === null).length;

  const submit = async () => {
    setPending(true);
    setError(null);
    try {
      const result = await sendJson<SubmissionResponse>('POST', `${page.basePath}/submit`, {
        version: submission.version,
      });
      page.replaceSubmission(result.submission);
      page.announce(t('submit.done', { department: department.name }));
      setConfirming(false);
      window.scrollTo({ top: 0 });
      document.getElementById('main')?.focus({ preventScroll: true });
    } catch (caught) {
      setError(caught);
      if (caught instanceof ApiError && caught.code === 'record.conflict') {
        page.replaceSubmission(
          (caught.details as SubmissionResponse & { current: SubmissionResponse['submission'] }).current,
        );
      }
    } finally {
      setPending(false);
    }
  };

  return (
    <section className="submit-panel" id="submit" aria-labelledby="submit-heading">
      <h2 id="submit-heading">{t('submit.heading')}</h2>
      <p>{t('submit.lead')}</p>
      <FormError error={error} />
      {!confirming ? (
        <button
          type="button"
          className="button"
          onClick={() => {
            setConfirming(true);
            window.setTimeout(() => confirmHeading.current?.focus(), 0);
          }}
        >
          {t('submit.button')}
        </button>
      ) : (
        <section className="submit-panel__confirm" aria-labelledby="submit-confirm-heading">
          <h3 id="submit-confirm-heading" ref={confirmHeading} tabIndex={-1}>
            {fillNodes(t('submit.confirmHeading'), {
              round: roundTitle(round),
              department: <PlanText>{department.name}</PlanText>,
            })}
          </h3>
          {unsaved.count > 0 && (
            <div className="form-error" role="alert" data-testid="unsaved-before-submit">
              <p>
                {t('submit.unsaved', {
                  count: unsaved.count,
                  list: unsaved.labels().join(t('common.listSeparator')),
                })}
              </p>
              <button
                type="button"
                className="button button--small button--secondary"
                onClick={() => void unsaved.saveAll()}
              >
                {t('summary.saveAll')}
              </button>
            </div>
          )}
          {unrecorded > 0 && <p className="notice">{t('submit.unrecorded', { count: unrecorded })}</p>}
          <div className="form__actions">
            <button
              type="button"
              className="button"
              disabled={pending || unsaved.count > 0}
              onClick={() => void submit()}
            >
              {t('submit.confirm')}
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

/** For the DX office: accept the submission, or return it with a comment. */
function ReviewPanel() {
  const page = useProgressPage();
  const { data } = page;
  const { plan, round, department, submission } = data;
  const { t, dateTime } = useRoundsText();
  const canReview = useCan('submission.review', { municipalityId: plan.municipality.id });
  const id = useId();
  const [comment, setComment] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [pending, setPending] = useState(false);
  if (!canReview || round.status !== 'open') return null;
  if (submission.status !== 'submitted' && submission.status !== 'accepted') return null;

  const review = async (kind: 'accept' | 'return') => {
    if (kind === 'return' && comment.trim() === '') {
      setError(
        new ApiError({
          status: 400,
          code: 'request.invalid',
          message: t('review.commentRequired'),
          issues: [{ path: 'body.comment', message: t('review.commentRequired') }],
        }),
      );
      return;
    }
    setPending(true);
    setError(null);
    try {
      const result = await sendJson<SubmissionResponse>('POST', `${page.basePath}/${kind}`, {
        version: submission.version,
        ...(comment.trim() && { comment: comment.trim() }),
      });
      page.replaceSubmission(result.submission);
      page.announce(
        t(kind === 'accept' ? 'review.acceptedDone' : 'review.returnedDone', { department: department.name }),
      );
      setComment('');
    } catch (caught) {
      setError(caught);
    } finally {
      setPending(false);
    }
  };
  const commentError = error instanceof ApiError ? error.issueFor('comment') : undefined;

  return (
    <form
      className="review-panel"
      aria-labelledby={`${id}-heading`}
      onSubmit={(event: FormEvent) => {
        event.preventDefault();
      }}
    >
      <h2 id={`${id}-heading`}>{t('review.heading')}</h2>
      <p>
        {submission.status === 'submitted'
          ? fillNodes(t('review.submitted'), {
              department: <PlanText>{department.name}</PlanText>,
              at: dateTime(submission.submittedAt),
            })
          : t('review.accepted')}
      </p>
      <FormError error={commentError ? null : error} />
      <div className={`field${commentError ? ' field--invalid' : ''}`}>
        <label htmlFor={`${id}-comment`} className="field__label">
          {t('review.comment')}
        </label>
        {commentError && (
          <p id={`${id}-comment-error`} className="field__error">
            <span aria-hidden="true">⚠ </span>
            {commentError}
          </p>
        )}
        <textarea
          id={`${id}-comment`}
          className="field__input field__textarea"
          maxLength={COMMENT_MAX_LENGTH}
          value={comment}
          onChange={(event) => setComment(event.target.value)}
          aria-invalid={commentError ? true : undefined}
          aria-describedby={commentError ? `${id}-comment-error` : undefined}
        />
      </div>
      <div className="form__actions">
        {submission.status === 'submitted' && (
          <button type="button" className="button" disabled={pending} onClick={() => void review('accept')}>
            {t('review.accept')}
          </button>
        )}
        <button
          type="button"
          className="button button--danger"
          disabled={pending}
          onClick={() => void review('return')}
        >
          {t('review.return')}
        </button>
      </div>
    </form>
  );
}
