import { z } from 'zod';
import {
  type AmountUnit,
  amountUnitLabels,
  type BprTotals,
  convertAmount,
  type FundingTotals,
  type FundingYearTypeTotal,
  fundingKindLabels,
} from '../../domain/effects.js';
import { formatFiscalYear } from '../../domain/fiscal-year.js';
import {
  formatQuantity,
  formatSignedChange,
  formatStatedFigure,
  type StatedCheck,
} from '../../domain/stated-figures.js';

/*
 * Tables as report sections: plain, format-neutral data (title, columns, rows of cells, totals, notes)
 * that an xlsx, docx or PDF writer — or a CSV, or the open data JSON — renders as it needs. A cell has
 * the machine value and the text as a Japanese reader expects it (△116,274, 未測定, 143,034).
 */

export const reportColumnKinds = ['text', 'number', 'percent', 'amount', 'change', 'date'] as const;

export const reportCellSchema = z.object({
  value: z.union([z.string(), z.number()]).nullable(),
  text: z.string(),
});
export type ReportCell = z.infer<typeof reportCellSchema>;

export const reportColumnSchema = z.object({
  key: z.string(),
  label: z.string(),
  kind: z.enum(reportColumnKinds),
  /** Shown in the heading: 対応前（時間）. */
  unit: z.string().nullable(),
});
export type ReportColumn = z.infer<typeof reportColumnSchema>;

export const reportNoteSchema = z.object({
  /** stated_differs: a figure the document states that the rows do not give — the reader must see it. */
  kind: z.enum(['stated_differs', 'stated_agrees', 'source', 'note']),
  text: z.string(),
});
export type ReportNote = z.infer<typeof reportNoteSchema>;

export const reportSectionSchema = z.object({
  key: z.string(),
  kind: z.enum(['bpr', 'series', 'funding', 'funding_summary', 'roster', 'meeting_counts', 'meetings']),
  title: z.string(),
  subtitle: z.string().nullable(),
  columns: z.array(reportColumnSchema),
  /** Cells in column order. */
  rows: z.array(z.array(reportCellSchema)),
  /** Total rows, cells in column order (the first text cell names the total). */
  totals: z.array(z.array(reportCellSchema)),
  notes: z.array(reportNoteSchema),
});
export type ReportSection = z.infer<typeof reportSectionSchema>;

export function textCell(text: string | null | undefined): ReportCell {
  return { value: text ?? null, text: text ?? '' };
}

export function numberCell(value: number | null, empty = ''): ReportCell {
  return value === null ? { value: null, text: empty } : { value, text: formatQuantity(value) };
}

function rateCell(value: number | null, empty = ''): ReportCell {
  return value === null ? { value: null, text: empty } : { value, text: value.toFixed(1) };
}

function changeCell(value: number | null): ReportCell {
  return value === null ? { value: null, text: '—' } : { value, text: formatSignedChange(value) };
}

function amountCell(yen: number | null, unit: AmountUnit): ReportCell {
  if (yen === null) return { value: null, text: '' };
  const value = convertAmount(yen, unit);
  return { value, text: formatQuantity(value) };
}

/** The stated figures as notes: disagreements first, so that no reader misses one. */
export function toStatedNotes(checks: readonly StatedCheck[], prefix = ''): ReportNote[] {
  const differs = checks
    .filter((check) => check.differs)
    .map((check) => ({ kind: 'stated_differs' as const, text: `${prefix}${check.message ?? check.label}` }));
  const agrees = checks
    .filter((check) => !check.differs)
    .map((check) => ({
      kind: 'stated_agrees' as const,
      text: `${prefix}資料記載の${check.label} ${formatStatedFigure(check.stated, check.signed)}${check.unit} は、計算結果と一致します`,
    }));
  return [...differs, ...agrees];
}

function sourceNotes({ source, note }: { source: string | null; note: string | null }): ReportNote[] {
  return [
    ...(source ? [{ kind: 'source' as const, text: `出典: ${source}` }] : []),
    ...(note ? [{ kind: 'note' as const, text: note }] : []),
  ];
}

function describeActions(actions: readonly { number: string; title: string }[]): string {
  return actions.map((action) => `${action.number} ${action.title}`).join('、');
}

