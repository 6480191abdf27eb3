import type { ActionEvaluation, PlanEvaluation, Rating } from '../../domain/evaluation/index.js';
import { formatRate } from '../../domain/evaluation/numbers.js';
import {
  fiscalYearEnd,
  fiscalYearOfDate,
  fiscalYearStart,
  formatFiscalYearShort,
  formatJapaneseDateOrYearEnd,
} from '../../domain/fiscal-year.js';
import { forecastKpi } from '../../domain/forecast.js';
import { formatDateIn, formatFiscalYearIn, type Locale, translateRatingLabel } from '../../domain/locale.js';
import type { Action, EvaluationSettings, Kpi, PlanDocument, PlanNode } from '../../domain/plan.schemas.js';
import { listActions } from '../../domain/plan-tree.js';
import { buildPlanSchedule } from '../../domain/schedule.js';
import { getJapanDate } from '../dashboard/dashboard.models.js';
import type { ReportSection } from '../effects/effects.report-sections.js';
import { renderBarChartSvg, renderKpiChartSvg } from './portal.charts.js';
import { escapeHtml, renderParagraphs } from './portal.html.js';
import { createPortalTranslator, PORTAL_BASIS_LABELS, type Translate } from './portal.messages.js';
import {
  getEffectsDataPath,
  getOpenDataPath,
  getPortalPagePath,
  getRelativeHref,
  type OpenDataFile,
  PORTAL_STYLESHEET_PATH,
} from './portal.paths.js';

/*
 * The public portal as plain HTML: the same functions serve /public/… on the server and write the
 * static export. No script, no inline style, no outside resource; every page links to the others
 * relatively, so that the files work from any folder of any web server, and from disk.
 */

/** A published plan as the portal shows it: what it contains, its evaluation and when it is as of. */
export interface PortalPlan {
  municipality: { code: string; name: string; prefecture: string };
  document: PlanDocument;
  evaluation: PlanEvaluation;
  settings: EvaluationSettings;
  /** ISO timestamp: the plan's last change, or the close of the round whose snapshot is shown. */
  asOf: string;
  /** The closed progress round the content comes from; null when it is the plan as it stands. */
  round: { fy: number; month: number } | null;
  /** The effects tables (BPR, series, funding) the municipality has published, computed from their rows. */
  effects: PortalEffectsTable[];
}

export interface PortalEffectsTable {
  kind: string;
  id: string;
  section: ReportSection;
}

export interface PortalPlanListItem {
  municipality: { code: string; name: string; prefecture: string };
  slug: string;
  title: string;
  period: { startFy: number; endFy: number };
}

export interface RenderOptions {
  locale: Locale;
  /** The portal's public address (https://www.city.example.lg.jp/dx/), for OGP and canonical links. */
  baseUrl: string | null;
}

interface Breadcrumb {
  label: string;
  path: string | null;
  /** The plan's own words: Japanese, marked as such on an English page. */
  content?: boolean;
}

/**
 * The lang attribute for the plan's own words (titles, aims, names): they are Japanese, and an English
 * page says so, so that a screen reader reads them as Japanese (WCAG 3.1.2).
 */
function contentLang(locale: Locale): string {
  return locale === 'en' ? ' lang="ja"' : '';
}

/** The plan's own words as HTML text, in a span that says they are Japanese on an English page. */
function renderContent(text: string, locale: Locale): string {
  return locale === 'en' ? `<span lang="ja">${escapeHtml(text)}</span>` : escapeHtml(text);
}

