import type { PlanEvaluation } from '../../domain/evaluation/index.js';
import { findLatestActual } from '../../domain/evaluation/kpi-rate.js';
import { formatRateFigure } from '../../domain/evaluation/numbers.js';
import { formatFiscalYear } from '../../domain/fiscal-year.js';
import type { EvaluationSettings, KpiBasis, PlanDocument, RateBasis } from '../../domain/plan.schemas.js';
import { listActions } from '../../domain/plan-tree.js';

/*
 * Open data of a published plan: its actions, KPIs and ratings as CSV (UTF-8 with a BOM, so that
 * Japanese Excel opens it as UTF-8) and as JSON. Identifiers are built from keys, not database ids, so
 * that they stay the same across re-imports and servers: 402273/kama-digital-plan-1/action-06. The
 * columns are documented in docs/open-data.md; a test keeps the two in step.
 */

export interface OpenDataLicense {
  name: string;
  url: string;
}

/** 公共データ利用規約（第1.0版）, the government's standard licence for public data (compatible with CC BY 4.0). */
export const DEFAULT_OPEN_DATA_LICENSE: OpenDataLicense = {
  name: '公共データ利用規約（第1.0版）（PDL1.0）',
  url: 'https://www.digital.go.jp/resources/open_data/public_data_license_v1.0',
};

export interface OpenDataSource {
  municipality: { code: string; name: string; prefecture: string };
  document: PlanDocument;
  evaluation: PlanEvaluation;
  settings: EvaluationSettings;
  /** When the data is as of (ISO timestamp): the plan's last change or the round its snapshot is from. */
  asOf: string;
  license: OpenDataLicense;
}

type Cell = string | number | null;

export interface Column<K extends string> {
  key: K;
  /** The CSV header, in Japanese as a Japanese reader expects it. */
  header: string;
}

const column = <K extends string>(key: K, header: string): Column<K> => ({ key, header });

export const ACTION_COLUMNS = [
  column('municipality_code', '全国地方公共団体コード'),
  column('municipality_name', '自治体名'),
  column('plan_id', '計画ID'),
  column('plan_title', '計画名'),
  column('action_id', 'アクションID'),
  column('action_number', '番号'),
  column('action_title', '名称'),
  column('path', '階層'),
  column('aim', '目指すこと'),
  column('approach', 'やること'),
  column('target', '目標(値)'),
  column('owners', '担い手'),
  column('rating', '評価区分'),
  column('rating_key', '評価区分キー'),
  column('rate', '達成率(%)'),
  column('basis', '評価根拠'),
  column('projection', '見込み'),
  column('hypothetical', '仮定値'),
  column('kpi_rate', '目標(値)に対する達成率(%)'),
  column('task_mean', '各年度タスクの平均進捗率(%)'),
  column('assessment_rate', '総括評価(%)'),
  column('as_of', 'データ時点'),
  column('license', 'ライセンス'),
] as const;

export const KPI_COLUMNS = [
  column('municipality_code', '全国地方公共団体コード'),
  column('plan_id', '計画ID'),
  column('action_id', 'アクションID'),
  column('kpi_id', '指標ID'),
  column('kpi_name', '指標名'),
  column('unit', '単位'),
  column('direction', '方向'),
  column('basis', '算定基準'),
  column('baseline_value', '基準値'),
  column('baseline_date', '基準値の日付'),
  column('baseline_label', '基準値の時点'),
  column('target_value', '目標値'),
  column('target_fy', '目標年度'),
  column('target_fy_label', '目標年度（和暦）'),
  column('latest_value', '最新の実績値'),
  column('latest_date', '最新の実績値の日付'),
  column('rate', '達成率(%)'),
  column('rating', '評価区分'),
  column('hypothetical', '仮定値'),
  column('as_of', 'データ時点'),
  column('license', 'ライセンス'),
] as const;

export const ACTUAL_COLUMNS = [
  column('municipality_code', '全国地方公共団体コード'),
  column('plan_id', '計画ID'),
  column('action_id', 'アクションID'),
  column('kpi_id', '指標ID'),
  column('kpi_name', '指標名'),
  column('date', '日付'),
  column('value', '実績値'),
  column('unit', '単位'),
  column('hypothetical', '仮定値'),
  column('license', 'ライセンス'),
] as const;

type Row<C extends readonly Column<string>[]> = Record<C[number]['key'], Cell>;

const BASIS_LABELS: Record<RateBasis, string> = {
  kpi: '目標(値)に対する達成率',
  tasks: '各年度タスクの平均進捗率',
  assessment: '総括評価',
};