export function buildBprSection({
  project,
  results,
  totals,
}: {
  project: { id: string; title: string; fy: number; source: string | null; note: string | null };
  results: readonly {
    number: string | null;
    process: string;
    department: { name: string };
    hoursBefore: number;
    hoursAfter: number | null;
    hoursSaved: number | null;
    reductionRateShown: number | null;
    checks: StatedCheck[];
    actions: readonly { number: string; title: string }[];
  }[];
  totals: BprTotals;
}): ReportSection {
  return {
    key: `bpr:${project.id}`,
    kind: 'bpr',
    title: project.title,
    subtitle: `BPR実証結果 ${formatFiscalYear(project.fy)}`,
    columns: [
      { key: 'number', label: 'No', kind: 'text', unit: null },
      { key: 'process', label: '対象業務名', kind: 'text', unit: null },
      { key: 'department', label: '対象部門', kind: 'text', unit: null },
      { key: 'hoursBefore', label: '対応前', kind: 'number', unit: '時間' },
      { key: 'hoursAfter', label: '対応後', kind: 'number', unit: '時間' },
      { key: 'hoursSaved', label: '削減時間', kind: 'number', unit: '時間' },
      { key: 'reductionRate', label: '削減率', kind: 'percent', unit: '%' },
      { key: 'actions', label: '連携アクション', kind: 'text', unit: null },
    ],
    rows: results.map((row) => [
      textCell(row.number),
      textCell(row.process),
      textCell(row.department.name),
      numberCell(row.hoursBefore),
      row.hoursAfter === null ? { value: null, text: '未測定' } : numberCell(row.hoursAfter),
      numberCell(row.hoursSaved, '—'),
      rateCell(row.reductionRateShown, '—'),
      textCell(describeActions(row.actions)),
    ]),
    totals: [
      [
        textCell(''),
        textCell('合計（未測定を除く）'),
        textCell(`${totals.measuredCount}業務`),
        numberCell(totals.hoursBefore),
        numberCell(totals.hoursAfter),
        numberCell(totals.hoursSaved),
        rateCell(totals.reductionRateShown, '—'),
        textCell(''),
      ],
    ],
    notes: [
      ...toStatedNotes(totals.checks),
      ...results.flatMap((row) =>
        toStatedNotes(
          row.checks.filter((check) => check.differs),
          `No.${row.number ?? ''}「${row.process}」: `,
        ),
      ),
      ...(totals.unmeasuredCount > 0
        ? [
            {
              kind: 'note' as const,
              text: `未測定の${totals.unmeasuredCount}業務は、合計と削減率に含めていません（対象業務は全${totals.processCount}業務）`,
            },
          ]
        : []),
      ...sourceNotes(project),
    ],
  };
}

export function buildSeriesSection({
  series,
  rows,
  checks,
}: {
  series: {
    id: string;
    title: string;
    description: string | null;
    columns: readonly { key: string; label: string; unit: string; changeLabel?: string | undefined }[];
    source: string | null;
    note: string | null;
  };
  rows: readonly {
    fy: number;
    values: Record<string, number | null>;
    changes: Record<string, number | null>;
  }[];
  checks: readonly StatedCheck[];
}): ReportSection {
  const columns: ReportColumn[] = [{ key: 'fy', label: '年度', kind: 'text', unit: null }];
  for (const column of series.columns) {
    columns.push({ key: column.key, label: column.label, kind: 'number', unit: column.unit || null });
    if (column.changeLabel) {
      columns.push({
        key: `${column.key}:change`,
        label: column.changeLabel,
        kind: 'change',
        unit: column.unit || null,
      });
    }
  }
  return {
    key: `series:${series.id}`,
    kind: 'series',
    title: series.title,
    subtitle: series.description,
    columns,
    rows: rows.map((row) => {
      const cells: ReportCell[] = [{ value: row.fy, text: formatFiscalYear(row.fy) }];
      for (const column of series.columns) {
        cells.push(numberCell(row.values[column.key] ?? null));
        if (column.changeLabel) cells.push(changeCell(row.changes[column.key] ?? null));
      }
      return cells;
    }),
    totals: [],
    notes: [...toStatedNotes(checks), ...sourceNotes(series)],
  };
}

