import ExcelJS from 'exceljs';

/*
 * An uploaded workbook as plain cells: what the parser reads. Kept free of exceljs objects so that it
 * can cross from the worker thread that reads the file (structured clone).
 */

export type GridCell =
  | { kind: 'text'; text: string }
  /** `percent`: the cell is formatted as a percentage, so 0.8 means 80 %. */
  | { kind: 'number'; value: number; percent: boolean }
  | { kind: 'date'; iso: string }
  | { kind: 'boolean'; value: boolean }
  /** An Excel error (#N/A …) or a formula whose result the file does not hold. */
  | { kind: 'error'; text: string };

export interface GridSheet {
  name: string;
  /** rows[0] is row 1; cells[0] is column A. */
  rows: (GridCell | null)[][];
}

export interface WorkbookGrid {
  sheets: GridSheet[];
}

/** The bytes are not a workbook the reader can use; the message is for the clerk who uploaded it. */
export class UnreadableWorkbookError extends Error {
  override readonly name = 'UnreadableWorkbookError';
}

export const NOT_XLSX_MESSAGE =
  'xlsx 形式のファイルとして読み取れません。Excel で開き「Excel ブック (*.xlsx)」として保存し直してから取り込んでください';

function toIsoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

function toGridValue(value: ExcelJS.CellValue, percent: boolean): GridCell | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value.trim() === '' ? null : { kind: 'text', text: value };
  if (typeof value === 'number') return { kind: 'number', value, percent };
  if (typeof value === 'boolean') return { kind: 'boolean', value };
  if (value instanceof Date) {
    return Number.isNaN(value.getTime())
      ? { kind: 'error', text: '日付として読めません' }
      : { kind: 'date', iso: toIsoDate(value) };
  }
  if ('richText' in value) {
    const text = value.richText.map((part) => part.text).join('');
    return text.trim() === '' ? null : { kind: 'text', text };
  }
  if ('error' in value) return { kind: 'error', text: String(value.error) };
  if ('formula' in value || 'sharedFormula' in value) {
    const result = (value as { result?: ExcelJS.CellValue }).result;
    if (result === undefined) return { kind: 'error', text: '数式の計算結果がファイルに保存されていません' };
    return toGridValue(result, percent);
  }
  if ('hyperlink' in value) {
    const text = typeof value.text === 'string' ? value.text : '';
    return text.trim() === '' ? null : { kind: 'text', text };
  }
  return { kind: 'error', text: '読み取れない形式の値です' };
}

/**
 * Reads an xlsx file into a grid of plain cells. Throws UnreadableWorkbookError when the bytes are not
 * an xlsx workbook at all. CPU-bound (unzip + XML): the server runs it on a worker thread.
 */
export async function readWorkbookGrid({
  bytes,
  maxRows,
}: {
  bytes: Uint8Array;
  maxRows: number;
}): Promise<WorkbookGrid> {
  const workbook = new ExcelJS.Workbook();
  try {
    // exceljs types its input as an ArrayBuffer; JSZip reads that as well as a Buffer.
    await workbook.xlsx.load(Uint8Array.from(bytes).buffer);
  } catch (error) {
    throw new UnreadableWorkbookError(NOT_XLSX_MESSAGE, { cause: error });
  }
  const sheets: GridSheet[] = [];
  for (const worksheet of workbook.worksheets) {
    const rows: (GridCell | null)[][] = [];
    let tooMany = false;
    worksheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
      if (rowNumber > maxRows) {
        tooMany = true;
        return;
      }
      const cells: (GridCell | null)[] = [];
      row.eachCell({ includeEmpty: false }, (cell, columnNumber) => {
        const percent = typeof cell.numFmt === 'string' && cell.numFmt.includes('%');
        cells[columnNumber - 1] = toGridValue(cell.value, percent);
      });
      for (let i = 0; i < cells.length; i++) cells[i] ??= null;
      rows[rowNumber - 1] = cells;
    });
    if (tooMany) {
      throw new UnreadableWorkbookError(
        `シート「${worksheet.name}」の行数が上限（${maxRows}行）を超えています`,
      );
    }
    for (let i = 0; i < rows.length; i++) rows[i] ??= [];
    sheets.push({ name: worksheet.name, rows });
  }
  return { sheets };
}