const KPI_BASIS_LABELS: Record<KpiBasis, string> = {
  ratio: '実績÷目標',
  baseline: '基準値からの変化',
};

const rate = (value: number | null | undefined): string | null =>
  value === null || value === undefined ? null : formatRateFigure(value).replace(/,/g, '');
const flag = (value: boolean): string => (value ? '1' : '0');

export function buildPlanOpenDataId({
  municipalityCode,
  slug,
}: {
  municipalityCode: string;
  slug: string;
}): string {
  return `${municipalityCode}/${slug}`;
}

export interface OpenDataTables {
  actions: Row<typeof ACTION_COLUMNS>[];
  kpis: Row<typeof KPI_COLUMNS>[];
  actuals: Row<typeof ACTUAL_COLUMNS>[];
}

/** The three tables of a plan's open data, one row per action, per KPI and per KPI actual. */
export function buildOpenDataTables(source: OpenDataSource): OpenDataTables {
  const { municipality, document, evaluation, asOf, license } = source;
  const { plan, departments } = document;
  const planId = buildPlanOpenDataId({ municipalityCode: municipality.code, slug: plan.slug });
  const departmentNames = new Map(departments.map((department) => [department.key, department.name]));
  const tables: OpenDataTables = { actions: [], kpis: [], actuals: [] };

  for (const { action, path } of listActions(plan)) {
    const actionEvaluation = evaluation.actions.get(action.key);
    if (!actionEvaluation) continue;
    const actionId = `${planId}/${action.key}`;
    const result = actionEvaluation.result;
    tables.actions.push({
      municipality_code: municipality.code,
      municipality_name: municipality.name,
      plan_id: planId,
      plan_title: plan.title,
      action_id: actionId,
      action_number: action.number,
      action_title: action.title,
      path: path.map((node) => (node.number ? `${node.number} ${node.title}` : node.title)).join(' > '),
      aim: action.aim ?? null,
      approach: action.approach ?? null,
      target: action.target ?? null,
      owners: action.owners.map((key) => departmentNames.get(key) ?? key).join('・'),
      rating: actionEvaluation.rating.label,
      rating_key: actionEvaluation.rating.key,
      rate: rate(result?.shown),
      basis: actionEvaluation.basis ? BASIS_LABELS[actionEvaluation.basis] : null,
      projection: flag(result?.projection ?? false),
      hypothetical: flag(result?.hypothetical ?? false),
      kpi_rate: rate(actionEvaluation.kpi.result?.shown),
      task_mean: rate(actionEvaluation.tasks.result?.shown),
      assessment_rate: rate(actionEvaluation.assessment.result?.shown),
      as_of: asOf,
      license: license.name,
    });
    action.kpis.forEach((kpi, index) => {
      const kpiId = `${actionId}/${kpi.key}`;
      const kpiEvaluation = actionEvaluation.kpi.kpis[index];
      const latest = findLatestActual(kpi.actuals);
      tables.kpis.push({
        municipality_code: municipality.code,
        plan_id: planId,
        action_id: actionId,
        kpi_id: kpiId,
        kpi_name: kpi.name,
        unit: kpi.unit,
        direction: kpi.direction === 'increase' ? '増加' : '減少',
        basis: KPI_BASIS_LABELS[kpiEvaluation?.basis ?? kpi.basis ?? source.settings.defaultKpiBasis],
        baseline_value: kpi.baseline?.value ?? null,
        baseline_date: kpi.baseline?.date ?? null,
        baseline_label: kpi.baseline?.label ?? null,
        target_value: kpi.target.value,
        target_fy: kpi.target.fy,
        target_fy_label: formatFiscalYear(kpi.target.fy),
        latest_value: latest?.value ?? null,
        latest_date: latest?.date ?? null,
        rate: rate(kpiEvaluation?.result?.shown),
        rating: kpiEvaluation?.result?.rating.label ?? null,
        hypothetical: flag(latest?.hypothetical ?? false),
        as_of: asOf,
        license: license.name,
      });
      for (const actual of [...kpi.actuals].sort((a, b) =>
        a.date < b.date ? -1 : a.date > b.date ? 1 : 0,
      )) {
        tables.actuals.push({
          municipality_code: municipality.code,
          plan_id: planId,
          action_id: actionId,
          kpi_id: kpiId,
          kpi_name: kpi.name,
          date: actual.date,
          value: actual.value,
          unit: kpi.unit,
          hypothetical: flag(actual.hypothetical ?? false),
          license: license.name,
        });
      }
    });
  }
  return tables;
}

