import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import type { ReactNode } from 'react';
import { formatFiscalYearShort, formatJapaneseDateOrYearEnd } from '../../domain/fiscal-year';
import { formatFiscalYearIn, type Locale } from '../../domain/locale';
import type { ActionDetailResponse, RateResultView } from '../../server/plans/plans.schemas';
import { actionQuery } from '../api';
import { Breadcrumbs } from '../components/Breadcrumbs';
import { Message } from '../components/Message';
import { NoValue, RateMarkers, RateValue } from '../components/RateValue';
import { RatingBadge, RatingScale } from '../components/RatingBadge';
import { ErrorState, Loading } from '../components/StatusViews';
import {
  BASIS_LABELS,
  DIRECTION_LABELS,
  formatFigure,
  formatKpiBasis,
  formatNumbered,
  formatOptionalRate,
  formatPageTitle,
  formatPeriod,
  formatProgress,
  formatYearCount,
  nodeAnchor,
  type RateBasis,
} from '../format';
import { useDocumentTitle } from '../hooks';
import { useAreaMessages } from '../i18n/i18n';
import { PlanText } from '../i18n/PlanText';
import { formatReportDate } from './dashboard/dashboard-format';
import { KpiCharts } from './dashboard/KpiCharts';
import { ActionPageExtras } from './editing/ActionPageExtras';
import { ActionEffects } from './effects/ActionEffects';
import { pagesMessages } from './pages.messages';
import { ActionReportSection } from './reports/ActionReportSection';
import { ActionEvidenceGallery } from './rounds/ActionEvidenceGallery';

type Action = ActionDetailResponse['action'];
type Evaluation = ActionDetailResponse['evaluation'];
type Task = Action['tasks'][number];

export function ActionPage({ planId, actionKey }: { planId: string; actionKey: string }) {
  const query = useQuery(actionQuery(planId, actionKey));
  const { t } = useAreaMessages(pagesMessages);
  if (query.isError) {
    return (
      <ErrorState error={query.error} subject="action" planId={planId} onRetry={() => void query.refetch()} />
    );
  }
  if (!query.data) return <Loading label={t('action.loading')} />;
  return (
    <RatingScale ratings={query.data.ratings}>
      <ActionView data={query.data} />
    </RatingScale>
  );
}

function ActionView({ data }: { data: ActionDetailResponse }) {
  const { t } = useAreaMessages(pagesMessages);
  const { plan, path, action, departments, evaluation } = data;
  const name = formatNumbered(action);
  useDocumentTitle(formatPageTitle(name, plan.title));
  const departmentNames = new Map(departments.map((department) => [department.key, department.name]));
  const departmentName = (key: string) => departmentNames.get(key) ?? key;

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
          ...path.map((node) => ({
            key: `node-${node.key}`,
            content: (
              <Link to="/plans/$planId" params={{ planId: plan.id }} hash={nodeAnchor(node.key)}>
                <PlanText>{formatNumbered(node)}</PlanText>
              </Link>
            ),
          })),
          { key: 'action', content: <PlanText>{name}</PlanText> },
        ]}
      />
      <p className="eyebrow">
        <Message
          text={t('action.eyebrow')}
          values={{ plan: <PlanText>{plan.title}</PlanText>, level: <PlanText>{plan.actionLevel}</PlanText> }}
        />
      </p>
      <h1>
        <PlanText>{name}</PlanText>
      </h1>

      <Overview action={action} departmentName={departmentName} />
      <ResultBox evaluation={evaluation} />
      <Flags flags={evaluation.flags} />
      <ReferenceRates evaluation={evaluation} />
      <Tasks action={action} evaluation={evaluation} departmentName={departmentName} />
      <Kpis action={action} evaluation={evaluation} />
      <KpiCharts planId={plan.id} actionKey={action.key} />
      <Assessment evaluation={evaluation} period={actionPeriod(action) ?? plan.period} />
      <Schedule action={action} period={plan.period} />
      <ActionEvidenceGallery planId={plan.id} actionKey={action.key} />
      <ActionReportSection planId={plan.id} actionKey={action.key} />
      <ActionEffects planId={plan.id} actionKey={action.key} />
      {action.note && (
        <section className="section" aria-labelledby="action-note">
          <h2 id="action-note">{t('action.note')}</h2>
          <p className="preserve-lines">
            <PlanText>{action.note}</PlanText>
          </p>
        </section>
      )}
      <ActionPageExtras plan={plan} actionKey={action.key} />
      <p className="back-link">
        <Link to="/plans/$planId" params={{ planId: plan.id }}>
          <Message text={t('action.back')} values={{ plan: <PlanText>{plan.title}</PlanText> }} />
        </Link>
      </p>
    </>
  );
}

