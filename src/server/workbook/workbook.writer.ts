import ExcelJS from 'exceljs';
import type { PlanEvaluation } from '../../domain/evaluation/index.js';
import { formatFiscalYear } from '../../domain/fiscal-year.js';
import type { Action, Kpi, PlanDocument, PlanNode } from '../../domain/plan.schemas.js';
import { type CellInput, setSafeCellValue } from './safe-cell.js';
import {
  CONFIRMED_LABEL,
  type ColumnSpec,
  DEPARTMENT_COLUMNS,
  DIRECTION_LABELS,
  DONE_LABEL,
  EXPECTED_LABEL,
  HYPOTHETICAL_LABEL,
  INFO_ROWS,
  KPI_BASIS_LABELS,
  KPI_COLUMNS,
  KPI_DIRECTION_LABELS,
  MEASURED_LABEL,
  OWNER_SEPARATOR,
  REPORT_COLUMNS,
  SHEETS,
  STATUS_LABELS,
  STRUCTURE_COLUMNS,
  TASK_COLUMNS,
} from './workbook.columns.js';

/** 令和8年2月8日 in Japanese Excel; the value stays a real date. */
export const JAPANESE_DATE_FORMAT = '[$-ja-JP-x-gannen]ggge"年"m"月"d"日"';

const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDCE6F2' } };
const REFERENCE_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } };
const THIN: Partial<ExcelJS.Border> = { style: 'thin', color: { argb: 'FF8C8C8C' } };
const BORDER: Partial<ExcelJS.Borders> = { top: THIN, left: THIN, bottom: THIN, right: THIN };

type Row<C> = { [K in keyof C]?: CellInput };

/** An ISO date as the Date Excel stores (midnight UTC: exceljs converts dates in UTC both ways). */
export function toExcelDate(isoDate: string): Date {
  const [year, month, day] = isoDate.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, day));
}

function addTableSheet<C extends Record<string, ColumnSpec>>({
  workbook,
  name,
  columns,
  rows,
  formats = {},
}: {
  workbook: ExcelJS.Workbook;
  name: string;
  columns: C;
  rows: Row<C>[];
  /** Number formats per column, or per cell value (percent with or without a decimal). */
  formats?: { [K in keyof C]?: string | ((value: CellInput) => string | undefined) };
}): ExcelJS.Worksheet {
  const sheet = workbook.addWorksheet(name, {
    views: [{ state: 'frozen', ySplit: 1 }],
    pageSetup: {
      paperSize: 9,
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      printTitlesRow: '1:1',
    },
  });
  const ids = Object.keys(columns) as (keyof C & string)[];
  sheet.columns = ids.map((id) => ({ key: id, width: columns[id]!.width }));
  const header = sheet.getRow(1);
  ids.forEach((id, index) => {
    const spec = columns[id]!;
    const cell = header.getCell(index + 1);
    setSafeCellValue(cell, spec.header);
    cell.font = { bold: true };
    cell.fill = spec.reference ? REFERENCE_FILL : HEADER_FILL;
    cell.border = BORDER;
    cell.alignment = { vertical: 'middle', wrapText: true };
    if (spec.reference) cell.note = '参考として表示しています。取り込むときには読みません。';
  });
  rows.forEach((values, rowIndex) => {
    const row = sheet.getRow(rowIndex + 2);
    ids.forEach((id, index) => {
      const spec = columns[id]!;
      const cell = row.getCell(index + 1);
      const value = values[id];
      setSafeCellValue(cell, value);
      const format = formats[id] as string | ((value: CellInput) => string | undefined) | undefined;
      const numFmt = typeof format === 'function' ? format(value) : format;
      if (numFmt && value !== null && value !== undefined && value !== '') cell.numFmt = numFmt;
      cell.border = BORDER;
      cell.alignment = { vertical: 'top', wrapText: spec.wrap === true };
      if (spec.reference) cell.fill = REFERENCE_FILL;
    });
  });
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: ids.length } };
  return sheet;
}

function percentFormat(value: CellInput): string | undefined {
  if (typeof value !== 'number') return undefined;
  const percent = Math.round(value * 1e11) / 1e9;
  return Number.isInteger(percent) ? '0%' : '0.0%';
}

