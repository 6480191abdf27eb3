import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { type ReactNode, useEffect } from 'react';
import type { Locale } from '../../domain/locale';
import type { ActionSummary, PlanDetailResponse, PlanTreeNode } from '../../server/plans/plans.schemas';
import { planExportUrl, planQuery } from '../api';
import { Breadcrumbs } from '../components/Breadcrumbs';
import { Message } from '../components/Message';
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
import { useAreaMessages } from '../i18n/i18n';
import { PlanText } from '../i18n/PlanText';
import { PlanDashboardLinks } from './dashboard/PlanDashboardLinks';
import { PlanEditingLinks } from './editing/PlanEditingLinks';
import { EffectsLinks } from './effects/EffectsLinks';
import { type PagesTranslate, pagesMessages } from './pages.messages';
import { PlanReportsSection } from './reports/PlanReportsSection';
import { PlanRoundsPanel } from './rounds/PlanRoundsPanel';

type PlanDetail = PlanDetailResponse['plan'];
type Rating = PlanDetailResponse['ratings'][number];

export function PlanPage({ planId }: { planId: string }) {
  const query = useQuery(planQuery(planId));
  const { t } = useAreaMessages(pagesMessages);
  if (query.isError) {
    return <ErrorState error={query.error} subject="plan" onRetry={() => void query.refetch()} />;
  }
  if (!query.data) return <Loading label={t('plan.loading')} />;
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
  const { t, locale } = useAreaMessages(pagesMessages);
  const { plan, ratings, total, nodes, actions } = data;
  useDocumentTitle(formatPageTitle(plan.title));
  useScrollToHashOnMount();
  const isEmpty = total.actionCount === 0;
  const level = <PlanText>{plan.actionLevel}</PlanText>;

  return (
    <>
      <Breadcrumbs
        items={[
          { key: 'home', content: <Link to="/">{t('common.plans')}</Link> },
          { key: 'plan', content: <PlanText>{plan.title}</PlanText> },
        ]}
      />
      <p className="eyebrow">
        <PlanText>
          {plan.municipality.prefecture} {plan.municipality.name}
        </PlanText>
      </p>
      <h1>
        <PlanText>{plan.title}</PlanText>
      </h1>
      <dl className="meta-list">
        <div>
          <dt>{t('plan.period')}</dt>
          <dd>{formatPeriod({ period: plan.period, locale })}</dd>
        </div>
        {plan.phases.length > 0 && (
          <div>
            <dt>{t('plan.phases')}</dt>
            <dd>
              <ul className="inline-list">
                {plan.phases.map((phase) => (
                  <li key={phase.name}>
                    <Message
                      text={t('plan.phase')}
                      values={{
                        name: <PlanText>{phase.name}</PlanText>,
                        period: formatPeriod({ period: phase, locale }),
                      }}
                    />
                  </li>
                ))}
              </ul>
            </dd>
          </div>
        )}
        <div>
          <dt>
            <Message text={t('plan.actionCount')} values={{ level }} />
          </dt>
          <dd>{t('common.count', { count: plan.actionCount })}</dd>
        </div>
      </dl>
      <p>
        <a className="button button--secondary" href={planExportUrl(plan.id)} download>
          {t('plan.download')}
        </a>
      </p>
      <PlanRoundsPanel plan={plan} />
      <EffectsLinks municipalityId={plan.municipality.id} name={plan.municipality.name} />

      <PlanEditingLinks plan={plan} />
      <PlanDashboardLinks planId={plan.id} />
      <PlanPrinciples plan={plan} />
      <PlanReportsSection plan={plan} />

      <section className="section" aria-labelledby="plan-rating-summary">
        <h2 id="plan-rating-summary">{t('plan.ratingSummary')}</h2>
        {isEmpty ? (
          <p className="notice">
            <Message text={t('plan.emptyPlan')} values={{ level }} />
          </p>
        ) : (
          <>
            <p>
              <Message text={t('plan.ratingLead')} values={{ level, count: total.actionCount }} />
            </p>
            <RatingCounts ratings={ratings} counts={total.counts} label={t('plan.ratingCountsLabel')} />
          </>
        )}
        <RatingScaleTable plan={plan} ratings={ratings} />
      </section>

      {nodes.map((node) => (
        <PlanNodeSection key={node.key} node={node} plan={plan} ratings={ratings} headingLevel={2} />
      ))}

      {actions.length > 0 && (
        <section className="section" aria-labelledby="plan-actions">
          <h2 id="plan-actions">
            <Message text={t('plan.actionList')} values={{ level }} />
          </h2>
          <ActionTable
            plan={plan}
            actions={actions}
            caption={
              <Message
                text={t('plan.actionsOf')}
                values={{ name: <PlanText>{plan.title}</PlanText>, level }}
              />
            }
          />
        </section>
      )}

      {plan.sources.length > 0 && (
        <details className="disclosure">
          <summary>{t('plan.sources')}</summary>
          <ul {...dataLang(locale)}>
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
  const { t, locale } = useAreaMessages(pagesMessages);
  const { mission, vision, values } = plan;
  if (!mission && !vision && values.length === 0) return null;
  const groups = groupVisionItems(vision?.items ?? []);
  return (
    <section className="section" aria-labelledby="plan-principles">
      <h2 id="plan-principles">{t('plan.principles')}</h2>
      {mission && (
        <details className="disclosure">
          <summary>{t('plan.mission')}</summary>
          <div {...dataLang(locale)}>
            <Paragraphs text={mission} />
          </div>
        </details>
      )}
      {vision && (
        <details className="disclosure">
          <summary>{t('plan.vision')}</summary>
          {vision.statement && (
            <div {...dataLang(locale)}>
              <Paragraphs text={vision.statement} />
            </div>
          )}
          {groups.map((group) => (
            <div key={group.key} {...dataLang(locale)}>
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
          <summary>{t('plan.values')}</summary>
          <ul {...dataLang(locale)}>
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
  const { t } = useAreaMessages(pagesMessages);
  const scale = plan.evaluation.ratingScale;
  const unrated = ratings.find((rating) => rating.kind === 'unrated');
  return (
    <details className="disclosure">
      <summary>{t('plan.scale')}</summary>
      <table className="data-table data-table--compact">
        <caption className="visually-hidden">{t('plan.scaleCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('plan.rating')}</th>
            <th scope="col">{t('common.rate')}</th>
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
                <td>{describeBand({ min: band.min, upper: upper ?? null, t })}</td>
              </tr>
            );
          })}
          {unrated && (
            <tr>
              <th scope="row">
                <RatingBadge rating={unrated} />
              </th>
              <td>{t('plan.unratedRange')}</td>
            </tr>
          )}
        </tbody>
      </table>
    </details>
  );
}

function describeBand({ min, upper, t }: { min: number; upper: number | null; t: PagesTranslate }): string {
  if (upper === null) return t('plan.bandFrom', { min: formatBound(min) });
  if (min === 0) return t('plan.bandBelow', { max: formatBound(upper) });
  return t('plan.bandBetween', { min: formatBound(min), max: formatBound(upper) });
}

/** The plan's own paragraphs and lists are Japanese whatever the screen's language (WCAG 3.1.2). */
function dataLang(locale: Locale): { lang?: 'ja' } {
  return locale === 'en' ? { lang: 'ja' } : {};
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
  const { t } = useAreaMessages(pagesMessages);
  const Heading = headingTag(headingLevel);
  const levelName = plan.levels[node.depth] ?? '';
  const anchor = nodeAnchor(node.key);
  const name = formatNumbered(node);
  const isEmpty = node.evaluation.actionCount === 0;
  const level = <PlanText>{plan.actionLevel}</PlanText>;
  return (
    <section
      id={anchor}
      className={`plan-node plan-node--depth-${node.depth}`}
      aria-labelledby={`${anchor}-heading`}
    >
      <Heading id={`${anchor}-heading`} className="plan-node__heading">
        <PlanText>
          {levelName && <span className="level-name">{levelName}</span>}
          {name}
        </PlanText>
      </Heading>
      {node.description && (
        <p className="plan-node__description">
          <PlanText>{node.description}</PlanText>
        </p>
      )}
      {isEmpty ? (
        <p className="plan-node__empty">
          <Message
            text={t('plan.emptyNode')}
            values={{ node: levelName ? <PlanText>{levelName}</PlanText> : t('plan.item'), level }}
          />
        </p>
      ) : (
        <div className="plan-node__summary">
          <span>
            <Message text={t('common.levelCount')} values={{ level, count: node.evaluation.actionCount }} />
          </span>
          <RatingCounts
            ratings={ratings}
            counts={node.evaluation.counts}
            label={t('plan.nodeCountsLabel', { name })}
            hideZero
          />
        </div>
      )}
      {node.actions.length > 0 && (
        <ActionTable
          plan={plan}
          actions={node.actions}
          caption={
            <Message text={t('plan.actionsOf')} values={{ name: <PlanText>{name}</PlanText>, level }} />
          }
        />
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
  caption: ReactNode;
}) {
  const { t } = useAreaMessages(pagesMessages);
  return (
    <div className="table-scroll">
      <table className="data-table action-table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col" className="action-table__number">
              {t('plan.number')}
            </th>
            <th scope="col">
              <Message
                text={t('plan.actionTitle')}
                values={{ level: <PlanText>{plan.actionLevel}</PlanText> }}
              />
            </th>
            <th scope="col" className="action-table__owners">
              {t('common.owners')}
            </th>
            <th scope="col" className="numeric action-table__rate">
              {t('plan.rateShort')}
            </th>
            <th scope="col" className="action-table__rating">
              {t('plan.ratingShort')}
            </th>
            <th scope="col" className="action-table__basis">
              {t('plan.basis')}
            </th>
            <th scope="col" className="action-table__references">
              {t('plan.references')}
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
  const { t, locale } = useAreaMessages(pagesMessages);
  return (
    <tr data-testid={`action-row-${action.key}`}>
      <td className="action-table__number">{action.number}</td>
      <th scope="row" className="action-table__title">
        <Link to="/plans/$planId/actions/$actionKey" params={{ planId, actionKey: action.key }}>
          <PlanText>{action.title}</PlanText>
        </Link>
        {action.flagCount > 0 && (
          <span className="marker marker--notice">{t('plan.flags', { count: action.flagCount })}</span>
        )}
      </th>
      <td>
        {action.owners.length > 0 ? (
          <PlanText>{action.owners.map((owner) => owner.name).join('・')}</PlanText>
        ) : (
          <NoValue />
        )}
      </td>
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
  const { t } = useAreaMessages(pagesMessages);
  if (action.kpiShown === null && action.tasksShown === null && action.assessmentShown === null)
    return <NoValue />;
  return (
    <dl className="reference-rates">
      <div>
        <dt>{t('plan.reference.kpi')}</dt>
        <dd>{formatOptionalRate(action.kpiShown)}</dd>
      </div>
      <div>
        <dt>{t('plan.reference.tasks')}</dt>
        <dd>{formatOptionalRate(action.tasksShown)}</dd>
      </div>
      <div>
        <dt>{t('plan.reference.assessment')}</dt>
        <dd>{formatOptionalRate(action.assessmentShown)}</dd>
      </div>
    </dl>
  );
}
