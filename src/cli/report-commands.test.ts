import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractPdfPages } from '../server/reports/reports.test-support.js';

const run = promisify(execFile);
const root = new URL('../../', import.meta.url).pathname;

async function kiseki(args: string[], env: Record<string, string>) {
  try {
    const { stdout, stderr } = await run(process.execPath, [join(root, 'bin/kiseki.js'), ...args], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: '', ...env },
      encoding: 'buffer',
      maxBuffer: 64 * 1024 * 1024,
    });
    return { code: 0, stdout, stderr: stderr.toString('utf8') };
  } catch (error) {
    const failed = error as { code: number; stdout: Buffer; stderr: Buffer };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr.toString('utf8') };
  }
}

let workDir: string;
let env: Record<string, string>;
beforeAll(async () => {
  workDir = await mkdtemp(join(tmpdir(), 'kiseki-cli-reports-'));
  env = { KISEKI_DATA_DIR: join(workDir, 'data') };
  const imported = await kiseki(['import', join(root, 'samples/kama-digital-plan-1.json')], env);
  expect(imported.code).toBe(0);
});
afterAll(async () => {
  await rm(workDir, { recursive: true, force: true });
});

describe('kiseki export, import and report for spreadsheets and reports', () => {
  it('exports the plan workbook by slug, and imports it back with --replace as no change at all', async () => {
    const file = join(workDir, 'kama.xlsx');
    const exported = await kiseki(
      ['export', 'kama-digital-plan-1', '--format', 'xlsx', '--output', file],
      env,
    );
    expect(exported.code).toBe(0);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Uint8Array.from(await readFile(file)).buffer);
    expect(workbook.worksheets.map((sheet) => sheet.name)).toContain('年度タスク');

    const imported = await kiseki(['import', file, '--replace'], env);
    expect(imported.code).toBe(0);
    expect(imported.stdout.toString('utf8')).toContain(
      '入力用シートで置き換えました: 嘉麻市「第1次 嘉麻市デジタル推進計画」',
    );
    expect(imported.stdout.toString('utf8')).toContain('追加0件・変更0件・削除0件');
  });

  it('answers a workbook with mistakes with every problem by sheet, row and column, and exit code 2', async () => {
    const file = join(workDir, 'broken.xlsx');
    await kiseki(['export', 'kama-digital-plan-1', '--format', 'xlsx', '--output', file], env);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Uint8Array.from(await readFile(file)).buffer);
    workbook.getWorksheet('年度タスク')!.getCell('F2').value = '百';
    await writeFile(file, Buffer.from(await workbook.xlsx.writeBuffer()));
    const result = await kiseki(['import', file, '--replace'], env);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('エラー: 入力用シートに誤りが1件あります');
    expect(result.stderr).toContain('年度タスク!F2: シート「年度タスク」の2行目・F列「実施/予定(%)」');
  });

  it('writes the final report as PDF and the StratML XML to standard output', async () => {
    const file = join(workDir, 'final.pdf');
    const report = await kiseki(
      ['report', 'kama-digital-plan-1', '--kind', 'final', '--format', 'pdf', '-o', file],
      env,
    );
    expect(report.code).toBe(0);
    const pages = await extractPdfPages(await readFile(file));
    expect(pages[0]).toContain('最終報告書');

    const stratml = await kiseki(['export', 'kama-digital-plan-1', '--format', 'stratml'], env);
    expect(stratml.code).toBe(0);
    expect(stratml.stdout.toString('utf8')).toContain(
      '<PerformancePlanOrReport xmlns="urn:ISO:std:iso:17469:tech:xsd:PerformancePlanOrReport" Type="Performance_Report">',
    );
  });

  it('writes the actions and the KPIs as open-data CSV with a BOM, action 6 rated 概ね達成', async () => {
    const actions = await kiseki(['export', 'kama-digital-plan-1', '--format', 'csv'], env);
    expect(actions.code).toBe(0);
    const text = actions.stdout.toString('utf8');
    expect(text.startsWith('\uFEFF')).toBe(true);
    const row6 = text.split('\r\n').find((line) => line.includes('402273/kama-digital-plan-1/action-06'));
    expect(row6).toContain('概ね達成');
    expect(row6).toContain('83.3');

    const kpis = await kiseki(['export', 'kama-digital-plan-1', '--format', 'csv', '--table', 'kpis'], env);
    expect(kpis.code).toBe(0);
    expect(kpis.stdout.toString('utf8')).toContain('目標年度（和暦）');
  });

  it('refuses a report kind it does not know', async () => {
    const result = await kiseki(
      ['report', 'kama-digital-plan-1', '--kind', 'annual', '--format', 'pdf'],
      env,
    );
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain('annual');
  });
});
