import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { type FormEvent, useId, useRef, useState } from 'react';
import { formatJapaneseDate } from '../../../domain/fiscal-year';
import {
  COMMENT_MAX_LENGTH,
  isSubmissionIn,
  isSubmissionOverdue,
  roundStatusLabels,
  type SubmissionStatus,
  submissionStatuses,
  submissionStatusLabels,
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
import { BASIS_SHORT_LABELS, formatPageTitle } from '../../format';
import { useDocumentTitle } from '../../hooks';
import { useI18n } from '../../i18n/i18n';
import { roundBoardQuery, roundEvaluationQuery, roundPaths } from './api';
import { DueDate, formatDateTime, SubmissionBadge, useInvalidatePlanViews } from './parts';

/** A round's page: the status board of every department, the office's controls, and, once closed, the evaluation as it stood. */
export function RoundPage({ planId, roundId }: { planId: string; roundId: string }) {
  const query = useQuery(roundBoardQuery(planId, roundId));
  if (query.isError)
    return <ErrorState error={query.error} subject="list" onRetry={() => void query.refetch()} />;
  if (!query.data) return <Loading label="進捗確認を読み込んでいます…" />;
  return <RoundBoard data={query.data} />;
}

function RoundBoard({ data }: { data: RoundBoardResponse }) {
  const { plan, round, submissions, today } = data;
  const canManage = useCan('round.manage', { municipalityId: plan.municipality.id });
  const session = useSession();
  const myDepartments = new Set(
    session?.memberships
      .filter(
        (membership) => membership.municipality.id === plan.municipality.id && membership.role === 'editor',
      )
      .flatMap((membership) => membership.departments.map((department) => department.id)) ?? [],
  );
  useDocumentTitle(formatPageTitle(round.title, plan.title));
  const notIn = submissions.filter((submission) => !isSubmissionIn(submission.status));
  const counts = new Map<SubmissionStatus, number>();
  for (const submission of submissions)
    counts.set(submission.status, (counts.get(submission.status) ?? 0) + 1);

  return (
    <>
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
          { key: 'round', content: round.title },
        ]}
      />
      <p className="eyebrow">{plan.title}</p>
      <h1>{round.title}</h1>
      <dl className="meta-list">
        <div>
          <dt>状況</dt>
          <dd data-testid="round-status">{roundStatusLabels[round.status]}</dd>
        </div>
        <div>
          <dt>提出期限</dt>
          <dd>
            {round.status === 'open' ? (
              <DueDate dueDate={round.dueDate} today={today} />
            ) : (
              formatJapaneseDate(round.dueDate)
            )}
          </dd>
        </div>
        <div>
          <dt>開始</dt>
          <dd>{formatDateTime(round.openedAt)}</dd>
        </div>
        {round.closedAt && (
          <div>
            <dt>締め切り</dt>
            <dd>{formatDateTime(round.closedAt)}</dd>
          </div>
        )}
      </dl>
      {round.note && <p className="notice preserve-lines">{round.note}</p>}

      <section className="section" aria-labelledby="board-heading">
        <h2 id="board-heading">課ごとの提出状況</h2>
        <ul className="status-counts" aria-label="状況ごとの課の数">
          {submissionStatuses
            .filter((status) => (counts.get(status) ?? 0) > 0)
            .map((status) => (
              <li key={status}>
                <SubmissionBadge status={status} /> {counts.get(status)}課
              </li>
            ))}
        </ul>
        {round.status === 'open' && (
          <p data-testid="not-submitted">
            {notIn.length === 0
              ? 'すべての課が提出しました。'
              : `まだ提出していない課（${notIn.length}課）: ${notIn.map((submission) => submission.departmentName).join('、')}`}
          </p>
        )}
        <div className="table-scroll">
          <table className="data-table round-board" data-testid="round-board">
            <caption className="visually-hidden">課ごとの状況・最終更新・提出・確認</caption>
            <thead>
              <tr>
                <th scope="col">課</th>
                <th scope="col">状況</th>
                <th scope="col">最終更新</th>
                <th scope="col">提出</th>
                <th scope="col">確認・コメント</th>
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
                        {submission.departmentName}
                      </Link>
                      {myDepartments.has(submission.departmentId) && <span className="marker">自課</span>}
                    </th>
                    <td>
                      <SubmissionBadge status={submission.status} />
                      {overdue && (
                        <span className="marker marker--overdue">
                          <span aria-hidden="true">⚠ </span>期限超過
                        </span>
                      )}
                    </td>
                    <td>
                      {submission.lastEditedAt ? (
                        <>
                          {formatDateTime(submission.lastEditedAt)}
                          <span className="cell-note">{submission.lastEditedByName}</span>
                        </>
                      ) : (
                        <span className="muted">入力なし</span>
                      )}
                    </td>
                    <td>
                      {submission.submittedAt ? (
                        <>
                          {formatDateTime(submission.submittedAt)}
                          <span className="cell-note">{submission.submittedByName}</span>
                        </>
                      ) : (
                        <NoValue />
                      )}
                    </td>
                    <td>
                      {submission.reviewedAt ? (
                        <>
                          {submission.status === 'returned' ? '差し戻し' : '確認'}（
                          {formatDateTime(submission.reviewedAt)}・{submission.reviewedByName}）
                          {submission.reviewComment && (
                            <span className="cell-note preserve-lines">{submission.reviewComment}</span>
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
              .map((s) => `${s.departmentName}（${submissionStatusLabels[s.status]}）`)}
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
      <summary>提出期限・お知らせ文を変更する</summary>
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
            最新の内容を読み込む
          </button>
        )}
        {mutation.isSuccess && (
          <p className="notice notice--success" role="status">
            保存しました。
          </p>
        )}
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
            変更を保存する
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
      <h2 id="close-round-heading">締め切り</h2>
      <p>
        締め切ると、その時点の計画と数値が保存され、この進捗確認では変更できなくなります。次の進捗確認は締め切り時点の数値から始まります。
      </p>
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
          締め切る
        </button>
      ) : (
        <section className="submit-panel__confirm" aria-labelledby="close-confirm-heading">
          <h3 id="close-confirm-heading" ref={heading} tabIndex={-1}>
            {round.title}を締め切りますか？
          </h3>
          {notAccepted.length > 0 && (
            <p className="notice">
              まだ承認していない課が{notAccepted.length}課あります: {notAccepted.join('、')}
              。締め切ると、これらの課も現在の数値で確定します。
            </p>
          )}
          <div className="form__actions">
            <button
              type="button"
              className="button button--danger"
              disabled={mutation.isPending}
              onClick={() => mutation.mutate()}
            >
              締め切る（確定）
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

function flattenActions(nodes: PlanTreeNode[]): ActionSummary[] {
  return nodes.flatMap((node) => [...node.actions, ...flattenActions(node.children)]);
}

/** The plan's evaluation as it stood when the round closed (from the round's snapshot). */
function RoundEvaluation({ planId, roundId }: { planId: string; roundId: string }) {
  const { locale } = useI18n();
  const query = useQuery(roundEvaluationQuery(planId, roundId));
  if (query.isError) return <FormError error={query.error} />;
  if (!query.data) return <Loading label="締め切り時点の評価を読み込んでいます…" />;
  const { detail } = query.data;
  const actions = [...flattenActions(detail.nodes), ...detail.actions];
  return (
    <RatingScale ratings={detail.ratings}>
      <section className="section" aria-labelledby="round-evaluation-heading" data-testid="round-evaluation">
        <h2 id="round-evaluation-heading">締め切り時点の評価</h2>
        <p>
          締め切った時点の計画と数値から計算した評価です。その後の進捗確認で数値が変わっても、この表は変わりません。
        </p>
        <RatingCounts
          ratings={detail.ratings}
          counts={detail.total.counts}
          label="締め切り時点の評価区分ごとの件数"
        />
        <div className="table-scroll">
          <table className="data-table">
            <caption>
              {detail.plan.actionLevel}ごとの評価（{actions.length}件）
            </caption>
            <thead>
              <tr>
                <th scope="col">番号</th>
                <th scope="col">{detail.plan.actionLevel}名</th>
                <th scope="col" className="numeric">
                  達成率
                </th>
                <th scope="col">評価</th>
                <th scope="col">評価根拠</th>
              </tr>
            </thead>
            <tbody>
              {actions.map((action) => (
                <tr key={action.key}>
                  <td>{action.number}</td>
                  <th scope="row">{action.title}</th>
                  <td className="numeric">
                    <RateValue result={action.result} />
                  </td>
                  <td>
                    <RatingBadge rating={action.rating} />
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
