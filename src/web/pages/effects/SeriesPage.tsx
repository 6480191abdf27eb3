import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import type { SeriesColumn } from '../../../domain/effects';
import { formatFiscalYear } from '../../../domain/fiscal-year';
import { formatFiscalYearIn } from '../../../domain/locale';
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
import { fillNodes } from '../../i18n/fill-nodes';
import { PlanText } from '../../i18n/PlanText';
import { effectOptionsQuery, effectsKey, municipalityPath, seriesQuery, tableCsvUrl } from './effects.api';
import { KpiSourceSection } from './KpiSourceSection';
import { SeriesChart } from './SeriesChart';
import { SeriesForm, SeriesRowForm } from './SeriesForms';
import {
  DifferenceMarker,
  type EffectsText,
  HiddenSubject,
  PageName,
  PublishControl,
  StatedChecks,
  TableCsvLink,
  UnitName,
  useEffectsText,
  useMunicipalityName,
} from './shared';

export function SeriesPage({ municipalityId, seriesId }: { municipalityId: string; seriesId: string }) {
  const { t } = useEffectsText();
  const query = useQuery(seriesQuery(municipalityId, seriesId));
  const options = useQuery(effectOptionsQuery(municipalityId));
  if (query.isError || options.isError) {
    return (
      <ErrorState error={query.error ?? options.error} subject="list" onRetry={() => void query.refetch()} />
    );
  }
  if (!query.data || !options.data) return <Loading label={t('series.loading')} />;
  return <SeriesView municipalityId={municipalityId} detail={query.data} options={options.data} />;
}

/**
 * The English names of a series' checks: the domain names them in Japanese from the table's own column
 * names (令和4年度の印刷枚数計), so the page, which knows the columns, says them the English way.
 */
function translateSeriesCheckLabels({
  columns,
  rows,
  text,
}: {
  columns: readonly SeriesColumn[];
  rows: readonly SeriesRowView[];
  text: EffectsText;
}): Map<string, string> {
  const labels = new Map<string, string>();
  if (text.locale === 'ja') return labels;
  for (const row of rows) {
    const era = formatFiscalYear(row.fy);
    const fy = formatFiscalYearIn({ fy: row.fy, locale: text.locale });
    for (const column of columns) {
      labels.set(`${era}の${column.label}`, text.t('stated.seriesValue', { fy, column: column.label }));
      if (!column.changeLabel) continue;
      labels.set(
        `${era}の${column.changeLabel}（${column.label}）`,
        text.t('stated.seriesChange', { fy, change: column.changeLabel, column: column.label }),
      );
    }
  }
  return labels;
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
  const text = useEffectsText();
  const { t } = text;
  const municipalityName = useMunicipalityName(municipalityId);
  const pageName = t('common.pageName', { name: municipalityName });
  useDocumentTitle(formatPageTitle(series.title, pageName));
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
          { key: 'home', content: <Link to="/">{t('common.plans')}</Link> },
          {
            key: 'effects',
            content: (
              <Link to="/municipalities/$municipalityId/effects" params={{ municipalityId }}>
                <PageName name={municipalityName} />
              </Link>
            ),
          },
          { key: 'series', content: <PlanText>{series.title}</PlanText> },
        ]}
      />
      <p className="eyebrow">
        <PlanText>{municipalityName}</PlanText> {t('series.eyebrow')}
      </p>
      <h1>
        <PlanText>{series.title}</PlanText>
      </h1>
      {series.description && (
        <p className="lead preserve-lines">
          <PlanText>{series.description}</PlanText>
        </p>
      )}
      {series.source && (
        <p className="cell-note">
          {t('common.sourcePrefix')}
          <PlanText>{series.source}</PlanText>
        </p>
      )}
      {series.note && (
        <p className="preserve-lines">
          <PlanText>{series.note}</PlanText>
        </p>
      )}
      <div className="toolbar">
        <TableCsvLink
          href={tableCsvUrl({ municipalityId, tableKind: 'series', tableId: series.id })}
          label={t('common.csv')}
        />
        {canEdit && (
          <button
            type="button"
            className="button button--secondary button--small"
            aria-expanded={editingHeader}
            onClick={() => setEditingHeader(!editingHeader)}
          >
            {t('series.editHeader')}
          </button>
        )}
        {canEdit && (
          <button
            type="button"
            className="button button--danger button--small"
            disabled={archive.isPending}
            onClick={() => {
              if (window.confirm(t('common.confirmDelete', { name: series.title }))) archive.mutate();
            }}
          >
            {t('common.deleteTable')}
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
      <StatedChecks
        checks={checks}
        seriesLabels={translateSeriesCheckLabels({ columns: series.columns, rows, text })}
        headingId="series-stated"
      />

      <section className="section" aria-labelledby="series-table-heading">
        <h2 id="series-table-heading">{t('series.valuesHeading')}</h2>
        <p className="cell-note">{t('series.valuesNote')}</p>
        <div className="table-scroll">
          <table className="data-table series-table" data-testid="series-table">
            <caption className="visually-hidden">{series.title}</caption>
            <thead>
              <tr>
                <th scope="col">{t('common.fy')}</th>
                {series.columns.flatMap((column) => [
                  <th scope="col" className="numeric" key={column.key}>
                    <PlanText>{column.label}</PlanText>
                    <span className="cell-note">
                      {fillNodes(t('common.unitSuffix'), { unit: <UnitName unit={column.unit} /> })}
                    </span>
                  </th>,
                  ...(column.changeLabel
                    ? [
                        <th scope="col" className="numeric" key={`${column.key}-change`}>
                          <PlanText>{column.changeLabel}</PlanText>
                          <span className="cell-note">
                            {fillNodes(t('common.unitSuffix'), { unit: <UnitName unit={column.unit} /> })}
                          </span>
                        </th>,
                      ]
                    : []),
                ])}
                {canEdit && <th scope="col">{t('common.manage')}</th>}
              </tr>
            </thead>
            <tbody>
              {rows.length === 0 && (
                <tr>
                  <td colSpan={columnCount}>{t('series.emptyRows')}</td>
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
              {t('series.addRow')}
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
  const { t, locale } = useEffectsText();
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
  const year = formatFiscalYearIn({ fy: row.fy, locale });
  return (
    <>
      <tr data-testid={`series-row-${row.fy}`}>
        <th scope="row">
          {year}
          {row.checks.some((check) => check.differs) && (
            <DifferenceMarker label={t('series.rowMarker', { fy: year })} />
          )}
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
                {t('common.edit')}
                <HiddenSubject name={year} />
              </button>
              <button
                type="button"
                className="button button--small button--danger"
                disabled={archive.isPending}
                onClick={() => {
                  if (window.confirm(t('series.confirmDeleteRow', { fy: year }))) archive.mutate();
                }}
              >
                {t('common.delete')}
                <HiddenSubject name={year} />
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
