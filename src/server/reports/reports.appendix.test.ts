import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { DatabaseConnection } from '../../db/database.js';
import { createTestDatabase } from '../../db/test-database.js';
import { importEffectsSamples } from '../effects/effects.samples.js';
import { createPlanViewCache } from '../plans/plans.cache.js';
import { importPlanDocument } from '../plans/plans.usecases.js';
import { extractDocxText, extractPdfPages } from './reports.test-support.js';
import { generatePlanReport } from './reports.usecases.js';

/*
 * The council report carries the municipality's effects, money and organisation: 鹿島市's BPR table with
 * its computed total (1,210.2 h over 2,966 h measured) and the stated 1,203.2 h flagged, its grants and
 * budget lines — in every format.
 */

let connection: DatabaseConnection;
let kashimaPlanId: string;

beforeAll(async () => {
  connection = await createTestDatabase();
  const sample = (name: string) =>
    JSON.parse(readFileSync(new URL(`../../../samples/${name}`, import.meta.url), 'utf8'));
  kashimaPlanId = (await importPlanDocument({ db: connection.db, input: sample('kashima-dx-strategy.json') }))
    .planId;
  await importPlanDocument({ db: connection.db, input: sample('kama-digital-plan-1.json') });
  const results = await importEffectsSamples({
    db: connection.db,
    directory: fileURLToPath(new URL('../../../samples/effects', import.meta.url)),
  });
  expect(results.filter((result) => result.error)).toEqual([]);
});

afterAll(async () => {
  await connection?.close();
});

async function councilReport(format: 'pdf' | 'docx' | 'xlsx') {
  return generatePlanReport({
    db: connection.db,
    cache: createPlanViewCache(),
    actor: null,
    planId: kashimaPlanId,
    kind: 'round',
    format,
    offThread: false,
    today: '2024-10-01',
  });
}

describe('the council report’s appendix of effects, money and organisation', () => {
  test('the PDF shows 鹿島市’s BPR total computed from the rows, and flags the stated 1203.2 h', async () => {
    const text = (await extractPdfPages((await councilReport('pdf')).bytes)).join('\n');

    expect(text).toContain('効果・予算・推進体制');
    expect(text).toContain('1,210.2');
    expect(text).toContain('資料と相違');
    expect(text).toContain('1203.2');
    expect(text).toContain('219,541');
  });

  test('Word and Excel carry the same tables', async () => {
    const docx = await extractDocxText((await councilReport('docx')).bytes);
    expect(docx).toContain('効果・予算・推進体制');
    expect(docx).toContain('1,210.2');

    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Uint8Array.from((await councilReport('xlsx')).bytes).buffer);
    const sheet = workbook.getWorksheet('効果・予算・推進体制');
    expect(sheet).toBeDefined();
    const cells: string[] = [];
    sheet!.eachRow((row) => {
      row.eachCell((cell) => {
        cells.push(String(cell.value));
      });
    });
    expect(cells).toContain('1,210.2');
    expect(cells.some((value) => value.startsWith('⚠ 資料と相違'))).toBe(true);
  });
});
