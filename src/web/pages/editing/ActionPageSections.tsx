import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { type FormEvent, useState } from 'react';
import { commentFieldsSchema } from '../../../domain/comment.schemas';
import { can } from '../../../domain/policy';
import type { CommentRecord } from '../../../server/comments/comments.schemas';
import { sendJson } from '../../api';
import { toActor, useCan, useSession } from '../../auth/session';
import { FormError, TextAreaField } from '../../components/Form';
import { actionUrl, commentsQuery, planUrl } from './editing.api';
import { collectFieldErrors, type FieldErrors, pickFieldError } from './form-values';
import { formatDateTime, HistoryEntries } from './HistoryEntries';
import { useHistory } from './useHistory';

export interface PlanRef {
  id: string;
  actionLevel: string;
  municipality: { id: string };
}

/**
 * What the action page shows beyond the evaluation: a link to edit it (DX office), its history and the
 * comments of HQ, council and departments. Internal: the public portal never shows these.
 */
export function ActionPageSections({ plan, actionKey }: { plan: PlanRef; actionKey: string }) {
  const canEdit = useCan('plan.edit', { municipalityId: plan.municipality.id });
  return (
    <>
      {canEdit && (
        <p className="action-edit-link">
          <Link
            className="button button--secondary"
            to="/plans/$planId/actions/$actionKey/edit"
            params={{ planId: plan.id, actionKey }}
          >
            この{plan.actionLevel}を編集する
          </Link>
        </p>
      )}
      <ActionComments plan={plan} actionKey={actionKey} />
      <ActionHistory plan={plan} actionKey={actionKey} />
    </>
  );
}

const HISTORY_PAGE_SIZE = 10;

function ActionHistory({ plan, actionKey }: { plan: PlanRef; actionKey: string }) {
  const history = useHistory({
    municipalityId: plan.municipality.id,
    filter: { planId: plan.id, actionKey },
    pageSize: HISTORY_PAGE_SIZE,
  });
  const entries = history.data?.pages.flatMap((page) => page.entries) ?? [];
  return (
    <section className="section" aria-labelledby="action-history">
      <h2 id="action-history">変更履歴</h2>
      <FormError error={history.error} />
      {history.isPending ? (
        <p role="status">変更履歴を読み込んでいます…</p>
      ) : entries.length === 0 ? (
        <p>この{plan.actionLevel}の変更の記録はまだありません（計画の取り込み時の内容のままです）。</p>
      ) : (
        <HistoryEntries entries={entries} caption={`この${plan.actionLevel}の変更履歴`} />
      )}
      <div className="inline-actions">
        {history.hasNextPage && (
          <button
            type="button"
            className="button button--small button--secondary"
            disabled={history.isFetchingNextPage}
            onClick={() => void history.fetchNextPage()}
          >
            さらに古い変更を表示する
          </button>
        )}
        <Link to="/plans/$planId/history" params={{ planId: plan.id }} search={{ actionKey }}>
          計画全体の変更履歴で見る
        </Link>
      </div>
    </section>
  );
}

function ActionComments({ plan, actionKey }: { plan: PlanRef; actionKey: string }) {
  const session = useSession();
  const queryClient = useQueryClient();
  const query = useQuery(commentsQuery(plan.id, actionKey));
  const canComment = useCan('comment.create', { municipalityId: plan.municipality.id });
  const actor = session ? toActor(session) : null;
  const isAdmin = actor ? can(actor, 'plan.edit', { municipalityId: plan.municipality.id }) : false;
  const [body, setBody] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: ['plans', plan.id, 'actions', actionKey, 'comments'] });
    void queryClient.invalidateQueries({ queryKey: ['plans', plan.id, 'history'] });
  };
  const create = useMutation({
    mutationFn: () => sendJson<CommentRecord>('POST', `${actionUrl(plan.id, actionKey)}/comments`, { body }),
    onSuccess: () => {
      setBody('');
      refresh();
    },
  });
  const archive = useMutation({
    mutationFn: (commentId: string) => sendJson('POST', `${planUrl(plan.id)}/comments/${commentId}/archive`),
    onSuccess: refresh,
  });
  const comments = query.data?.comments ?? [];
  return (
    <section className="section" aria-labelledby="action-comments">
      <h2 id="action-comments">コメント（{comments.length}件）</h2>
      <p className="field__hint">庁内向けのコメントです。公開ページには表示されません。</p>
      <FormError error={query.error ?? archive.error} />
      {comments.length > 0 && (
        <ol className="comment-list">
          {comments.map((comment) => (
            <li key={comment.id} className="comment" data-testid="comment">
              <p className="comment__meta">
                <span className="comment__author">{comment.authorName}</span>
                <time dateTime={comment.createdAt}>{formatDateTime(comment.createdAt)}</time>
              </p>
              <p className="preserve-lines">{comment.body}</p>
              {(isAdmin || (session && comment.authorUserId === session.user.id)) && (
                <button
                  type="button"
                  className="button button--small button--danger"
                  disabled={archive.isPending}
                  onClick={() => {
                    if (window.confirm('このコメントを削除します。よろしいですか？（変更履歴には残ります）'))
                      archive.mutate(comment.id);
                  }}
                >
                  削除<span className="visually-hidden">（{comment.authorName}さんのコメント）</span>
                </button>
              )}
            </li>
          ))}
        </ol>
      )}
      {canComment && (
        <form
          className="form"
          noValidate
          onSubmit={(event: FormEvent) => {
            event.preventDefault();
            const found = collectFieldErrors(commentFieldsSchema, { body });
            setErrors(found);
            if (Object.keys(found).length === 0) create.mutate();
          }}
        >
          <FormError error={create.error} />
          <TextAreaField
            id={`comment-${actionKey}`}
            label="コメントを書く"
            value={body}
            onChange={(event) => setBody(event.target.value)}
            error={pickFieldError(errors, create.error, 'body')}
          />
          <div className="form__actions">
            <button type="submit" className="button" disabled={create.isPending}>
              コメントする
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