function renderLayout({
  path,
  alternatePath,
  title,
  description,
  breadcrumbs,
  body,
  siteName,
  options,
  ogType = 'website',
}: {
  /** This page's path inside the portal. */
  path: string;
  /** The same page in the other language. */
  alternatePath: string;
  title: string;
  description: string;
  breadcrumbs: Breadcrumb[];
  body: string;
  siteName: string;
  options: RenderOptions;
  ogType?: 'website' | 'article';
}): string {
  const { locale, baseUrl } = options;
  const t = createPortalTranslator(locale);
  const href = (to: string) => escapeHtml(getRelativeHref({ from: path, to }));
  const otherLocale: Locale = locale === 'ja' ? 'en' : 'ja';
  const absolute = (to: string) =>
    baseUrl ? `${baseUrl.replace(/\/?$/, '/')}${to.replace(/index\.html$/, '')}` : null;
  const canonical = absolute(path);
  const alternate = absolute(alternatePath);
  const head = [
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(title)}</title>`,
    `<meta name="description" content="${escapeHtml(description)}">`,
    `<link rel="stylesheet" href="${href(PORTAL_STYLESHEET_PATH)}">`,
    `<link rel="alternate" hreflang="${otherLocale}" href="${alternate ? escapeHtml(alternate) : href(alternatePath)}">`,
    ...(canonical ? [`<link rel="canonical" href="${escapeHtml(canonical)}">`] : []),
    `<meta property="og:type" content="${ogType}">`,
    `<meta property="og:title" content="${escapeHtml(title)}">`,
    `<meta property="og:description" content="${escapeHtml(description)}">`,
    `<meta property="og:site_name" content="${escapeHtml(siteName)}">`,
    `<meta property="og:locale" content="${locale === 'ja' ? 'ja_JP' : 'en_US'}">`,
    ...(canonical ? [`<meta property="og:url" content="${escapeHtml(canonical)}">`] : []),
    '<meta name="twitter:card" content="summary">',
  ];
  const crumbs = breadcrumbs
    .map((crumb, index) => {
      const lang = crumb.content ? contentLang(locale) : '';
      if (index === breadcrumbs.length - 1)
        return `<li><span aria-current="page"${lang}>${escapeHtml(crumb.label)}</span></li>`;
      if (crumb.path === null) return `<li><span${lang}>${escapeHtml(crumb.label)}</span></li>`;
      return `<li><a href="${href(crumb.path)}"${lang}>${escapeHtml(crumb.label)}</a></li>`;
    })
    .join('');
  return [
    '<!doctype html>',
    `<html lang="${locale}">`,
    `<head>${head.join('\n')}</head>`,
    '<body>',
    `<a class="skip-link" href="#main">${escapeHtml(t('skipToContent'))}</a>`,
    '<header class="portal-header"><div class="container portal-header__inner">',
    `<p class="portal-header__site"><a href="${href(getPortalPagePath({ kind: 'index', locale }))}">${escapeHtml(t('siteName'))}</a></p>`,
    `<nav class="portal-header__language" aria-label="${escapeHtml(t('languageNavigation'))}">`,
    `<a href="${href(alternatePath)}" hreflang="${otherLocale}" lang="${otherLocale}">${escapeHtml(t('otherLanguage'))}</a>`,
    '</nav>',
    '</div></header>',
    '<div class="container">',
    `<nav class="breadcrumbs" aria-label="${escapeHtml(t('breadcrumbs'))}"><ol>${crumbs}</ol></nav>`,
    `<main id="main" class="portal-main">${body}</main>`,
    '</div>',
    `<footer class="portal-footer"><div class="container"><p>${escapeHtml(t('footer'))}</p></div></footer>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

const TONES = ['band-1', 'band-2', 'band-3', 'band-4', 'band-5'] as const;

/** The same colour scheme as the web UI's badges: the scale's bands from green to red, others grey. */
function getRatingTone(rating: Rating, ratings: Rating[]): string {
  if (rating.kind === 'unrated') return 'unrated';
  if (rating.kind === 'status') return 'status';
  const bands = ratings.filter((candidate) => candidate.kind === 'band');
  const index = bands.findIndex((band) => band.key === rating.key);
  const position = bands.length <= 1 ? 0 : index / (bands.length - 1);
  return TONES[Math.round(position * (TONES.length - 1))] ?? 'band-1';
}

function renderBadge(rating: Rating, ratings: Rating[], locale: Locale): string {
  return `<span class="badge badge--${getRatingTone(rating, ratings)}">${escapeHtml(translateRatingLabel({ rating, locale }))}</span>`;
}

function numbered(item: { number?: string | null | undefined; title: string }): string {
  return item.number ? `${item.number} ${item.title}` : item.title;
}

function formatFigure(value: number, unit: string): string {
  return `${value.toLocaleString('ja-JP', { maximumFractionDigits: 4 })}${unit}`;
}

function describeAsOf(plan: PortalPlan, t: Translate, locale: Locale): string {
  if (plan.round) {
    return t('asOfRound', {
      round: t('roundName', {
        fy: formatFiscalYearIn({ fy: plan.round.fy, locale }),
        month: plan.round.month,
      }),
    });
  }
  return t('asOfLive', { date: formatDateIn({ isoDate: getJapanDate(new Date(plan.asOf)), locale }) });
}

function planPage(plan: PortalPlan, locale: Locale) {
  return {
    kind: 'plan' as const,
    locale,
    municipalityCode: plan.municipality.code,
    slug: plan.document.plan.slug,
  };
}

/** The counts that are shown: every band and 未評価, a status only when some action has it. */
function listShownCounts(evaluation: PlanEvaluation): { rating: Rating; count: number }[] {
  return evaluation.ratings
    .map((rating) => ({ rating, count: evaluation.total.counts[rating.key] ?? 0 }))
    .filter((entry) => entry.count > 0 || entry.rating.kind !== 'status');
}

export function renderIndexPage({
  plans,
  options,
}: {
  plans: PortalPlanListItem[];
  options: RenderOptions;
}): string {
  const { locale } = options;
  const t = createPortalTranslator(locale);
  const path = getPortalPagePath({ kind: 'index', locale });
  const href = (to: string) => escapeHtml(getRelativeHref({ from: path, to }));
  const items = plans
    .map((plan) => {
      const to = getPortalPagePath({
        kind: 'plan',
        locale,
        municipalityCode: plan.municipality.code,
        slug: plan.slug,
      });
      return `<li><a href="${href(to)}"${contentLang(locale)}>${escapeHtml(plan.title)}</a><span class="list-note"${contentLang(locale)}>${escapeHtml(`${plan.municipality.prefecture} ${plan.municipality.name}・${formatFiscalYearIn({ fy: plan.period.startFy, locale })}〜${formatFiscalYearIn({ fy: plan.period.endFy, locale })}`)}</span></li>`;
    })
    .join('');
  const body = [
    `<h1>${escapeHtml(t('indexTitle'))}</h1>`,
    `<p>${escapeHtml(t('indexLead'))}</p>`,
    plans.length > 0
      ? `<ul class="plan-list">${items}</ul>`
      : `<p class="notice">${escapeHtml(t('indexEmpty'))}</p>`,
  ].join('');
  return renderLayout({
    path,
    alternatePath: getPortalPagePath({ kind: 'index', locale: locale === 'ja' ? 'en' : 'ja' }),
    title: t('indexTitle'),
    description: t('indexLead'),
    breadcrumbs: [{ label: t('home'), path: null }],
    body,
    siteName: t('siteName'),
    options,
  });
}

function renderRatingSummary(plan: PortalPlan, t: Translate, locale: Locale): string {
  const { evaluation } = plan;
  const level = plan.document.plan.actionLevel;
  const shown = listShownCounts(evaluation);
  const label = (rating: Rating) => translateRatingLabel({ rating, locale });
  const parts = shown
    .map((entry) => `${label(entry.rating)} ${t('count', { count: entry.count })}`)
    .join(locale === 'ja' ? '、' : ', ');
  const summary = t('ratingSummaryText', { level, total: evaluation.total.actionCount, parts });
  const rated = evaluation.ratings
    .filter((rating) => rating.kind === 'band')
    .reduce((sum, rating) => sum + (evaluation.total.counts[rating.key] ?? 0), 0);
  const chart = renderBarChartSvg({
    id: 'rating-chart',
    title: t('ratingChartTitle'),
    description: summary,
    bars: shown.map((entry) => ({
      label: label(entry.rating),
      value: entry.count,
      tone: getRatingTone(entry.rating, evaluation.ratings),
    })),
    formatValue: (value) => t('count', { count: value }),
  });
  const rows = shown
    .map(
      (entry) =>
        `<tr><th scope="row">${renderBadge(entry.rating, evaluation.ratings, locale)}</th><td class="numeric">${escapeHtml(t('count', { count: entry.count }))}</td></tr>`,
    )
    .join('');
  return [
    '<section class="section" aria-labelledby="rating-summary">',
    `<h2 id="rating-summary">${escapeHtml(t('ratingSummary'))}</h2>`,
    `<p>${escapeHtml(summary)}</p>`,
    evaluation.total.meanRate !== null
      ? `<p>${escapeHtml(t('meanRateText', { count: rated, rate: formatRate(evaluation.total.meanRate) }))}</p>`
      : '',
    `<figure class="chart-figure">${chart}</figure>`,
    `<table class="data-table data-table--compact"><caption>${escapeHtml(t('ratingTableCaption'))}</caption>`,
    `<thead><tr><th scope="col">${escapeHtml(t('rating'))}</th><th scope="col">${escapeHtml(t('actions'))}</th></tr></thead>`,
    `<tbody>${rows}</tbody></table>`,
    '</section>',
  ].join('');
}

function renderActionTable({
  plan,
  actions,
  caption,
  path,
  t,
  locale,
}: {
  plan: PortalPlan;
  actions: Action[];
  caption: string;
  path: string;
  t: Translate;
  locale: Locale;
}): string {
  const departmentNames = new Map(
    plan.document.departments.map((department) => [department.key, department.name]),
  );
  const rows = actions
    .map((action) => {
      const evaluation = plan.evaluation.actions.get(action.key)!;
      const to = getPortalPagePath({ ...planPage(plan, locale), kind: 'action', actionKey: action.key });
      const owners = action.owners.map((key) => departmentNames.get(key) ?? key).join('・') || t('noOwner');
      const rate = evaluation.result ? formatRate(evaluation.result.shown) : '—';
      return [
        '<tr>',
        `<td>${escapeHtml(action.number)}</td>`,
        `<th scope="row"><a href="${escapeHtml(getRelativeHref({ from: path, to }))}"${contentLang(locale)}>${escapeHtml(action.title)}</a></th>`,
        `<td${action.owners.length > 0 ? contentLang(locale) : ''}>${escapeHtml(owners)}</td>`,
        `<td>${renderBadge(evaluation.rating, plan.evaluation.ratings, locale)}</td>`,
        `<td class="numeric">${escapeHtml(rate)}${renderMarkers(evaluation, t)}</td>`,
        '</tr>',
      ].join('');
    })
    .join('');
  return [
    '<div class="table-scroll">',
    `<table class="data-table"><caption${contentLang(locale)}>${escapeHtml(caption)}</caption>`,
    `<thead><tr><th scope="col">${escapeHtml(t('number'))}</th><th scope="col">${escapeHtml(t('name'))}</th><th scope="col">${escapeHtml(t('owners'))}</th><th scope="col">${escapeHtml(t('rating'))}</th><th scope="col">${escapeHtml(t('rate'))}</th></tr></thead>`,
    `<tbody>${rows}</tbody></table>`,
    '</div>',
  ].join('');
}

function renderMarkers(evaluation: ActionEvaluation, t: Translate): string {
  const result = evaluation.result;
  if (!result) return '';
  return [
    result.projection ? `<span class="marker">${escapeHtml(t('projection'))}</span>` : '',
    result.hypothetical ? `<span class="marker">${escapeHtml(t('hypothetical'))}</span>` : '',
  ].join('');
}

function renderNodes({
  plan,
  nodes,
  depth,
  path,
  t,
  locale,
}: {
  plan: PortalPlan;
  nodes: PlanNode[];
  depth: number;
  path: string;
  t: Translate;
  locale: Locale;
}): string {
  const heading = `h${Math.min(depth + 2, 6)}`;
  return nodes
    .map((node) => {
      const level = plan.document.plan.levels[depth] ?? '';
      const name = numbered(node);
      const count = plan.evaluation.nodes.get(node.key)?.actionCount ?? 0;
      return [
        `<section class="plan-node" aria-labelledby="node-${escapeHtml(node.key)}">`,
        `<${heading} id="node-${escapeHtml(node.key)}"${contentLang(locale)}>${level ? `<span class="level-name">${escapeHtml(level)}</span>` : ''}${escapeHtml(name)}</${heading}>`,
        node.description ? `<div${contentLang(locale)}>${renderParagraphs(node.description)}</div>` : '',
        node.actions.length > 0
          ? renderActionTable({
              plan,
              actions: node.actions,
              caption: `${name}（${t('count', { count: node.actions.length })}）`,
              path,
              t,
              locale,
            })
          : '',
        count === 0 ? `<p class="muted">${escapeHtml(t('none'))}</p>` : '',
        renderNodes({ plan, nodes: node.children, depth: depth + 1, path, t, locale }),
        '</section>',
      ].join('');
    })
    .join('');
}

function renderOpenDataSection(plan: PortalPlan, path: string, t: Translate): string {
  const level = plan.document.plan.actionLevel;
  const files: { file: OpenDataFile; label: string }[] = [
    { file: 'actions.csv', label: t('openDataActions', { level }) },
    { file: 'kpis.csv', label: t('openDataKpis') },
    { file: 'kpi-actuals.csv', label: t('openDataActuals') },
    { file: 'plan.json', label: t('openDataJson') },
  ];
  const links = files
    .map(({ file, label }) => {
      const to = getOpenDataPath({
        municipalityCode: plan.municipality.code,
        slug: plan.document.plan.slug,
        file,
      });
      return `<li><a href="${escapeHtml(getRelativeHref({ from: path, to }))}" download>${escapeHtml(label)}</a> <span class="list-note">${escapeHtml(file)}</span></li>`;
    })
    .join('');
  return [
    '<section class="section" aria-labelledby="open-data">',
    `<h2 id="open-data">${escapeHtml(t('openData'))}</h2>`,
    `<p>${escapeHtml(t('openDataLead', { level }))}</p>`,
    `<ul class="link-list">${links}</ul>`,
    `<p>${escapeHtml(t('openDataEncoding'))}</p>`,
    '</section>',
  ].join('');
}

function renderEffectsSection(plan: PortalPlan, path: string, t: Translate, locale: Locale): string {
  if (plan.effects.length === 0) return '';
  const municipality = plan.municipality.name;
  const tables = plan.effects
    .map(({ kind, id, section }) => {
      const csv = getEffectsDataPath({
        municipalityCode: plan.municipality.code,
        slug: plan.document.plan.slug,
        tableKind: kind,
        tableId: id,
      });
      const numeric = section.columns.map((column) => column.kind !== 'text' && column.kind !== 'date');
      // The first cell names the row (a process, a year, a project): a row header.
      const cells = (row: ReportSection['rows'][number]) =>
        row
          .map((cell, i) => {
            const className = numeric[i] ? ' class="numeric"' : '';
            const text = escapeHtml(cell.text || '—');
            return i === 0 ? `<th scope="row"${className}>${text}</th>` : `<td${className}>${text}</td>`;
          })
          .join('');
      const head = section.columns
        .map(
          (column) =>
            `<th scope="col">${escapeHtml(column.unit ? `${column.label}（${column.unit}）` : column.label)}</th>`,
        )
        .join('');
      const notes = [...section.notes]
        .sort((a, b) => Number(b.kind === 'stated_differs') - Number(a.kind === 'stated_differs'))
        .map(
          (note) =>
            `<li>${note.kind === 'stated_differs' ? '<strong>⚠ 資料と相違:</strong> ' : ''}${escapeHtml(note.text)}</li>`,
        )
        .join('');
      return [
        '<div class="table-scroll" tabindex="0">',
        `<table class="data-table"><caption${contentLang(locale)}>${escapeHtml(section.title)}${section.subtitle ? `（${escapeHtml(section.subtitle)}）` : ''}</caption>`,
        `<thead><tr>${head}</tr></thead>`,
        `<tbody>${section.rows.map((row) => `<tr>${cells(row)}</tr>`).join('')}</tbody>`,
        section.totals.length > 0
          ? `<tfoot>${section.totals.map((row) => `<tr>${cells(row)}</tr>`).join('')}</tfoot>`
          : '',
        '</table>',
        '</div>',
        notes ? `<ul${contentLang(locale)}>${notes}</ul>` : '',
        `<p><a href="${escapeHtml(getRelativeHref({ from: path, to: csv }))}" download>${escapeHtml(t('effectsCsv', { title: section.title }))}</a></p>`,
      ].join('');
    })
    .join('');
  return [
    '<section class="section" aria-labelledby="effects">',
    `<h2 id="effects">${escapeHtml(t('effects'))}</h2>`,
    `<p>${escapeHtml(t('effectsLead', { municipality }))}</p>`,
    tables,
    '</section>',
  ].join('');
}

/** The plan's overview: how the actions are rated, each action by level, the schedule and open data. */
export function renderPlanPage({
  plan,
  options,
  license,
}: {
  plan: PortalPlan;
  options: RenderOptions;
  license: { name: string; url: string };
}): string {
  const { locale } = options;
  const t = createPortalTranslator(locale);
  const document = plan.document.plan;
  const path = getPortalPagePath(planPage(plan, locale));
  const municipality = `${plan.municipality.prefecture} ${plan.municipality.name}`;
  const schedulePath = getPortalPagePath({ ...planPage(plan, locale), kind: 'schedule' });
  const period = `${formatFiscalYearIn({ fy: document.period.startFy, locale })}〜${formatFiscalYearIn({ fy: document.period.endFy, locale })}`;
  const body = [
    `<p class="eyebrow"${contentLang(locale)}>${escapeHtml(municipality)}</p>`,
    `<h1${contentLang(locale)}>${escapeHtml(document.title)}</h1>`,
    '<dl class="meta-list">',
    `<div><dt>${escapeHtml(t('period'))}</dt><dd>${escapeHtml(period)}</dd></div>`,
    `<div><dt>${escapeHtml(t('actionCount', { level: document.actionLevel }))}</dt><dd>${escapeHtml(t('count', { count: plan.evaluation.total.actionCount }))}</dd></div>`,
    `<div><dt>${escapeHtml(t('asOf'))}</dt><dd>${escapeHtml(describeAsOf(plan, t, locale))}</dd></div>`,
    '</dl>',
    document.mission
      ? `<section class="section" aria-labelledby="mission"><h2 id="mission">${escapeHtml(t('mission'))}</h2><div${contentLang(locale)}>${renderParagraphs(document.mission)}</div></section>`
      : '',
    `<p><a class="button" href="${escapeHtml(getRelativeHref({ from: path, to: schedulePath }))}">${escapeHtml(t('scheduleLink'))}</a></p>`,
    renderRatingSummary(plan, t, locale),
    renderNodes({ plan, nodes: document.nodes, depth: 0, path, t, locale }),
    document.actions.length > 0
      ? `<section class="section" aria-labelledby="plan-actions"><h2 id="plan-actions">${escapeHtml(document.actionLevel)}</h2>${renderActionTable({ plan, actions: document.actions, caption: document.title, path, t, locale })}</section>`
      : '',
    renderEffectsSection(plan, path, t, locale),
    renderOpenDataSection(plan, path, t),
    '<section class="section" aria-labelledby="license">',
    `<h2 id="license">${escapeHtml(t('license'))}</h2>`,
    `<p>${t('licenseText', { license: '\u0000' })
      .split('\u0000')
      .map(escapeHtml)
      .join(`<a href="${escapeHtml(license.url)}">${escapeHtml(license.name)}</a>`)}</p>`,
    '</section>',
  ].join('');
  return renderLayout({
    path,
    alternatePath: getPortalPagePath(planPage(plan, locale === 'ja' ? 'en' : 'ja')),
    title: `${document.title} — ${plan.municipality.name}`,
    description: `${municipality}「${document.title}」（${period}）: ${t('ratingSummary')}`,
    breadcrumbs: [
      { label: t('home'), path: getPortalPagePath({ kind: 'index', locale }) },
      { label: document.title, path: null, content: true },
    ],
    body,
    siteName: `${plan.municipality.name} ${document.title}`,
    options,
  });
}

function renderKpi({
  kpi,
  index,
  plan,
  evaluation,
  t,
  locale,
}: {
  kpi: Kpi;
  index: number;
  plan: PortalPlan;
  evaluation: ActionEvaluation;
  t: Translate;
  locale: Locale;
}): string {
  const actuals = [...kpi.actuals]
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0))
    .map((actual) => ({
      date: actual.date,
      value: actual.value,
      hypothetical: actual.hypothetical ?? false,
    }));
  const forecast = forecastKpi({ kpi, settings: plan.settings });
  const targetDate = fiscalYearEnd(kpi.target.fy);
  const fy = formatFiscalYearIn({ fy: kpi.target.fy, locale });
  const latest = actuals.at(-1);
  // 令和8年度末 rather than 令和9年3月31日: figures are reported as of a year's end.
  const formatWhen = (isoDate: string) =>
    locale === 'ja'
      ? formatJapaneseDateOrYearEnd(isoDate)
      : isoDate === fiscalYearEnd(fiscalYearOfDate(isoDate))
        ? t('yearEnd', { fy: formatFiscalYearIn({ fy: fiscalYearOfDate(isoDate), locale }) })
        : formatDateIn({ isoDate, locale });
  const sentences: string[] = [];
  if (latest) {
    sentences.push(
      t('latest', {
        value: formatFigure(latest.value, kpi.unit),
        date: formatWhen(latest.date),
        target: formatFigure(kpi.target.value, kpi.unit),
        fy,
      }),
    );
  } else {
    sentences.push(t('noActuals'));
  }
  const rated = evaluation.kpi.kpis[index]?.result;
  if (rated)
    sentences.push(
      t('kpiRate', {
        rate: formatRate(rated.shown),
        label: translateRatingLabel({ rating: rated.rating, locale }),
      }),
    );
  sentences.push(
    forecast.available
      ? t('forecastSentence', {
          fy,
          rate: formatRate(forecast.result.shown),
          label: translateRatingLabel({ rating: forecast.result.rating, locale }),
        })
      : t('forecastNone', { reason: forecast.reason }),
  );
  const summary = sentences.join(locale === 'ja' ? '' : ' ');
  const yearLabel = (year: number) => (locale === 'ja' ? formatFiscalYearShort(year) : `FY${year}`);
  const chart = renderKpiChartSvg({
    id: `kpi-${index}`,
    title: t('kpiChartTitle', { name: kpi.name }),
    description: summary,
    unit: kpi.unit,
    startDate: kpi.baseline?.date ?? fiscalYearStart(plan.document.plan.period.startFy),
    actuals,
    baseline: kpi.baseline ? { date: kpi.baseline.date ?? null, value: kpi.baseline.value } : null,
    target: { date: targetDate, value: kpi.target.value },
    forecast: forecast.available ? forecast.line : null,
    labels: {
      actual: t('actual'),
      baseline: t('baseline'),
      target: t('targetValue'),
      forecast: t('forecast'),
    },
    formatYear: yearLabel,
  });
  const rows = [
    ...(kpi.baseline
      ? [
          [
            t('baseline'),
            kpi.baseline.label ??
              (kpi.baseline.date ? formatDateIn({ isoDate: kpi.baseline.date, locale }) : '—'),
            formatFigure(kpi.baseline.value, kpi.unit),
          ],
        ]
      : []),
    ...actuals.map((actual) => [
      actual.hypothetical ? `${t('actual')}（${t('hypothetical')}）` : t('actual'),
      formatWhen(actual.date),
      formatFigure(actual.value, kpi.unit),
    ]),
    [t('targetValue'), t('yearEnd', { fy }), formatFigure(kpi.target.value, kpi.unit)],
  ]
    .map(
      ([kind, when, value]) =>
        `<tr><th scope="row">${escapeHtml(kind!)}</th><td>${escapeHtml(when!)}</td><td class="numeric">${escapeHtml(value!)}</td></tr>`,
    )
    .join('');
  return [
    `<section class="kpi" aria-labelledby="kpi-${index}-heading">`,
    `<h3 id="kpi-${index}-heading"${contentLang(locale)}>${escapeHtml(kpi.name)}</h3>`,
    `<figure class="chart-figure">${chart}<figcaption>${escapeHtml(summary)}</figcaption></figure>`,
    '<div class="table-scroll">',
    `<table class="data-table data-table--compact"><caption>${escapeHtml(t('kpiTableCaption', { name: kpi.name }))}</caption>`,
    `<thead><tr><th scope="col">${escapeHtml(t('kind'))}</th><th scope="col">${escapeHtml(t('date'))}</th><th scope="col">${escapeHtml(t('value'))}</th></tr></thead>`,
    `<tbody>${rows}</tbody></table></div>`,
    '</section>',
  ].join('');
}

