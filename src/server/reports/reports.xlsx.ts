import ExcelJS from 'exceljs';
import { setSafeCellValue } from '../workbook/safe-cell.js';
import { fitWithin, readImageSize } from './image-size.js';
import {
  type FinalReport,
  type FinalReportAction,
  NO_VALUE,
  type RatingCount,
  type Report,
  type ReportHeader,
  type RoundReport,
} from './reports.models.js';

/*
 * Excel for those who keep editing: styled tables, A4 print setup with a print area, header rows repeated
 * on every printed page, no formulas (every text cell goes through setSafeCellValue).
 */

const FONT_NAME = '游ゴシック';
const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDCE6F2' } };
const LABEL_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } };
const SECTION_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF7' } };
const THIN: Partial<ExcelJS.Border> = { style: 'thin', color: { argb: 'FF8C8C8C' } };
const BORDER: Partial<ExcelJS.Borders> = { top: THIN, left: THIN, bottom: THIN, right: THIN };

/** Excel refuses sheet names over 31 characters or with : \ / ? * [ ]; each must be unique. */
function createSheetNamer(): (name: string) => string {
  const used = new Set<string>();
  return (name) => {
    const base = name.replace(/[:\\/?*[\]]/g, '・').slice(0, 31);
    let candidate = base;
    for (let n = 2; used.has(candidate.toLowerCase()); n++) candidate = `${base.slice(0, 27)} (${n})`;
    used.add(candidate.toLowerCase());
    return candidate;
  };
}

