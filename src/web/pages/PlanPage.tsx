import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useEffect } from 'react';
import type { ActionSummary, PlanDetailResponse, PlanTreeNode } from '../../server/plans/plans.schemas';
import { planExportUrl, planQuery } from '../api';
import { Breadcrumbs } from '../components/Breadcrumbs';
import { NoValue, RateValue } from '../components/RateValue';
import { RatingBadge, RatingScale } from '../components/RatingBadge';
import { RatingCounts } from '../components/RatingCounts';
import { ErrorState, Loading } from '../components/StatusViews';
import {
  BASIS_SHORT_LABELS,
  formatNumbered,
  formatOptionalRate,
  formatPageTitle,
  formatPeriod,
  nodeAnchor,
} from '../format';
import { useDocumentTitle } from '../hooks';
import { useI18n } from '../i18n/i18n';
import { PlanDashboardLinks } from './dashboard/PlanDashboardLinks';
import { PlanEditingLinks } from './editing/PlanEditingLinks';
import { EffectsLinks } from './effects/EffectsLinks';
import { PlanReportsSection } from './reports/PlanReportsSection';
import { PlanRoundsPanel } from './rounds/PlanRoundsPanel';

type PlanDetail = PlanDetailResponse['plan'];
type Rating = PlanDetailResponse['ratings'][number];

export function PlanPage({ planId }: { planId: string }) {
  const query = useQuery(planQuery(planId));
  if (query.isError) {
    return <ErrorState error={query.error} subject="plan" onRetry={() => void query.refetch()} />;
  }
  if (!query.data) return <Loading label="計画を読み込んでいます…" />;
  return (
    <RatingScale ratings={query.data.ratings}>
      <PlanView data={query.data} />
    </RatingScale>
  );
}

/** The nodes exist only once the data has arrived, so a #node-… link from an action page is followed then. */
function useScrollToHashOnMount() {
  useEffect(() => {
    const id = decodeURIComponent(window.location.hash.slice(1));
    if (id) document.getElementById(id)?.scrollIntoView();
  }, []);
}

function PlanView({ data }: { data: PlanDetailResponse }) {
  const { locale } = useI18n();
  const { plan, ratings, total, nodes, actions } = data;
  useDocumentTitle(formatPageTitle(plan.title));
  useScrollToHashOnMount();
  const isEmpty = total.actionCount === 0;

  return (
    <>
      <Breadcrumbs
        items={[
          { key: 'home', content: <Link to="/">計画一覧</Link> },
          { key: 'plan', content: plan.title },
        ]}
      />
      <p className="eyebrow">
        {plan.municipality.prefecture} {plan.municipality.name}
      </p>
      <h1>{plan.title}</h1>
      <dl className="meta-list">
        <div>
          <dt>計画期間</dt>
          <dd>{formatPeriod({ period: plan.period, locale })}</dd>
        </div>
        {plan.phases.length > 0 && (
          <div>
            <dt>期の区分</dt>
            <dd>
              <ul className="inline-list">
                {plan.phases.map((phase) => (
                  <li key={phase.name}>
                    {phase.name}（{formatPeriod({ period: phase, locale })}）
                  </li>
                ))}
              </ul>
            </dd>
          </div>
        )}
        <div>
          <dt>{plan.actionLevel}数</dt>
          <dd>{plan.actionCount}件</dd>
        </div>
      </dl>
      <p>
        <a className="button button--secondary" href={planExportUrl(plan.id)} download>
          計画データをダウンロード（JSON形式）
        </a>
      </p>
      <PlanRoundsPanel plan={plan} />
      <EffectsLinks municipalityId={plan.municipality.id} name={plan.municipality.name} />

      <PlanEditingLinks plan={plan} />
      <PlanDashboardLinks planId={plan.id} />
      <PlanPrinciples plan={plan} />
      <PlanReportsSection plan={plan} />

      <section className="section" aria-labelledby="plan-rating-summary">
        <h2 id="plan-rating-summary">評価の状況</h2>
        {isEmpty ? (
          <p className="notice">
            この計画には、まだ{plan.actionLevel}が登録されていません。
            {plan.actionLevel}が登録されると、ここに評価区分ごとの件数が表示されます。
          </p>
        ) : (
          <>
            <p>
              計画全体の{plan.actionLevel}
              {total.actionCount}件の評価区分ごとの件数です。
            </p>
            <RatingCounts ratings={ratings} counts={total.counts} label="計画全体の評価区分ごとの件数" />
          </>
        )}
        <RatingScaleTable plan={plan} ratings={ratings} />
      </section>

      {nodes.map((node) => (
        <PlanNodeSection key={node.key} node={node} plan={plan} ratings={ratings} headingLevel={2} />
      ))}

      {actions.length > 0 && (
        <section className="section" aria-labelledby="plan-actions">
          <h2 id="plan-actions">{plan.actionLevel}の一覧</h2>
          <ActionTable plan={plan} actions={actions} caption={`${plan.title}の${plan.actionLevel}`} />
        </section>
      )}

      {plan.sources.length > 0 && (
        <details className="disclosure">
          <summary>この計画データの出典</summary>
          <ul>
            {plan.sources.map((source) => (
              <li key={source}>{source}</li>
            ))}
          </ul>
        </details>
      )}
    </>
  );
}