/** R8 / FY2026: the short year the seed's means are headed with (R8平均). */
function formatShortFy({ fy, locale }: { fy: number; locale: Locale }): string {
  return locale === 'ja' ? formatFiscalYearShort(fy) : formatFiscalYearIn({ fy, locale });
}

/** The years the action's tasks cover (the seed's 令和6年度～8年度), which the overall assessment looks back on. */
function actionPeriod(action: Action): { startFy: number; endFy: number } | null {
  if (action.tasks.length === 0) return null;
  const years = action.tasks.map((task) => task.fy);
  return { startFy: Math.min(...years), endFy: Math.max(...years) };
}

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section className="section" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {children}
    </section>
  );
}

/** 概要: the seed's four rows. */
function Overview({ action, departmentName }: { action: Action; departmentName: (key: string) => string }) {
  const { t } = useAreaMessages(pagesMessages);
  const rows: { label: string; value: string | undefined }[] = [
    { label: t('action.aim'), value: action.aim },
    { label: t('action.approach'), value: action.approach },
    { label: t('common.target'), value: action.target },
    { label: t('common.owners'), value: action.owners.map(departmentName).join('・') },
  ];
  return (
    <Section id="action-overview" title={t('action.overview')}>
      <table className="data-table key-value">
        <caption className="visually-hidden">
          <Message
            text={t('action.overviewCaption')}
            values={{ title: <PlanText>{action.title}</PlanText> }}
          />
        </caption>
        <tbody>
          {rows.map((row) => (
            <tr key={row.label}>
              <th scope="row">{row.label}</th>
              <td className="preserve-lines">{row.value ? <PlanText>{row.value}</PlanText> : <NoValue />}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Section>
  );
}

function ResultBox({ evaluation }: { evaluation: Evaluation }) {
  const { t, locale } = useAreaMessages(pagesMessages);
  const { result, rating, basis } = evaluation;
  return (
    <section className="result-box" aria-labelledby="action-result-heading" data-testid="action-result">
      <h2 id="action-result-heading">{t('action.result')}</h2>
      <div className="result-box__main">
        <RatingBadge rating={rating} size="large" />
        <p className="result-box__rate">
          <span className="result-box__rate-label">{t('common.rate')}</span>
          <RateValue result={result} size="large" />
        </p>
      </div>
      <dl className="result-box__details">
        <div>
          <dt>{t('action.basis')}</dt>
          <dd>{basis ? BASIS_LABELS[locale][basis] : t('common.none')}</dd>
        </div>
        <div>
          <dt>{t('action.basisReason')}</dt>
          <dd>
            <PlanText>{evaluation.basisReason}</PlanText>
          </dd>
        </div>
      </dl>
      {result && <ResultNotes result={result} />}
    </section>
  );
}

function ResultNotes({ result }: { result: RateResultView }) {
  const { t } = useAreaMessages(pagesMessages);
  if (!result.projection && !result.hypothetical) return null;
  return (
    <ul className="result-box__notes">
      {result.projection && <li>{t('action.projectionNote')}</li>}
      {result.hypothetical && <li>{t('action.hypotheticalNote')}</li>}
    </ul>
  );
}

/** 確認事項: what the engine found questionable, e.g. a stated total that its own figures do not give. */
function Flags({ flags }: { flags: Evaluation['flags'] }) {
  const { t } = useAreaMessages(pagesMessages);
  if (flags.length === 0) return null;
  return (
    <section className="notice-box" aria-labelledby="action-flags">
      <h2 id="action-flags">
        <span className="notice-box__icon" aria-hidden="true">
          !
        </span>
        {t('action.flags')}
      </h2>
      <p>{t('action.flagsLead')}</p>
      <ul>
        {flags.map((flag) => (
          <li key={`${flag.code}-${flag.message}`}>
            <PlanText>{flag.message}</PlanText>
          </li>
        ))}
      </ul>
    </section>
  );
}

interface RateCard {
  basis: RateBasis;
  testId: string;
  result: RateResultView | null;
  empty: string;
  extra?: ReactNode;
}

/** The method's three reference rates side by side, the one that rates the action marked in words. */
function ReferenceRates({ evaluation }: { evaluation: Evaluation }) {
  const { t, locale } = useAreaMessages(pagesMessages);
  const cards: RateCard[] = [
    {
      basis: 'kpi',
      testId: 'rate-card-kpi',
      result: evaluation.kpi.result,
      empty: evaluation.kpi.kpis.length === 0 ? t('action.kpiNoNumber') : t('action.kpiNoActual'),
      extra: evaluation.kpi.result === null && evaluation.kpi.kpis.some((kpi) => kpi.notice) && (
        <ul className="rate-card__notices" aria-label={t('action.kpiNotices')}>
          {evaluation.kpi.kpis.map((kpi) =>
            kpi.notice ? (
              <li key={kpi.kpiKey}>
                <PlanText>{`「${kpi.name}」：${kpi.notice}`}</PlanText>
              </li>
            ) : null,
          )}
        </ul>
      ),
    },
    {
      basis: 'tasks',
      testId: 'rate-card-tasks',
      result: evaluation.tasks.result,
      empty: evaluation.tasks.years.length === 0 ? t('action.tasksNone') : t('action.tasksNoProgress'),
      extra: evaluation.tasks.years.length > 0 && (
        <ul className="year-means" aria-label={t('action.yearMeans')}>
          {evaluation.tasks.years.map((year) => (
            <li key={year.fy}>
              <span>{t('action.yearMean', { fy: formatShortFy({ fy: year.fy, locale }) })}</span>{' '}
              <span>{formatOptionalRate(year.result?.shown)}</span>
              {year.result && <RateMarkers result={year.result} />}
            </li>
          ))}
        </ul>
      ),
    },
    {
      basis: 'assessment',
      testId: 'rate-card-assessment',
      result: evaluation.assessment.result,
      empty: t('common.noAssessment'),
    },
  ];
  return (
    <Section id="reference-rates" title={t('action.references')}>
      <ul className="rate-cards">
        {cards.map((card) => (
          <RateCardView key={card.basis} card={card} used={evaluation.basis === card.basis} />
        ))}
      </ul>
    </Section>
  );
}

function RateCardView({ card, used }: { card: RateCard; used: boolean }) {
  const { t, locale } = useAreaMessages(pagesMessages);
  const { result } = card;
  return (
    <li className={used ? 'rate-card rate-card--used' : 'rate-card'} data-testid={card.testId}>
      <h3 className="rate-card__title">{BASIS_LABELS[locale][card.basis]}</h3>
      {used ? (
        <p className="rate-card__tag rate-card__tag--used">
          <span aria-hidden="true">✓ </span>
          {t('action.used')}
        </p>
      ) : (
        result && <p className="rate-card__tag">{t('action.reference')}</p>
      )}
      <p className="rate-card__figure">
        <RateValue result={result} size="large" />
        {result && <RatingBadge rating={result.rating} />}
      </p>
      {result ? (
        <p className="rate-card__explanation">
          <span className="visually-hidden">{t('action.method')}</span>
          <PlanText>{result.explanation}</PlanText>
        </p>
      ) : (
        <p className="rate-card__empty">{card.empty}</p>
      )}
      {card.extra}
    </li>
  );
}

function Tasks({
  action,
  evaluation,
  departmentName,
}: {
  action: Action;
  evaluation: Evaluation;
  departmentName: (key: string) => string;
}) {
  const { t, locale } = useAreaMessages(pagesMessages);
  const years = [
    ...new Set([...action.tasks.map((task) => task.fy), ...evaluation.tasks.years.map((year) => year.fy)]),
  ].sort((a, b) => a - b);
  const total = evaluation.tasks.result;
  const ratedYears = evaluation.tasks.years.filter((year) => year.result !== null).length;
  return (
    <Section id="action-tasks" title={t('action.tasks')}>
      {years.length === 0 ? (
        <p>{t('common.noTasks')}</p>
      ) : (
        <>
          {years.map((fy) => (
            <TaskYear
              key={fy}
              fy={fy}
              tasks={action.tasks.filter((task) => task.fy === fy)}
              year={evaluation.tasks.years.find((entry) => entry.fy === fy)}
              departmentName={departmentName}
            />
          ))}
          <p className="tasks-total">
            <span>
              {ratedYears > 0
                ? t('action.yearsMean', { years: formatYearCount({ count: ratedYears, locale }) })
                : t('action.mean')}
            </span>{' '}
            <strong className="rate">{formatOptionalRate(total?.shown)}</strong>
            {total && <RateMarkers result={total} />}
          </p>
        </>
      )}
    </Section>
  );
}

function TaskYear({
  fy,
  tasks,
  year,
  departmentName,
}: {
  fy: number;
  tasks: Task[];
  year: Evaluation['tasks']['years'][number] | undefined;
  departmentName: (key: string) => string;
}) {
  const { t, locale } = useAreaMessages(pagesMessages);
  const fyLabel = formatFiscalYearIn({ fy, locale });
  // The seed heads a year whose figures are all expected "令和8年度 予定"; a mixed year marks each row.
  const allExpected = tasks.length > 0 && tasks.every((task) => task.expected);
  const result = year?.result ?? null;
  return (
    <div className="task-year">
      <div className="table-scroll">
        <table className="data-table task-table">
          <caption>{t('action.tasksCaption', { fy: fyLabel })}</caption>
          <thead>
            <tr>
              <th scope="col" className="task-table__department">
                {t('common.department')}
              </th>
              <th scope="col">{t('action.taskPlan', { fy: fyLabel })}</th>
              <th scope="col" className="numeric task-table__progress">
                {t(allExpected ? 'action.taskExpected' : 'action.taskProgress', { fy: fyLabel })}
              </th>
            </tr>
          </thead>
          <tbody>
            {tasks.map((task, index) => (
              <tr key={task.key ?? `${task.department}-${index}`}>
                <td>
                  <PlanText>{departmentName(task.department)}</PlanText>
                </td>
                <th scope="row" className="task-table__plan">
                  <PlanText>{task.planText}</PlanText>
                </th>
                <td className="numeric">
                  {task.progress === null ? (
                    <span className="muted">{t('action.notRecorded')}</span>
                  ) : (
                    formatProgress(task.progress)
                  )}
                  {task.expected && !allExpected && (
                    <span className="marker marker--projection">{t('action.expected')}</span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="year-mean">
        <span>{t('action.yearMean', { fy: formatShortFy({ fy, locale }) })}</span>{' '}
        <strong className="rate">{formatOptionalRate(result?.shown)}</strong>
        {result && <RateMarkers result={result} />}
        {year && year.recordedCount < year.taskCount && (
          <span className="muted">
            {t('action.recorded', { total: year.taskCount, recorded: year.recordedCount })}
          </span>
        )}
      </p>
    </div>
  );
}

function Kpis({ action, evaluation }: { action: Action; evaluation: Evaluation }) {
  const { t, locale } = useAreaMessages(pagesMessages);
  if (action.kpis.length === 0) return null;
  const evaluations = new Map(evaluation.kpi.kpis.map((kpi) => [kpi.kpiKey, kpi]));
  return (
    <Section id="action-kpis" title={t('action.kpis')}>
      <div className="table-scroll">
        <table className="data-table kpi-table">
          <caption className="visually-hidden">
            <Message text={t('action.kpisCaption')} values={{ title: <PlanText>{action.title}</PlanText> }} />
          </caption>
          <thead>
            <tr>
              <th scope="col" className="kpi-table__name">
                {t('action.kpi')}
              </th>
              <th scope="col" className="kpi-table__unit">
                {t('action.unit')}
              </th>
              <th scope="col" className="kpi-table__baseline">
                {t('action.baseline')}
              </th>
              <th scope="col" className="kpi-table__target">
                {t('action.targetValue')}
              </th>
              <th scope="col">{t('action.actuals')}</th>
              <th scope="col" className="kpi-table__basis">
                {t('action.kpiBasis')}
              </th>
              <th scope="col" className="kpi-table__rate">
                {t('common.rate')}
              </th>
            </tr>
          </thead>
          <tbody>
            {action.kpis.map((kpi) => {
              const kpiEvaluation = evaluations.get(kpi.key);
              const basis = kpiEvaluation?.basis ?? kpi.basis;
              const latest = kpiEvaluation?.latestActual ?? null;
              return (
                <tr key={kpi.key}>
                  <th scope="row">
                    <PlanText>{kpi.name}</PlanText>
                    <span className="cell-note">{DIRECTION_LABELS[locale][kpi.direction]}</span>
                  </th>
                  <td>{kpi.unit ? <PlanText>{kpi.unit}</PlanText> : <NoValue />}</td>
                  <td>
                    {kpi.baseline ? (
                      <>
                        <PlanText>{formatFigure(kpi.baseline.value, kpi.unit)}</PlanText>
                        {kpi.baseline.label ? (
                          <span className="cell-note">
                            <PlanText>{kpi.baseline.label}</PlanText>
                          </span>
                        ) : (
                          kpi.baseline.date && (
                            <span className="cell-note">{formatReportDate(kpi.baseline.date, locale)}</span>
                          )
                        )}
                      </>
                    ) : (
                      <NoValue />
                    )}
                  </td>
                  <td>
                    <PlanText>{formatFigure(kpi.target.value, kpi.unit)}</PlanText>
                    <span className="cell-note">
                      {t('action.fyEnd', { fy: formatFiscalYearIn({ fy: kpi.target.fy, locale }) })}
                    </span>
                  </td>
                  <td>
                    {kpi.actuals.length === 0 ? (
                      <span className="muted">{t('action.notMeasured')}</span>
                    ) : (
                      <ul className="actuals">
                        {kpi.actuals.map((actual) => (
                          <li key={`${actual.date}-${actual.value}`}>
                            <PlanText>{formatFigure(actual.value, kpi.unit)}</PlanText>
                            <span className="cell-note">
                              {t('action.asOf', { date: formatReportDate(actual.date, locale) })}
                            </span>
                            {actual.hypothetical && (
                              <span className="marker marker--hypothetical">{t('action.hypothetical')}</span>
                            )}
                            {latest && latest.date === actual.date && latest.value === actual.value && (
                              <span className="marker">{t('action.usedActual')}</span>
                            )}
                            {actual.note &&
                              actual.note !== `${formatJapaneseDateOrYearEnd(actual.date)}時点` && (
                                <span className="cell-note">
                                  <PlanText>{actual.note}</PlanText>
                                </span>
                              )}
                          </li>
                        ))}
                      </ul>
                    )}
                  </td>
                  <td>{basis ? formatKpiBasis({ basis, direction: kpi.direction, locale }) : <NoValue />}</td>
                  <td className="kpi-table__rate">
                    {kpiEvaluation?.result ? (
                      <>
                        <span className="kpi-table__figure">
                          <RateValue result={kpiEvaluation.result} />
                          <RatingBadge rating={kpiEvaluation.result.rating} />
                        </span>
                        <span className="cell-note">
                          <PlanText>{kpiEvaluation.result.explanation}</PlanText>
                        </span>
                      </>
                    ) : (
                      <>
                        <NoValue />
                        {kpiEvaluation?.notice && (
                          <span className="cell-note">
                            <PlanText>{kpiEvaluation.notice}</PlanText>
                          </span>
                        )}
                      </>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </Section>
  );
}

function Assessment({
  evaluation,
  period,
}: {
  evaluation: Evaluation;
  period: { startFy: number; endFy: number };
}) {
  const { t, locale } = useAreaMessages(pagesMessages);
  const { result, reason } = evaluation.assessment;
  return (
    <Section id="action-assessment" title={t('action.assessment')}>
      {result ? (
        <table className="data-table key-value key-value--wide">
          <caption className="visually-hidden">{t('action.assessmentCaption')}</caption>
          <tbody>
            <tr>
              <th scope="row">{t('action.assessmentOf', { period: formatPeriod({ period, locale }) })}</th>
              <td>
                <span className="kpi-table__figure">
                  <RateValue result={result} />
                  <RatingBadge rating={result.rating} />
                </span>
              </td>
            </tr>
            <tr>
              <th scope="row">{t('action.assessmentReason')}</th>
              <td className="preserve-lines">{reason ? <PlanText>{reason}</PlanText> : <NoValue />}</td>
            </tr>
          </tbody>
        </table>
      ) : (
        <p>{t('common.noAssessment')}</p>
      )}
    </Section>
  );
}

function Schedule({ action, period }: { action: Action; period: { startFy: number; endFy: number } }) {
  const { t, locale } = useAreaMessages(pagesMessages);
  const rows = action.schedule ?? [];
  if (rows.length === 0) return null;
  const years = new Set<number>();
  for (let fy = period.startFy; fy <= period.endFy; fy++) years.add(fy);
  for (const row of rows) for (const entry of row.entries) years.add(entry.fy);
  const columns = [...years].sort((a, b) => a - b);
  return (
    <Section id="action-schedule" title={t('action.schedule')}>
      <div className="table-scroll">
        <table className="data-table schedule-table">
          <caption className="visually-hidden">
            <Message
              text={t('action.scheduleCaption')}
              values={{ title: <PlanText>{action.title}</PlanText> }}
            />
          </caption>
          <thead>
            <tr>
              <th scope="col">{t('action.scheduleItem')}</th>
              {columns.map((fy) => (
                <th scope="col" key={fy}>
                  {formatFiscalYearIn({ fy, locale })}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.item}>
                <th scope="row">
                  <PlanText>{row.item}</PlanText>
                </th>
                {columns.map((fy) => {
                  const texts = row.entries.filter((entry) => entry.fy === fy).map((entry) => entry.text);
                  return (
                    <td key={fy}>
                      {texts.length > 0 ? <PlanText>{texts.join('、')}</PlanText> : <NoValue />}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Section>
  );
}
