import { eq } from 'drizzle-orm';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { upsertDepartments } from '../src/server/departments/departments.repository.js';
import { municipalitiesTable } from '../src/server/municipalities/municipalities.table.js';
import { expectNoAxeViolations } from './axe.js';
import { launchBrowser } from './browser.js';
import { findJapaneseText, withEnglishScreens } from './locale.js';
import { signIn } from './sign-in.js';
import { startTestServer } from './test-server.js';

/*
 * Effects in the browser: a DX officer enters a BPR row for いちき串木野市 and sees the total, the KPI
 * "AI-OCR・RPA活用による業務削減時間" that takes its actual from it, and the action's rating change; the
 * seeds' own tables (鹿島市 BPR and grants, 嘉麻市 printing costs and council) read as the documents do,
 * with their slips flagged; the chart draws under the server's Content Security Policy.
 */

let server: Awaited<ReturnType<typeof startTestServer>>;
let browser: Browser;
let page: Page;
const cspViolations: string[] = [];

async function municipalityIdOf(code: string): Promise<string> {
  const [row] = await server.db
    .select({ id: municipalitiesTable.id })
    .from(municipalitiesTable)
    .where(eq(municipalitiesTable.code, code));
  return row!.id;
}

beforeAll(async () => {
  server = await startTestServer();
  // いちき串木野市's plan names no departments; the journey needs one to enter a row for.
  await upsertDepartments({
    db: server.db,
    municipalityId: await municipalityIdOf('462195'),
    departments: [{ key: 'e2e-general-affairs', name: '総務課（試験用）' }],
  });
  browser = await launchBrowser();
  const context = await browser.newContext({ locale: 'ja-JP' });
  page = await context.newPage();
  page.on('console', (message) => {
    if (message.text().includes('Content Security Policy')) cspViolations.push(message.text());
  });
  await signIn(page, server.url, server.admin);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('a DX officer records BPR results and the KPI follows', () => {
  it('enters a BPR row for いちき串木野市 and sees the total, the linked KPI and the action’s rating change', async () => {
    const planId = server.planIds.get('ichikikushikino-dx-plan')!;
    await page.goto(`${server.url}/plans/${planId}/actions/business-improvement`);
    await page.getByTestId('action-result').waitFor();
    expect(await page.getByTestId('action-result').innerText()).toContain('未評価');

    await page.goto(`${server.url}/plans/${planId}`);
    await page.getByRole('link', { name: '効果・予算（BPR・費用の推移・交付金）' }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toContain('効果・予算');
    await expectNoAxeViolations(page);

    await page.getByRole('button', { name: 'BPRプロジェクトを登録' }).click();
    await page.getByLabel('表題').fill('令和6年度 AI-OCR・RPAによる業務削減');
    await page.getByLabel('年度').selectOption('2024');
    await page.getByRole('button', { name: '登録する' }).click();
    await expect
      .poll(() => page.getByRole('heading', { level: 1 }).textContent())
      .toBe('令和6年度 AI-OCR・RPAによる業務削減');

    const kpiOption = await page
      .getByLabel('連携する指標')
      .locator('option', { hasText: 'AI-OCR・RPA活用による業務削減時間' })
      .getAttribute('value');
    await page.getByLabel('連携する指標').selectOption(kpiOption!);
    await page.getByRole('button', { name: '指標と連携する' }).click();
    await expect.poll(() => page.getByTestId('kpi-links').innerText()).toContain('まだありません');

    const form = page.getByRole('form', { name: '対象業務の追加' });
    await form.getByLabel('対象業務名').fill('申請書の入力業務（AI-OCR・RPA）');
    await form.getByLabel('対応前（時間）').fill('700');
    await form.getByLabel('対応後（時間）').fill('100');
    await form.getByRole('button', { name: '追加する' }).click();

    await expect.poll(() => page.getByTestId('bpr-total-saved').innerText()).toBe('600時間');
    expect(await page.getByTestId('bpr-totals').innerText()).toContain('85.7%');
    await expect.poll(() => page.getByTestId('kpi-links').innerText()).toContain('600時間');
    expect(await page.getByTestId('kpi-links').innerText()).toContain('令和6年度末時点');
    await expectNoAxeViolations(page);

    await page.getByTestId('kpi-links').getByRole('link').first().click();
    await page.getByTestId('action-result').waitFor();
    await expect.poll(() => page.getByTestId('action-result').innerText()).toContain('60.0');
    const result = await page.getByTestId('action-result').innerText();
    expect(result).not.toContain('未評価');
    expect(result).toContain('やや未達');
    expect(await page.locator('section', { has: page.locator('#action-kpis') }).innerText()).toContain(
      '600時間',
    );
    expect(await page.getByTestId('action-effects').innerText()).toContain(
      '削減時間の合計（未測定を除く）から自動で反映されます',
    );
    await expectNoAxeViolations(page);
  });
});

describe('the seeds’ tables in the browser', () => {
  it('鹿島市: the BPR table totals 1,210.2 hours and 40.8 %, and flags the stated 1,203.2 and 40 % in words', async () => {
    const kashima = await municipalityIdOf('412074');
    await page.goto(`${server.url}/municipalities/${kashima}/effects`);
    await page.getByRole('link', { name: 'BPRプロジェクトの実証結果（評価）' }).click();
    await page.getByTestId('bpr-totals').waitFor();

    const totals = await page.getByTestId('bpr-totals').innerText();
    expect(totals).toContain('1,210.2時間');
    expect(totals).toContain('40.8%');
    expect(totals).toContain('資料と相違');
    const differences = await page.getByTestId('stated-differences').innerText();
    expect(differences).toContain('1,203.2時間');
    expect(differences).toContain('資料の削減率（未測定を除く） 40%');
    expect(await page.getByTestId('bpr-row-7').innerText()).toContain('未測定');
    expect(await page.getByTestId('bpr-results').locator('tbody tr').count()).toBe(20);
    await expectNoAxeViolations(page);
  });

  it('鹿島市: the grant table adds up to 219,541千円 (118,948千円 granted), also shown in 円', async () => {
    const kashima = await municipalityIdOf('412074');
    await page.goto(`${server.url}/municipalities/${kashima}/effects`);
    await page.getByRole('link', { name: 'デジタル田園都市国家構想交付金：採択結果一覧' }).click();
    await page.getByTestId('funding-total-cost').waitFor();
    await page.getByLabel('千円').check();

    expect(await page.getByTestId('funding-total-cost').innerText()).toBe('219,541千円');
    expect(await page.getByTestId('funding-total-grant').innerText()).toBe('118,948千円');
    expect(await page.locator('body').innerText()).toContain('は、計算結果と一致しています');
    await page.getByLabel('円', { exact: true }).check();
    await expect.poll(() => page.getByTestId('funding-total-cost').innerText()).toBe('219,541,000円');
    await expectNoAxeViolations(page);
  });

  it('reads in English: the effects page, 鹿島市’s BPR totals with the stated figures flagged, the grant list in thousand yen and yen, and 嘉麻市’s printing-cost series with its chart', async () => {
    const kashima = await municipalityIdOf('412074');
    const kama = await municipalityIdOf('402273');
    await page.goto(`${server.url}/municipalities/${kashima}/effects`);
    await page.getByTestId('bpr-projects').waitFor();
    await withEnglishScreens(page, async () => {
      await expect
        .poll(() => page.getByRole('heading', { level: 1 }).innerText())
        .toContain('Effects and budgets');
      for (const name of ['BPR results', 'Cost and volume trends', 'Grants and budgets']) {
        await page.getByRole('heading', { level: 2, name }).waitFor();
      }
      expect(await page.getByTestId('bpr-projects').locator('thead').innerText()).toContain(
        'Total hours saved (excluding unmeasured)',
      );
      await page.getByRole('button', { name: 'Register a BPR project' }).waitFor();
      await page.getByLabel('thousand yen').check();
      expect(await page.getByTestId('funding-lists').innerText()).toContain(
        'Project cost 219,541 thousand yen',
      );
      expect(await page.title()).toContain('effects and budgets');
      expect(
        await findJapaneseText(page, 'main :is(h1, h2, h3, th[scope="col"], button, label, legend, dt)'),
      ).toEqual([]);
      await expectNoAxeViolations(page);

      await page.getByRole('link', { name: 'BPRプロジェクトの実証結果（評価）' }).click();
      await page.getByRole('heading', { level: 2, name: 'Results by process' }).waitFor();
      const totals = await page.getByTestId('bpr-totals').innerText();
      expect(totals).toContain('Total hours saved');
      expect(totals).toContain('1,210.2 h');
      expect(totals).toContain('40.8%');
      expect(totals).toContain('Differs from the document');
      const differences = await page.getByTestId('stated-differences').innerText();
      expect(differences).toContain('Figures that differ from the document');
      expect(differences).toContain(
        'Total hours saved (excluding unmeasured): the document states 1,203.2 h; the rows add up to 1,210.2 h.',
      );
      expect(differences).toContain(
        'Reduction rate (excluding unmeasured): the document states 40%; the rows give 40.8%.',
      );
      expect(await page.getByTestId('bpr-results').locator('thead').innerText()).toContain('Before (hours)');
      expect(await page.getByTestId('bpr-row-7').innerText()).toContain('Not measured');
      expect(await page.getByTestId('bpr-total-saved').innerText()).toBe('1,210.2 h');
      expect(
        await findJapaneseText(page, 'main :is(h1, h2, h3, th[scope="col"], button, label, legend, dt)'),
      ).toEqual([]);
      await expectNoAxeViolations(page);

      await page.goto(`${server.url}/municipalities/${kashima}/effects`);
      await page.getByRole('link', { name: 'デジタル田園都市国家構想交付金：採択結果一覧' }).click();
      await page.getByTestId('funding-total-cost').waitFor();
      await page.getByLabel('thousand yen').check();
      expect(await page.getByTestId('funding-total-cost').innerText()).toBe('219,541 thousand yen');
      expect(await page.getByTestId('funding-total-grant').innerText()).toBe('118,948 thousand yen');
      expect(await page.getByTestId('funding-items').locator('thead').innerText()).toContain('Grant amount');
      expect(await page.locator('main').innerText()).toContain(
        'These figures stated in the document match the calculation: Total project cost (219,541,000 yen)',
      );
      await page.getByLabel('yen', { exact: true }).check();
      await expect.poll(() => page.getByTestId('funding-total-cost').innerText()).toBe('219,541,000 yen');
      await page.getByRole('link', { name: 'Download this table as CSV (in yen)' }).waitFor();
      expect(
        await findJapaneseText(page, 'main :is(h1, h2, h3, th[scope="col"], button, label, legend, dt)'),
      ).toEqual([]);
      await expectNoAxeViolations(page);

      await page.goto(`${server.url}/municipalities/${kama}/effects`);
      await page.getByRole('link', { name: 'パフォーマンスチャージ料（印刷にかかる費用）の推移' }).click();
      await page.getByTestId('series-table').waitFor();
      await page.getByRole('heading', { level: 2, name: 'Values by fiscal year' }).waitFor();
      expect(await page.locator('main').innerText()).toContain('(△ = decrease)');
      expect(await page.getByTestId('series-table').locator('thead').innerText()).toContain('Fiscal year');
      expect(await page.getByTestId('series-row-2022').innerText()).toContain('FY2022');
      expect(await page.getByTestId('series-row-2022').innerText()).toContain('△116,274');
      await page.getByTestId('series-chart').locator('canvas').waitFor();
      expect(await page.getByTestId('series-chart').getAttribute('aria-label')).toContain(
        'FY2022 4,987,535 枚 (change from the previous year △116,274 枚)',
      );
      await page.getByRole('heading', { level: 2, name: 'Chart' }).waitFor();
      expect(
        await findJapaneseText(page, 'main :is(h1, h2, h3, th[scope="col"], button, label, legend, dt)'),
      ).toEqual([]);
      await expectNoAxeViolations(page);
    });
  });

  it('嘉麻市: the printing-cost table shows △116,274 and △750,953 sheets and +222,501 円, with a chart drawn under the CSP', async () => {
    const kama = await municipalityIdOf('402273');
    await page.goto(`${server.url}/municipalities/${kama}/effects`);
    await page.getByRole('link', { name: 'パフォーマンスチャージ料（印刷にかかる費用）の推移' }).click();
    await page.getByTestId('series-table').waitFor();

    expect(await page.getByTestId('series-row-2022').innerText()).toContain('△116,274');
    expect(await page.getByTestId('series-row-2022').innerText()).toContain('+222,501');
    expect(await page.getByTestId('series-row-2023').innerText()).toContain('△750,953');
    expect(await page.getByTestId('series-row-2023').innerText()).toContain('△5,287,666');
    await page.getByTestId('series-chart').locator('canvas').waitFor();
    expect(await page.getByTestId('series-chart').getAttribute('aria-label')).toContain(
      '令和4年度 4,987,535枚（前年度比 △116,274枚）',
    );
    // The tooltip draws on hover; the accessibility check that follows gives it time to have drawn.
    await page.getByTestId('series-chart').hover();
    await expectNoAxeViolations(page);
    expect(cspViolations).toEqual([]);
  });

  it('嘉麻市: the council counts 12 meetings and the HQ 17 as stated, and each PT lists its leader ◎ and deputy ○', async () => {
    const kama = await municipalityIdOf('402273');
    await page.goto(`${server.url}/municipalities/${kama}/organisation`);
    await page.getByTestId('bodies').waitFor();

    expect(await page.getByTestId('body-嘉麻市デジタル推進協議会').innerText()).toContain('12回');
    expect(await page.getByTestId('body-嘉麻市DX推進本部').innerText()).toContain('17回');
    expect(await page.getByTestId('body-嘉麻市デジタル推進協議会').innerText()).toContain('3回');
    await expectNoAxeViolations(page);

    await page.getByRole('link', { name: '⑤安心安全デジタル推進PT' }).click();
    await page.getByTestId('current-roster').waitFor();
    const roster = await page.getByTestId('current-roster').innerText();
    expect(roster).toContain('令和6年4月1日現在');
    expect(roster).toContain('防災対策課');
    expect(roster).toContain('リーダー');
    expect(roster).toContain('技監');
    await expectNoAxeViolations(page);

    await page.goto(`${server.url}/municipalities/${kama}/organisation`);
    await page.getByRole('link', { name: '嘉麻市デジタル推進協議会' }).first().click();
    await page.getByTestId('current-roster').waitFor();
    const council = await page.getByTestId('current-roster').innerText();
    expect(council).toContain('九州工業大学');
    expect(council).toContain('会長');
    expect(council).toContain('副会長');
    await expectNoAxeViolations(page);
  });

  it('finds no accessibility violation in the editing forms either', async () => {
    const kama = await municipalityIdOf('402273');
    const kashima = await municipalityIdOf('412074');

    await page.goto(`${server.url}/municipalities/${kama}/organisation`);
    await page.getByRole('button', { name: '会議体を登録' }).click();
    await page.getByRole('button', { name: '会議を登録' }).click();
    await page.getByRole('form', { name: '会議の登録' }).waitFor();
    await expectNoAxeViolations(page);

    await page.getByRole('link', { name: '嘉麻市デジタル推進協議会' }).first().click();
    await page.getByRole('button', { name: '名簿を改定する（新しい時点の名簿）' }).click();
    await page.getByRole('form', { name: '新しい時点の名簿の作成' }).waitFor();
    expect(
      await page.getByRole('form', { name: '新しい時点の名簿の作成' }).getByLabel('団体名').count(),
    ).toBe(12);
    await page.getByRole('button', { name: '会議体の情報を編集' }).click();
    await expectNoAxeViolations(page);

    await page.goto(`${server.url}/municipalities/${kama}/effects`);
    await page.getByRole('button', { name: '推移表を登録' }).click();
    await page.getByRole('form', { name: '推移表の登録' }).waitFor();
    await expectNoAxeViolations(page);
    await page.getByRole('link', { name: 'パフォーマンスチャージ料（印刷にかかる費用）の推移' }).click();
    await page.getByRole('button', { name: '年度の行を追加' }).click();
    await page.getByRole('form', { name: '年度の行の追加' }).waitFor();
    await expectNoAxeViolations(page);

    await page.goto(`${server.url}/municipalities/${kashima}/effects`);
    await page.getByRole('link', { name: '令和6年度 当初予算（主なDX関連事業）' }).click();
    await page.getByRole('button', { name: '事業を追加' }).click();
    await page.getByRole('form', { name: '事業の追加' }).waitFor();
    await expectNoAxeViolations(page);
  });
});