/** 80 → 0.8, for a percentage cell; the reader turns it back exactly (fromPercentFraction). */
function toFraction(percent: number): number {
  return percent / 100;
}

/**
 * The plan as the workbook clerks fill in: 基本情報, 担当課, 計画の構成, 年度タスク (one row per yearly task,
 * as seed 001's progress tables), 指標 (one row per actual) and 最終報告. Reading it back with
 * `parsePlanWorkbook` gives the same plan.
 */
export async function buildPlanWorkbook({
  document,
  evaluation,
  planId,
}: {
  document: PlanDocument;
  evaluation: PlanEvaluation;
  planId?: string | undefined;
}): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Kiseki';
  workbook.title = document.plan.title;
  const { plan } = document;
  const departmentNames = new Map(
    document.departments.map((department) => [department.key, department.name]),
  );
  const departmentName = (key: string) => departmentNames.get(key) ?? key;

  addInfoSheet({ workbook, document, planId });
  addTableSheet({
    workbook,
    name: SHEETS.departments,
    columns: DEPARTMENT_COLUMNS,
    rows: document.departments.map((department) => ({
      name: department.name,
      parent: department.parent ? departmentName(department.parent) : null,
      key: department.key,
    })),
  });

  const structureRows: Row<typeof STRUCTURE_COLUMNS>[] = [];
  const placed: { action: Action }[] = [];
  const actionRow = (action: Action, parent: string | null): Row<typeof STRUCTURE_COLUMNS> => ({
    level: plan.actionLevel,
    number: action.number,
    title: action.title,
    aim: action.aim,
    approach: action.approach,
    target: action.target,
    owners: action.owners.map(departmentName).join(OWNER_SEPARATOR),
    status: action.status ? STATUS_LABELS[action.status] : null,
    key: action.key,
    parent,
  });
  // Actions directly under the plan come first: below a node's row a new row belongs to that node.
  for (const action of plan.actions) {
    structureRows.push(actionRow(action, null));
    placed.push({ action });
  }
  const visit = (node: PlanNode, depth: number, parent: string | null) => {
    structureRows.push({
      level: plan.levels[depth] ?? '',
      number: node.number,
      title: node.title,
      aim: node.description,
      key: node.key,
      parent,
    });
    for (const action of node.actions) {
      structureRows.push(actionRow(action, node.key));
      placed.push({ action });
    }
    for (const child of node.children) visit(child, depth + 1, node.key);
  };
  for (const node of plan.nodes) visit(node, 0, null);
  addTableSheet({ workbook, name: SHEETS.structure, columns: STRUCTURE_COLUMNS, rows: structureRows });

  addTableSheet({
    workbook,
    name: SHEETS.tasks,
    columns: TASK_COLUMNS,
    formats: { progress: percentFormat },
    rows: placed.flatMap(({ action }) =>
      action.tasks.map((task) => ({
        actionNumber: action.number,
        actionTitle: action.title,
        department: departmentName(task.department),
        fy: formatFiscalYear(task.fy),
        planText: task.planText,
        progress: task.progress === null ? null : toFraction(task.progress),
        expected: task.expected === true ? EXPECTED_LABEL : task.expected === false ? DONE_LABEL : null,
        weight: task.weight,
        key: task.key,
        actionKey: action.key,
      })),
    ),
  });

  const kpiRow = (action: Action, kpi: Kpi): Row<typeof KPI_COLUMNS> => ({
    actionNumber: action.number,
    actionTitle: action.title,
    name: kpi.name,
    unit: kpi.unit,
    baselineValue: kpi.baseline?.value,
    baselineDate: kpi.baseline?.date ? toExcelDate(kpi.baseline.date) : null,
    baselineLabel: kpi.baseline?.label,
    targetValue: kpi.target.value,
    targetFy: formatFiscalYear(kpi.target.fy),
    basis: kpi.basis ? KPI_BASIS_LABELS[kpi.basis] : null,
    direction: KPI_DIRECTION_LABELS[kpi.direction],
    weight: kpi.weight,
    key: kpi.key,
    actionKey: action.key,
  });
  addTableSheet({
    workbook,
    name: SHEETS.kpis,
    columns: KPI_COLUMNS,
    formats: { baselineDate: JAPANESE_DATE_FORMAT, actualDate: JAPANESE_DATE_FORMAT },
    rows: placed.flatMap(({ action }) =>
      action.kpis.flatMap((kpi) =>
        kpi.actuals.length === 0
          ? [kpiRow(action, kpi)]
          : kpi.actuals.map((actual) => ({
              ...kpiRow(action, kpi),
              actualValue: actual.value,
              actualDate: toExcelDate(actual.date),
              actualKind:
                actual.hypothetical === true
                  ? HYPOTHETICAL_LABEL
                  : actual.hypothetical === false
                    ? MEASURED_LABEL
                    : null,
              actualNote: actual.note,
            })),
      ),
    ),
  });

  addTableSheet({
    workbook,
    name: SHEETS.report,
    columns: REPORT_COLUMNS,
    rows: placed.map(({ action }) => {
      const actionEvaluation = evaluation.actions.get(action.key);
      const result = actionEvaluation?.result;
      return {
        actionNumber: action.number,
        actionTitle: action.title,
        rating: actionEvaluation
          ? `${actionEvaluation.rating.label}${result ? `（${result.shown.toFixed(1)}%）` : ''}`
          : null,
        outcome: action.report?.outcome,
        workDone: action.report?.workDone,
        issuesAhead: action.report?.issuesAhead,
        direction: action.report?.direction ? DIRECTION_LABELS[action.report.direction] : null,
        assessmentRate: action.assessment?.rate,
        assessmentReason: action.assessment?.reason,
        assessmentKind:
          action.assessment?.hypothetical === true
            ? HYPOTHETICAL_LABEL
            : action.assessment?.hypothetical === false
              ? CONFIRMED_LABEL
              : null,
        actionKey: action.key,
      };
    }),
  });

  return Buffer.from(await workbook.xlsx.writeBuffer());
}

