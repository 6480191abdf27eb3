import type { ActionEvaluation, PlanEvaluation, RateResult } from '../../domain/evaluation/index.js';
import { formatFigure } from '../../domain/evaluation/index.js';
import {
  fiscalYearOfDate,
  formatFiscalYear,
  formatFiscalYearShort,
  formatJapaneseDate,
  formatJapaneseDateOrYearEnd,
} from '../../domain/fiscal-year.js';
import {
  type Action,
  actionDirectionLabels,
  type PlanDocument,
  type PlanNode,
  type RateBasis,
} from '../../domain/plan.schemas.js';
import { isEmbeddableImage } from './image-size.js';

/*
 * What a report says, built once from the plan and the same evaluation the screens show, and rendered
 * alike as xlsx, docx and PDF. Every figure here is already text as the screens print it (83.3%,
 * 令和6年度): the renderers lay it out and never compute.
 */

export const REPORT_KINDS = ['final', 'round'] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];
export const REPORT_FORMATS = ['xlsx', 'docx', 'pdf'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export const BASIS_LABELS: Record<RateBasis, string> = {
  kpi: '目標(値)に対する達成率',
  tasks: '各年度タスクの平均進捗率',
  assessment: '総括評価',
};

export const NO_VALUE = '—';

/** A photo as it goes into a report: readable JPEG and PNG are embedded; anything else is named instead. */
export interface ReportPhoto {
  fileName: string;
  caption: string | null;
  contentType: string;
  data: Uint8Array;
}

export interface RatingCount {
  label: string;
  count: number;
}

export interface ReportHeader {
  title: string;
  planTitle: string;
  municipality: string;
  /** 令和8年2月8日 作成 */
  generatedOn: string;
  /** One line under the title: the period, the round, where the figures come from. */
  subtitle: string;
  counts: RatingCount[];
  actionLevel: string;
}

export interface SummaryRow {
  number: string;
  title: string;
  owners: string;
  rate: string;
  rating: string;
  basis: string;
  /** 見込み / 仮定値, when the rate rests on such figures. */
  note: string;
}

export interface FinalReportAction extends SummaryRow {
  key: string;
  /** The pillar and measure above the action, top first. */
  path: string;
  aim: string;
  approach: string;
  target: string;
  basisReason: string;
  outcome: string;
  workDone: string;
  issuesAhead: string;
  direction: string;
  photos: ReportPhoto[];
  /** Photos that could not be embedded (not JPEG or PNG, or unreadable), by file name. */
  omittedPhotos: string[];
}

export interface FinalReport {
  kind: 'final';
  header: ReportHeader;
  actions: FinalReportAction[];
}

export interface RoundTaskRow {
  department: string;
  planText: string;
  progress: string;
}

export interface RoundKpiRow {
  name: string;
  baseline: string;
  target: string;
  actual: string;
  rate: string;
}

export interface RoundReportAction extends SummaryRow {
  key: string;
  tasks: RoundTaskRow[];
  /** The year's mean of its tasks (R7平均), as the action page shows it. */
  yearMean: string;
  kpis: RoundKpiRow[];
}

export interface RoundReportSection {
  /** テーマ I くらしのデジタル推進 */
  heading: string;
  depth: number;
  counts: RatingCount[];
  actions: RoundReportAction[];
}

/**
 * A plain table for the report's appendix (effects, money, organisation): headings with their units,
 * rows and total rows as shown, and notes — a document's stated figure that disagrees with the rows
 * comes first and marked, so that the council reads it.
 */
export interface ReportTable {
  title: string;
  subtitle: string | null;
  columns: { label: string; numeric: boolean }[];
  rows: string[][];
  totals: string[][];
  notes: string[];
}

export interface RoundReport {
  kind: 'round';
  header: ReportHeader;
  fy: number;
  /** 令和7年度 計画 / 実施 column headings, as seed 001's tables. */
  yearLabel: string;
  /** R7, for the year's mean (R7平均). */
  yearShortLabel: string;
  sections: RoundReportSection[];
  /** 効果・予算・推進体制: the municipality's BPR results, series, grants, bodies and meetings. */
  appendix: ReportTable[];
}

export type Report = FinalReport | RoundReport;

export function formatShownRate(result: RateResult | null | undefined): string {
  return result ? `${result.shown.toFixed(1)}%` : NO_VALUE;
}

function describeNotes(result: RateResult | null): string {
  if (!result) return '';
  return [result.projection ? '見込み' : '', result.hypothetical ? '仮定値' : ''].filter(Boolean).join('・');
}

/** Every label an action carries in this plan, with how many actions carry it (zeros of states left out). */
function countRatings(evaluation: PlanEvaluation, counts: Record<string, number>): RatingCount[] {
  return evaluation.ratings
    .filter((rating) => rating.kind === 'band' || (counts[rating.key] ?? 0) > 0)
    .map((rating) => ({ label: rating.label, count: counts[rating.key] ?? 0 }));
}

interface PlacedAction {
  action: Action;
  path: PlanNode[];
}

function listPlaced(document: PlanDocument): PlacedAction[] {
  const placed: PlacedAction[] = [];
  const visit = (node: PlanNode, path: PlanNode[]) => {
    const here = [...path, node];
    for (const action of node.actions) placed.push({ action, path: here });
    for (const child of node.children) visit(child, here);
  };
  for (const node of document.plan.nodes) visit(node, []);
  for (const action of document.plan.actions) placed.push({ action, path: [] });
  return placed;
}

function nodeName(node: PlanNode): string {
  return node.number ? `${node.number} ${node.title}` : node.title;
}

function findEvaluation(evaluation: PlanEvaluation, action: Action): ActionEvaluation {
  const found = evaluation.actions.get(action.key);
  if (!found) throw new Error(`the evaluation has no action "${action.key}"`);
  return found;
}

function buildSummaryRow({
  action,
  evaluation,
  departmentName,
}: {
  action: Action;
  evaluation: ActionEvaluation;
  departmentName: (key: string) => string;
}): SummaryRow {
  return {
    number: action.number,
    title: action.title,
    owners: action.owners.map(departmentName).join('・'),
    rate: formatShownRate(evaluation.result),
    rating: evaluation.rating.label,
    basis: evaluation.basis ? BASIS_LABELS[evaluation.basis] : NO_VALUE,
    note: describeNotes(evaluation.result),
  };
}

function createDepartmentNames(document: PlanDocument): (key: string) => string {
  const names = new Map(document.departments.map((department) => [department.key, department.name]));
  return (key) => names.get(key) ?? key;
}

/**
 * The final report (seed 001, 最終進捗率・達成率まとめ方): a summary table of every action with its rate,
 * label and basis, then one page per action — 概要, 目標達成率 as the label, 成果, やったこと, 課題,
 * 今後の方向性 and the photos of the work.
 */
export function buildFinalReport({
  document,
  evaluation,
  photos,
  today,
}: {
  document: PlanDocument;
  evaluation: PlanEvaluation;
  photos: (ReportPhoto & { actionKey: string })[];
  /** YYYY-MM-DD, the day the report is made. */
  today: string;
}): FinalReport {
  const { plan, municipality } = document;
  const departmentName = createDepartmentNames(document);
  const actions = listPlaced(document).map(({ action, path }): FinalReportAction => {
    const actionEvaluation = findEvaluation(evaluation, action);
    const own = photos.filter((photo) => photo.actionKey === action.key);
    return {
      ...buildSummaryRow({ action, evaluation: actionEvaluation, departmentName }),
      key: action.key,
      path: path.map(nodeName).join(' ／ '),
      aim: action.aim ?? '',
      approach: action.approach ?? '',
      target: action.target ?? '',
      basisReason: actionEvaluation.basisReason,
      outcome: action.report?.outcome ?? '',
      workDone: action.report?.workDone ?? '',
      issuesAhead: action.report?.issuesAhead ?? '',
      direction: action.report?.direction ? actionDirectionLabels[action.report.direction] : '',
      photos: own
        .filter((photo) => isEmbeddableImage({ bytes: photo.data, contentType: photo.contentType }))
        .map(({ fileName, caption, contentType, data }) => ({ fileName, caption, contentType, data })),
      omittedPhotos: own
        .filter((photo) => !isEmbeddableImage({ bytes: photo.data, contentType: photo.contentType }))
        .map((photo) => photo.fileName),
    };
  });
  return {
    kind: 'final',
    header: {
      title: `${plan.title} 最終報告書`,
      planTitle: plan.title,
      municipality: `${municipality.prefecture} ${municipality.name}`,
      generatedOn: `${formatJapaneseDate(today)} 作成`,
      subtitle: `計画期間 ${formatFiscalYear(plan.period.startFy)}〜${formatFiscalYear(plan.period.endFy)}`,
      counts: countRatings(evaluation, evaluation.total.counts),
      actionLevel: plan.actionLevel,
    },
    actions,
  };
}

function formatProgress(progress: number | null, expected: boolean | undefined): string {
  if (progress === null) return '未記録';
  const figure = `${Number.isInteger(progress) ? progress : Math.round(progress * 10) / 10}%`;
  return expected ? `${figure}（予定）` : figure;
}

function formatKpiFigure(value: number, unit: string): string {
  return `${formatFigure(value)}${unit}`;
}

/**
 * The progress report of a round, for the council: pillar by pillar and measure by measure, every action
 * with this year's tasks and their progress, its KPI actuals, its rate and label; the count of each label
 * for the plan and for each pillar and measure.
 */
export function buildRoundReport({
  document,
  evaluation,
  fy,
  roundLabel,
  source,
  today,
  appendix = [],
}: {
  document: PlanDocument;
  evaluation: PlanEvaluation;
  fy: number;
  /** 令和7年度 12月の進捗確認, or null for the plan as it stands. */
  roundLabel: string | null;
  /** Where the figures come from, in a sentence (the round's frozen figures, or the plan today). */
  source: string;
  today: string;
  appendix?: ReportTable[];
}): RoundReport {
  const { plan, municipality } = document;
  const departmentName = createDepartmentNames(document);
  const kpiEvaluations = (actionEvaluation: ActionEvaluation) =>
    new Map(actionEvaluation.kpi.kpis.map((kpi) => [kpi.kpiKey, kpi]));

  const toAction = (action: Action): RoundReportAction => {
    const actionEvaluation = findEvaluation(evaluation, action);
    const kpis = kpiEvaluations(actionEvaluation);
    const year = actionEvaluation.tasks.years.find((entry) => entry.fy === fy);
    return {
      ...buildSummaryRow({ action, evaluation: actionEvaluation, departmentName }),
      key: action.key,
      tasks: action.tasks
        .filter((task) => task.fy === fy)
        .map((task) => ({
          department: departmentName(task.department),
          planText: task.planText,
          progress: formatProgress(task.progress, task.expected),
        })),
      yearMean: formatShownRate(year?.result),
      kpis: action.kpis.map((kpi) => {
        const kpiEvaluation = kpis.get(kpi.key);
        const latest = kpiEvaluation?.latestActual ?? null;
        return {
          name: kpi.name,
          baseline: kpi.baseline
            ? `${formatKpiFigure(kpi.baseline.value, kpi.unit)}${
                kpi.baseline.label
                  ? `（${kpi.baseline.label}）`
                  : kpi.baseline.date
                    ? `（${formatJapaneseDateOrYearEnd(kpi.baseline.date)}）`
                    : ''
              }`
            : NO_VALUE,
          target: `${formatKpiFigure(kpi.target.value, kpi.unit)}（${formatFiscalYear(kpi.target.fy)}末）`,
          actual: latest
            ? `${formatKpiFigure(latest.value, kpi.unit)}（${formatJapaneseDateOrYearEnd(latest.date)}時点${
                latest.hypothetical ? '・仮定値' : ''
              }）`
            : '未計測',
          rate: formatShownRate(kpiEvaluation?.result),
        };
      }),
    };
  };

  const sections: RoundReportSection[] = [];
  const visit = (node: PlanNode, depth: number) => {
    const nodeEvaluation = evaluation.nodes.get(node.key);
    const level = plan.levels[depth];
    sections.push({
      heading: `${level ? `${level} ` : ''}${nodeName(node)}`,
      depth,
      counts: nodeEvaluation ? countRatings(evaluation, nodeEvaluation.counts) : [],
      actions: node.actions.map(toAction),
    });
    for (const child of node.children) visit(child, depth + 1);
  };
  for (const node of plan.nodes) visit(node, 0);
  if (plan.actions.length > 0) {
    sections.push({
      heading: plan.nodes.length > 0 ? `階層に属さない${plan.actionLevel}` : `${plan.actionLevel}の一覧`,
      depth: 0,
      counts: [],
      actions: plan.actions.map(toAction),
    });
  }
  return {
    kind: 'round',
    header: {
      title: `${plan.title} 進捗状況報告`,
      planTitle: plan.title,
      municipality: `${municipality.prefecture} ${municipality.name}`,
      generatedOn: `${formatJapaneseDate(today)} 作成`,
      subtitle: `${roundLabel ?? `${formatFiscalYear(fy)}（現在の計画）`}　${source}`,
      counts: countRatings(evaluation, evaluation.total.counts),
      actionLevel: plan.actionLevel,
    },
    fy,
    yearLabel: formatFiscalYear(fy),
    yearShortLabel: formatFiscalYearShort(fy),
    sections,
    appendix,
  };
}

/** 令和7年度 12月の進捗確認. */
export function formatRoundLabel({ fy, month }: { fy: number; month: number }): string {
  return `${formatFiscalYear(fy)} ${month}月の進捗確認`;
}

/** The fiscal year a report made today is about, within the plan's period. */
export function selectReportYear({
  today,
  period,
}: {
  today: string;
  period: { startFy: number; endFy: number };
}): number {
  return Math.min(Math.max(fiscalYearOfDate(today), period.startFy), period.endFy);
}
