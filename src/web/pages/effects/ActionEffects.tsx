import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { formatAmount } from '../../../domain/effects';
import { formatFiscalYear, formatJapaneseDate } from '../../../domain/fiscal-year';
import { meetingStatusLabels } from '../../../domain/organisation';
import { actionEffectsQuery } from './effects.api';
import { formatHours } from './shared';

/**
 * On an action's page: what serves the action — BPR results, grants and budget lines, meetings — and
 * which of its KPIs take their actual from an effects table. Nothing is shown when nothing is linked.
 */
export function ActionEffects({ planId, actionKey }: { planId: string; actionKey: string }) {
  const query = useQuery(actionEffectsQuery(planId, actionKey));
  const effects = query.data;
  if (!effects) return null;
  const { municipalityId, bprResults, fundingItems, meetings, kpiSources } = effects;
  if (bprResults.length + fundingItems.length + meetings.length + kpiSources.length === 0) return null;
  return (
    <section className="section" aria-labelledby="action-effects" data-testid="action-effects">
      <h2 id="action-effects">効果・予算・会議</h2>
      {kpiSources.length > 0 && (
        <ul>
          {kpiSources.map((source) => (
            <li key={source.kpiKey}>
              指標の実績値は
              {source.kind === 'bpr_project' ? (
                <Link
                  to="/municipalities/$municipalityId/effects/bpr/$projectId"
                  params={{ municipalityId, projectId: source.tableId }}
                >
                  BPR実証結果「{source.tableTitle}」
                </Link>
              ) : (
                <Link
                  to="/municipalities/$municipalityId/effects/series/$seriesId"
                  params={{ municipalityId, seriesId: source.tableId }}
                >
                  推移表「{source.tableTitle}」
                </Link>
              )}
              の{source.detail}から自動で反映されます。
            </li>
          ))}
        </ul>
      )}
      {bprResults.length > 0 && (
        <>
          <h3>BPRの対象業務</h3>
          <ul>
            {bprResults.map((result) => (
              <li key={result.id}>
                <Link
                  to="/municipalities/$municipalityId/effects/bpr/$projectId"
                  params={{ municipalityId, projectId: result.projectId }}
                >
                  {result.projectTitle}
                </Link>
                （{formatFiscalYear(result.fy)}）：{result.process}（{result.departmentName}）
                {result.measured && result.hoursSaved !== null
                  ? ` ${formatHours(result.hoursSaved)}削減`
                  : ' 未測定'}
              </li>
            ))}
          </ul>
        </>
      )}
      {fundingItems.length > 0 && (
        <>
          <h3>交付金・予算</h3>
          <ul>
            {fundingItems.map((item) => (
              <li key={item.id}>
                <Link
                  to="/municipalities/$municipalityId/effects/funding/$listId"
                  params={{ municipalityId, listId: item.listId }}
                >
                  {item.listTitle}
                </Link>
                （{formatFiscalYear(item.fy)}）：{item.name}
                {item.kind === 'grant'
                  ? ` 事業費 ${formatAmount(item.projectCost ?? 0, 'thousand')}・採択額 ${formatAmount(item.grantAmount ?? 0, 'thousand')}`
                  : ` 予算額 ${formatAmount(item.budgetAmount ?? 0, 'thousand')}`}
              </li>
            ))}
          </ul>
        </>
      )}
      {meetings.length > 0 && (
        <>
          <h3>会議</h3>
          <ul>
            {meetings.map((meeting) => (
              <li key={meeting.id}>
                {formatJapaneseDate(meeting.date)}{' '}
                <Link
                  to="/municipalities/$municipalityId/organisation/bodies/$bodyId"
                  params={{ municipalityId, bodyId: meeting.bodyId }}
                >
                  {meeting.bodyName}
                </Link>
                {[meeting.number, meeting.title].filter(Boolean).join(' ') &&
                  ` ${[meeting.number, meeting.title].filter(Boolean).join(' ')}`}
                （{meetingStatusLabels[meeting.status]}）
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
