import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { evaluatePlan } from '../../domain/evaluation/index.js';
import type { PlanDocument } from '../../domain/plan.schemas.js';
import { parsePlanDocumentText } from '../../domain/plan-document.js';
import { readWorkbookGrid } from './workbook.reader.js';
import { buildPlanWorkbook } from './workbook.writer.js';

export function loadSample(slug: string): PlanDocument {
  return parsePlanDocumentText(
    readFileSync(new URL(`../../../samples/${slug}.json`, import.meta.url), 'utf8'),
  );
}

export async function writeSampleWorkbook(document: PlanDocument): Promise<Buffer> {
  return buildPlanWorkbook({ document, evaluation: evaluatePlan(document.plan) });
}

/** Opens a workbook, lets the test change it as a clerk would in Excel, and returns the saved bytes. */
export async function editWorkbook(
  bytes: Uint8Array,
  edit: (workbook: ExcelJS.Workbook) => void | Promise<void>,
): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Uint8Array.from(bytes).buffer);
  await edit(workbook);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** The row of a sheet whose cell under `header` is `value`. */
export function findRow(sheet: ExcelJS.Worksheet, header: string, value: string): ExcelJS.Row {
  const column = findColumn(sheet, header);
  for (let row = 2; row <= sheet.rowCount; row++) {
    const cell = sheet.getRow(row).getCell(column);
    if (String(cell.value ?? '') === value) return sheet.getRow(row);
  }
  throw new Error(`no row with ${header} = ${value} in ${sheet.name}`);
}

export function findColumn(sheet: ExcelJS.Worksheet, header: string): number {
  let found = 0;
  sheet.getRow(1).eachCell((cell, column) => {
    if (cell.value === header) found = column;
  });
  if (found === 0) throw new Error(`no column ${header} in ${sheet.name}`);
  return found;
}

export async function readGrid(bytes: Uint8Array) {
  return readWorkbookGrid({ bytes, maxRows: 100_000 });
}
