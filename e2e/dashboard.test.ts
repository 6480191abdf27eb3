import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { eq } from 'drizzle-orm';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listDepartments } from '../src/server/departments/departments.repository.js';
import { plansTable } from '../src/server/plans/plans.table.js';
import { writeStaticPortal } from '../src/server/portal/portal.static.js';
import { progressRoundsTable, roundSubmissionsTable } from '../src/server/rounds/rounds.table.js';
import { expectNoAxeViolations } from './axe.js';
import { launchBrowser } from './browser.js';
import { signIn } from './sign-in.js';
import { startTestServer } from './test-server.js';

let server: Awaited<ReturnType<typeof startTestServer>>;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let kamaId: string;
let ichikiId: string;

/** Records every Content-Security-Policy violation the page reports, to prove the charts need none. */
async function watchCspViolations(target: BrowserContext): Promise<void> {
  await target.addInitScript(() => {
    const store = window as unknown as { cspViolations: string[] };
    store.cspViolations = [];
    document.addEventListener('securitypolicyviolation', (event) => {
      store.cspViolations.push(`${event.violatedDirective} ${event.blockedURI}`);
    });
  });
}

async function readCspViolations(target: Page): Promise<string[]> {
  return target.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations);
}

/** Waits until every chart on the page has been drawn by the lazily loaded ECharts. */
async function waitForCharts(target: Page): Promise<number> {
  const charts = target.locator('.echart');
  const count = await charts.count();
  for (let index = 0; index < count; index++) {
    await charts.nth(index).locator('svg').first().waitFor();
  }
  return count;
}

