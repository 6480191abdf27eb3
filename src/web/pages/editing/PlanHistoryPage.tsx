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
import { useAreaMessages } from '../../i18n/i18n';
import { PlanText } from '../../i18n/PlanText';
import { historyPeopleQuery } from './editing.api';
import { ENGLISH_SUBJECT_LABELS, editingMessages, translateDomainLabel } from './editing.messages';
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
  const { t } = useAreaMessages(editingMessages);
  const plan = useQuery(planQuery(planId));
  if (plan.isError)
    return <ErrorState error={plan.error} subject="plan" onRetry={() => void plan.refetch()} />;
  if (!plan.data) return <Loading label={t('history.loading')} />;
  return <PlanHistoryView detail={plan.data} search={search} />;
}

function listPlanActions(detail: PlanDetailResponse) {
  const collect = (nodes: PlanTreeNode[]): PlanTreeNode['actions'] =>
    nodes.flatMap((node) => [...node.actions, ...collect(node.children)]);
  return [...collect(detail.nodes), ...detail.actions];
}

function PlanHistoryView({ detail, search }: { detail: PlanDetailResponse; search: HistorySearch }) {
  const { plan } = detail;
  const { t, locale } = useAreaMessages(editingMessages);
  useDocumentTitle(formatPageTitle(t('common.history'), plan.title));
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
          { key: 'home', content: <Link to="/">{t('common.plans')}</Link> },
          {
            key: 'plan',
            content: (
              <Link to="/plans/$planId" params={{ planId: plan.id }}>
                <PlanText>{plan.title}</PlanText>
              </Link>
            ),
          },
          { key: 'history', content: t('common.history') },
        ]}
      />
      <h1>
        <span className="heading-prefix">
          <PlanText>{plan.title}</PlanText>
        </span>
        {t('common.history')}
      </h1>
      <p className="lead">{t('history.lead')}</p>
      <section className="section" aria-labelledby="history-filter-heading">
        <h2 id="history-filter-heading">{t('history.filter')}</h2>
        <form className="form history-filter" onSubmit={apply}>
          <div className="editing-row">
            <SelectField
              id="history-subject"
              label={t('history.kind')}
              value={draft.subjectType ?? ''}
              options={[
                { value: '', label: t('common.all') },
                ...PLAN_SUBJECTS.map((subject) => ({
                  value: subject,
                  label: translateDomainLabel({
                    japanese: HISTORY_SUBJECT_LABELS,
                    english: ENGLISH_SUBJECT_LABELS,
                    key: subject,
                    locale,
                  }),
                })),
              ]}
              onChange={(event) => setDraft({ ...draft, subjectType: event.target.value })}
            />
            <SelectField
              id="history-actor"
              label={t('history.actor')}
              value={draft.actorUserId ?? ''}
              options={[
                { value: '', label: t('common.all') },
                ...(people.data?.people ?? [])
                  .filter((person) => person.userId !== null)
                  .map((person) => ({
                    value: person.userId!,
                    label: t('history.actorOption', { name: person.name, count: person.entryCount }),
                  })),
              ]}
              onChange={(event) => setDraft({ ...draft, actorUserId: event.target.value })}
            />
            <SelectField
              id="history-action"
              label={plan.actionLevel}
              value={draft.actionKey ?? ''}
              options={[
                { value: '', label: t('common.all') },
                ...actions.map((action) => ({ value: action.key, label: formatNumbered(action) })),
              ]}
              onChange={(event) => setDraft({ ...draft, actionKey: event.target.value })}
            />
          </div>
          <div className="editing-row">
            <TextField
              id="history-from"
              type="date"
              label={t('history.from')}
              value={draft.from ?? ''}
              onChange={(event) => setDraft({ ...draft, from: event.target.value })}
            />
            <TextField
              id="history-to"
              type="date"
              label={t('history.to')}
              value={draft.to ?? ''}
              onChange={(event) => setDraft({ ...draft, to: event.target.value })}
            />
          </div>
          <div className="form__actions">
            <button type="submit" className="button">
              {t('history.apply')}
            </button>
            {filtered && (
              <Link
                className="button button--secondary"
                to="/plans/$planId/history"
                params={{ planId: plan.id }}
                search={{}}
                onClick={() => setDraft({})}
              >
                {t('history.clear')}
              </Link>
            )}
          </div>
        </form>
      </section>
      <section className="section" aria-labelledby="history-heading">
        <h2 id="history-heading">{filtered ? t('history.matching') : t('history.all')}</h2>
        <FormError error={history.error} />
        {history.isPending ? (
          <p role="status">{t('history.loading')}</p>
        ) : entries.length === 0 ? (
          <p>{t('history.none')}</p>
        ) : (
          <>
            <p role="status">
              {t(history.hasNextPage ? 'history.countMore' : 'history.count', { count: entries.length })}
            </p>
            <HistoryEntries entries={entries} caption={t('history.caption', { plan: plan.title })} />
            {history.hasNextPage && (
              <button
                type="button"
                className="button button--secondary"
                disabled={history.isFetchingNextPage}
                onClick={() => void history.fetchNextPage()}
              >
                {t('history.older')}
              </button>
            )}
          </>
        )}
      </section>
    </>
  );
}
