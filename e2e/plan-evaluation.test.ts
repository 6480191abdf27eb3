import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoAxeViolations } from './axe.js';
import { launchBrowser } from './browser.js';
import { findJapaneseText, withEnglishScreens } from './locale.js';
import { signIn } from './sign-in.js';
import { startTestServer } from './test-server.js';

let server: Awaited<ReturnType<typeof startTestServer>>;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  server = await startTestServer();
  browser = await launchBrowser();
  const context = await browser.newContext({ locale: 'ja-JP' });
  page = await context.newPage();
  await signIn(page, server.url, server.admin);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('a DX officer reads the evaluation of 嘉麻市 in the browser', () => {
  it('goes from the home page to action 6 and sees 83.3 % 概ね達成 from the KPI, with the task mean 90.0 % beside it', async () => {
    await page.goto(server.url);
    await page
      .getByRole('link', { name: /第1次 嘉麻市デジタル推進計画/ })
      .first()
      .click();
    await expect
      .poll(() => page.getByRole('heading', { level: 1 }).textContent())
      .toContain('嘉麻市デジタル推進計画');

    await page.getByTestId('action-row-action-06').getByRole('link').first().click();
    await page.getByTestId('action-result').waitFor();
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toContain(
      'インターネット利用機会の向上',
    );

    const result = await page.getByTestId('action-result').innerText();
    expect(result).toContain('83.3');
    expect(result).toContain('概ね達成');

    const kpiCard = await page.getByTestId('rate-card-kpi').innerText();
    expect(kpiCard).toContain('83.3');
    expect(kpiCard).toContain('この評価に使用');
    expect(kpiCard).toContain('(125 − 100) ÷ (130 − 100) = 83.3 %');

    const tasksCard = await page.getByTestId('rate-card-tasks').innerText();
    expect(tasksCard).toContain('90.0');
    expect(tasksCard).toContain('ほぼ達成');
    expect(tasksCard).toContain('見込み');
    expect(tasksCard).not.toContain('この評価に使用');
  });

  it('shows action 13 rated 70.0 % やや未達 from its 総括評価, with the task mean 54.2 % and the printed 56.5 % flagged', async () => {
    await page.goto(`${server.url}/plans/${server.planIds.get('kama-digital-plan-1')}/actions/action-13`);
    await page.getByTestId('action-result').waitFor();

    const result = await page.getByTestId('action-result').innerText();
    expect(result).toContain('70.0');
    expect(result).toContain('やや未達');

    const assessmentCard = await page.getByTestId('rate-card-assessment').innerText();
    expect(assessmentCard).toContain('この評価に使用');
    const tasksCard = await page.getByTestId('rate-card-tasks').innerText();
    expect(tasksCard).toContain('54.2');
    expect(await page.locator('body').innerText()).toContain('56.5');
  });

  it('lists all 50 actions of 嘉麻市 on the plan page with their labels, and 未評価 where nothing is rated yet', async () => {
    await page.goto(`${server.url}/plans/${server.planIds.get('kama-digital-plan-1')}`);
    await page.getByTestId('action-row-action-50').waitFor();
    expect(await page.locator('[data-testid^="action-row-"]').count()).toBe(50);
    expect(await page.getByTestId('action-row-action-02').innerText()).toContain('達成');
    expect(await page.getByTestId('action-row-action-01').innerText()).toContain('未評価');
  });
});

