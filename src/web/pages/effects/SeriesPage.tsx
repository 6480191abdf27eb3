import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { formatFiscalYear } from '../../../domain/fiscal-year';
import { formatQuantity, formatSignedChange } from '../../../domain/stated-figures';
import type { EffectOptions, SeriesDetail, SeriesRowView } from '../../../server/effects/effects.schemas';
import { sendJson } from '../../api';
import { useCan } from '../../auth/session';
import { Breadcrumbs } from '../../components/Breadcrumbs';
import { FormError } from '../../components/Form';
import { NoValue } from '../../components/RateValue';
import { ErrorState, Loading } from '../../components/StatusViews';
import { formatPageTitle } from '../../format';
import { useDocumentTitle } from '../../hooks';
import { effectOptionsQuery, effectsKey, municipalityPath, seriesQuery, tableCsvUrl } from './effects.api';
import { KpiSourceSection } from './KpiSourceSection';
import { SeriesChart } from './SeriesChart';
import { SeriesForm, SeriesRowForm } from './SeriesForms';
import { DifferenceMarker, PublishControl, StatedChecks, TableCsvLink, useMunicipalityName } from './shared';

export function SeriesPage({ municipalityId, seriesId }: { municipalityId: string; seriesId: string }) {
  const query = useQuery(seriesQuery(municipalityId, seriesId));
  const options = useQuery(effectOptionsQuery(municipalityId));
  if (query.isError || options.isError) {
    return (
      <ErrorState error={query.error ?? options.error} subject="list" onRetry={() => void query.refetch()} />
    );
  }
  if (!query.data || !options.data) return <Loading label="推移表を読み込んでいます…" />;
  return <SeriesView municipalityId={municipalityId} detail={query.data} options={options.data} />;
}

function SeriesView({
  municipalityId,
  detail,
  options,
}: {
  municipalityId: string;
  detail: SeriesDetail;
  options: EffectOptions;
}) {
  const { series, rows, checks } = detail;
  const municipalityName = useMunicipalityName(municipalityId);
  useDocumentTitle(formatPageTitle(series.title, `${municipalityName} 効果・予算`));
  const canEdit = useCan('effects.edit', { municipalityId, departmentIds: [] });
  const [editingHeader, setEditingHeader] = useState(false);
  const [adding, setAdding] = useState(false);
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const archive = useMutation({
    mutationFn: () =>
      sendJson(
        'POST',
        `${municipalityPath(municipalityId)}/series/${encodeURIComponent(series.id)}/archive`,
        {
          version: series.version,
        },
      ),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: effectsKey(municipalityId) });
      void navigate({ to: '/municipalities/$municipalityId/effects', params: { municipalityId } });
    },
  });
  const columnCount =
    1 + series.columns.reduce((count, column) => count + (column.changeLabel ? 2 : 1), 0) + (canEdit ? 1 : 0);

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
          { key: 'series', content: series.title },
        ]}
      />
      <p className="eyebrow">{municipalityName} 費用・件数の推移</p>
      <h1>{series.title}</h1>
      {series.description && <p className="lead preserve-lines">{series.description}</p>}
      {series.source && <p className="cell-note">出典: {series.source}</p>}
      {series.note && <p className="preserve-lines">{series.note}</p>}
      <div className="toolbar">
        <TableCsvLink
          href={tableCsvUrl({ municipalityId, tableKind: 'series', tableId: series.id })}
          label="この表"
        />
        {canEdit && (
          <button
            type="button"
            className="button button--secondary button--small"
            aria-expanded={editingHeader}
            onClick={() => setEditingHeader(!editingHeader)}
          >
            表題・列を編集
          </button>
        )}
        {canEdit && (
          <button
            type="button"
            className="button button--danger button--small"
            disabled={archive.isPending}
            onClick={() => {
              if (window.confirm(`「${series.title}」を削除します。よろしいですか？（変更履歴は残ります）`))
                archive.mutate();
            }}
          >
            この表を削除
          </button>
        )}
      </div>
      <FormError error={archive.error} />
      {editingHeader && (
        <SeriesForm municipalityId={municipalityId} series={series} onDone={() => setEditingHeader(false)} />
      )}
      <PublishControl
        municipalityId={municipalityId}
        tableKind="series"
        tableId={series.id}
        title={series.title}
        published={series.published}
        version={series.version}
      />
      <StatedChecks checks={checks} headingId="series-stated" />

      <section className="section" aria-labelledby="series-table-heading">
        <h2 id="series-table-heading">年度ごとの値</h2>
        <p className="cell-note">
          前年増減は前年度の値との差です（減少は △ で表示）。合計の列は各列の値から計算しています。
        </p>
        <div className="table-scroll">
          <table className="data-table series-table" data-testid="series-table">
            <caption className="visually-hidden">{series.title}</caption>
            <thead>
              <tr>
                <th scope="col">年度</th>
                {series.columns.flatMap((column) => [
                  <th scope="col" className="numeric" key={column.key}>
                    {column.label}
                    <span className="cell-note">（{column.unit}）</span>
                  </th>,
                  ...(column.changeLabel
                    ? [
                        <th scope="col" className="numeric" key={`${column.key}-change`}>
                          {column.changeLabel}
                          <span className="cell-note">（{column.unit}）</span>
                        </th>,
                      ]
                    : []),
                ])}
                {canEdit && <th scope="col">操作</th>}
              </tr>
            </thead>
            <tbody>
              {rows.length === 0 && (
                <tr>
                  <td colSpan={columnCount}>年度の行はまだありません。</td>
                </tr>
              )}
              {rows.map((row) => (
                <SeriesRowLine
                  key={row.id}
                  municipalityId={municipalityId}
                  detail={detail}
                  row={row}
                  canEdit={canEdit}
                  columnCount={columnCount}
                />
              ))}
            </tbody>
          </table>
        </div>
        {canEdit &&
          (adding ? (
            <SeriesRowForm municipalityId={municipalityId} series={series} onDone={() => setAdding(false)} />
          ) : (
            <button type="button" className="button button--secondary" onClick={() => setAdding(true)}>
              年度の行を追加
            </button>
          ))}
      </section>

      <SeriesChart columns={series.columns} rows={rows} />

      <KpiSourceSection
        municipalityId={municipalityId}
        source={{ kind: 'series_column', id: series.id, columns: series.columns }}
        kpiLinks={detail.kpiLinks}
        options={options}
      />
    </>
  );
}

