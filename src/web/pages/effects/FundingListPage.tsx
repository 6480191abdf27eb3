import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import type { AmountUnit } from '../../../domain/effects';
import { formatFiscalYearIn, type Locale } from '../../../domain/locale';
import type {
  EffectOptions,
  FundingItemView,
  FundingListDetail,
} from '../../../server/effects/effects.schemas';
import { sendJson } from '../../api';
import { useCan } from '../../auth/session';
import { Breadcrumbs } from '../../components/Breadcrumbs';
import { FormError } from '../../components/Form';
import { NoValue } from '../../components/RateValue';
import { ErrorState, Loading } from '../../components/StatusViews';
import { formatPageTitle } from '../../format';
import { useDocumentTitle } from '../../hooks';
import { PlanText } from '../../i18n/PlanText';
import {
  effectOptionsQuery,
  effectsKey,
  fundingListQuery,
  municipalityPath,
  tableCsvUrl,
} from './effects.api';
import { AmountUnitChoice, FundingItemForm, FundingListForm, useAmountUnit } from './FundingForms';
import {
  amountUnitLabel,
  DifferenceMarker,
  formatAmountIn,
  HiddenSubject,
  LinkedActions,
  PageName,
  PublishControl,
  StatedChecks,
  TableCsvLink,
  useEffectsText,
  useMunicipalityName,
} from './shared';

export function FundingListPage({ municipalityId, listId }: { municipalityId: string; listId: string }) {
  const { t } = useEffectsText();
  const query = useQuery(fundingListQuery(municipalityId, listId));
  const options = useQuery(effectOptionsQuery(municipalityId));
  if (query.isError || options.isError) {
    return (
      <ErrorState error={query.error ?? options.error} subject="list" onRetry={() => void query.refetch()} />
    );
  }
  if (!query.data || !options.data) return <Loading label={t('funding.loading')} />;
  return <FundingListView municipalityId={municipalityId} detail={query.data} options={options.data} />;
}

function amountOrNone({ yen, unit, locale }: { yen: number | null; unit: AmountUnit; locale: Locale }) {
  return yen === null ? <NoValue /> : formatAmountIn({ yen, unit, locale });
}