function addSheet(workbook: ExcelJS.Workbook, name: string, landscape: boolean): ExcelJS.Worksheet {
  return workbook.addWorksheet(name, {
    properties: { defaultRowHeight: 18 },
    pageSetup: {
      paperSize: 9,
      orientation: landscape ? 'landscape' : 'portrait',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      margins: { left: 0.5, right: 0.5, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
    },
    headerFooter: { oddFooter: '&C&P / &N ページ' },
  });
}

function writeCell(
  sheet: ExcelJS.Worksheet,
  row: number,
  column: number,
  value: string | number,
  style: {
    bold?: boolean;
    fill?: ExcelJS.Fill;
    size?: number;
    wrap?: boolean;
    border?: boolean;
    color?: string;
  } = {},
): ExcelJS.Cell {
  const cell = sheet.getCell(row, column);
  setSafeCellValue(cell, value);
  cell.font = {
    name: FONT_NAME,
    size: style.size ?? 10,
    bold: style.bold === true,
    ...(style.color && { color: { argb: style.color } }),
  };
  if (style.fill) cell.fill = style.fill;
  if (style.border !== false) cell.border = BORDER;
  cell.alignment = { vertical: 'top', wrapText: style.wrap !== false };
  return cell;
}

/** Title lines above a table; returns the next free row. */
function writeTitle(sheet: ExcelJS.Worksheet, header: ReportHeader, subtitle?: string): number {
  writeCell(sheet, 1, 1, header.municipality, { border: false, wrap: false });
  writeCell(sheet, 2, 1, subtitle ?? header.title, { bold: true, size: 14, border: false, wrap: false });
  writeCell(sheet, 3, 1, header.subtitle, { border: false, wrap: false });
  writeCell(sheet, 4, 1, header.generatedOn, { border: false, wrap: false });
  return 6;
}

function writeCounts(sheet: ExcelJS.Worksheet, row: number, counts: RatingCount[]): number {
  writeCell(sheet, row, 1, '評価区分', { bold: true, fill: HEADER_FILL });
  writeCell(sheet, row + 1, 1, '件数', { bold: true, fill: HEADER_FILL });
  counts.forEach((count, i) => {
    writeCell(sheet, row, i + 2, count.label, { bold: true, fill: HEADER_FILL });
    writeCell(sheet, row + 1, i + 2, count.count);
  });
  return row + 3;
}

function setPrintArea(sheet: ExcelJS.Worksheet, lastColumn: number): void {
  const last = sheet.getColumn(lastColumn).letter;
  sheet.pageSetup.printArea = `A1:${last}${Math.max(sheet.rowCount, 1)}`;
}

function addFinalActionSheet({
  workbook,
  name,
  action,
  actionLevel,
}: {
  workbook: ExcelJS.Workbook;
  name: string;
  action: FinalReportAction;
  actionLevel: string;
}): void {
  const sheet = addSheet(workbook, name, false);
  sheet.columns = [{ width: 16 }, { width: 80 }];
  writeCell(sheet, 1, 1, `${action.number} ${action.title}`, {
    bold: true,
    size: 14,
    border: false,
    wrap: false,
  });
  if (action.path) writeCell(sheet, 2, 1, action.path, { border: false, wrap: false, color: 'FF555555' });
  let row = 4;
  const section = (title: string) => {
    writeCell(sheet, row, 1, title, { bold: true, size: 12, border: false, wrap: false });
    row++;
  };
  const pair = (
    label: string,
    value: string,
    options: { bold?: boolean; size?: number; color?: string } = {},
  ) => {
    writeCell(sheet, row, 1, label, { bold: true, fill: LABEL_FILL });
    writeCell(sheet, row, 2, value === '' ? NO_VALUE : value, options);
    const lineCount = value
      .split('\n')
      .reduce((sum, line) => sum + Math.max(1, Math.ceil(line.length / 45)), 0);
    sheet.getRow(row).height = Math.max(18, lineCount * 15 + (options.size ? options.size : 0));
    row++;
  };
  section('概要');
  pair('目指すこと', action.aim);
  pair('やること', action.approach);
  pair('目標(値)', action.target);
  pair('担い手', action.owners);
  row++;
  section(`${actionLevel}の成果`);
  pair('目標達成率', action.rating, { bold: true, size: 16, color: 'FF00589B' });
  pair('達成率', `${action.rate}（${action.basis}）${action.note ? `　${action.note}` : ''}`);
  pair('成果', action.outcome, { bold: action.outcome !== '' });
  pair('やったこと', action.workDone);
  pair('課題', action.issuesAhead);
  pair('今後の方向性', action.direction);
  pair('評価の根拠', action.basisReason);
  row++;
  section('取組状況の写真');
  if (action.photos.length === 0 && action.omittedPhotos.length === 0) {
    writeCell(sheet, row, 1, '写真は登録されていません。', { border: false, wrap: false });
    row++;
  }
  for (const photo of action.photos) {
    const size = readImageSize(photo.data);
    if (!size) continue;
    const fitted = fitWithin({ size, maxWidth: 480, maxHeight: 270 });
    const imageId = workbook.addImage({
      buffer: Uint8Array.from(photo.data).buffer,
      extension: photo.contentType === 'image/png' ? 'png' : 'jpeg',
    });
    sheet.addImage(imageId, { tl: { col: 1, row: row - 1 }, ext: fitted });
    const rows = Math.ceil(fitted.height / 20) + 1;
    for (let i = 0; i < rows; i++) sheet.getRow(row + i).height = 20;
    row += rows;
    writeCell(sheet, row, 2, photo.caption ?? photo.fileName, { border: false, size: 9 });
    row += 2;
  }
  if (action.omittedPhotos.length > 0) {
    writeCell(
      sheet,
      row,
      1,
      `次の写真は形式（JPEG・PNG 以外）か読み取れないため載せていません：${action.omittedPhotos.join('、')}`,
      {
        border: false,
        wrap: false,
      },
    );
    row++;
  }
  setPrintArea(sheet, 2);
}

function buildFinal(workbook: ExcelJS.Workbook, report: FinalReport): void {
  const nameSheet = createSheetNamer();
  const summary = addSheet(workbook, nameSheet('一覧'), true);
  summary.columns = [
    { width: 8 },
    { width: 40 },
    { width: 26 },
    { width: 10 },
    { width: 12 },
    { width: 24 },
    { width: 12 },
  ];
  let row = writeTitle(summary, report.header);
  row = writeCounts(summary, row, report.header.counts);
  const headerRow = row;
  ['番号', `${report.header.actionLevel}名`, '担い手', '達成率', '評価', '評価根拠', '今後の方向性'].forEach(
    (text, i) => {
      writeCell(summary, row, i + 1, text, { bold: true, fill: HEADER_FILL });
    },
  );
  row++;
  for (const action of report.actions) {
    [
      action.number,
      action.title,
      action.owners,
      action.rate,
      action.rating,
      action.basis,
      action.direction || NO_VALUE,
    ].forEach((text, i) => {
      writeCell(summary, row, i + 1, text);
    });
    row++;
  }
  summary.pageSetup.printTitlesRow = `${headerRow}:${headerRow}`;
  summary.views = [{ state: 'frozen', ySplit: headerRow }];
  setPrintArea(summary, 7);
  for (const action of report.actions) {
    addFinalActionSheet({
      workbook,
      name: nameSheet(`${action.number} ${action.title}`),
      action,
      actionLevel: report.header.actionLevel,
    });
  }
}

function buildRound(workbook: ExcelJS.Workbook, report: RoundReport): void {
  const sheet = addSheet(workbook, '進捗状況', true);
  sheet.columns = [
    { width: 8 },
    { width: 34 },
    { width: 22 },
    { width: 44 },
    { width: 12 },
    { width: 14 },
    { width: 10 },
    { width: 22 },
  ];
  let row = writeTitle(sheet, report.header);
  writeCell(sheet, row, 1, `計画全体の評価区分ごとの件数（${report.header.actionLevel}）`, {
    bold: true,
    border: false,
    wrap: false,
  });
  row = writeCounts(sheet, row + 1, report.header.counts);
  const headerRow = row;
  [
    '番号',
    report.header.actionLevel,
    '担当課',
    `${report.yearLabel} 計画`,
    '実施',
    '評価',
    '達成率',
    '評価根拠',
  ].forEach((text, i) => {
    writeCell(sheet, row, i + 1, text, { bold: true, fill: HEADER_FILL });
  });
  row++;
  for (const section of report.sections) {
    sheet.mergeCells(row, 1, row, 8);
    const counts = section.counts.map((count) => `${count.label} ${count.count}件`).join('・');
    writeCell(sheet, row, 1, counts ? `${section.heading}（${counts}）` : section.heading, {
      bold: true,
      fill: SECTION_FILL,
      wrap: false,
    });
    row++;
    for (const action of section.actions) {
      const tasks = action.tasks.length > 0 ? action.tasks : [null];
      tasks.forEach((task, index) => {
        const first = index === 0;
        writeCell(sheet, row, 1, first ? action.number : '');
        writeCell(sheet, row, 2, first ? action.title : '');
        writeCell(sheet, row, 3, task ? task.department : '');
        writeCell(sheet, row, 4, task ? task.planText : `${report.yearLabel}のタスクはありません`);
        writeCell(sheet, row, 5, task ? task.progress : '');
        writeCell(sheet, row, 6, first ? action.rating : '', { bold: first });
        writeCell(sheet, row, 7, first ? action.rate : '');
        writeCell(sheet, row, 8, first ? action.basis : '');
        row++;
      });
      const notes = [
        ...(action.tasks.length > 0 ? [`${report.yearShortLabel}平均 ${action.yearMean}`] : []),
        ...action.kpis.map(
          (kpi) =>
            `指標「${kpi.name}」 基準値 ${kpi.baseline} → 目標値 ${kpi.target}、実績値 ${kpi.actual}、達成率 ${kpi.rate}`,
        ),
      ];
      if (notes.length > 0) {
        sheet.mergeCells(row, 2, row, 8);
        writeCell(sheet, row, 1, '');
        writeCell(sheet, row, 2, notes.join('\n'), { size: 9, color: 'FF333333' });
        sheet.getRow(row).height = Math.max(18, notes.length * 15);
        row++;
      }
    }
  }
  sheet.pageSetup.printTitlesRow = `${headerRow}:${headerRow}`;
  sheet.views = [{ state: 'frozen', ySplit: headerRow }];
  setPrintArea(sheet, 8);
}

/** 効果・予算・推進体制: one sheet, one table after another, each with its heading row repeated nowhere. */
function buildAppendix(workbook: ExcelJS.Workbook, report: RoundReport): void {
  if (report.appendix.length === 0) return;
  const sheet = addSheet(workbook, '効果・予算・推進体制', true);
  const width = Math.max(2, ...report.appendix.map((table) => table.columns.length));
  sheet.columns = Array.from({ length: width }, (_, i) => ({ width: i === 0 ? 36 : 16 }));
  let row = writeTitle(sheet, report.header, '効果・予算・推進体制');
  for (const table of report.appendix) {
    writeCell(sheet, row, 1, table.title, { bold: true, border: false, wrap: false, size: 12 });
    row++;
    if (table.subtitle) {
      writeCell(sheet, row, 1, table.subtitle, { border: false, wrap: false, color: 'FF444444' });
      row++;
    }
    if (table.columns.length === 0 || table.rows.length + table.totals.length === 0) {
      writeCell(sheet, row, 1, '記録はありません', { border: false, wrap: false });
      row += 2;
      continue;
    }
    table.columns.forEach((column, i) => {
      writeCell(sheet, row, i + 1, column.label, { bold: true, fill: HEADER_FILL });
    });
    row++;
    for (const [cells, bold] of [
      ...table.rows.map((cells) => [cells, false] as const),
      ...table.totals.map((cells) => [cells, true] as const),
    ]) {
      cells.forEach((text, i) => {
        const cell = writeCell(sheet, row, i + 1, text, { bold });
        if (table.columns[i]?.numeric) cell.alignment = { vertical: 'top', horizontal: 'right' };
      });
      row++;
    }
    for (const note of table.notes) {
      writeCell(sheet, row, 1, note, { border: false, wrap: false, size: 9 });
      row++;
    }
    row++;
  }
  setPrintArea(sheet, width);
}

/** The report as an Excel workbook. */
export async function renderReportXlsx(report: Report): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Kiseki';
  workbook.title = report.header.title;
  if (report.kind === 'final') buildFinal(workbook, report);
  else {
    buildRound(workbook, report);
    buildAppendix(workbook, report);
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
