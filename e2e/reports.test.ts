import { execFile } from 'node:child_process';
import { mkdir, readFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import type { Browser, Download, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { plansTable } from '../src/server/plans/plans.table.js';
import { extractPdfPages } from '../src/server/reports/reports.test-support.js';
import { createTestUser } from '../src/server/test-support.js';
import { findColumn, findRow } from '../src/server/workbook/workbook.test-support.js';
import { expectNoAxeViolations } from './axe.js';
import { launchBrowser } from './browser.js';
import { findJapaneseText, withEnglishScreens } from './locale.js';
import { signIn } from './sign-in.js';
import { startTestServer } from './test-server.js';

const run = promisify(execFile);
const artefacts = new URL('../test-results/reports/', import.meta.url);

let server: Awaited<ReturnType<typeof startTestServer>>;
let browser: Browser;
let page: Page;
let planId: string;

beforeAll(async () => {
  server = await startTestServer();
  planId = server.planIds.get('kama-digital-plan-1')!;
  const [plan] = await server.db
    .select({ municipalityId: plansTable.municipalityId })
    .from(plansTable)
    .where(eq(plansTable.id, planId));
  // The clerk of the DX office: the municipality's admin, not the deployment's super-admin.
  const clerk = await createTestUser({
    db: server.db,
    login: 'kama-dx-clerk',
    displayName: 'デジタル戦略課 担当',
    membership: { municipalityId: plan!.municipalityId, role: 'admin' },
  });
  browser = await launchBrowser();
  const context = await browser.newContext({ locale: 'ja-JP', acceptDownloads: true });
  page = await context.newPage();
  await signIn(page, server.url, clerk);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function download(link: Locator): Promise<{ download: Download; bytes: Buffer }> {
  const [started] = await Promise.all([page.waitForEvent('download'), link.click()]);
  const path = await started.path();
  return { download: started, bytes: await readFile(path) };
}

describe('a clerk fills in the plan workbook in Excel and brings it back', () => {
  it('downloads the template, fills it, uploads it, sees the preview and applies it', async () => {
    await page.goto(`${server.url}/plans/${planId}`);
    const template = await download(page.getByRole('link', { name: '入力用シートをダウンロード' }));
    expect(template.download.suggestedFilename()).toBe('kama-digital-plan-1-入力用シート.xlsx');

    // What the clerk does in Excel: a progress typed as ９５％, and the 成果 of action 6.
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Uint8Array.from(template.bytes).buffer);
    const tasks = workbook.getWorksheet('年度タスク')!;
    const taskRow = findRow(tasks, '計画', 'SNSの配信方法の整理');
    taskRow.getCell(findColumn(tasks, '実施/予定(%)')).value = '９５％';
    const report = workbook.getWorksheet('最終報告')!;
    const reportRow = findRow(report, 'アクションのキー', 'action-06');
    reportRow.getCell(findColumn(report, '成果')).value = '公式ホームページ アクセス数25%';
    reportRow.getCell(findColumn(report, '今後の方向性')).value = '継続';
    const filled = Buffer.from(await workbook.xlsx.writeBuffer());

    await page.getByRole('link', { name: '入力用シートを取り込む' }).click();
    await page.getByRole('heading', { level: 1, name: '入力用シートの取り込み' }).waitFor();
    await page.getByLabel('入力用シート（.xlsx、10 MB まで）').setInputFiles({
      name: 'kama-filled.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: filled,
    });
    await page.getByRole('button', { name: '変更点を確認する' }).click();
    const preview = page.getByTestId('workbook-preview');
    await preview.waitFor();
    const previewText = await preview.innerText();
    expect(previewText).toContain('追加 0件・変更 2件・削除 0件');
    expect(previewText).toContain('6 令和6年度 デジタル戦略課「SNSの配信方法の整理」');
    expect(previewText).toMatch(/実施\/予定\(%\)\s+80%\s+95%/);
    expect(previewText).toContain('公式ホームページ アクセス数25%');
    await expectNoAxeViolations(page);

    await page.getByRole('button', { name: 'この内容で反映する' }).click();
    await page.getByText('計画に反映しました（追加 0件・変更 2件・削除 0件）。').waitFor();
    await expectNoAxeViolations(page);
  });

  it('lists every problem of a wrong file by sheet, row and column, and applies nothing', async () => {
    const workbook = new ExcelJS.Workbook();
    const template = await download(page.getByRole('link', { name: 'この計画の入力用シート' }));
    await workbook.xlsx.load(Uint8Array.from(template.bytes).buffer);
    workbook.getWorksheet('年度タスク')!.getCell('F2').value = 120;
    workbook.getWorksheet('年度タスク')!.getCell('D3').value = '来年';
    await page.getByLabel('入力用シート（.xlsx、10 MB まで）').setInputFiles({
      name: 'wrong.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: Buffer.from(await workbook.xlsx.writeBuffer()),
    });
    await page.getByRole('button', { name: '変更点を確認する' }).click();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    const text = await alert.innerText();
    expect(text).toContain('入力用シートに誤りが2件あります');
    expect(text).toContain(
      'シート「年度タスク」の2行目・F列「実施/予定(%)」：0〜100 の割合を入力してください（入力: 120）',
    );
    expect(text).toContain('シート「年度タスク」の3行目・D列「年度」');
    await expectNoAxeViolations(page);
  });
});

describe('the council’s report and the final report', () => {
  it('downloads the council report as PDF, Word and Excel from the plan page, with the applied figures', async () => {
    await page.goto(`${server.url}/plans/${planId}`);
    await page.getByRole('heading', { name: '報告書と入力用シート' }).waitFor();
    await expectNoAxeViolations(page);

    const pdf = await download(page.getByRole('link', { name: '進捗状況報告（PDF）' }));
    expect(pdf.bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.download.suggestedFilename()).toMatch(/^kama-digital-plan-1-進捗状況報告-R\d+\.pdf$/);
    const pages = await extractPdfPages(pdf.bytes);
    expect(pages[0]).toContain('第1次 嘉麻市デジタル推進計画 進捗状況報告');

    // The first page as a picture, kept with the test results for a person to look at.
    await mkdir(artefacts, { recursive: true });
    const output = new URL('round-report-page-1', artefacts).pathname;
    await run('pdftoppm', [
      '-png',
      '-r',
      '80',
      '-f',
      '1',
      '-l',
      '1',
      '-singlefile',
      await pdf.download.path(),
      output,
    ]);
    const png = await readFile(new URL('round-report-page-1.png', artefacts));
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');

    const docx = await download(page.getByRole('link', { name: '進捗状況報告（Word）' }));
    expect(docx.bytes.subarray(0, 2).toString('latin1')).toBe('PK');
    expect(docx.download.suggestedFilename()).toMatch(/\.docx$/);
    const xlsx = await download(page.getByRole('link', { name: '進捗状況報告（Excel）' }));
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Uint8Array.from(xlsx.bytes).buffer);
    expect(workbook.worksheets[0]!.name).toBe('進捗状況');
  });

  it('shows the entered 成果 on action 6, lets its owner edit it, and the final report says 概ね達成 with it', async () => {
    await page.goto(`${server.url}/plans/${planId}/actions/action-06`);
    const section = page.getByTestId('action-final-report');
    await section.getByText('公式ホームページ アクセス数25%').waitFor();
    await section.getByRole('button', { name: '最終報告を記入する' }).click();
    await page.getByLabel('課題').fill('見やすいホームページ構成について、SNS との連携を深める');
    await expectNoAxeViolations(page);
    await page.getByRole('button', { name: '保存する' }).click();
    await section.getByText('見やすいホームページ構成について、SNS との連携を深める').waitFor();

    await page.goto(`${server.url}/plans/${planId}`);
    const final = await download(page.getByRole('link', { name: '最終報告書（PDF）' }));
    const text = (await extractPdfPages(final.bytes)).join('\n');
    expect(text).toContain('概ね達成');
    expect(text).toContain('公式ホームページ アクセス数25%');
    expect(text).toContain('見やすいホームページ構成について、SNS との連携を深める');
  });
});

describe('the report screens in English', () => {
  it('shows the plan page’s reports, the workbook import with its preview and action 6’s final report in English', async () => {
    await page.goto(`${server.url}/plans/${planId}`);
    await page.getByRole('heading', { name: '報告書と入力用シート' }).waitFor();
    await withEnglishScreens(page, async () => {
      const section = page.locator('.reports-section');
      await section.getByRole('heading', { name: 'Reports and the input workbook', level: 2 }).waitFor();
      expect(await section.locator('h3').allInnerTexts()).toEqual([
        'Final report',
        'Progress report (for the council)',
        'Input workbook (Excel)',
        'StratML (international standard XML)',
      ]);
      await section.getByRole('link', { name: 'Final report (Word)' }).waitFor();
      await section.getByRole('link', { name: 'Progress report (PDF)' }).waitFor();
      expect(await section.getByLabel('Covering').locator('option').first().innerText()).toBe(
        'The plan as it is now (this fiscal year)',
      );
      expect(await findJapaneseText(section, 'h2, h3, a, label, option, ul[aria-label]')).toEqual([]);
      await expectNoAxeViolations(page);

      // The import page, and the preview of a file that changes nothing.
      const template = await download(section.getByRole('link', { name: 'Download the input workbook' }));
      await section.getByRole('link', { name: 'Import the input workbook' }).click();
      await page.getByRole('heading', { level: 1, name: 'Import the input workbook' }).waitFor();
      expect(await page.title()).toContain('Import the input workbook');
      await page.getByLabel('Input workbook (.xlsx, up to 10 MB)').setInputFiles({
        name: 'unchanged.xlsx',
        mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        buffer: template.bytes,
      });
      await page.getByRole('button', { name: 'Check the changes' }).click();
      const preview = page.getByTestId('workbook-preview');
      await preview.getByRole('heading', { name: 'What applying would change', level: 2 }).waitFor();
      expect(await preview.innerText()).toContain('No changes: this file matches the plan as it is now.');
      expect(await findJapaneseText(page.locator('main'), 'h1, h2, p, label, button')).toEqual([]);
      await expectNoAxeViolations(page);

      // Action 6's final report, with the direction in English and the term on paper beside it.
      await page.goto(`${server.url}/plans/${planId}/actions/action-06`);
      const report = page.getByTestId('action-final-report');
      await report.getByRole('heading', { name: 'Final report entries', level: 2 }).waitFor();
      expect(await report.locator('tbody').innerText()).toMatch(/Future direction\s+Continue \(継続\)/);
      await report.getByRole('button', { name: 'Write the final report' }).click();
      expect(await page.getByLabel('Future direction').locator('option').allInnerTexts()).toEqual([
        '(not decided)',
        'Continue (継続)',
        'Complete (完了)',
        'Extend (延伸)',
        'Merge (統合)',
        'Abolish (廃止)',
      ]);
      await page.getByLabel('Issues ahead').waitFor();
      expect(await findJapaneseText(report, 'h2, th, label, button')).toEqual([]);
      await expectNoAxeViolations(page);
      await report.getByRole('button', { name: 'Cancel' }).click();
    });
  });
});
