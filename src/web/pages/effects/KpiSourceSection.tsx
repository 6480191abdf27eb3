import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { type FormEvent, useId, useState } from 'react';
import { type BprMetric, bprMetrics, type SeriesColumn } from '../../../domain/effects';
import { formatQuantity } from '../../../domain/stated-figures';
import type { EffectOptions, KpiLink } from '../../../server/effects/effects.schemas';
import { sendJson } from '../../api';
import { useCan } from '../../auth/session';
import { FormError, fieldError, SelectField } from '../../components/Form';
import { PlanText } from '../../i18n/PlanText';
import { formatReportDate } from '../dashboard/dashboard-format';
import { effectsKey } from './effects.api';
import { type EffectsText, formatUnitName, formatWithUnit, HiddenSubject, useEffectsText } from './shared';

type Source =
  | { kind: 'bpr_project'; id: string }
  | { kind: 'series_column'; id: string; columns: SeriesColumn[] };
type KpiOption = EffectOptions['kpis'][number];

function sourcePath(kpi: { planId: string; actionKey: string; kpiKey: string }): string {
  return `/api/plans/${encodeURIComponent(kpi.planId)}/actions/${encodeURIComponent(kpi.actionKey)}/kpis/${encodeURIComponent(kpi.kpiKey)}/source`;
}

function describeKpi({
  kpi,
  text,
}: {
  kpi: Pick<KpiOption, 'planTitle' | 'actionNumber' | 'actionTitle' | 'name' | 'unit'>;
  text: EffectsText;
}): string {
  return text.t('kpi.describe', {
    number: kpi.actionNumber,
    action: kpi.actionTitle,
    name: kpi.name,
    unit: kpi.unit,
  });
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
  const text = useEffectsText();
  const { t, locale } = text;
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
    source.kind === 'bpr_project' ? (
      t(`metric.${link.bprMetric ?? 'hours_saved'}`)
    ) : (
      <PlanText>
        {source.columns.find((column) => column.key === link.seriesColumnKey)?.label ??
          link.seriesColumnKey ??
          ''}
      </PlanText>
    );
  return (
    <section className="section" aria-labelledby="kpi-links-heading">
      <h2 id="kpi-links-heading">{t('kpi.heading')}</h2>
      <p>{t('kpi.intro')}</p>
      {kpiLinks.length === 0 ? (
        <p className="muted">{t('kpi.empty')}</p>
      ) : (
        <div className="table-scroll">
          <table className="data-table" data-testid="kpi-links">
            <caption className="visually-hidden">{t('kpi.heading')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('kpi.kpi')}</th>
                <th scope="col">{t('kpi.value')}</th>
                <th scope="col">{t('kpi.actuals')}</th>
                {canLink && <th scope="col">{t('common.manage')}</th>}
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
                      <PlanText>{describeKpi({ kpi: link, text })}</PlanText>
                    </Link>
                    <span className="cell-note">
                      <PlanText>{link.planTitle}</PlanText>
                    </span>
                  </th>
                  <td>{valueLabel(link)}</td>
                  <td>
                    {link.actuals.length === 0 ? (
                      <span className="muted">{t('kpi.noActuals')}</span>
                    ) : (
                      <ul className="plain-list">
                        {link.actuals.map((actual) => (
                          <li key={actual.date}>
                            {formatWithUnit({
                              figure: formatQuantity(actual.value),
                              unit: link.unit,
                              locale,
                            })}
                            <span className="cell-note">
                              {t('kpi.asOf', { date: formatReportDate(actual.date, locale) })}
                            </span>
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
                        {t('kpi.unlink')}
                        <HiddenSubject name={link.name} />
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
  const text = useEffectsText();
  const { t, locale } = text;
  const [kpiId, setKpiId] = useState('');
  const [metric, setMetric] = useState<BprMetric>('hours_saved');
  const entered = source.kind === 'series_column' ? source.columns : [];
  const [columnKey, setColumnKey] = useState(entered[0]?.key ?? '');
  const kpi = options.kpis.find((candidate) => candidate.kpiId === kpiId);
  const mutation = useMutation({
    mutationFn: () => {
      if (!kpi) throw new Error(t('kpi.choose'));
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
    return <p className="muted">{t('kpi.noKpis')}</p>;
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
      aria-label={t('kpi.form')}
      onSubmit={(event: FormEvent) => {
        event.preventDefault();
        mutation.mutate();
      }}
    >
      <FormError error={mutation.error} />
      <SelectField
        id={`${id}-kpi`}
        label={t('kpi.form.kpi')}
        value={kpiId}
        options={[
          { value: '', label: t('kpi.form.placeholder') },
          ...options.kpis.map((option) => ({
            value: option.kpiId,
            label: t('kpi.option', { plan: option.planTitle, kpi: describeKpi({ kpi: option, text }) }),
          })),
        ]}
        onChange={(event) => setKpiId(event.target.value)}
        hint={linkedElsewhere ? t('kpi.form.linkedElsewhere') : undefined}
        required
      />
      {source.kind === 'bpr_project' ? (
        <SelectField
          id={`${id}-metric`}
          label={t('kpi.value')}
          value={metric}
          options={bprMetrics.map((value) => ({ value, label: t(`metric.${value}`) }))}
          onChange={(event) => setMetric(event.target.value as BprMetric)}
          error={fieldError(mutation.error, 'source.metric')}
        />
      ) : (
        <SelectField
          id={`${id}-column`}
          label={t('kpi.form.column')}
          value={columnKey}
          options={entered.map((column) => ({
            value: column.key,
            label: t('common.labelWithUnit', {
              label: column.label,
              unit: formatUnitName({ unit: column.unit, locale }),
            }),
          }))}
          onChange={(event) => setColumnKey(event.target.value)}
          error={fieldError(mutation.error, 'source.columnKey')}
        />
      )}
      <div className="form__actions">
        <button type="submit" className="button" disabled={mutation.isPending || !kpi}>
          {t('kpi.form.submit')}
        </button>
      </div>
    </form>
  );
}