function renderScheduleTable({
  rows,
  years,
  currentFy,
  caption,
  t,
  locale,
  withAction,
}: {
  rows: ReturnType<typeof buildPlanSchedule>['rows'];
  years: number[];
  currentFy: number;
  caption: string;
  t: Translate;
  locale: Locale;
  withAction: boolean;
}): string {
  const head = years
    .map((fy) =>
      fy === currentFy
        ? `<th scope="col" class="is-current">${escapeHtml(formatFiscalYearIn({ fy, locale }))}<span class="current-mark">${escapeHtml(t('currentYear'))}</span></th>`
        : `<th scope="col">${escapeHtml(formatFiscalYearIn({ fy, locale }))}</th>`,
    )
    .join('');
  const body = rows
    .map((row) => {
      const item = row.item === null ? escapeHtml(t('scheduleTasks')) : renderContent(row.item, locale);
      const header = withAction ? `${renderContent(numbered(row), locale)} — ${item}` : item;
      const cells = row.cells
        .map((cell) => {
          const current = cell.fy === currentFy ? ' is-current' : '';
          if (cell.texts.length === 0) {
            return `<td class="schedule__cell${current}"><span aria-hidden="true">—</span><span class="visually-hidden">${escapeHtml(t('nothingPlanned'))}</span></td>`;
          }
          return `<td class="schedule__cell schedule__cell--planned${current}"><span class="schedule__bar"${contentLang(locale)}>${cell.texts.map(escapeHtml).join('<br>')}</span></td>`;
        })
        .join('');
      return `<tr><th scope="row">${header}</th>${cells}</tr>`;
    })
    .join('');
  return [
    '<div class="table-scroll">',
    `<table class="data-table schedule"><caption${contentLang(locale)}>${escapeHtml(caption)}</caption>`,
    `<thead><tr><th scope="col">${escapeHtml(t('scheduleItem'))}</th>${head}</tr></thead>`,
    `<tbody>${body}</tbody></table></div>`,
  ].join('');
}