beforeAll(async () => {
  server = await startTestServer();
  kamaId = server.planIds.get('kama-digital-plan-1')!;
  ichikiId = server.planIds.get('ichikikushikino-dx-plan')!;
  browser = await launchBrowser();
  context = await browser.newContext({ locale: 'ja-JP' });
  await watchCspViolations(context);
  page = await context.newPage();
  await signIn(page, server.url, server.admin);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('the plan dashboard', () => {
  it('is reached from the plan page and shows counts, levels, departments, heat map, risks and alerts, each chart with its table', async () => {
    await page.goto(`${server.url}/plans/${kamaId}`);
    await page.getByRole('link', { name: 'ダッシュボードを開く' }).click();
    await expect
      .poll(() => page.getByRole('heading', { level: 1 }).textContent())
      .toContain('ダッシュボード');
    expect(await waitForCharts(page)).toBeGreaterThanOrEqual(4);
    const body = await page.locator('main').innerText();
    expect(body).toContain('アクション50件の評価区分ごとの件数');
    expect(body).toContain('比較できる締切済みの進捗確認はまだありません');
    for (const heading of [
      '評価区分ごとの件数',
      'テーマごとの評価',
      '重点施策ごとの評価',
      '担当課ごとの評価',
      '要注意のアクション',
      'データの不備',
    ]) {
      await expect.poll(() => page.getByRole('heading', { name: heading, level: 2 }).count()).toBe(1);
    }
    expect(await page.getByRole('table', { name: '評価区分ごとの件数（表）' }).innerText()).toContain(
      '未評価',
    );
    expect(await page.getByTestId('at-risk').innerText()).toContain('13 本庁と支所のオンライン化拡充');
    expect(await page.locator('#round ~ .notice').first().innerText()).toBe('受付中の進捗確認はありません。');
    expect(await readCspViolations(page)).toEqual([]);
    await expectNoAxeViolations(page);
  });

  it('shows the open round’s submission status per department and links each department to its page', async () => {
    const [plan] = await server.db
      .select({ municipalityId: plansTable.municipalityId })
      .from(plansTable)
      .where(eq(plansTable.id, kamaId));
    const municipalityId = plan!.municipalityId;
    const departments = await listDepartments({ db: server.db, municipalityId });
    const hr = departments.find((department) => department.key === 'hr-secretariat')!;
    const [round] = await server.db
      .insert(progressRoundsTable)
      .values({ municipalityId, planId: kamaId, fy: 2026, month: 12, dueDate: '2026-12-25' })
      .returning();
    await server.db.insert(roundSubmissionsTable).values({
      municipalityId,
      planId: kamaId,
      roundId: round!.id,
      departmentId: hr.id,
      status: 'returned',
    });
    await page.reload();
    const submissions = page.getByTestId('submissions');
    await submissions.waitFor();
    expect(await submissions.innerText()).toContain('差し戻し');
    await submissions.getByRole('link', { name: '人事秘書課' }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('人事秘書課のページ');
    const edit = page.getByRole('link', { name: '進捗を入力する' });
    expect(await edit.getAttribute('href')).toBe(`/plans/${kamaId}/rounds/${round!.id}/departments/${hr.id}`);
    expect(await page.getByTestId('department-round-tasks').innerText()).toContain(
      'ホームページ構成の見直し',
    );
    await expectNoAxeViolations(page);
  });

  it('prints the tables behind the charts and leaves the forms out', async () => {
    await page.goto(`${server.url}/plans/${kamaId}/dashboard`);
    await waitForCharts(page);
    // Closed on screen, the table behind the heat map is open in print (and only then in the page's tree).
    const heatMapTable = page.getByRole('table', { name: 'アクションごと・年度ごとのタスク平均進捗率' });
    await page.emulateMedia({ media: 'print' });
    // Back to the screen whatever happens: the later tests share this page.
    try {
      await expect.poll(() => page.locator('.what-if__form').isVisible()).toBe(false);
      await expect.poll(() => heatMapTable.isVisible()).toBe(true);
    } finally {
      await page.emulateMedia({ media: 'screen' });
    }
  });
});

describe('the evaluation what-if', () => {
  it('turns 嘉麻市 action 6 from 概ね達成 (KPI 83.3 %) into ほぼ達成 when the task mean (90.0 %) comes first, and back', async () => {
    await page.goto(`${server.url}/plans/${kamaId}/dashboard`);
    await page.getByRole('heading', { name: '評価方法の試算' }).waitFor();
    await page.getByLabel('各年度タスクの平均進捗率を優先する').check();
    await page.getByRole('button', { name: '試算する' }).click();
    const row = page.getByTestId('what-if-row-action-06');
    await row.waitFor();
    const text = await row.innerText();
    expect(text).toMatch(/概ね達成\s*83\.3%/);
    expect(text).toMatch(/ほぼ達成\s*90\.0%/);
    expect(text).toContain('変わる');
    expect(await page.getByTestId('what-if-summary').innerText()).toContain('評価が変わるのは1件');
    const counts = await page.getByTestId('what-if-counts').innerText();
    expect(counts).toMatch(/ほぼ達成\s*0件\s*1件（\+1）/);
    await expectNoAxeViolations(page);

    await page.getByLabel('目標(値)に対する達成率を優先する（資料のフローチャートどおり）').check();
    await page.getByRole('button', { name: '試算する' }).click();
    await expect.poll(() => page.getByTestId('what-if-summary').innerText()).toContain('評価が変わるのは0件');
    await page.getByLabel('評価が変わるアクションだけを表示する').uncheck();
    expect(await page.getByTestId('what-if-row-action-06').innerText()).toMatch(
      /概ね達成\s*83\.3%[\s\S]*概ね達成\s*83\.3%/,
    );
  });

  it('names the threshold that is out of order', async () => {
    await page.getByLabel('概ね達成の下限').fill('95');
    await page.getByRole('button', { name: '試算する' }).click();
    const field = page.getByLabel('概ね達成の下限');
    await expect.poll(() => field.getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('.field__error').first().innerText()).toContain(
      '評価区分の下限は上から順に小さくしてください',
    );
    await expectNoAxeViolations(page);
    await page.getByRole('button', { name: '現在の設定に戻す' }).click();
  });

  it('lets the DX office adopt task-mean-first for the plan, which the plan page then shows, and go back', async () => {
    await page.getByLabel('各年度タスクの平均進捗率を優先する').check();
    await page.getByRole('button', { name: '試算する' }).click();
    await page.getByTestId('what-if-row-action-06').waitFor();
    await page.getByRole('button', { name: 'この設定を計画に採用する' }).click();
    await page.getByRole('button', { name: '採用する（確定）' }).click();
    await page.getByText('評価方法の設定を保存しました').waitFor();
    await page.goto(`${server.url}/plans/${kamaId}/actions/action-06`);
    await expect.poll(() => page.getByTestId('action-result').innerText()).toContain('ほぼ達成');

    await page.goto(`${server.url}/plans/${kamaId}/dashboard`);
    await page.getByLabel('目標(値)に対する達成率を優先する（資料のフローチャートどおり）').check();
    await page.getByRole('button', { name: '試算する' }).click();
    await page.getByTestId('what-if-summary').waitFor();
    await page.getByRole('button', { name: 'この設定を計画に採用する' }).click();
    await page.getByRole('button', { name: '採用する（確定）' }).click();
    await page.getByText('評価方法の設定を保存しました').waitFor();
    await page.goto(`${server.url}/plans/${kamaId}/actions/action-06`);
    await expect.poll(() => page.getByTestId('action-result').innerText()).toContain('概ね達成');
  });
});

describe('the schedule, the KPI chart and English', () => {
  it('lays out いちき串木野市’s year schedule with this fiscal year marked in words', async () => {
    await page.goto(`${server.url}/plans/${ichikiId}/schedule`);
    const table = page.getByTestId('schedule');
    await table.waitFor();
    expect(await table.locator('thead th[aria-current="date"]').innerText()).toContain('今年度');
    const row = table.getByRole('row', { name: /書かない窓口/ });
    expect(await row.innerText()).toMatch(/試験導入[\s\S]*システム導入[\s\S]*実装/);
    await expectNoAxeViolations(page);
  });

  it('draws action 6’s KPI with its baseline and target, says why there is no forecast, and gives the table', async () => {
    await page.goto(`${server.url}/plans/${kamaId}/actions/action-06`);
    const chart = page.getByTestId('kpi-chart-website-access');
    await chart.waitFor();
    await waitForCharts(page);
    const text = await chart.innerText();
    expect(text).toContain('目標値は 130%（令和8年度末）');
    expect(text).toContain('実績値が2時点以上ないため、見込みは計算しません');
    expect(await chart.locator('.echart').getAttribute('aria-label')).toContain('公式ホームページアクセス数');
    expect(await readCspViolations(page)).toEqual([]);
    await expectNoAxeViolations(page);
  });

  it('switches the shell and the dashboard to English and back', async () => {
    await page.goto(`${server.url}/plans/${kamaId}/dashboard`);
    await page.getByRole('button', { name: 'English' }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toContain('Dashboard');
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(await page.getByRole('button', { name: 'Log out' }).count()).toBe(1);
    expect(await page.locator('main').innerText()).toContain('Items per rating');
    expect(await page.locator('h1 [lang="ja"]').innerText()).toBe('第1次 嘉麻市デジタル推進計画');
    await waitForCharts(page);
    await expectNoAxeViolations(page);
    await page.getByRole('button', { name: '日本語' }).click();
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('ja');
  });
});

describe('the public portal', () => {
  let visitor: BrowserContext;
  let visitorPage: Page;

  beforeAll(async () => {
    visitor = await browser.newContext({ locale: 'ja-JP' });
    visitorPage = await visitor.newPage();
  });

  afterAll(async () => {
    await visitor?.close();
  });

  it('shows nothing of an unpublished plan; the DX office publishes it from the dashboard', async () => {
    const response = await visitorPage.goto(`${server.url}/public/402273/kama-digital-plan-1/`);
    expect(response?.status()).toBe(404);
    expect(await visitorPage.getByRole('heading', { level: 1 }).textContent()).toBe('ページが見つかりません');

    await page.goto(`${server.url}/plans/${kamaId}/dashboard`);
    await page.getByRole('button', { name: '公開する' }).click();
    await page.getByRole('button', { name: '公開する（確定）' }).click();
    await page.getByRole('link', { name: '/public/402273/kama-digital-plan-1/' }).waitFor();
    await page.goto(`${server.url}/plans/${ichikiId}/dashboard`);
    await page.getByRole('button', { name: '公開する' }).click();
    await page.getByRole('button', { name: '公開する（確定）' }).click();
    await page.getByRole('link', { name: '/public/462195/ichikikushikino-dx-plan/' }).waitFor();
  });

  it('has no accessibility violations on the index, plan, action, schedule and English pages, and runs no script', async () => {
    for (const path of [
      '/public/',
      '/public/402273/kama-digital-plan-1/',
      '/public/402273/kama-digital-plan-1/actions/action-06.html',
      '/public/402273/kama-digital-plan-1/actions/action-13.html',
      '/public/462195/ichikikushikino-dx-plan/schedule.html',
      '/public/462195/ichikikushikino-dx-plan/actions/counter-services.html',
      '/public/en/402273/kama-digital-plan-1/actions/action-06.html',
      '/public/en/402273/kama-digital-plan-1/',
      '/public/412074/kashima-dx-strategy/',
    ]) {
      const response = await visitorPage.goto(`${server.url}${path}`);
      // 鹿島市's plan is not published: the portal's own 404 page, which must be accessible too.
      expect(response?.status(), path).toBe(path.includes('kashima') ? 404 : 200);
      expect(await visitorPage.locator('script').count(), path).toBe(0);
      await expectNoAxeViolations(visitorPage);
    }
  });

  it('can be walked with the keyboard alone, with the focus always visible', async () => {
    await visitorPage.goto(`${server.url}/public/`);
    const focused = () =>
      visitorPage.evaluate(() => {
        const element = document.activeElement as HTMLElement | null;
        if (!element || element === document.body) return { text: '', outline: 'none' };
        const style = getComputedStyle(element);
        return {
          text: element.textContent?.trim() ?? '',
          outline: `${style.outlineStyle} ${style.outlineWidth}`,
        };
      });
    const tabTo = async (name: string) => {
      for (let step = 0; step < 150; step++) {
        await visitorPage.keyboard.press('Tab');
        const current = await focused();
        expect(current.outline, `focus on "${current.text}" is visible`).toBe('solid 4px');
        if (current.text === name) return;
      }
      throw new Error(`"${name}" was never reached with Tab`);
    };

    await visitorPage.keyboard.press('Tab');
    expect((await focused()).text).toBe('本文へスキップ');
    await visitorPage.keyboard.press('Enter');
    await tabTo('第1次 嘉麻市デジタル推進計画');
    await visitorPage.keyboard.press('Enter');
    await expect
      .poll(() => visitorPage.getByRole('heading', { level: 1 }).textContent())
      .toBe('第1次 嘉麻市デジタル推進計画');
    await tabTo('インターネット利用機会の向上');
    await visitorPage.keyboard.press('Enter');
    await expect
      .poll(() => visitorPage.getByRole('heading', { level: 1 }).textContent())
      .toBe('6 インターネット利用機会の向上');
    expect(await visitorPage.locator('main').innerText()).toContain('概ね達成');
    await tabTo('English');
    await visitorPage.keyboard.press('Enter');
    await expect.poll(() => visitorPage.locator('html').getAttribute('lang')).toBe('en');
    expect(await visitorPage.locator('main').innerText()).toContain('Mostly achieved');
    await tabTo('Back to the plan');
    await visitorPage.keyboard.press('Enter');
    await expect
      .poll(() => visitorPage.getByRole('heading', { level: 1 }).textContent())
      .toBe('第1次 嘉麻市デジタル推進計画');
    await tabTo('The whole plan (JSON)');
  });

  it('exported as static files, works from disk in Chromium with JavaScript disabled', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'kiseki-e2e-static-'));
    try {
      await writeStaticPortal({ db: server.db, directory });
      const offline = await browser.newContext({ javaScriptEnabled: false, locale: 'ja-JP' });
      const offlinePage = await offline.newPage();
      await offlinePage.goto(pathToFileURL(join(directory, 'index.html')).href);
      expect(await offlinePage.getByRole('heading', { level: 1 }).textContent()).toBe('公開中のDX推進計画');
      await offlinePage.getByRole('link', { name: '第1次 嘉麻市デジタル推進計画' }).click();
      await offlinePage.getByRole('heading', { level: 1, name: '第1次 嘉麻市デジタル推進計画' }).waitFor();
      // The stylesheet is found next to the pages: the header has its blue top border.
      const border = await offlinePage
        .locator('.portal-header')
        .evaluate((element) => getComputedStyle(element).borderTopWidth);
      expect(border).toBe('6px');
      await offlinePage.getByRole('link', { name: 'インターネット利用機会の向上' }).click();
      await offlinePage.getByRole('heading', { level: 1, name: '6 インターネット利用機会の向上' }).waitFor();
      expect(await offlinePage.locator('svg.chart').count()).toBe(1);
      await offlinePage.getByRole('link', { name: 'English' }).click();
      await offlinePage.getByRole('heading', { level: 1, name: '6 インターネット利用機会の向上' }).waitFor();
      expect(await offlinePage.locator('html').getAttribute('lang')).toBe('en');
      await offline.close();
    } finally {
      await rm(directory, { recursive: true, force: true });
    }
  });
});
