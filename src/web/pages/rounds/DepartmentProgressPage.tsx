import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { type FormEvent, useId, useRef, useState } from 'react';
import { formatJapaneseDate } from '../../../domain/fiscal-year';
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
import { useI18n } from '../../i18n/i18n';
import { AssessmentEditor } from './AssessmentEditor';
import { departmentProgressQuery, roundPaths } from './api';
import { EvidenceEditor } from './EvidenceEditor';
import { KpiEditor } from './KpiEditor';
import {
  Announcer,
  DueDate,
  formatDateTime,
  SubmissionBadge,
  useAnnouncer,
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
  const query = useQuery(departmentProgressQuery(planId, roundId, departmentId));
  if (query.isError) {
    return <ErrorState error={query.error} subject="list" onRetry={() => void query.refetch()} />;
  }
  if (!query.data) return <Loading label="入力ページを読み込んでいます…" />;
  return <DepartmentProgressView data={query.data} />;
}

function DepartmentProgressView({ data }: { data: DepartmentProgressResponse }) {
  const { plan, round, department, submission } = data;
  const scope = { municipalityId: plan.municipality.id, departmentIds: [department.id] };
  const canEdit = useCan('progress.edit', scope);
  const { message, announce } = useAnnouncer();
  // Recomputed from the live status: a submit or a return on this page changes it at once.
  const editable = canEdit && round.status === 'open' && !isSubmissionLocked(submission.status);
  useDocumentTitle(formatPageTitle(`${department.name}の進捗入力`, round.title, plan.title));

  return (
    <ProgressPageProvider
      data={data}
      editable={editable}
      basePath={roundPaths.department(plan.id, round.id, department.id)}
      announce={announce}
    >
      <Breadcrumbs
        items={[
          { key: 'home', content: <Link to="/">計画一覧</Link> },
          {
            key: 'plan',
            content: (
              <Link to="/plans/$planId" params={{ planId: plan.id }}>
                {plan.title}
              </Link>
            ),
          },
          {
            key: 'round',
            content: (
              <Link to="/plans/$planId/rounds/$roundId" params={{ planId: plan.id, roundId: round.id }}>
                {round.title}
              </Link>
            ),
          },
          { key: 'department', content: department.name },
        ]}
      />
      <p className="eyebrow">{round.title}</p>
      <h1>{department.name}の進捗入力</h1>
      <Announcer message={message} />
      <UnsavedChangesGuard />
      <StatusPanel />
      <ProgressSummary />
      {data.actions.length === 0 ? (
        <p className="notice">この進捗確認で{department.name}が入力するタスクはありません。</p>
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
  return (
    <section className="round-status" aria-labelledby="status-heading" data-testid="submission-status">
      <h2 id="status-heading" className="visually-hidden">
        提出状況
      </h2>
      <dl className="round-status__list">
        <div>
          <dt>状況</dt>
          <dd>
            <SubmissionBadge status={submission.status} />
          </dd>
        </div>
        <div>
          <dt>提出期限</dt>
          <dd>
            {round.status === 'open' ? (
              <DueDate dueDate={round.dueDate} today={today} status={submission.status} />
            ) : (
              formatJapaneseDate(round.dueDate)
            )}
          </dd>
        </div>
        <div>
          <dt>最終更新</dt>
          <dd>
            {submission.lastEditedAt
              ? `${formatDateTime(submission.lastEditedAt)}（${submission.lastEditedByName ?? '—'}）`
              : 'まだ入力がありません'}
          </dd>
        </div>
        {submission.submittedAt && (
          <div>
            <dt>提出</dt>
            <dd>
              {formatDateTime(submission.submittedAt)}（{submission.submittedByName ?? '—'}）
            </dd>
          </div>
        )}
      </dl>
      {round.note && <p className="round-status__note preserve-lines">DX推進担当課から: {round.note}</p>}
      {round.status === 'closed' && (
        <p className="notice" data-testid="round-closed-notice">
          {round.title}は締め切られています（{formatDateTime(round.closedAt)}
          ）。表示している数値は締め切り時点のもので、変更できません。
        </p>
      )}
      {round.status === 'open' && submission.status === 'returned' && submission.reviewComment && (
        <section
          className="review-comment"
          aria-labelledby="review-comment-heading"
          data-testid="review-comment"
        >
          <h2 id="review-comment-heading">
            <span aria-hidden="true">↩ </span>DX推進担当課からの差し戻し
          </h2>
          <p className="review-comment__body preserve-lines">{submission.reviewComment}</p>
          <p className="review-comment__meta">
            {submission.reviewedByName}・{formatDateTime(submission.reviewedAt)}
          </p>
          <p>コメントに沿って内容を直し、ページの最後の「提出する」からもう一度提出してください。</p>
        </section>
      )}
      {submission.status === 'submitted' && (
        <p className="notice">
          提出済みです。DX推進担当課の確認をお待ちください。修正が必要な場合は、DX推進担当課に差し戻しを依頼してください。
        </p>
      )}
      {submission.status === 'accepted' && (
        <p className="notice notice--success" data-testid="accepted-notice">
          <span aria-hidden="true">✓ </span>
          DX推進担当課が承認しました（{submission.reviewedByName}・{formatDateTime(submission.reviewedAt)}）。
          {submission.reviewComment && ` コメント: ${submission.reviewComment}`}
        </p>
      )}
    </section>
  );
}

function ProgressSummary() {
  const { data, editable, unsaved } = useProgressPage();
  const tasks = data.actions.flatMap((action) => action.tasks);
  const recorded = tasks.filter((task) => task.progress !== null).length;
  const [saving, setSaving] = useState(false);
  return (
    <div className="progress-summary">
      <p>
        {data.actions.length}件の{data.plan.actionLevel}、タスク{tasks.length}件のうち{recorded}
        件の進捗率を入力済みです。
        {data.previousRound && `「前回」は${data.previousRound.title}の締め切り時点の値です。`}
      </p>
      {editable && (
        <>
          <p className="field__hint">
            行ごとに「保存」を押すか、進捗率の欄で Enter キーを押すと保存します（コメント欄では Ctrl +
            Enter）。
          </p>
          <p
            className={unsaved.count > 0 ? 'unsaved-count unsaved-count--dirty' : 'unsaved-count'}
            data-testid="unsaved-count"
          >
            {unsaved.count > 0 ? (
              <>
                <span aria-hidden="true">● </span>保存していない変更が{unsaved.count}件あります
                <button
                  type="button"
                  className="button button--small button--secondary"
                  disabled={saving}
                  onClick={() => {
                    setSaving(true);
                    void unsaved.saveAll().finally(() => setSaving(false));
                  }}
                >
                  まとめて保存する
                </button>
              </>
            ) : (
              <>
                <span aria-hidden="true">✓ </span>保存していない変更はありません
              </>
            )}
          </p>
        </>
      )}
    </div>
  );
}

function ActionSection({ action }: { action: DepartmentActionView }) {
  const { locale } = useI18n();
  const { data } = useProgressPage();
  const headingId = useId();
  const name = `${data.plan.actionLevel}${formatNumbered(action)}`;
  return (
    <section
      className="progress-action"
      aria-labelledby={headingId}
      data-testid={`progress-action-${action.key}`}
    >
      <div className="progress-action__header">
        <h2 id={headingId}>{name}</h2>
        <p className="progress-action__evaluation">
          <span className="visually-hidden">現在の評価: </span>
          <RatingBadge rating={action.evaluation.rating} />
          {action.evaluation.shown !== null && (
            <span className="rate">{formatRate(action.evaluation.shown)}</span>
          )}
          {action.evaluation.basis && (
            <span className="cell-note">（{BASIS_SHORT_LABELS[locale][action.evaluation.basis]}）</span>
          )}
          {action.evaluation.projection && <span className="marker marker--projection">見込み</span>}
          <Link
            to="/plans/$planId/actions/$actionKey"
            params={{ planId: data.plan.id, actionKey: action.key }}
          >
            {data.plan.actionLevel}のページ<span className="visually-hidden">（{action.title}）</span>
          </Link>
        </p>
      </div>
      {action.tasks.length > 0 ? (
        <TaskTable action={action} />
      ) : (
        <p className="muted">
          この年度の{data.department.name}のタスクはありません（担い手として指標・総括評価を入力します）。
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
      page.announce(`${department.name}の内容を提出しました`);
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
      <h2 id="submit-heading">提出</h2>
      <p>
        入力が終わったら「提出する」を押してください。提出すると、DX推進担当課の確認が終わるまで内容を変更できなくなります。
      </p>
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
          提出する
        </button>
      ) : (
        <section className="submit-panel__confirm" aria-labelledby="submit-confirm-heading">
          <h3 id="submit-confirm-heading" ref={confirmHeading} tabIndex={-1}>
            {round.title}の{department.name}の内容を提出しますか？
          </h3>
          {unsaved.count > 0 && (
            <div className="form-error" role="alert" data-testid="unsaved-before-submit">
              <p>
                保存していない変更が{unsaved.count}件あります（{unsaved.labels().join('、')}
                ）。保存してから提出してください。
              </p>
              <button
                type="button"
                className="button button--small button--secondary"
                onClick={() => void unsaved.saveAll()}
              >
                まとめて保存する
              </button>
            </div>
          )}
          {unrecorded > 0 && (
            <p className="notice">
              進捗率が未入力のタスクが{unrecorded}件あります。未入力のまま提出することもできます。
            </p>
          )}
          <div className="form__actions">
            <button
              type="button"
              className="button"
              disabled={pending || unsaved.count > 0}
              onClick={() => void submit()}
            >
              この内容で提出する
            </button>
            <button type="button" className="button button--secondary" onClick={() => setConfirming(false)}>
              戻る
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
          message: '差し戻しの理由（担当課へのコメント）を入力してください',
          issues: [
            { path: 'body.comment', message: '差し戻しの理由（担当課へのコメント）を入力してください' },
          ],
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
        kind === 'accept' ? `${department.name}の提出を承認しました` : `${department.name}に差し戻しました`,
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
      <h2 id={`${id}-heading`}>確認（DX推進担当課）</h2>
      <p>
        {submission.status === 'submitted'
          ? `${department.name}から提出されています（${formatDateTime(submission.submittedAt)}）。内容を確認して、承認するか差し戻してください。`
          : '承認済みです。誤りが見つかった場合は、コメントを付けて差し戻せます。'}
      </p>
      <FormError error={commentError ? null : error} />
      <div className={`field${commentError ? ' field--invalid' : ''}`}>
        <label htmlFor={`${id}-comment`} className="field__label">
          担当課へのコメント（差し戻しでは必須）
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
            承認する
          </button>
        )}
        <button
          type="button"
          className="button button--danger"
          disabled={pending}
          onClick={() => void review('return')}
        >
          差し戻す
        </button>
      </div>
    </form>
  );
}
