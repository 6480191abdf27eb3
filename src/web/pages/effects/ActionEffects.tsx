import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { type BprMetric, bprMetricLabels, bprMetrics } from '../../../domain/effects';
import { formatDateIn, formatFiscalYearIn } from '../../../domain/locale';
import type { ActionEffects as ActionEffectsView } from '../../../server/effects/effects.schemas';
import { fillNodes } from '../../i18n/fill-nodes';
import { PlanText } from '../../i18n/PlanText';
import { actionEffectsQuery } from './effects.api';
import { type EffectsText, formatAmountIn, formatHours, useEffectsText } from './shared';

type KpiSource = ActionEffectsView['kpiSources'][number];

/**
 * What a KPI's actual is taken from: a BPR total, named by the server in Japanese (its metric label) and
 * translated here, or a series column, which is the table's own name and stays as written.
 */
function describeSourceDetail({ source, text }: { source: KpiSource; text: EffectsText }): string {
  if (source.kind === 'bpr_project') {
    const metric = bprMetrics.find((candidate: BprMetric) => bprMetricLabels[candidate] === source.detail);
    if (metric) return text.t(`metric.${metric}`);
  }
  return text.locale === 'ja' ? source.detail : `“${source.detail}”`;
}

/**
 * On an action's page: what serves the action — BPR results, grants and budget lines, meetings — and
 * which of its KPIs take their actual from an effects table. Nothing is shown when nothing is linked.
 */
export function ActionEffects({ planId, actionKey }: { planId: string; actionKey: string }) {
  const text = useEffectsText();
  const { t, locale } = text;
  const query = useQuery(actionEffectsQuery(planId, actionKey));
  const effects = query.data;
  if (!effects) return null;
  const { municipalityId, bprResults, fundingItems, meetings, kpiSources } = effects;
  if (bprResults.length + fundingItems.length + meetings.length + kpiSources.length === 0) return null;
  const amount = (yen: number | null) => formatAmountIn({ yen: yen ?? 0, unit: 'thousand', locale });
  return (
    <section className="section" aria-labelledby="action-effects" data-testid="action-effects">
      <h2 id="action-effects">{t('action.heading')}</h2>
      {kpiSources.length > 0 && (
        <ul>
          {kpiSources.map((source) => (
            <li key={source.kpiKey}>
              {fillNodes(t('action.kpiSource', { detail: describeSourceDetail({ source, text }) }), {
                link:
                  source.kind === 'bpr_project' ? (
                    <Link
                      to="/municipalities/$municipalityId/effects/bpr/$projectId"
                      params={{ municipalityId, projectId: source.tableId }}
                    >
                      {t('action.bprSource', { title: source.tableTitle })}
                    </Link>
                  ) : (
                    <Link
                      to="/municipalities/$municipalityId/effects/series/$seriesId"
                      params={{ municipalityId, seriesId: source.tableId }}
                    >
                      {t('action.seriesSource', { title: source.tableTitle })}
                    </Link>
                  ),
              })}
            </li>
          ))}
        </ul>
      )}
      {bprResults.length > 0 && (
        <>
          <h3>{t('action.bprHeading')}</h3>
          <ul>
            {bprResults.map((result) => (
              <li key={result.id}>
                <Link
                  to="/municipalities/$municipalityId/effects/bpr/$projectId"
                  params={{ municipalityId, projectId: result.projectId }}
                >
                  <PlanText>{result.projectTitle}</PlanText>
                </Link>
                {t('action.bprLine', {
                  fy: formatFiscalYearIn({ fy: result.fy, locale }),
                  process: result.process,
                  department: result.departmentName,
                })}
                {result.measured && result.hoursSaved !== null
                  ? t('action.bprSaved', { hours: formatHours({ hours: result.hoursSaved, locale }) })
                  : t('action.bprUnmeasured')}
              </li>
            ))}
          </ul>
        </>
      )}
      {fundingItems.length > 0 && (
        <>
          <h3>{t('action.fundingHeading')}</h3>
          <ul>
            {fundingItems.map((item) => (
              <li key={item.id}>
                <Link
                  to="/municipalities/$municipalityId/effects/funding/$listId"
                  params={{ municipalityId, listId: item.listId }}
                >
                  <PlanText>{item.listTitle}</PlanText>
                </Link>
                {t('action.fundingLine', {
                  fy: formatFiscalYearIn({ fy: item.fy, locale }),
                  name: item.name,
                })}
                {item.kind === 'grant'
                  ? t('action.fundingGrant', {
                      cost: amount(item.projectCost),
                      grant: amount(item.grantAmount),
                    })
                  : t('action.fundingBudget', { budget: amount(item.budgetAmount) })}
              </li>
            ))}
          </ul>
        </>
      )}
      {meetings.length > 0 && (
        <>
          <h3>{t('action.meetingsHeading')}</h3>
          <ul>
            {meetings.map((meeting) => (
              <li key={meeting.id}>
                {formatDateIn({ isoDate: meeting.date, locale })}{' '}
                <Link
                  to="/municipalities/$municipalityId/organisation/bodies/$bodyId"
                  params={{ municipalityId, bodyId: meeting.bodyId }}
                >
                  <PlanText>{meeting.bodyName}</PlanText>
                </Link>
                {[meeting.number, meeting.title].filter(Boolean).join(' ') &&
                  ` ${[meeting.number, meeting.title].filter(Boolean).join(' ')}`}
                {t('action.meetingStatus', { status: t(`action.meeting.${meeting.status}`) })}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