function Paragraphs({ text }: { text: string }) {
  // Keyed by where each paragraph starts in the text: stable, and unique even when two lines repeat.
  const paragraphs: { start: number; line: string }[] = [];
  let start = 0;
  for (const line of text.split('\n')) {
    if (line.trim() !== '') paragraphs.push({ start, line });
    start += line.length + 1;
  }
  return (
    <>
      {paragraphs.map((paragraph) => (
        <p key={paragraph.start}>{paragraph.line}</p>
      ))}
    </>
  );
}

/** Mission, vision and values where the city has them (鹿島市), each behind its own disclosure. */
function PlanPrinciples({ plan }: { plan: PlanDetail }) {
  const { mission, vision, values } = plan;
  if (!mission && !vision && values.length === 0) return null;
  const groups = groupVisionItems(vision?.items ?? []);
  return (
    <section className="section" aria-labelledby="plan-principles">
      <h2 id="plan-principles">計画の理念</h2>
      {mission && (
        <details className="disclosure">
          <summary>ミッション（計画の目的）</summary>
          <Paragraphs text={mission} />
        </details>
      )}
      {vision && (
        <details className="disclosure">
          <summary>ビジョン（目指す姿）</summary>
          {vision.statement && <Paragraphs text={vision.statement} />}
          {groups.map((group) => (
            <div key={group.key}>
              {group.name && <h3>{group.name}</h3>}
              <ul>
                {group.items.map((item) => (
                  <li key={item}>{item}</li>
                ))}
              </ul>
            </div>
          ))}
        </details>
      )}
      {values.length > 0 && (
        <details className="disclosure">
          <summary>バリュー（行動指針）</summary>
          <ul>
            {values.map((value) => (
              <li key={value}>{value}</li>
            ))}
          </ul>
        </details>
      )}
    </section>
  );
}

function groupVisionItems(items: { group?: string | undefined; text: string }[]) {
  const groups: { key: string; name: string | undefined; items: string[] }[] = [];
  items.forEach((item, index) => {
    const last = groups.at(-1);
    if (last && last.name === item.group) last.items.push(item.text);
    else groups.push({ key: `${index}-${item.group ?? ''}`, name: item.group, items: [item.text] });
  });
  return groups;
}

/** The seed's 表記 / 達成率 table, from the plan's own thresholds. */
function RatingScaleTable({ plan, ratings }: { plan: PlanDetail; ratings: Rating[] }) {
  const scale = plan.evaluation.ratingScale;
  const unrated = ratings.find((rating) => rating.kind === 'unrated');
  return (
    <details className="disclosure">
      <summary>評価区分の基準</summary>
      <table className="data-table data-table--compact">
        <caption className="visually-hidden">評価区分と達成率の範囲</caption>
        <thead>
          <tr>
            <th scope="col">評価区分</th>
            <th scope="col">達成率</th>
          </tr>
        </thead>
        <tbody>
          {scale.map((band, index) => {
            const upper = index === 0 ? null : scale[index - 1]?.min;
            const rating = ratings.find((candidate) => candidate.key === band.key) ?? {
              key: band.key,
              label: band.label,
              kind: 'band' as const,
            };
            return (
              <tr key={band.key}>
                <th scope="row">
                  <RatingBadge rating={rating} />
                </th>
                <td>{describeBand(band.min, upper ?? null)}</td>
              </tr>
            );
          })}
          {unrated && (
            <tr>
              <th scope="row">
                <RatingBadge rating={unrated} />
              </th>
              <td>評価に使える数値（指標の実績値、タスクの進捗、総括評価）がまだないもの</td>
            </tr>
          )}
        </tbody>
      </table>
    </details>
  );
}

function describeBand(min: number, upper: number | null): string {
  const lower = `${formatBound(min)}以上`;
  if (upper === null) return lower;
  if (min === 0) return `${formatBound(upper)}未満`;
  return `${lower}〜${formatBound(upper)}未満`;
}

