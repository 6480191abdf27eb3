import { useQuery } from '@tanstack/react-query';
import { Link, useNavigate } from '@tanstack/react-router';
import { type FormEvent, useState } from 'react';
import { HISTORY_SUBJECT_LABELS } from '../../../domain/history';
import type { PlanDetailResponse, PlanTreeNode } from '../../../server/plans/plans.schemas';
import { planQuery } from '../../api';
import { Breadcrumbs } from '../../components/Breadcrumbs';
import { FormError, SelectField, TextField } from '../../components/Form';
import { ErrorState, Loading } from '../../components/StatusViews';
import { formatNumbered, formatPageTitle } from '../../format';
import { useDocumentTitle } from '../../hooks';
import { historyPeopleQuery } from './editing.api';
import { HistoryEntries } from './HistoryEntries';
import { useHistory } from './useHistory';

export interface HistorySearch {
  actionKey?: string | undefined;
  subjectType?: string | undefined;
  actorUserId?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
}

const PAGE_SIZE = 50;

/** The kinds of record a plan's history holds, for its filter. */
const PLAN_SUBJECTS = [
  'plan',
  'node',
  'action',
  'task',
  'kpi',
  'kpi_actual',
  'assessment',
  'report',
  'evidence',
  'comment',
  'round',
  'submission',
];

/** Every change to a plan, newest first, filtered by kind, person, period and action. */
export function PlanHistoryPage({ planId, search }: { planId: string; search: HistorySearch }) {
  const plan = useQuery(planQuery(planId));
  if (plan.isError)
    return <ErrorState error={plan.error} subject="plan" onRetry={() => void plan.refetch()} />;
  if (!plan.data) return <Loading label="変更履歴を読み込んでいます…" />;
  return <PlanHistoryView detail={plan.data} search={search} />;
}

function listPlanActions(detail: PlanDetailResponse) {
  const collect = (nodes: PlanTreeNode[]): PlanTreeNode['actions'] =>
    nodes.flatMap((node) => [...node.actions, ...collect(node.children)]);
  return [...collect(detail.nodes), ...detail.actions];
}

function PlanHistoryView({ detail, search }: { detail: PlanDetailResponse; search: HistorySearch }) {
  const { plan } = detail;
  useDocumentTitle(formatPageTitle('変更履歴', plan.title));
  const navigate = useNavigate();
  const people = useQuery(historyPeopleQuery(plan.id));
  const actions = listPlanActions(detail);
  const [draft, setDraft] = useState<HistorySearch>(search);
  const history = useHistory({
    municipalityId: plan.municipality.id,
    filter: { planId: plan.id, ...search },
    pageSize: PAGE_SIZE,
  });
  const entries = history.data?.pages.flatMap((page) => page.entries) ?? [];
  const clean = (value: string) => (value === '' ? undefined : value);
  const apply = (event: FormEvent) => {
    event.preventDefault();
    void navigate({
      to: '/plans/$planId/history',
      params: { planId: plan.id },
      search: {
        actionKey: clean(draft.actionKey ?? ''),
        subjectType: clean(draft.subjectType ?? ''),
        actorUserId: clean(draft.actorUserId ?? ''),
        from: clean(draft.from ?? ''),
        to: clean(draft.to ?? ''),
      },
    });
  };
  const filtered = Object.values(search).some(Boolean);
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
          { key: 'history', content: '変更履歴' },
        ]}
      />
      <h1>
        <span className="heading-prefix">{plan.title}</span>変更履歴
      </h1>
      <p className="lead">
        誰が・いつ・何を・どのように変更したかの記録です。記録は削除できません（削除した項目も「アーカイブ」として残ります）。
      </p>
      <section className="section" aria-labelledby="history-filter-heading">
        <h2 id="history-filter-heading">絞り込み</h2>
        <form className="form history-filter" onSubmit={apply}>
          <div className="editing-row">
            <SelectField
              id="history-subject"
              label="種類"
              value={draft.subjectType ?? ''}
              options={[
                { value: '', label: 'すべて' },
                ...PLAN_SUBJECTS.map((subject) => ({
                  value: subject,
                  label: HISTORY_SUBJECT_LABELS[subject] ?? subject,
                })),
              ]}
              onChange={(event) => setDraft({ ...draft, subjectType: event.target.value })}
            />
            <SelectField
              id="history-actor"
              label="変更した人"
              value={draft.actorUserId ?? ''}
              options={[
                { value: '', label: 'すべて' },
                ...(people.data?.people ?? [])
                  .filter((person) => person.userId !== null)
                  .map((person) => ({
                    value: person.userId!,
                    label: `${person.name}（${person.entryCount}件）`,
                  })),
              ]}
              onChange={(event) => setDraft({ ...draft, actorUserId: event.target.value })}
            />
            <SelectField
              id="history-action"
              label={plan.actionLevel}
              value={draft.actionKey ?? ''}
              options={[
                { value: '', label: 'すべて' },
                ...actions.map((action) => ({ value: action.key, label: formatNumbered(action) })),
              ]}
              onChange={(event) => setDraft({ ...draft, actionKey: event.target.value })}
            />
          </div>
          <div className="editing-row">
            <TextField
              id="history-from"
              type="date"
              label="期間（から）"
              value={draft.from ?? ''}
              onChange={(event) => setDraft({ ...draft, from: event.target.value })}
            />
            <TextField
              id="history-to"
              type="date"
              label="期間（まで）"
              value={draft.to ?? ''}
              onChange={(event) => setDraft({ ...draft, to: event.target.value })}
            />
          </div>
          <div className="form__actions">
            <button type="submit" className="button">
              この条件で表示する
            </button>
            {filtered && (
              <Link
                className="button button--secondary"
                to="/plans/$planId/history"
                params={{ planId: plan.id }}
                search={{}}
                onClick={() => setDraft({})}
              >
                条件をクリア
              </Link>
            )}
          </div>
        </form>
      </section>
      <section className="section" aria-labelledby="history-heading">
        <h2 id="history-heading">{filtered ? '条件に合う変更' : 'すべての変更'}</h2>
        <FormError error={history.error} />
        {history.isPending ? (
          <p role="status">変更履歴を読み込んでいます…</p>
        ) : entries.length === 0 ? (
          <p>該当する変更はありません。</p>
        ) : (
          <>
            <p role="status">
              新しい順に{entries.length}件を表示しています
              {history.hasNextPage ? '（さらに古い変更があります）' : ''}。
            </p>
            <HistoryEntries entries={entries} caption={`${plan.title}の変更履歴`} />
            {history.hasNextPage && (
              <button
                type="button"
                className="button button--secondary"
                disabled={history.isFetchingNextPage}
                onClick={() => void history.fetchNextPage()}
              >
                さらに古い変更を表示する
              </button>
            )}
          </>
        )}
      </section>
    </>
  );
}
