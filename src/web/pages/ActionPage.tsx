import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import type { ReactNode } from 'react';
import {
  formatFiscalYear,
  formatFiscalYearShort,
  formatJapaneseDateOrYearEnd,
} from '../../domain/fiscal-year';
import type { ActionDetailResponse, RateResultView } from '../../server/plans/plans.schemas';
import { actionQuery } from '../api';
import { Breadcrumbs } from '../components/Breadcrumbs';
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
import { useI18n } from '../i18n/i18n';
import { KpiCharts } from './dashboard/KpiCharts';
import { ActionPageExtras } from './editing/ActionPageExtras';
import { ActionEffects } from './effects/ActionEffects';
import { ActionReportSection } from './reports/ActionReportSection';
import { ActionEvidenceGallery } from './rounds/ActionEvidenceGallery';

type Action = ActionDetailResponse['action'];
type Evaluation = ActionDetailResponse['evaluation'];
type Task = Action['tasks'][number];

export function ActionPage({ planId, actionKey }: { planId: string; actionKey: string }) {
  const query = useQuery(actionQuery(planId, actionKey));
  if (query.isError) {
    return (
      <ErrorState error={query.error} subject="action" planId={planId} onRetry={() => void query.refetch()} />
    );
  }
  if (!query.data) return <Loading label="アクションを読み込んでいます…" />;
  return (
    <RatingScale ratings={query.data.ratings}>
      <ActionView data={query.data} />
    </RatingScale>
  );
}

