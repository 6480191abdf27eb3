import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { type AmountUnit, formatAmount, fundingKindLabels } from '../../../domain/effects';
import { formatFiscalYear } from '../../../domain/fiscal-year';
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
import {
  effectOptionsQuery,
  effectsKey,
  fundingListQuery,
  municipalityPath,
  tableCsvUrl,
} from './effects.api';
import { AmountUnitChoice, FundingItemForm, FundingListForm, useAmountUnit } from './FundingForms';
import {
  DifferenceMarker,
  LinkedActions,
  PublishControl,
  StatedChecks,
  TableCsvLink,
  useMunicipalityName,
} from './shared';

export function FundingListPage({ municipalityId, listId }: { municipalityId: string; listId: string }) {
  const query = useQuery(fundingListQuery(municipalityId, listId));
  const options = useQuery(effectOptionsQuery(municipalityId));
  if (query.isError || options.isError) {
    return (
      <ErrorState error={query.error ?? options.error} subject="list" onRetry={() => void query.refetch()} />
    );
  }
  if (!query.data || !options.data) return <Loading label="交付金・予算の一覧を読み込んでいます…" />;
  return <FundingListView municipalityId={municipalityId} detail={query.data} options={options.data} />;
}

function amountOrNone(value: number | null, unit: AmountUnit) {
  return value === null ? <NoValue /> : formatAmount(value, unit);
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
  const municipalityName = useMunicipalityName(municipalityId);
  useDocumentTitle(formatPageTitle(list.title, `${municipalityName} 効果・予算`));
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

  return (
    <>
      <Breadcrumbs
        items={[
          { key: 'home', content: <Link to="/">計画一覧</Link> },
          {
            key: 'effects',
            content: (
              <Link to="/municipalities/$municipalityId/effects" params={{ municipalityId }}>
                {municipalityName} 効果・予算
              </Link>
            ),
          },
          { key: 'list', content: list.title },
        ]}
      />
      <p className="eyebrow">
        {municipalityName} {fundingKindLabels[list.kind]} {formatFiscalYear(list.fy)}
      </p>
      <h1>{list.title}</h1>
      <dl className="meta-list">
        <div>
          <dt>年度</dt>
          <dd>{formatFiscalYear(list.fy)}</dd>
        </div>
        {list.program && (
          <div>
            <dt>{isGrant ? '交付金・補助金' : '予算の区分'}</dt>
            <dd>{list.program}</dd>
          </div>
        )}
      </dl>
      {list.source && <p className="cell-note">出典: {list.source}</p>}
      {list.note && <p className="preserve-lines">{list.note}</p>}
      <AmountUnitChoice unit={unit} onChange={setUnit} />
      <div className="toolbar">
        <TableCsvLink
          href={tableCsvUrl({ municipalityId, tableKind: 'funding', tableId: list.id, unit })}
          label={`この表（${unit === 'thousand' ? '千円' : '円'}）`}
        />
        {canEdit && (
          <button
            type="button"
            className="button button--secondary button--small"
            aria-expanded={editingHeader}
            onClick={() => setEditingHeader(!editingHeader)}
          >
            表題・資料記載の合計を編集
          </button>
        )}
        {canEdit && (
          <button
            type="button"
            className="button button--danger button--small"
            disabled={archive.isPending}
            onClick={() => {
              if (window.confirm(`「${list.title}」を削除します。よろしいですか？（変更履歴は残ります）`))
                archive.mutate();
            }}
          >
            この表を削除
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
        <h2 id="funding-items-heading">事業</h2>
        <div className="table-scroll">
          <table className="data-table funding-table" data-testid="funding-items">
            <caption className="visually-hidden">
              {list.title}の事業（金額の単位: {unit === 'thousand' ? '千円' : '円'}）
            </caption>
            <thead>
              <tr>
                <th scope="col">No.</th>
                <th scope="col">事業名</th>
                {isGrant && <th scope="col">事業タイプ</th>}
                {isGrant && <th scope="col">補助率</th>}
                {isGrant && (
                  <th scope="col" className="numeric">
                    事業費
                  </th>
                )}
                {isGrant && (
                  <th scope="col" className="numeric">
                    採択額
                  </th>
                )}
                {!isGrant && (
                  <th scope="col" className="numeric">
                    {formatFiscalYear(list.fy)}予算
                  </th>
                )}
                <th scope="col">事業概要</th>
                <th scope="col">連携アクション</th>
                {canEdit && <th scope="col">操作</th>}
              </tr>
            </thead>
            <tbody>
              {items.length === 0 && (
                <tr>
                  <td colSpan={columnCount}>事業はまだ登録されていません。</td>
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
                  合計（{totals.itemCount}事業）
                </th>
                {isGrant && (
                  <td className="numeric" data-testid="funding-total-cost">
                    {formatAmount(totals.projectCost, unit)}
                    {differs('事業費') && <DifferenceMarker label="事業費の合計" />}
                  </td>
                )}
                {isGrant && (
                  <td className="numeric" data-testid="funding-total-grant">
                    {formatAmount(totals.grantAmount, unit)}
                    {differs('採択額') && <DifferenceMarker label="採択額の合計" />}
                  </td>
                )}
                {!isGrant && (
                  <td className="numeric" data-testid="funding-total-budget">
                    {formatAmount(totals.budgetAmount, unit)}
                    {differs('予算額') && <DifferenceMarker label="予算額の合計" />}
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
              事業を追加
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
          {item.name}
          {item.note && <span className="cell-note">{item.note}</span>}
        </th>
        {isGrant && <td>{item.type ?? <NoValue />}</td>}
        {isGrant && (
          <td>
            {item.subsidyRate ? `${item.subsidyRate.numerator}/${item.subsidyRate.denominator}` : <NoValue />}
            {item.grantShare !== null && (
              <span className="cell-note">実際の割合 {item.grantShare.toFixed(1)}%</span>
            )}
          </td>
        )}
        {isGrant && <td className="numeric">{amountOrNone(item.projectCost, unit)}</td>}
        {isGrant && <td className="numeric">{amountOrNone(item.grantAmount, unit)}</td>}
        {!isGrant && <td className="numeric">{amountOrNone(item.budgetAmount, unit)}</td>}
        <td className="preserve-lines">{item.summary ?? <NoValue />}</td>
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
                編集<span className="visually-hidden">（{item.name}）</span>
              </button>
              <button
                type="button"
                className="button button--small button--danger"
                disabled={archive.isPending}
                onClick={() => {
                  if (window.confirm(`「${item.name}」を削除します。よろしいですか？（変更履歴は残ります）`))
                    archive.mutate();
                }}
              >
                削除<span className="visually-hidden">（{item.name}）</span>
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