/** One action: aim, approach, target, owners, its rating with the three reference rates, KPIs, schedule. */
export function renderActionPage({
  plan,
  actionKey,
  options,
  today,
}: {
  plan: PortalPlan;
  actionKey: string;
  options: RenderOptions;
  today: string;
}): string | null {
  const { locale } = options;
  const t = createPortalTranslator(locale);
  const placed = listActions(plan.document.plan).find((candidate) => candidate.action.key === actionKey);
  if (!placed) return null;
  const { action, path: ancestors } = placed;
  const evaluation = plan.evaluation.actions.get(action.key)!;
  const document = plan.document.plan;
  const page = { ...planPage(plan, locale), kind: 'action' as const, actionKey };
  const path = getPortalPagePath(page);
  const departmentNames = new Map(
    plan.document.departments.map((department) => [department.key, department.name]),
  );
  const owners = action.owners.map((key) => departmentNames.get(key) ?? key).join('・');
  const overview = [
    [t('aim'), action.aim],
    [t('approach'), action.approach],
    [t('target'), action.target],
    [t('owners'), owners],
  ]
    .map(
      ([label, value]) =>
        `<tr><th scope="row">${escapeHtml(label!)}</th><td${value ? contentLang(locale) : ''}>${value ? renderParagraphs(value) : `<span aria-hidden="true">—</span><span class="visually-hidden">${escapeHtml(t('none'))}</span>`}</td></tr>`,
    )
    .join('');
  const basisLabels = PORTAL_BASIS_LABELS[locale];
  const references = (['kpi', 'tasks', 'assessment'] as const)
    .map((basis) => {
      const result =
        basis === 'kpi'
          ? evaluation.kpi.result
          : basis === 'tasks'
            ? evaluation.tasks.result
            : evaluation.assessment.result;
      const used =
        evaluation.basis === basis
          ? `<span class="marker marker--used">${escapeHtml(t('basis'))}</span>`
          : '';
      return `<tr><th scope="row">${escapeHtml(basisLabels[basis])}</th><td class="numeric">${result ? escapeHtml(formatRate(result.shown)) : `<span aria-hidden="true">—</span><span class="visually-hidden">${escapeHtml(t('none'))}</span>`}${used}</td></tr>`;
    })
    .join('');
  const result = evaluation.result;
  const notes = [
    result?.projection ? `<li>${escapeHtml(`${t('projection')}: ${t('projectionNote')}`)}</li>` : '',
    result?.hypothetical ? `<li>${escapeHtml(`${t('hypothetical')}: ${t('hypotheticalNote')}`)}</li>` : '',
  ].join('');
  const schedule = buildPlanSchedule({ plan: { ...document, nodes: [], actions: [action] }, today });
  const scheduleRows = schedule.rows.filter((row) => row.source === 'schedule');
  const body = [
    `<p class="eyebrow"${contentLang(locale)}>${escapeHtml(document.title)}</p>`,
    `<h1${contentLang(locale)}>${escapeHtml(numbered(action))}</h1>`,
    '<section class="section" aria-labelledby="overview">',
    `<h2 id="overview">${escapeHtml(t('overview'))}</h2>`,
    `<table class="data-table key-value"><caption class="visually-hidden">${escapeHtml(t('overview'))}</caption><tbody>${overview}</tbody></table>`,
    '</section>',
    '<section class="section result-box" aria-labelledby="evaluation">',
    `<h2 id="evaluation">${escapeHtml(t('evaluation'))}</h2>`,
    `<p class="result-box__main">${renderBadge(evaluation.rating, plan.evaluation.ratings, locale)} <span class="rate rate--large">${result ? escapeHtml(formatRate(result.shown)) : '—'}</span>${renderMarkers(evaluation, t)}</p>`,
    evaluation.basis ? `<p>${escapeHtml(`${t('basis')}: ${basisLabels[evaluation.basis]}`)}</p>` : '',
    notes ? `<ul>${notes}</ul>` : '',
    `<table class="data-table data-table--compact"><caption>${escapeHtml(t('references'))}</caption><tbody>${references}</tbody></table>`,
    '</section>',
    action.kpis.length > 0
      ? `<section class="section" aria-labelledby="kpis"><h2 id="kpis">${escapeHtml(t('kpis'))}</h2>${action.kpis.map((kpi, index) => renderKpi({ kpi, index, plan, evaluation, t, locale })).join('')}</section>`
      : '',
    scheduleRows.length > 0
      ? `<section class="section" aria-labelledby="schedule"><h2 id="schedule">${escapeHtml(t('schedule'))}</h2>${renderScheduleTable({ rows: scheduleRows, years: schedule.years, currentFy: schedule.currentFy, caption: t('scheduleCaption', { plan: numbered(action) }), t, locale, withAction: false })}</section>`
      : '',
    `<p><a href="${escapeHtml(getRelativeHref({ from: path, to: getPortalPagePath(planPage(plan, locale)) }))}">${escapeHtml(t('backToPlan'))}</a></p>`,
  ].join('');
  const rating = translateRatingLabel({ rating: evaluation.rating, locale });
  return renderLayout({
    path,
    alternatePath: getPortalPagePath({ ...page, locale: locale === 'ja' ? 'en' : 'ja' }),
    title: `${numbered(action)} — ${document.title}`,
    description: `${action.aim ?? action.target ?? action.title}（${t('evaluation')}: ${rating}${result ? ` ${formatRate(result.shown)}` : ''}）`,
    breadcrumbs: [
      { label: t('home'), path: getPortalPagePath({ kind: 'index', locale }) },
      { label: document.title, path: getPortalPagePath(planPage(plan, locale)), content: true },
      ...ancestors.map((node) => ({ label: numbered(node), path: null, content: true })),
      { label: numbered(action), path: null, content: true },
    ],
    body,
    siteName: `${plan.municipality.name} ${document.title}`,
    options,
    ogType: 'article',
  });
}