function FundingListView({
  municipalityId,
  detail,
  options,
}: {
  municipalityId: string;
  detail: FundingListDetail;
  options: EffectOptions;
}) {
  const { list, items, totals } = detail;
  const text = useEffectsText();
  const { t, locale } = text;
  const municipalityName = useMunicipalityName(municipalityId);
  const pageName = t('common.pageName', { name: municipalityName });
  useDocumentTitle(formatPageTitle(list.title, pageName));
  const canEdit = useCan('effects.edit', { municipalityId, departmentIds: [] });
  const [unit, setUnit] = useAmountUnit();
  const [editingHeader, setEditingHeader] = useState(false);
  const [adding, setAdding] = useState(false);
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const archive = useMutation({
    mutationFn: () =>
      sendJson(
        'POST',
        `${municipalityPath(municipalityId)}/funding-lists/${encodeURIComponent(list.id)}/archive`,
        {
          version: list.version,
        },
      ),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: effectsKey(municipalityId) });
      void navigate({ to: '/municipalities/$municipalityId/effects', params: { municipalityId } });
    },
  });
  const isGrant = list.kind === 'grant';
  const columnCount = (isGrant ? 8 : 5) + (canEdit ? 1 : 0);
  const differs = (unitOf: string) =>
    totals.checks.some((check) => check.differs && check.label.includes(unitOf));
  const unitName = amountUnitLabel({ unit, text });
  const amount = (yen: number) => formatAmountIn({ yen, unit, locale });

  return (
    <>
      <Breadcrumbs
        items={[
          { key: 'home', content: <Link to="/">{t('common.plans')}</Link> },
          {
            key: 'effects',
            content: (
              <Link to="/municipalities/$municipalityId/effects" params={{ municipalityId }}>
                <PageName name={municipalityName} />
              </Link>
            ),
          },
          { key: 'list', content: <PlanText>{list.title}</PlanText> },
        ]}
      />
      <p className="eyebrow">
        <PlanText>{municipalityName}</PlanText> {t(`funding.kind.${list.kind}`)}{' '}
        {formatFiscalYearIn({ fy: list.fy, locale })}
      </p>
      <h1>
        <PlanText>{list.title}</PlanText>
      </h1>
      <dl className="meta-list">
        <div>
          <dt>{t('common.fy')}</dt>
          <dd>{formatFiscalYearIn({ fy: list.fy, locale })}</dd>
        </div>
        {list.program && (
          <div>
            <dt>{isGrant ? t('funding.program.grant') : t('funding.program.budget')}</dt>
            <dd>
              <PlanText>{list.program}</PlanText>
            </dd>
          </div>
        )}
      </dl>
      {list.source && (
        <p className="cell-note">
          {t('common.sourcePrefix')}
          <PlanText>{list.source}</PlanText>
        </p>
      )}
      {list.note && (
        <p className="preserve-lines">
          <PlanText>{list.note}</PlanText>
        </p>
      )}
      <AmountUnitChoice unit={unit} onChange={setUnit} />
      <div className="toolbar">
        <TableCsvLink
          href={tableCsvUrl({ municipalityId, tableKind: 'funding', tableId: list.id, unit })}
          label={t('common.csvInUnit', { unit: unitName })}
        />
        {canEdit && (
          <button
            type="button"
            className="button button--secondary button--small"
            aria-expanded={editingHeader}
            onClick={() => setEditingHeader(!editingHeader)}
          >
            {t('bpr.editHeader')}
          </button>
        )}
        {canEdit && (
          <button
            type="button"
            className="button button--danger button--small"
            disabled={archive.isPending}
            onClick={() => {
              if (window.confirm(t('common.confirmDelete', { name: list.title }))) archive.mutate();
            }}
          >
            {t('common.deleteTable')}
          </button>
        )}
      </div>
      <FormError error={archive.error} />
      {editingHeader && (
        <FundingListForm
          municipalityId={municipalityId}
          list={list}
          unit={unit}
          onDone={() => setEditingHeader(false)}
        />
      )}
      <PublishControl
        municipalityId={municipalityId}
        tableKind="funding"
        tableId={list.id}
        title={list.title}
        published={list.published}
        version={list.version}
      />
      <StatedChecks checks={totals.checks} headingId="funding-stated" />

      <section className="section" aria-labelledby="funding-items-heading">
        <h2 id="funding-items-heading">{t('funding.itemsHeading')}</h2>
        <div className="table-scroll">
          <table className="data-table funding-table" data-testid="funding-items">
            <caption className="visually-hidden">
              {t('funding.itemsCaption', { title: list.title, unit: unitName })}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t('funding.number')}</th>
                <th scope="col">{t('funding.name')}</th>
                {isGrant && <th scope="col">{t('funding.type')}</th>}
                {isGrant && <th scope="col">{t('funding.subsidyRate')}</th>}
                {isGrant && (
                  <th scope="col" className="numeric">
                    {t('funding.projectCost')}
                  </th>
                )}
                {isGrant && (
                  <th scope="col" className="numeric">
                    {t('funding.grantAmount')}
                  </th>
                )}
                {!isGrant && (
                  <th scope="col" className="numeric">
                    {t('funding.budgetOfYear', { fy: formatFiscalYearIn({ fy: list.fy, locale }) })}
                  </th>
                )}
                <th scope="col">{t('funding.summary')}</th>
                <th scope="col">{t('common.linkedActions')}</th>
                {canEdit && <th scope="col">{t('common.manage')}</th>}
              </tr>
            </thead>
            <tbody>
              {items.length === 0 && (
                <tr>
                  <td colSpan={columnCount}>{t('funding.empty')}</td>
                </tr>
              )}
              {items.map((item) => (
                <FundingItemRow
                  key={item.id}
                  municipalityId={municipalityId}
                  detail={detail}
                  item={item}
                  unit={unit}
                  options={options}
                  canEdit={canEdit}
                  columnCount={columnCount}
                />
              ))}
            </tbody>
            <tfoot>
              <tr>
                <td />
                <th scope="row" colSpan={isGrant ? 3 : 1}>
                  {t('funding.totalRow', { count: totals.itemCount })}
                </th>
                {isGrant && (
                  <td className="numeric" data-testid="funding-total-cost">
                    {amount(totals.projectCost)}
                    {differs('事業費') && <DifferenceMarker label={t('funding.totalProjectCost')} />}
                  </td>
                )}
                {isGrant && (
                  <td className="numeric" data-testid="funding-total-grant">
                    {amount(totals.grantAmount)}
                    {differs('採択額') && <DifferenceMarker label={t('funding.totalGrantAmount')} />}
                  </td>
                )}
                {!isGrant && (
                  <td className="numeric" data-testid="funding-total-budget">
                    {amount(totals.budgetAmount)}
                    {differs('予算額') && <DifferenceMarker label={t('funding.totalBudgetAmount')} />}
                  </td>
                )}
                <td colSpan={canEdit ? 3 : 2} />
              </tr>
            </tfoot>
          </table>
        </div>
        {canEdit &&
          (adding ? (
            <FundingItemForm
              municipalityId={municipalityId}
              list={list}
              unit={unit}
              options={options}
              onDone={() => setAdding(false)}
            />
          ) : (
            <button type="button" className="button button--secondary" onClick={() => setAdding(true)}>
              {t('funding.add')}
            </button>
          ))}
      </section>
    </>
  );
}