function ActionView({ data }: { data: ActionDetailResponse }) {
  const { plan, path, action, departments, evaluation } = data;
  const name = formatNumbered(action);
  useDocumentTitle(formatPageTitle(name, plan.title));
  const departmentNames = new Map(departments.map((department) => [department.key, department.name]));
  const departmentName = (key: string) => departmentNames.get(key) ?? key;

  return (
    <>
      <Breadcrumbs
        items={[
          { key: 'home', content: <Link to="/">計画一覧</Link> },
          {
            key: 'plan',
            content: (
              <Link to="/plans/$planId" params={{ planId: plan.id }}>
                {plan.title}
              </Link>
            ),
          },
          ...path.map((node) => ({
            key: `node-${node.key}`,
            content: (
              <Link to="/plans/$planId" params={{ planId: plan.id }} hash={nodeAnchor(node.key)}>
                {formatNumbered(node)}
              </Link>
            ),
          })),
          { key: 'action', content: name },
        ]}
      />
      <p className="eyebrow">
        {plan.title}の{plan.actionLevel}
      </p>
      <h1>{name}</h1>

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
          <h2 id="action-note">備考</h2>
          <p className="preserve-lines">{action.note}</p>
        </section>
      )}
      <ActionPageExtras plan={plan} actionKey={action.key} />
      <p className="back-link">
        <Link to="/plans/$planId" params={{ planId: plan.id }}>
          「{plan.title}」へ戻る
        </Link>
      </p>
    </>
  );
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
  const rows: { label: string; value: string | undefined }[] = [
    { label: '目指すこと', value: action.aim },
    { label: 'やること', value: action.approach },
    { label: '目標(値)', value: action.target },
    { label: '担い手', value: action.owners.map(departmentName).join('・') },
  ];
  return (
    <Section id="action-overview" title="概要">
      <table className="data-table key-value">
        <caption className="visually-hidden">{action.title}の概要</caption>
        <tbody>
          {rows.map((row) => (
            <tr key={row.label}>
              <th scope="row">{row.label}</th>
              <td className="preserve-lines">{row.value ? row.value : <NoValue />}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Section>
  );
}

function ResultBox({ evaluation }: { evaluation: Evaluation }) {
  const { locale } = useI18n();
  const { result, rating, basis } = evaluation;
  return (
    <section className="result-box" aria-labelledby="action-result-heading" data-testid="action-result">
      <h2 id="action-result-heading">目標達成率</h2>
      <div className="result-box__main">
        <RatingBadge rating={rating} size="large" />
        <p className="result-box__rate">
          <span className="result-box__rate-label">達成率</span>
          <RateValue result={result} size="large" />
        </p>
      </div>
      <dl className="result-box__details">
        <div>
          <dt>評価根拠</dt>
          <dd>{basis ? BASIS_LABELS[locale][basis] : 'なし'}</dd>
        </div>
        <div>
          <dt>根拠とした理由</dt>
          <dd>{evaluation.basisReason}</dd>
        </div>
      </dl>
      {result && <ResultNotes result={result} />}
    </section>
  );
}

function ResultNotes({ result }: { result: RateResultView }) {
  if (!result.projection && !result.hypothetical) return null;
  return (
    <ul className="result-box__notes">
      {result.projection && (
        <li>見込み：まだ終わっていない年度の予定・想定の値を含むため、確定した結果ではありません。</li>
      )}
      {result.hypothetical && <li>仮定値：資料が仮定として示した数値にもとづく結果です。</li>}
    </ul>
  );
}

/** 確認事項: what the engine found questionable, e.g. a stated total that its own figures do not give. */
function Flags({ flags }: { flags: Evaluation['flags'] }) {
  if (flags.length === 0) return null;
  return (
    <section className="notice-box" aria-labelledby="action-flags">
      <h2 id="action-flags">
        <span className="notice-box__icon" aria-hidden="true">
          !
        </span>
        確認事項
      </h2>
      <p>資料に記載された数値と計算結果の違いなど、確認が必要な点があります。</p>
      <ul>
        {flags.map((flag) => (
          <li key={`${flag.code}-${flag.message}`}>{flag.message}</li>
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
  const cards: RateCard[] = [
    {
      basis: 'kpi',
      testId: 'rate-card-kpi',
      result: evaluation.kpi.result,
      empty:
        evaluation.kpi.kpis.length === 0
          ? '目標(値)に数値の指標がないため、算定できません。'
          : '指標の実績値がないため、算定できません。',
      extra: evaluation.kpi.result === null && evaluation.kpi.kpis.some((kpi) => kpi.notice) && (
        <ul className="rate-card__notices" aria-label="指標ごとの状況">
          {evaluation.kpi.kpis.map((kpi) =>
            kpi.notice ? <li key={kpi.kpiKey}>{`「${kpi.name}」：${kpi.notice}`}</li> : null,
          )}
        </ul>
      ),
    },
    {
      basis: 'tasks',
      testId: 'rate-card-tasks',
      result: evaluation.tasks.result,
      empty:
        evaluation.tasks.years.length === 0
          ? '年度タスクが登録されていません。'
          : 'タスクの進捗がまだ記録されていません。',
      extra: evaluation.tasks.years.length > 0 && (
        <ul className="year-means" aria-label="年度ごとの平均進捗率">
          {evaluation.tasks.years.map((year) => (
            <li key={year.fy}>
              <span>{formatFiscalYearShort(year.fy)}平均</span>{' '}
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
      empty: '総括評価はまだ入力されていません。',
    },
  ];
  return (
    <Section id="reference-rates" title="評価を行うために参考にする進捗率">
      <ul className="rate-cards">
        {cards.map((card) => (
          <RateCardView key={card.basis} card={card} used={evaluation.basis === card.basis} />
        ))}
      </ul>
    </Section>
  );
}

function RateCardView({ card, used }: { card: RateCard; used: boolean }) {
  const { locale } = useI18n();
  const { result } = card;
  return (
    <li className={used ? 'rate-card rate-card--used' : 'rate-card'} data-testid={card.testId}>
      <h3 className="rate-card__title">{BASIS_LABELS[locale][card.basis]}</h3>
      {used ? (
        <p className="rate-card__tag rate-card__tag--used">
          <span aria-hidden="true">✓ </span>この評価に使用
        </p>
      ) : (
        result && <p className="rate-card__tag">参考</p>
      )}
      <p className="rate-card__figure">
        <RateValue result={result} size="large" />
        {result && <RatingBadge rating={result.rating} />}
      </p>
      {result ? (
        <p className="rate-card__explanation">
          <span className="visually-hidden">算定方法：</span>
          {result.explanation}
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
  const { locale } = useI18n();
  const years = [
    ...new Set([...action.tasks.map((task) => task.fy), ...evaluation.tasks.years.map((year) => year.fy)]),
  ].sort((a, b) => a - b);
  const total = evaluation.tasks.result;
  const ratedYears = evaluation.tasks.years.filter((year) => year.result !== null).length;
  return (
    <Section id="action-tasks" title="各年度タスクの進捗">
      {years.length === 0 ? (
        <p>年度タスクは登録されていません。</p>
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
                ? `${formatYearCount({ count: ratedYears, locale })}の平均進捗率`
                : '平均進捗率'}
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
  const fyLabel = formatFiscalYear(fy);
  // The seed heads a year whose figures are all expected "令和8年度 予定"; a mixed year marks each row.
  const allExpected = tasks.length > 0 && tasks.every((task) => task.expected);
  const result = year?.result ?? null;
  return (
    <div className="task-year">
      <div className="table-scroll">
        <table className="data-table task-table">
          <caption>{fyLabel}のタスク</caption>
          <thead>
            <tr>
              <th scope="col" className="task-table__department">
                担当課
              </th>
              <th scope="col">{fyLabel} 計画</th>
              <th scope="col" className="numeric task-table__progress">
                {fyLabel} {allExpected ? '予定' : '実施'}
              </th>
            </tr>
          </thead>
          <tbody>
            {tasks.map((task, index) => (
              <tr key={task.key ?? `${task.department}-${index}`}>
                <td>{departmentName(task.department)}</td>
                <th scope="row" className="task-table__plan">
                  {task.planText}
                </th>
                <td className="numeric">
                  {task.progress === null ? (
                    <span className="muted">未記録</span>
                  ) : (
                    formatProgress(task.progress)
                  )}
                  {task.expected && !allExpected && <span className="marker marker--projection">予定</span>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="year-mean">
        <span>{formatFiscalYearShort(fy)}平均</span>{' '}
        <strong className="rate">{formatOptionalRate(result?.shown)}</strong>
        {result && <RateMarkers result={result} />}
        {year && year.recordedCount < year.taskCount && (
          <span className="muted">
            （{year.taskCount}件中{year.recordedCount}件の進捗を記録）
          </span>
        )}
      </p>
    </div>
  );
}

function Kpis({ action, evaluation }: { action: Action; evaluation: Evaluation }) {
  const { locale } = useI18n();
  if (action.kpis.length === 0) return null;
  const evaluations = new Map(evaluation.kpi.kpis.map((kpi) => [kpi.kpiKey, kpi]));
  return (
    <Section id="action-kpis" title="指標（KPI）">
      <div className="table-scroll">
        <table className="data-table kpi-table">
          <caption className="visually-hidden">{action.title}の指標</caption>
          <thead>
            <tr>
              <th scope="col" className="kpi-table__name">
                指標
              </th>
              <th scope="col" className="kpi-table__unit">
                単位
              </th>
              <th scope="col" className="kpi-table__baseline">
                基準値
              </th>
              <th scope="col" className="kpi-table__target">
                目標値
              </th>
              <th scope="col">実績値</th>
              <th scope="col" className="kpi-table__basis">
                算定基準
              </th>
              <th scope="col" className="kpi-table__rate">
                達成率
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
                    {kpi.name}
                    <span className="cell-note">{DIRECTION_LABELS[locale][kpi.direction]}</span>
                  </th>
                  <td>{kpi.unit || <NoValue />}</td>
                  <td>
                    {kpi.baseline ? (
                      <>
                        {formatFigure(kpi.baseline.value, kpi.unit)}
                        {(kpi.baseline.label || kpi.baseline.date) && (
                          <span className="cell-note">
                            {kpi.baseline.label ??
                              (kpi.baseline.date ? formatJapaneseDateOrYearEnd(kpi.baseline.date) : '')}
                          </span>
                        )}
                      </>
                    ) : (
                      <NoValue />
                    )}
                  </td>
                  <td>
                    {formatFigure(kpi.target.value, kpi.unit)}
                    <span className="cell-note">{formatFiscalYear(kpi.target.fy)}末</span>
                  </td>
                  <td>
                    {kpi.actuals.length === 0 ? (
                      <span className="muted">未計測</span>
                    ) : (
                      <ul className="actuals">
                        {kpi.actuals.map((actual) => (
                          <li key={`${actual.date}-${actual.value}`}>
                            {formatFigure(actual.value, kpi.unit)}
                            <span className="cell-note">{formatJapaneseDateOrYearEnd(actual.date)}時点</span>
                            {actual.hypothetical && (
                              <span className="marker marker--hypothetical">仮定値</span>
                            )}
                            {latest && latest.date === actual.date && latest.value === actual.value && (
                              <span className="marker">評価に使用</span>
                            )}
                            {actual.note &&
                              actual.note !== `${formatJapaneseDateOrYearEnd(actual.date)}時点` && (
                                <span className="cell-note">{actual.note}</span>
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
                        <span className="cell-note">{kpiEvaluation.result.explanation}</span>
                      </>
                    ) : (
                      <>
                        <NoValue />
                        {kpiEvaluation?.notice && <span className="cell-note">{kpiEvaluation.notice}</span>}
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
  const { locale } = useI18n();
  const { result, reason } = evaluation.assessment;
  return (
    <Section id="action-assessment" title="総括評価">
      {result ? (
        <table className="data-table key-value key-value--wide">
          <caption className="visually-hidden">総括評価とその理由</caption>
          <tbody>
            <tr>
              <th scope="row">{formatPeriod({ period, locale })}までの取り組み「総括評価」</th>
              <td>
                <span className="kpi-table__figure">
                  <RateValue result={result} />
                  <RatingBadge rating={result.rating} />
                </span>
              </td>
            </tr>
            <tr>
              <th scope="row">総括評価の理由</th>
              <td className="preserve-lines">{reason ?? <NoValue />}</td>
            </tr>
          </tbody>
        </table>
      ) : (
        <p>総括評価はまだ入力されていません。</p>
      )}
    </Section>
  );
}

function Schedule({ action, period }: { action: Action; period: { startFy: number; endFy: number } }) {
  const rows = action.schedule ?? [];
  if (rows.length === 0) return null;
  const years = new Set<number>();
  for (let fy = period.startFy; fy <= period.endFy; fy++) years.add(fy);
  for (const row of rows) for (const entry of row.entries) years.add(entry.fy);
  const columns = [...years].sort((a, b) => a - b);
  return (
    <Section id="action-schedule" title="実施スケジュール">
      <div className="table-scroll">
        <table className="data-table schedule-table">
          <caption className="visually-hidden">{action.title}の実施スケジュール</caption>
          <thead>
            <tr>
              <th scope="col">項目</th>
              {columns.map((fy) => (
                <th scope="col" key={fy}>
                  {formatFiscalYear(fy)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.item}>
                <th scope="row">{row.item}</th>
                {columns.map((fy) => {
                  const texts = row.entries.filter((entry) => entry.fy === fy).map((entry) => entry.text);
                  return <td key={fy}>{texts.length > 0 ? texts.join('、') : <NoValue />}</td>;
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Section>
  );
}