function addInfoSheet({
  workbook,
  document,
  planId,
}: {
  workbook: ExcelJS.Workbook;
  document: PlanDocument;
  planId?: string | undefined;
}): void {
  const { plan, municipality } = document;
  const sheet = workbook.addWorksheet(SHEETS.info, {
    pageSetup: { paperSize: 9, orientation: 'portrait', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  sheet.columns = [{ width: 34 }, { width: 40 }, { width: 20 }, { width: 20 }, { width: 20 }];
  const title = sheet.getCell('A1');
  setSafeCellValue(title, `${plan.title} 入力用シート`);
  title.font = { bold: true, size: 14 };
  setSafeCellValue(
    sheet.getCell('A2'),
    '各シートに入力して Kiseki の計画のページから取り込むと、変更点を確認してから反映できます。灰色の列は参考で、取り込みません。',
  );
  const rows: [string, CellInput[]][] = [
    [INFO_ROWS.municipalityCode, [municipality.code]],
    [INFO_ROWS.prefecture, [municipality.prefecture]],
    [INFO_ROWS.municipalityName, [municipality.name]],
    [INFO_ROWS.title, [plan.title]],
    [INFO_ROWS.slug, [plan.slug]],
    [INFO_ROWS.startFy, [formatFiscalYear(plan.period.startFy)]],
    [INFO_ROWS.endFy, [formatFiscalYear(plan.period.endFy)]],
    [INFO_ROWS.levels, plan.levels],
    [INFO_ROWS.actionLevel, [plan.actionLevel]],
    ...(planId ? [[INFO_ROWS.planId, [planId]] as [string, CellInput[]]] : []),
  ];
  rows.forEach(([label, values], index) => {
    const row = sheet.getRow(index + 4);
    const labelCell = row.getCell(1);
    setSafeCellValue(labelCell, label);
    labelCell.font = { bold: true };
    labelCell.fill = label === INFO_ROWS.planId ? REFERENCE_FILL : HEADER_FILL;
    labelCell.border = BORDER;
    values.forEach((value, column) => {
      const cell = row.getCell(column + 2);
      setSafeCellValue(cell, value);
      cell.border = BORDER;
      // A code such as 402214 must stay text: Excel would drop a leading zero of a number.
      cell.numFmt = '@';
    });
  });
}