function SeriesRowLine({
  municipalityId,
  detail,
  row,
  canEdit,
  columnCount,
}: {
  municipalityId: string;
  detail: SeriesDetail;
  row: SeriesRowView;
  canEdit: boolean;
  columnCount: number;
}) {
  const { series } = detail;
  const [editing, setEditing] = useState(false);
  const queryClient = useQueryClient();
  const archive = useMutation({
    mutationFn: () =>
      sendJson<SeriesDetail>(
        'POST',
        `${municipalityPath(municipalityId)}/series/${encodeURIComponent(series.id)}/rows/${encodeURIComponent(row.id)}/archive`,
        { version: row.version },
      ),
    onSuccess: (next) => {
      queryClient.setQueryData([...effectsKey(municipalityId), 'series', series.id], next);
      void queryClient.invalidateQueries({ queryKey: effectsKey(municipalityId) });
      void queryClient.invalidateQueries({ queryKey: ['plans'] });
    },
  });
  const year = formatFiscalYear(row.fy);
  return (
    <>
      <tr data-testid={`series-row-${row.fy}`}>
        <th scope="row">
          {year}
          {row.checks.some((check) => check.differs) && <DifferenceMarker label={`${year}の行`} />}
        </th>
        {series.columns.flatMap((column) => {
          const value = row.values[column.key];
          const change = row.changes[column.key];
          return [
            <td className="numeric" key={column.key}>
              {value === null || value === undefined ? <NoValue /> : formatQuantity(value)}
            </td>,
            ...(column.changeLabel
              ? [
                  <td className="numeric" key={`${column.key}-change`}>
                    {change === null || change === undefined ? <NoValue /> : formatSignedChange(change)}
                  </td>,
                ]
              : []),
          ];
        })}
        {canEdit && (
          <td>
            <div className="inline-actions">
              <button
                type="button"
                className="button button--small button--secondary"
                aria-expanded={editing}
                onClick={() => setEditing(!editing)}
              >
                編集<span className="visually-hidden">（{year}）</span>
              </button>
              <button
                type="button"
                className="button button--small button--danger"
                disabled={archive.isPending}
                onClick={() => {
                  if (window.confirm(`${year}の行を削除します。よろしいですか？（変更履歴は残ります）`))
                    archive.mutate();
                }}
              >
                削除<span className="visually-hidden">（{year}）</span>
              </button>
            </div>
            <FormError error={archive.error} />
          </td>
        )}
      </tr>
      {editing && (
        <tr>
          <td colSpan={columnCount}>
            <SeriesRowForm
              municipalityId={municipalityId}
              series={series}
              row={row}
              onDone={() => setEditing(false)}
            />
          </td>
        </tr>
      )}
    </>
  );
}