function FundingItemRow({
  municipalityId,
  detail,
  item,
  unit,
  options,
  canEdit,
  columnCount,
}: {
  municipalityId: string;
  detail: FundingListDetail;
  item: FundingItemView;
  unit: AmountUnit;
  options: EffectOptions;
  canEdit: boolean;
  columnCount: number;
}) {
  const { list } = detail;
  const isGrant = list.kind === 'grant';
  const { t, locale } = useEffectsText();
  const [editing, setEditing] = useState(false);
  const queryClient = useQueryClient();
  const archive = useMutation({
    mutationFn: () =>
      sendJson<FundingListDetail>(
        'POST',
        `${municipalityPath(municipalityId)}/funding-lists/${encodeURIComponent(list.id)}/items/${encodeURIComponent(item.id)}/archive`,
        { version: item.version },
      ),
    onSuccess: (next) => {
      queryClient.setQueryData([...effectsKey(municipalityId), 'funding', list.id], next);
      void queryClient.invalidateQueries({ queryKey: effectsKey(municipalityId) });
    },
  });
  return (
    <>
      <tr>
        <td>{item.number}</td>
        <th scope="row">
          <PlanText>{item.name}</PlanText>
          {item.note && (
            <span className="cell-note">
              <PlanText>{item.note}</PlanText>
            </span>
          )}
        </th>
        {isGrant && <td>{item.type === null ? <NoValue /> : <PlanText>{item.type}</PlanText>}</td>}
        {isGrant && (
          <td>
            {item.subsidyRate ? `${item.subsidyRate.numerator}/${item.subsidyRate.denominator}` : <NoValue />}
            {item.grantShare !== null && (
              <span className="cell-note">
                {t('funding.grantShare', { rate: item.grantShare.toFixed(1) })}
              </span>
            )}
          </td>
        )}
        {isGrant && <td className="numeric">{amountOrNone({ yen: item.projectCost, unit, locale })}</td>}
        {isGrant && <td className="numeric">{amountOrNone({ yen: item.grantAmount, unit, locale })}</td>}
        {!isGrant && <td className="numeric">{amountOrNone({ yen: item.budgetAmount, unit, locale })}</td>}
        <td className="preserve-lines">
          {item.summary === null ? <NoValue /> : <PlanText>{item.summary}</PlanText>}
        </td>
        <td>
          <LinkedActions actions={item.actions} />
        </td>
        {canEdit && (
          <td>
            <div className="inline-actions">
              <button
                type="button"
                className="button button--small button--secondary"
                aria-expanded={editing}
                onClick={() => setEditing(!editing)}
              >
                {t('common.edit')}
                <HiddenSubject name={item.name} />
              </button>
              <button
                type="button"
                className="button button--small button--danger"
                disabled={archive.isPending}
                onClick={() => {
                  if (window.confirm(t('common.confirmDelete', { name: item.name }))) archive.mutate();
                }}
              >
                {t('common.delete')}
                <HiddenSubject name={item.name} />
              </button>
            </div>
            <FormError error={archive.error} />
          </td>
        )}
      </tr>
      {editing && (
        <tr>
          <td colSpan={columnCount}>
            <FundingItemForm
              municipalityId={municipalityId}
              list={list}
              item={item}
              unit={unit}
              options={options}
              onDone={() => setEditing(false)}
            />
          </td>
        </tr>
      )}
    </>
  );
}
