import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useId, useState } from 'react';
import { useCan } from '../../auth/session';
import { useAreaMessages } from '../../i18n/i18n';
import { planRoundsQuery } from '../rounds/api';
import { useRoundsText } from '../rounds/parts';
import { reportsMessages } from './reports.messages';
import { reportOptionsQuery, reportUrl, stratmlUrl, workbookUrl } from './reports-api';

const FORMATS = [
  { format: 'pdf', label: 'PDF' },
  { format: 'docx', label: 'Word' },
  { format: 'xlsx', label: 'Excel' },
] as const;

/**
 * The plan page's downloads: the final report and the council's progress report in PDF, Word and Excel,
 * the plan workbook to fill in (and, for the DX office, the way to bring it back), StratML.
 */
export function PlanReportsSection({
  plan,
}: {
  plan: { id: string; title: string; actionLevel: string; levels: string[]; municipality: { id: string } };
}) {
  const { t, locale } = useAreaMessages(reportsMessages);
  const { roundLabel } = useRoundsText();
  const roundSelectId = useId();
  const [roundId, setRoundId] = useState('');
  const options = useQuery(reportOptionsQuery(plan.id));
  const canEdit = useCan('plan.edit', { municipalityId: plan.municipality.id });
  const rounds = options.data?.rounds ?? [];
  // The options name rounds in Japanese only; in English they are named from the rounds' periods (the
  // plan page's round panel has the same list cached).
  const periods = useQuery({ ...planRoundsQuery(plan.id), enabled: locale === 'en' });
  const labelOf = (round: { id: string; label: string }) => {
    const period = periods.data?.rounds.find((candidate) => candidate.id === round.id);
    return locale === 'en' && period ? roundLabel(period) : round.label;
  };

  return (
    <section className="section reports-section" aria-labelledby="plan-reports">
      <h2 id="plan-reports">{t('planReports.heading')}</h2>
      <div className="reports-grid">
        <div className="reports-card">
          <h3>{t('planReports.finalHeading')}</h3>
          <p>{t('planReports.finalLead', { level: plan.actionLevel })}</p>
          <ul className="inline-actions" aria-label={t('planReports.finalFormats')}>
            {FORMATS.map(({ format, label }) => (
              <li key={format}>
                <a
                  className="button button--secondary button--small"
                  href={reportUrl({ planId: plan.id, kind: 'final', format })}
                  download
                >
                  {t('planReports.finalLink', { format: label })}
                </a>
              </li>
            ))}
          </ul>
        </div>
        <div className="reports-card">
          <h3>{t('planReports.roundHeading')}</h3>
          <p>
            {plan.levels.length > 0
              ? t('planReports.roundLeadLevels', {
                  levels: plan.levels.join(t('planReports.levelSeparator')),
                  level: plan.actionLevel,
                })
              : t('planReports.roundLead', { level: plan.actionLevel })}
          </p>
          <div className="field">
            <label htmlFor={roundSelectId} className="field__label">
              {t('planReports.roundTarget')}
            </label>
            <select
              id={roundSelectId}
              className="field__input field__select"
              value={roundId}
              onChange={(event) => setRoundId(event.target.value)}
            >
              <option value="">{t('planReports.roundCurrent')}</option>
              {rounds.map((round) => (
                <option key={round.id} value={round.id}>
                  {t(round.status === 'closed' ? 'planReports.roundClosed' : 'planReports.roundOpen', {
                    label: labelOf(round),
                  })}
                </option>
              ))}
            </select>
          </div>
          <ul className="inline-actions" aria-label={t('planReports.roundFormats')}>
            {FORMATS.map(({ format, label }) => (
              <li key={format}>
                <a
                  className="button button--secondary button--small"
                  href={reportUrl({ planId: plan.id, kind: 'round', format, roundId: roundId || undefined })}
                  download
                >
                  {t('planReports.roundLink', { format: label })}
                </a>
              </li>
            ))}
          </ul>
        </div>
        <div className="reports-card">
          <h3>{t('planReports.workbookHeading')}</h3>
          <p>{t('planReports.workbookLead')}</p>
          <ul className="inline-actions">
            <li>
              <a className="button button--secondary button--small" href={workbookUrl(plan.id)} download>
                {t('planReports.workbookDownload')}
              </a>
            </li>
            {canEdit && (
              <li>
                <Link
                  className="button button--small"
                  to="/plans/$planId/import"
                  params={{ planId: plan.id }}
                >
                  {t('planReports.workbookImport')}
                </Link>
              </li>
            )}
          </ul>
        </div>
        <div className="reports-card">
          <h3>{t('planReports.stratmlHeading')}</h3>
          <p>{t('planReports.stratmlLead')}</p>
          <a className="button button--secondary button--small" href={stratmlUrl(plan.id)} download>
            {t('planReports.stratmlDownload')}
          </a>
        </div>
      </div>
    </section>
  );
}