/** The plan's year schedule, with today's fiscal year marked. */
export function renderSchedulePage({
  plan,
  options,
  today,
}: {
  plan: PortalPlan;
  options: RenderOptions;
  today: string;
}): string {
  const { locale } = options;
  const t = createPortalTranslator(locale);
  const document = plan.document.plan;
  const page = { ...planPage(plan, locale), kind: 'schedule' as const };
  const path = getPortalPagePath(page);
  const schedule = buildPlanSchedule({ plan: document, today });
  const body = [
    `<p class="eyebrow"${contentLang(locale)}>${escapeHtml(document.title)}</p>`,
    `<h1>${escapeHtml(t('scheduleTitle'))}</h1>`,
    `<p>${escapeHtml(t('scheduleLead', { level: document.actionLevel, current: formatFiscalYearIn({ fy: schedule.currentFy, locale }) }))}</p>`,
    schedule.rows.length > 0
      ? renderScheduleTable({
          rows: schedule.rows,
          years: schedule.years,
          currentFy: schedule.currentFy,
          caption: t('scheduleCaption', { plan: document.title }),
          t,
          locale,
          withAction: true,
        })
      : `<p class="notice">${escapeHtml(t('scheduleEmpty'))}</p>`,
    `<p><a href="${escapeHtml(getRelativeHref({ from: path, to: getPortalPagePath(planPage(plan, locale)) }))}">${escapeHtml(t('backToPlan'))}</a></p>`,
  ].join('');
  return renderLayout({
    path,
    alternatePath: getPortalPagePath({ ...page, locale: locale === 'ja' ? 'en' : 'ja' }),
    title: `${t('scheduleTitle')} — ${document.title}`,
    description: t('scheduleCaption', { plan: document.title }),
    breadcrumbs: [
      { label: t('home'), path: getPortalPagePath({ kind: 'index', locale }) },
      { label: document.title, path: getPortalPagePath(planPage(plan, locale)), content: true },
      { label: t('scheduleTitle'), path: null },
    ],
    body,
    siteName: `${plan.municipality.name} ${document.title}`,
    options,
  });
}

/** A page that is not (or no longer) published. */
export function renderNotFoundPage({ options, path }: { options: RenderOptions; path: string }): string {
  const t = createPortalTranslator(options.locale);
  return renderLayout({
    path,
    alternatePath: getPortalPagePath({ kind: 'index', locale: options.locale === 'ja' ? 'en' : 'ja' }),
    title: t('notFoundTitle'),
    description: t('notFoundText'),
    breadcrumbs: [
      { label: t('home'), path: getPortalPagePath({ kind: 'index', locale: options.locale }) },
      { label: t('notFoundTitle'), path: null },
    ],
    body: `<h1>${escapeHtml(t('notFoundTitle'))}</h1><p>${escapeHtml(t('notFoundText'))}</p>`,
    siteName: t('siteName'),
    options,
  });
}
