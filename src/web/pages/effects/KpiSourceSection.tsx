import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { type FormEvent, useId, useState } from 'react';
import { type BprMetric, bprMetricLabels, bprMetrics, type SeriesColumn } from '../../../domain/effects';
import { formatJapaneseDateOrYearEnd } from '../../../domain/fiscal-year';
import { formatQuantity } from '../../../domain/stated-figures';
import type { EffectOptions, KpiLink } from '../../../server/effects/effects.schemas';
import { sendJson } from '../../api';
import { useCan } from '../../auth/session';
import { FormError, fieldError, SelectField } from '../../components/Form';
import { effectsKey } from './effects.api';

type Source =
  | { kind: 'bpr_project'; id: string }
  | { kind: 'series_column'; id: string; columns: SeriesColumn[] };
type KpiOption = EffectOptions['kpis'][number];

function sourcePath(kpi: { planId: string; actionKey: string; kpiKey: string }): string {
  return `/api/plans/${encodeURIComponent(kpi.planId)}/actions/${encodeURIComponent(kpi.actionKey)}/kpis/${encodeURIComponent(kpi.kpiKey)}/source`;
}

function describeKpi(
  kpi: Pick<KpiOption, 'planTitle' | 'actionNumber' | 'actionTitle' | 'name' | 'unit'>,
): string {
  return `${kpi.actionNumber} ${kpi.actionTitle} — ${kpi.name}（${kpi.unit}）`;
}

/**
 * The KPIs that take their actual from this table, and (for the DX office) linking another one: the
 * KPI's actual is then written from the table at every change, instead of being typed twice.
 */