function toCsvField(value: Cell): string {
  if (value === null) return '';
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * CSV as Japanese Excel opens it: UTF-8 with a byte order mark, CRLF line ends, fields quoted when they
 * hold a comma, a quote or a line break (RFC 4180).
 */
export function toCsv<C extends readonly Column<string>[]>({
  columns,
  rows,
}: {
  columns: C;
  rows: Row<C>[];
}): string {
  const lines = [columns.map((entry) => toCsvField(entry.header)).join(',')];
  for (const row of rows) {
    lines.push(columns.map((entry) => toCsvField(row[entry.key as C[number]['key']])).join(','));
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

export interface OpenDataFiles {
  'actions.csv': string;
  'kpis.csv': string;
  'kpi-actuals.csv': string;
  'plan.json': string;
}

/** The plan as one JSON document (kiseki-opendata@1), with the same identifiers as the CSV files. */
export function buildOpenDataJson({
  source,
  generatedAt,
}: {
  source: OpenDataSource;
  generatedAt: string;
}): unknown {
  const { municipality, document, evaluation, settings, asOf, license } = source;
  const { plan, departments } = document;
  const planId = buildPlanOpenDataId({ municipalityCode: municipality.code, slug: plan.slug });
  const departmentNames = new Map(departments.map((department) => [department.key, department.name]));
  return {
    format: 'kiseki-opendata@1',
    license,
    generatedAt,
    asOf,
    municipality,
    plan: {
      id: planId,
      slug: plan.slug,
      title: plan.title,
      period: plan.period,
      levels: plan.levels,
      actionLevel: plan.actionLevel,
      ratingScale: settings.ratingScale,
    },
    actions: listActions(plan).map(({ action, path }) => {
      const actionEvaluation = evaluation.actions.get(action.key)!;
      const actionId = `${planId}/${action.key}`;
      return {
        id: actionId,
        key: action.key,
        number: action.number,
        title: action.title,
        path: path.map((node, depth) => ({
          key: node.key,
          number: node.number ?? null,
          title: node.title,
          level: plan.levels[depth] ?? null,
        })),
        aim: action.aim ?? null,
        approach: action.approach ?? null,
        target: action.target ?? null,
        owners: action.owners.map((key) => ({ key, name: departmentNames.get(key) ?? key })),
        rating: { key: actionEvaluation.rating.key, label: actionEvaluation.rating.label },
        rate: actionEvaluation.result?.shown ?? null,
        basis: actionEvaluation.basis,
        projection: actionEvaluation.result?.projection ?? false,
        hypothetical: actionEvaluation.result?.hypothetical ?? false,
        referenceRates: {
          kpi: actionEvaluation.kpi.result?.shown ?? null,
          tasks: actionEvaluation.tasks.result?.shown ?? null,
          assessment: actionEvaluation.assessment.result?.shown ?? null,
        },
        kpis: action.kpis.map((kpi, index) => {
          const kpiEvaluation = actionEvaluation.kpi.kpis[index];
          return {
            id: `${actionId}/${kpi.key}`,
            key: kpi.key,
            name: kpi.name,
            unit: kpi.unit,
            direction: kpi.direction,
            basis: kpiEvaluation?.basis ?? kpi.basis ?? settings.defaultKpiBasis,
            baseline: kpi.baseline
              ? {
                  value: kpi.baseline.value,
                  date: kpi.baseline.date ?? null,
                  label: kpi.baseline.label ?? null,
                }
              : null,
            target: kpi.target,
            actuals: [...kpi.actuals]
              .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0))
              .map((actual) => ({
                date: actual.date,
                value: actual.value,
                hypothetical: actual.hypothetical ?? false,
              })),
            rate: kpiEvaluation?.result?.shown ?? null,
            rating: kpiEvaluation?.result
              ? { key: kpiEvaluation.result.rating.key, label: kpiEvaluation.result.rating.label }
              : null,
          };
        }),
      };
    }),
  };
}

/** Every open-data file of a plan, as text. */
export function buildOpenDataFiles({
  source,
  generatedAt,
}: {
  source: OpenDataSource;
  /** ISO timestamp written into the JSON. */
  generatedAt: string;
}): OpenDataFiles {
  const tables = buildOpenDataTables(source);
  return {
    'actions.csv': toCsv({ columns: ACTION_COLUMNS, rows: tables.actions }),
    'kpis.csv': toCsv({ columns: KPI_COLUMNS, rows: tables.kpis }),
    'kpi-actuals.csv': toCsv({ columns: ACTUAL_COLUMNS, rows: tables.actuals }),
    'plan.json': `${JSON.stringify(buildOpenDataJson({ source, generatedAt }), null, 2)}\n`,
  };
}