export function buildFundingSection({
  list,
  items,
  totals,
  unit,
}: {
  list: {
    id: string;
    kind: 'grant' | 'budget';
    title: string;
    fy: number;
    program: string | null;
    source: string | null;
    note: string | null;
  };
  items: readonly {
    number: string | null;
    name: string;
    summary: string | null;
    type: string | null;
    projectCost: number | null;
    grantAmount: number | null;
    budgetAmount: number | null;
    subsidyRate: { numerator: number; denominator: number } | null;
    actions: readonly { number: string; title: string }[];
  }[];
  totals: FundingTotals;
  unit: AmountUnit;
}): ReportSection {
  const unitLabel = amountUnitLabels[unit];
  const subtitle = `${list.program ? `${list.program} ` : ''}${formatFiscalYear(list.fy)}`;
  const notes = [...toStatedNotes(totals.checks), ...sourceNotes(list)];
  if (list.kind === 'budget') {
    return {
      key: `funding:${list.id}`,
      kind: 'funding',
      title: list.title,
      subtitle,
      columns: [
        { key: 'number', label: 'No.', kind: 'text', unit: null },
        { key: 'name', label: '事業名', kind: 'text', unit: null },
        { key: 'summary', label: '事業概要', kind: 'text', unit: null },
        { key: 'budgetAmount', label: `${formatFiscalYear(list.fy)}予算`, kind: 'amount', unit: unitLabel },
        { key: 'actions', label: '連携アクション', kind: 'text', unit: null },
      ],
      rows: items.map((item) => [
        textCell(item.number),
        textCell(item.name),
        textCell(item.summary),
        amountCell(item.budgetAmount, unit),
        textCell(describeActions(item.actions)),
      ]),
      totals: [
        [textCell(''), textCell('合計'), textCell(''), amountCell(totals.budgetAmount, unit), textCell('')],
      ],
      notes,
    };
  }
  return {
    key: `funding:${list.id}`,
    kind: 'funding',
    title: list.title,
    subtitle,
    columns: [
      { key: 'number', label: 'No.', kind: 'text', unit: null },
      { key: 'name', label: '事業名', kind: 'text', unit: null },
      { key: 'type', label: '事業タイプ', kind: 'text', unit: null },
      { key: 'subsidyRate', label: '補助率', kind: 'text', unit: null },
      { key: 'projectCost', label: '事業費', kind: 'amount', unit: unitLabel },
      { key: 'grantAmount', label: '採択額', kind: 'amount', unit: unitLabel },
      { key: 'summary', label: '事業概要', kind: 'text', unit: null },
      { key: 'actions', label: '連携アクション', kind: 'text', unit: null },
    ],
    rows: items.map((item) => [
      textCell(item.number),
      textCell(item.name),
      textCell(item.type),
      textCell(item.subsidyRate ? `${item.subsidyRate.numerator}/${item.subsidyRate.denominator}` : null),
      amountCell(item.projectCost, unit),
      amountCell(item.grantAmount, unit),
      textCell(item.summary),
      textCell(describeActions(item.actions)),
    ]),
    totals: [
      [
        textCell(''),
        textCell('合計'),
        textCell(''),
        textCell(''),
        amountCell(totals.projectCost, unit),
        amountCell(totals.grantAmount, unit),
        textCell(''),
        textCell(''),
      ],
    ],
    notes,
  };
}

export function buildFundingSummarySection({
  byYearAndType,
  unit,
}: {
  byYearAndType: readonly FundingYearTypeTotal[];
  unit: AmountUnit;
}): ReportSection {
  const unitLabel = amountUnitLabels[unit];
  return {
    key: 'funding:summary',
    kind: 'funding_summary',
    title: '交付金・予算の年度別・種類別の合計',
    subtitle: null,
    columns: [
      { key: 'fy', label: '年度', kind: 'text', unit: null },
      { key: 'kind', label: '区分', kind: 'text', unit: null },
      { key: 'type', label: '事業タイプ', kind: 'text', unit: null },
      { key: 'itemCount', label: '事業数', kind: 'number', unit: '件' },
      { key: 'projectCost', label: '事業費', kind: 'amount', unit: unitLabel },
      { key: 'grantAmount', label: '採択額', kind: 'amount', unit: unitLabel },
      { key: 'budgetAmount', label: '予算額', kind: 'amount', unit: unitLabel },
    ],
    rows: byYearAndType.map((total) => [
      { value: total.fy, text: formatFiscalYear(total.fy) },
      textCell(fundingKindLabels[total.kind]),
      textCell(total.type ?? (total.kind === 'grant' ? '（タイプ記載なし）' : '')),
      numberCell(total.itemCount),
      total.kind === 'grant' ? amountCell(total.projectCost, unit) : textCell(''),
      total.kind === 'grant' ? amountCell(total.grantAmount, unit) : textCell(''),
      total.kind === 'budget' ? amountCell(total.budgetAmount, unit) : textCell(''),
    ]),
    totals: [],
    notes: [],
  };
}

const BOM = '\uFEFF';

function escapeCsv(value: string): string {
  // A leading = + - @ would be read as a formula by spreadsheet software.
  const safe = /^[=+\-@\t\r]/.test(value) && Number.isNaN(Number(value)) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/**
 * A section as CSV (UTF-8 with BOM, CRLF, so that Excel on a clerk's desk opens it as Japanese): one
 * heading row with units, one line per row, machine values rather than display text. Totals are left out:
 * open data is read by programs, which compute their own (the rule of 機械判読に適したデータ).
 */
export function renderSectionCsv(section: ReportSection): string {
  const header = section.columns.map((column) =>
    escapeCsv(column.unit ? `${column.label}（${column.unit}）` : column.label),
  );
  const lines = [header.join(',')];
  for (const row of section.rows) {
    lines.push(row.map((cell) => escapeCsv(cell.value === null ? '' : String(cell.value))).join(','));
  }
  return `${BOM}${lines.join('\r\n')}\r\n`;
}