export function KpiSourceSection({
  municipalityId,
  source,
  kpiLinks,
  options,
}: {
  municipalityId: string;
  source: Source;
  kpiLinks: readonly KpiLink[];
  options: EffectOptions;
}) {
  const canLink = useCan('plan.edit', { municipalityId });
  const queryClient = useQueryClient();
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: effectsKey(municipalityId) });
    void queryClient.invalidateQueries({ queryKey: ['plans'] });
  };
  const unlink = useMutation({
    mutationFn: (link: KpiLink) =>
      sendJson('PUT', sourcePath({ planId: link.planId, actionKey: link.actionKey, kpiKey: link.kpiKey }), {
        source: null,
        version: link.version,
      }),
    onSuccess: refresh,
  });
  const valueLabel = (link: KpiLink) =>
    source.kind === 'bpr_project'
      ? bprMetricLabels[link.bprMetric ?? 'hours_saved']
      : (source.columns.find((column) => column.key === link.seriesColumnKey)?.label ??
        link.seriesColumnKey ??
        '');
  return (
    <section className="section" aria-labelledby="kpi-links-heading">
      <h2 id="kpi-links-heading">この表から実績値を反映する指標</h2>
      <p>
        連携した指標の実績値は、この表の行を変更するたびに自動で書き換わり、アクションの評価に反映されます（指標の実績値として二重に入力する必要はありません）。
      </p>
      {kpiLinks.length === 0 ? (
        <p className="muted">連携している指標はありません。</p>
      ) : (
        <div className="table-scroll">
          <table className="data-table" data-testid="kpi-links">
            <caption className="visually-hidden">この表から実績値を反映する指標</caption>
            <thead>
              <tr>
                <th scope="col">指標</th>
                <th scope="col">反映する値</th>
                <th scope="col">反映された実績値</th>
                {canLink && <th scope="col">操作</th>}
              </tr>
            </thead>
            <tbody>
              {kpiLinks.map((link) => (
                <tr key={link.kpiId}>
                  <th scope="row">
                    <Link
                      to="/plans/$planId/actions/$actionKey"
                      params={{ planId: link.planId, actionKey: link.actionKey }}
                    >
                      {describeKpi(link)}
                    </Link>
                    <span className="cell-note">{link.planTitle}</span>
                  </th>
                  <td>{valueLabel(link)}</td>
                  <td>
                    {link.actuals.length === 0 ? (
                      <span className="muted">まだありません</span>
                    ) : (
                      <ul className="plain-list">
                        {link.actuals.map((actual) => (
                          <li key={actual.date}>
                            {formatQuantity(actual.value)}
                            {link.unit}
                            <span className="cell-note">{formatJapaneseDateOrYearEnd(actual.date)}時点</span>
                          </li>
                        ))}
                      </ul>
                    )}
                  </td>
                  {canLink && (
                    <td>
                      <button
                        type="button"
                        className="button button--small button--danger"
                        onClick={() => unlink.mutate(link)}
                        disabled={unlink.isPending}
                      >
                        連携を解除<span className="visually-hidden">（{link.name}）</span>
                      </button>
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <FormError error={unlink.error} />
      {canLink && <KpiLinkForm source={source} options={options} onLinked={refresh} />}
    </section>
  );
}

function KpiLinkForm({
  source,
  options,
  onLinked,
}: {
  source: Source;
  options: EffectOptions;
  onLinked: () => void;
}) {
  const id = useId();
  const [kpiId, setKpiId] = useState('');
  const [metric, setMetric] = useState<BprMetric>('hours_saved');
  const entered = source.kind === 'series_column' ? source.columns : [];
  const [columnKey, setColumnKey] = useState(entered[0]?.key ?? '');
  const kpi = options.kpis.find((candidate) => candidate.kpiId === kpiId);
  const mutation = useMutation({
    mutationFn: () => {
      if (!kpi) throw new Error('指標を選んでください');
      return sendJson('PUT', sourcePath(kpi), {
        source:
          source.kind === 'bpr_project'
            ? { kind: 'bpr_project', bprProjectId: source.id, metric }
            : { kind: 'series_column', seriesId: source.id, columnKey },
        version: kpi.source?.version ?? null,
      });
    },
    onSuccess: () => {
      setKpiId('');
      onLinked();
    },
  });
  if (options.kpis.length === 0) {
    return <p className="muted">この自治体の計画には指標がありません。</p>;
  }
  const linkedElsewhere =
    kpi?.source &&
    !(
      (kpi.source.kind === 'bpr_project' && kpi.source.bprProjectId === source.id) ||
      (kpi.source.kind === 'series_column' && kpi.source.seriesId === source.id)
    );
  return (
    <form
      className="form form--inline-panel"
      aria-label="指標との連携"
      onSubmit={(event: FormEvent) => {
        event.preventDefault();
        mutation.mutate();
      }}
    >
      <FormError error={mutation.error} />
      <SelectField
        id={`${id}-kpi`}
        label="連携する指標"
        value={kpiId}
        options={[
          { value: '', label: '選んでください' },
          ...options.kpis.map((option) => ({
            value: option.kpiId,
            label: `${option.planTitle}：${describeKpi(option)}`,
          })),
        ]}
        onChange={(event) => setKpiId(event.target.value)}
        hint={
          linkedElsewhere
            ? 'この指標は別の表から実績値を反映しています。連携するとこの表に切り替わります。'
            : undefined
        }
        required
      />
      {source.kind === 'bpr_project' ? (
        <SelectField
          id={`${id}-metric`}
          label="反映する値"
          value={metric}
          options={bprMetrics.map((value) => ({ value, label: bprMetricLabels[value] }))}
          onChange={(event) => setMetric(event.target.value as BprMetric)}
          error={fieldError(mutation.error, 'source.metric')}
        />
      ) : (
        <SelectField
          id={`${id}-column`}
          label="反映する列（年度ごとの値が、各年度末の実績値になります）"
          value={columnKey}
          options={entered.map((column) => ({
            value: column.key,
            label: `${column.label}（${column.unit}）`,
          }))}
          onChange={(event) => setColumnKey(event.target.value)}
          error={fieldError(mutation.error, 'source.columnKey')}
        />
      )}
      <div className="form__actions">
        <button type="submit" className="button" disabled={mutation.isPending || !kpi}>
          指標と連携する
        </button>
      </div>
    </form>
  );
}
