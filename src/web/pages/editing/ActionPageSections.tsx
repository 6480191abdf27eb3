import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { type FormEvent, useState } from 'react';
import { commentFieldsSchema } from '../../../domain/comment.schemas';
import { can } from '../../../domain/policy';
import type { CommentRecord } from '../../../server/comments/comments.schemas';
import { sendJson } from '../../api';
import { toActor, useCan, useSession } from '../../auth/session';
import { FormError, TextAreaField } from '../../components/Form';
import { formatDateTime } from '../../format';
import { useAreaMessages } from '../../i18n/i18n';
import { PlanText } from '../../i18n/PlanText';
import { actionUrl, commentsQuery, planUrl } from './editing.api';
import { editingMessages } from './editing.messages';
import { collectFieldErrors, type FieldErrors, pickFieldError } from './form-values';
import { HistoryEntries } from './HistoryEntries';
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
  const { t } = useAreaMessages(editingMessages);
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
            {t('sections.editAction', { action: plan.actionLevel })}
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
  const { t } = useAreaMessages(editingMessages);
  const history = useHistory({
    municipalityId: plan.municipality.id,
    filter: { planId: plan.id, actionKey },
    pageSize: HISTORY_PAGE_SIZE,
  });
  const entries = history.data?.pages.flatMap((page) => page.entries) ?? [];
  return (
    <section className="section" aria-labelledby="action-history">
      <h2 id="action-history">{t('common.history')}</h2>
      <FormError error={history.error} />
      {history.isPending ? (
        <p role="status">{t('history.loading')}</p>
      ) : entries.length === 0 ? (
        <p>{t('sections.historyEmpty', { action: plan.actionLevel })}</p>
      ) : (
        <HistoryEntries
          entries={entries}
          caption={t('sections.historyCaption', { action: plan.actionLevel })}
        />
      )}
      <div className="inline-actions">
        {history.hasNextPage && (
          <button
            type="button"
            className="button button--small button--secondary"
            disabled={history.isFetchingNextPage}
            onClick={() => void history.fetchNextPage()}
          >
            {t('history.older')}
          </button>
        )}
        <Link to="/plans/$planId/history" params={{ planId: plan.id }} search={{ actionKey }}>
          {t('sections.planHistory')}
        </Link>
      </div>
    </section>
  );
}

function ActionComments({ plan, actionKey }: { plan: PlanRef; actionKey: string }) {
  const { t, locale } = useAreaMessages(editingMessages);
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
      <h2 id="action-comments">{t('comments.heading', { count: comments.length })}</h2>
      <p className="field__hint">{t('comments.hint')}</p>
      <FormError error={query.error ?? archive.error} />
      {comments.length > 0 && (
        <ol className="comment-list">
          {comments.map((comment) => (
            <li key={comment.id} className="comment" data-testid="comment">
              <p className="comment__meta">
                <span className="comment__author">
                  <PlanText>{comment.authorName}</PlanText>
                </span>
                <time dateTime={comment.createdAt}>{formatDateTime({ iso: comment.createdAt, locale })}</time>
              </p>
              <p className="preserve-lines">
                <PlanText>{comment.body}</PlanText>
              </p>
              {(isAdmin || (session && comment.authorUserId === session.user.id)) && (
                <button
                  type="button"
                  className="button button--small button--danger"
                  disabled={archive.isPending}
                  onClick={() => {
                    if (window.confirm(t('comments.confirmDelete'))) archive.mutate(comment.id);
                  }}
                >
                  {t('common.remove')}
                  <span className="visually-hidden">{t('comments.whose', { name: comment.authorName })}</span>
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
            label={t('comments.write')}
            value={body}
            onChange={(event) => setBody(event.target.value)}
            error={pickFieldError({ errors: errors, apiError: create.error, path: 'body', locale })}
          />
          <div className="form__actions">
            <button type="submit" className="button" disabled={create.isPending}>
              {t('comments.submit')}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