describe('in English', () => {
  it("reads the home page, the plan page and action 6 of 嘉麻市 in English, with the plan's own words marked Japanese", async () => {
    await page.goto(server.url);
    await page.getByRole('heading', { level: 1, name: '計画一覧' }).waitFor();
    await withEnglishScreens(page, async () => {
      await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Plans');
      expect(await page.title()).toBe('Plans — Kiseki');
      expect(await page.locator('.plan-table').first().locator('thead th').allTextContents()).toEqual([
        'Plan',
        'Plan period',
        'Rated items',
      ]);
      expect(await page.locator('.plan-table').first().innerText()).toMatch(/FY\d{4}–FY\d{4}/);
      expect(await findJapaneseText(page, 'main h1, main .lead, .plan-table')).toEqual([]);
      await expectNoAxeViolations(page);

      await page
        .getByRole('link', { name: /第1次 嘉麻市デジタル推進計画/ })
        .first()
        .click();
      await page.getByTestId('action-row-action-50').waitFor();
      await page.getByRole('heading', { level: 2, name: 'Ratings' }).waitFor();
      expect(await page.locator('.action-table').first().locator('thead th').allTextContents()).toEqual([
        'No.',
        'Title',
        'Owners',
        'Rate',
        'Rating',
        'Basis',
        'Reference rates',
      ]);
      expect(await page.getByTestId('action-row-action-06').innerText()).toContain('Mostly achieved');
      expect(await page.getByTestId('action-row-action-02').innerText()).toContain('Achieved');
      expect(await page.getByTestId('action-row-action-01').innerText()).toContain('Not rated');
      expect(
        await findJapaneseText(
          page,
          'main h1, .breadcrumbs, section[aria-labelledby="plan-rating-summary"], .action-table, .plan-node__summary',
        ),
      ).toEqual([]);
      await expectNoAxeViolations(page);

      await page.getByTestId('action-row-action-06').getByRole('link').first().click();
      await page.getByTestId('action-result').waitFor();
      expect(await page.locator('h1 [lang="ja"]').textContent()).toContain('インターネット利用機会の向上');
      const result = await page.getByTestId('action-result').innerText();
      expect(result).toContain('Achievement of the target');
      expect(result).toContain('83.3');
      expect(result).toContain('Mostly achieved');
      expect(result).toContain('Rate against the target');

      const kpiCard = await page.getByTestId('rate-card-kpi').innerText();
      expect(kpiCard).toContain('Rate against the target');
      expect(kpiCard).toContain('Used for this rating');
      const tasksCard = await page.getByTestId('rate-card-tasks').innerText();
      expect(tasksCard).toContain('Mean progress of the yearly tasks');
      expect(tasksCard).toContain('90.0');
      expect(tasksCard).toContain('Nearly achieved');
      expect(tasksCard).toContain('projection');
      expect(tasksCard).not.toContain('Used for this rating');

      for (const heading of [
        'Overview',
        'Rates considered for the rating',
        'Progress of the yearly tasks',
        'KPIs',
      ]) {
        await page.getByRole('heading', { level: 2, name: heading, exact: true }).waitFor();
      }
      expect(await page.locator('.kpi-table thead th').allTextContents()).toEqual([
        'KPI',
        'Unit',
        'Baseline',
        'Target value',
        'Actuals',
        'Calculation',
        'Achievement rate',
      ]);
      expect(await page.locator('.task-table caption').first().textContent()).toMatch(/^Tasks of FY\d{4}$/);
      expect(
        await findJapaneseText(
          page,
          [
            '[data-testid="action-result"]',
            'section[aria-labelledby="action-overview"]',
            'section[aria-labelledby="reference-rates"]',
            'section[aria-labelledby="action-tasks"]',
            'section[aria-labelledby="action-kpis"]',
            'section[aria-labelledby="action-assessment"]',
          ].join(', '),
        ),
      ).toEqual([]);
      await expectNoAxeViolations(page);
    });
  });
});

describe('accessibility (axe-core, WCAG 2.2 AA)', () => {
  it('finds no violation on the home page, the plan page and the action page', async () => {
    const planId = server.planIds.get('kama-digital-plan-1');
    for (const path of ['/', `/plans/${planId}`, `/plans/${planId}/actions/action-06`]) {
      await page.goto(`${server.url}${path}`);
      await page.locator('h1').first().waitFor();
      await page.waitForLoadState('networkidle');
      await expectNoAxeViolations(page);
    }
  });

  it('finds no violation on a plan without grouping levels (いちき串木野市) nor on one without actions (鹿島市)', async () => {
    for (const slug of ['ichikikushikino-dx-plan', 'kashima-dx-strategy']) {
      await page.goto(`${server.url}/plans/${server.planIds.get(slug)}`);
      await page.locator('h1').first().waitFor();
      await page.waitForLoadState('networkidle');
      await expectNoAxeViolations(page);
    }
  });
});