function formatBound(value: number): string {
  return `${value}%`;
}

type HeadingTag = 'h2' | 'h3' | 'h4' | 'h5' | 'h6';

function headingTag(level: number): HeadingTag {
  return `h${Math.min(Math.max(level, 2), 6)}` as HeadingTag;
}

function PlanNodeSection({
  node,
  plan,
  ratings,
  headingLevel,
}: {
  node: PlanTreeNode;
  plan: PlanDetail;
  ratings: Rating[];
  headingLevel: number;
}) {
  const Heading = headingTag(headingLevel);
  const levelName = plan.levels[node.depth] ?? '';
  const anchor = nodeAnchor(node.key);
  const name = formatNumbered(node);
  const isEmpty = node.evaluation.actionCount === 0;
  return (
    <section
      id={anchor}
      className={`plan-node plan-node--depth-${node.depth}`}
      aria-labelledby={`${anchor}-heading`}
    >
      <Heading id={`${anchor}-heading`} className="plan-node__heading">
        {levelName && <span className="level-name">{levelName}</span>}
        {name}
      </Heading>
      {node.description && <p className="plan-node__description">{node.description}</p>}
      {isEmpty ? (
        <p className="plan-node__empty">
          この{levelName || '項目'}には、まだ{plan.actionLevel}が登録されていません。
        </p>
      ) : (
        <div className="plan-node__summary">
          <span>
            {plan.actionLevel} {node.evaluation.actionCount}件
          </span>
          <RatingCounts
            ratings={ratings}
            counts={node.evaluation.counts}
            label={`${name}の評価区分ごとの件数`}
            hideZero
          />
        </div>
      )}
      {node.actions.length > 0 && (
        <ActionTable plan={plan} actions={node.actions} caption={`${name}の${plan.actionLevel}`} />
      )}
      {node.children.map((child) => (
        <PlanNodeSection
          key={child.key}
          node={child}
          plan={plan}
          ratings={ratings}
          headingLevel={headingLevel + 1}
        />
      ))}
    </section>
  );
}

function ActionTable({
  plan,
  actions,
  caption,
}: {
  plan: PlanDetail;
  actions: ActionSummary[];
  caption: string;
}) {
  return (
    <div className="table-scroll">
      <table className="data-table action-table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col" className="action-table__number">
              番号
            </th>
            <th scope="col">{plan.actionLevel}名</th>
            <th scope="col" className="action-table__owners">
              担い手
            </th>
            <th scope="col" className="numeric action-table__rate">
              達成率
            </th>
            <th scope="col" className="action-table__rating">
              評価
            </th>
            <th scope="col" className="action-table__basis">
              評価根拠
            </th>
            <th scope="col" className="action-table__references">
              参考にする進捗率
            </th>
          </tr>
        </thead>
        <tbody>
          {actions.map((action) => (
            <ActionRow key={action.key} planId={plan.id} action={action} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

function ActionRow({ planId, action }: { planId: string; action: ActionSummary }) {
  const { locale } = useI18n();
  return (
    <tr data-testid={`action-row-${action.key}`}>
      <td className="action-table__number">{action.number}</td>
      <th scope="row" className="action-table__title">
        <Link to="/plans/$planId/actions/$actionKey" params={{ planId, actionKey: action.key }}>
          {action.title}
        </Link>
        {action.flagCount > 0 && <span className="marker marker--notice">確認事項 {action.flagCount}件</span>}
      </th>
      <td>{action.owners.length > 0 ? action.owners.map((owner) => owner.name).join('・') : <NoValue />}</td>
      <td className="numeric">
        <RateValue result={action.result} />
      </td>
      <td>
        <RatingBadge rating={action.rating} />
      </td>
      <td>{action.basis ? BASIS_SHORT_LABELS[locale][action.basis] : <NoValue />}</td>
      <td>
        <ReferenceRates action={action} />
      </td>
    </tr>
  );
}

/** The three reference rates, small; a single — when the action has none of them yet. */
function ReferenceRates({ action }: { action: ActionSummary }) {
  if (action.kpiShown === null && action.tasksShown === null && action.assessmentShown === null)
    return <NoValue />;
  return (
    <dl className="reference-rates">
      <div>
        <dt>目標(値)</dt>
        <dd>{formatOptionalRate(action.kpiShown)}</dd>
      </div>
      <div>
        <dt>タスク</dt>
        <dd>{formatOptionalRate(action.tasksShown)}</dd>
      </div>
      <div>
        <dt>総括</dt>
        <dd>{formatOptionalRate(action.assessmentShown)}</dd>
      </div>
    </dl>
  );
}
