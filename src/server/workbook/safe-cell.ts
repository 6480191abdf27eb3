import type { Cell } from 'exceljs';

/** A text Excel (or LibreOffice) could take for a formula once someone edits the cell: = + - @, tab, CR. */
const FORMULA_TRIGGER = /^[=+\-@\t\r]/;

export type CellInput = string | number | boolean | Date | null | undefined;

/**
 * Writes a value into a cell so that nothing in it can ever run as a formula (CSV/formula injection):
 * strings are stored as strings, and a string that starts like a formula also gets the Text number
 * format (@), so that editing the cell in Excel keeps it text. Every xlsx Kiseki writes goes through here.
 */
export function setSafeCellValue(cell: Cell, value: CellInput): void {
  if (value === undefined || value === null || value === '') {
    cell.value = null;
    return;
  }
  cell.value = value;
  if (typeof value === 'string' && FORMULA_TRIGGER.test(value)) cell.numFmt = '@';
}

export function isFormulaLike(text: string): boolean {
  return FORMULA_TRIGGER.test(text);
}
