import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { type ReactNode, useState } from 'react';
import type { PlanSettingsRecord } from '../../../server/editing/editing.schemas';
import type { ArchivedItem, RestoreResponse } from '../../../server/editing/restore.schemas';
import { sendJson } from '../../api';
import { Breadcrumbs } from '../../components/Breadcrumbs';
import { FormError } from '../../components/Form';
import { ErrorState, Loading } from '../../components/StatusViews';
import { formatDateTime, formatNumbered, formatPageTitle, NO_VALUE } from '../../format';
import { useDocumentTitle } from '../../hooks';
import { fillNodes } from '../../i18n/fill-nodes';
import { useAreaMessages } from '../../i18n/i18n';
import { PlanText } from '../../i18n/PlanText';
import { actionUrl, archivedItemsQuery, outlineQuery, planUrl } from './editing.api';
import { type EditingTranslate, editingMessages } from './editing.messages';

/** What the last restore brought back, announced above the table (the row itself leaves the table). */
interface Restored {
  name: string;
  actionKey: string | null;
}

/** The plan's archived nodes, actions, tasks, KPIs and actuals, each with a way back into the plan. */
export function ArchivedItemsPage({ planId }: { planId: string }) {
  const { t } = useAreaMessages(editingMessages);
  const outline = useQuery(outlineQuery(planId));
  const archived = useQuery(archivedItemsQuery(planId));
  const failed = outline.error ?? archived.error;
  if (failed) {
    return (
      <ErrorState
        error={failed}
        subject="plan"
        onRetry={() => {
          void outline.refetch();
          void archived.refetch();
        }}
      />
    );
  }
  if (!outline.data || !archived.data) return <Loading label={t('archived.loading')} />;
  return <ArchivedItemsView plan={outline.data.plan} items={archived.data.items} />;
}

function ArchivedItemsView({ plan, items }: { plan: PlanSettingsRecord; items: ArchivedItem[] }) {
  const { t } = useAreaMessages(editingMessages);
  useDocumentTitle(formatPageTitle(t('archived.title'), plan.title));
  const [restored, setRestored] = useState<Restored | null>(null);
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
          {
            key: 'edit',
            content: (
              <Link to="/plans/$planId/edit" params={{ planId: plan.id }}>
                {t('planEdit.crumb')}
              </Link>
            ),
          },
          { key: 'archived', content: t('archived.title') },
        ]}
      />
      <h1>
        <span className="heading-prefix">{t('archived.title')}</span>
        <PlanText>{plan.title}</PlanText>
      </h1>
      <p className="lead">
        {fillNodes(t('archived.lead'), { action: <PlanText>{plan.actionLevel}</PlanText> })}
      </p>
      <div role="status">
        {restored && (
          <p className="notice notice--success">
            {fillNodes(t('archived.restored'), { name: <PlanText>{restored.name}</PlanText> })}{' '}
            {restored.actionKey && (
              <Link
                to="/plans/$planId/actions/$actionKey/edit"
                params={{ planId: plan.id, actionKey: restored.actionKey }}
              >
                {fillNodes(t('archived.openAction'), { action: <PlanText>{plan.actionLevel}</PlanText> })}
              </Link>
            )}
          </p>
        )}
      </div>
      {items.length === 0 ? (
        <p className="notice">{t('archived.none')}</p>
      ) : (
        <div className="table-scroll">
          <table className="data-table archived-table">
            <caption>{fillNodes(t('archived.caption'), { plan: <PlanText>{plan.title}</PlanText> })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('archived.kind')}</th>
                <th scope="col">{t('archived.name')}</th>
                <th scope="col">{t('archived.parent')}</th>
                <th scope="col">{t('archived.at')}</th>
                <th scope="col">{t('archived.by')}</th>
                <th scope="col">{t('common.operation')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((item) => (
                <ArchivedItemRow
                  key={`${item.kind}:${item.id}`}
                  plan={plan}
                  item={item}
                  onRestored={setRestored}
                />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

function describeKind(item: ArchivedItem, plan: PlanSettingsRecord, t: EditingTranslate): ReactNode {
  if (item.kind === 'action') return <PlanText>{plan.actionLevel}</PlanText>;
  return t(`archived.kind.${item.kind}`);
}

/** The restore route of each kind, as its archive route. */
function restorePath(plan: PlanSettingsRecord, item: ArchivedItem): string {
  const id = encodeURIComponent(item.id);
  switch (item.kind) {
    case 'node':
      return `${planUrl(plan.id)}/nodes/${id}/restore`;
    case 'action':
      return `${actionUrl(plan.id, item.key ?? '')}/restore`;
    case 'task':
      return `${planUrl(plan.id)}/tasks/${id}/restore`;
    case 'kpi':
      return `${planUrl(plan.id)}/kpis/${id}/restore`;
    case 'kpi_actual':
      return `${planUrl(plan.id)}/actuals/${id}/restore`;
  }
}

function ArchivedItemRow({
  plan,
  item,
  onRestored,
}: {
  plan: PlanSettingsRecord;
  item: ArchivedItem;
  onRestored: (restored: Restored) => void;
}) {
  const { t, locale } = useAreaMessages(editingMessages);
  const queryClient = useQueryClient();
  const name = formatNumbered({ number: item.number, title: item.title });
  const restore = useMutation({
    mutationFn: () => sendJson<RestoreResponse>('POST', restorePath(plan, item), { version: item.version }),
    onSuccess: () => {
      onRestored({ name, actionKey: item.actionKey });
      // Every page of the plan shows the record again: its outline, its evaluation, this list.
      void queryClient.invalidateQueries({ queryKey: ['plans', plan.id] });
    },
  });
  return (
    <tr data-testid="archived-item">
      <td>{describeKind(item, plan, t)}</td>
      <th scope="row" className="preserve-lines">
        <PlanText>{name}</PlanText>
      </th>
      <td>
        {item.parent === null ? (
          <span className="muted">{NO_VALUE}</span>
        ) : (
          <>
            <PlanText>{item.parent}</PlanText>
            {item.parentArchived && t('archived.parentArchived')}
          </>
        )}
      </td>
      <td>
        <time dateTime={item.archivedAt}>{formatDateTime({ iso: item.archivedAt, locale })}</time>
      </td>
      <td>{item.archivedBy === null ? NO_VALUE : <PlanText>{item.archivedBy}</PlanText>}</td>
      <td>
        <button
          type="button"
          className="button button--small button--secondary"
          disabled={restore.isPending}
          onClick={() => restore.mutate()}
        >
          {t('archived.restore')}
          <span className="visually-hidden">{t('common.which', { name })}</span>
        </button>
        <FormError error={restore.error} />
      </td>
    </tr>
  );
}
