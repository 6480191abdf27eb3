import { eq } from 'drizzle-orm';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setMembership } from '../src/server/accounts/accounts.repository.js';
import { municipalitiesTable } from '../src/server/municipalities/municipalities.table.js';
import { createTestUser, type TestUser } from '../src/server/test-support.js';
import { expectNoAxeViolations } from './axe.js';
import { launchBrowser } from './browser.js';
import { findJapaneseText, withEnglishScreens } from './locale.js';
import { signIn } from './sign-in.js';
import { startTestServer } from './test-server.js';

/** Kiseki's own words on the editing screens: headings, legends, column headers and lead paragraphs. */
const EDITING_TEXT = 'main :is(h1, h2, h3, legend, th[scope="col"], .lead)';

/*
 * The DX office builds a plan in the browser: from an empty plan to an action rated on its page; two
 * people edit the same action and the second one re-applies their change; the history tells it all.
 */

let server: Awaited<ReturnType<typeof startTestServer>>;
let browser: Browser;
let firstAdmin: TestUser;
let secondAdmin: TestUser;
/** Where the action built in the first test is edited, for the tests after it. */
let actionEditUrl = '';
let planHistoryUrl = '';

const PLAN_TITLE = '第2次 嘉麻市デジタル推進計画（E2E）';
const ACTION_TITLE = '窓口のオンライン予約';

beforeAll(async () => {
  server = await startTestServer();
  browser = await launchBrowser();
  const [kama] = await server.db
    .select({ id: municipalitiesTable.id })
    .from(municipalitiesTable)
    .where(eq(municipalitiesTable.code, '402273'));
  const admin = async (login: string, displayName: string) => {
    const user = await createTestUser({ db: server.db, login, displayName });
    await setMembership({
      db: server.db,
      userId: user.id,
      municipalityId: kama!.id,
      role: 'admin',
      departmentIds: [],
    });
    return user;
  };
  firstAdmin = await admin('kama-dx-1', 'デジタル戦略課 山田');
  secondAdmin = await admin('kama-dx-2', 'デジタル戦略課 佐藤');
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function newSignedInPage(user: TestUser): Promise<Page> {
  const context = await browser.newContext({ locale: 'ja-JP', timezoneId: 'Asia/Tokyo' });
  const page = await context.newPage();
  await signIn(page, server.url, user);
  return page;
}

async function waitForHeading(page: Page, text: string): Promise<void> {
  await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toContain(text);
}

describe('a DX officer builds a plan from scratch', () => {
  it('creates the plan, adds a pillar, an action of two departments, a yearly task and a KPI with an actual, and sees the action rated', async () => {
    const page = await newSignedInPage(firstAdmin);

    await page.getByRole('link', { name: '計画を新しく作成する' }).click();
    await waitForHeading(page, '計画の新規作成');
    await expectNoAxeViolations(page, { waitForNetwork: true });

    // The form checks with the plan format's own rules, next to the field, before sending.
    await page.getByRole('button', { name: '計画を作成する' }).click();
    await expect
      .poll(() => page.locator('.field__error').first().textContent())
      .toContain('入力してください');

    await page.getByLabel('計画の名称').fill(PLAN_TITLE);
    await page.getByLabel('スラッグ（URL・ファイル名に使う英数字の名前）').fill('kama-digital-plan-2');
    await page.getByLabel('始まり').selectOption('2025');
    await page.getByLabel('終わり').selectOption('2028');
    expect(await page.getByLabel('始まり').locator('option:checked').textContent()).toBe(
      '令和7年度（2025年度）',
    );
    await page.getByLabel('1段目の名称').fill('柱');
    await page.getByRole('button', { name: '計画を作成する' }).click();

    await waitForHeading(page, PLAN_TITLE);
    expect(page.url()).toMatch(/\/plans\/[0-9a-f-]{36}\/edit$/);
    planHistoryUrl = page.url().replace(/\/edit$/, '/history');
    await expectNoAxeViolations(page, { waitForNetwork: true });

    await page.getByRole('button', { name: '柱を追加', exact: true }).click();
    await page.getByLabel('番号').fill('1');
    await page.getByLabel('柱の名称').fill('くらし');
    await page.getByRole('button', { name: '柱を追加する' }).click();
    await page.locator('.outline-node__title', { hasText: '1 くらし' }).waitFor();

    await page.getByRole('button', { name: /^アクションを追加\s*（1 くらし）$/ }).click();
    await page.getByLabel('番号').fill('1');
    await page.getByLabel('アクションの名称').fill(ACTION_TITLE);
    await page.getByLabel('デジタル戦略課', { exact: true }).check();
    await page.getByLabel('市民課', { exact: true }).check();
    await page.getByRole('button', { name: 'アクションを追加して編集する' }).click();

    await waitForHeading(page, `1 ${ACTION_TITLE}`);
    actionEditUrl = page.url();
    expect(actionEditUrl).toMatch(/\/actions\/action-1\/edit$/);
    await expectNoAxeViolations(page, { waitForNetwork: true });

    await page.getByLabel('計画（その年度にやること）').fill('予約システムの試験導入');
    await page.getByLabel('進捗（%）').fill('120');
    await page.getByRole('button', { name: '年度タスクを追加する' }).click();
    await expect
      .poll(() => page.locator('.field__error').first().textContent())
      .toContain('100以下にしてください');
    await page.getByLabel('進捗（%）').fill('７０');
    await page.getByRole('button', { name: '年度タスクを追加する' }).click();
    await page.getByTestId('task-table').getByRole('rowheader', { name: '予約システムの試験導入' }).waitFor();
    expect(await page.getByTestId('task-table').innerText()).toContain('70%');

    await page.getByLabel('指標名').fill('オンライン予約の件数');
    await page.getByLabel('単位').fill('件');
    await page.getByLabel('目標値').fill('200');
    await page.getByRole('button', { name: '指標を追加する' }).click();
    await page.getByRole('heading', { name: 'オンライン予約の件数' }).waitFor();
    await page.getByRole('button', { name: /^実績値を追加\s*（オンライン予約の件数）$/ }).click();
    await page.getByLabel('実績値（件）').fill('170');
    await page.getByLabel('日付（いつ時点の値か）').fill('2026-03-31');
    await page.getByRole('button', { name: '実績値を追加する' }).click();
    await page
      .getByRole('table', { name: '「オンライン予約の件数」の実績値' })
      .getByText('令和7年度末')
      .waitFor();

    await page.getByRole('link', { name: 'アクションのページ（評価）を見る' }).click();
    await page.getByTestId('action-result').waitFor();
    const result = await page.getByTestId('action-result').innerText();
    expect(result).toContain('85.0');
    expect(result).toContain('概ね達成');
    expect(await page.getByRole('table', { name: `${ACTION_TITLE}の概要` }).innerText()).toContain(
      'デジタル戦略課・市民課',
    );
    expect(await page.getByTestId('rate-card-tasks').innerText()).toContain('70.0');
    await expectNoAxeViolations(page, { waitForNetwork: true });
    await page.context().close();
  });
});

describe('two people edit the same action', () => {
  it('the one who saves second with a stale version sees both versions and re-applies their change', async () => {
    const first = await newSignedInPage(firstAdmin);
    const second = await newSignedInPage(secondAdmin);
    await first.goto(actionEditUrl);
    await second.goto(actionEditUrl);
    await waitForHeading(first, ACTION_TITLE);
    await waitForHeading(second, ACTION_TITLE);

    await first.getByLabel('目指すこと', { exact: true }).fill('窓口に並ばずに手続きできる');
    await first.getByRole('button', { name: '概要を保存する' }).click();
    await first.getByText('概要を保存しました。').waitFor();

    await second.getByLabel('やること', { exact: true }).fill('予約システムを全窓口に導入する');
    await second.getByRole('button', { name: '概要を保存する' }).click();
    const conflict = second.getByTestId('conflict-panel');
    await conflict.waitFor();
    const shown = await conflict.innerText();
    expect(shown).toContain('ほかの人が先にこの内容を保存しました');
    expect(shown).toContain('窓口に並ばずに手続きできる');
    expect(shown).toContain('予約システムを全窓口に導入する');
    expect(shown).toContain('あなたが変更');
    expect(shown).toContain('ほかの人が変更');
    await expectNoAxeViolations(second, { waitForNetwork: true });

    await second.getByRole('button', { name: '自分の変更を最新の内容に反映して保存する' }).click();
    await second.getByText('概要を保存しました。').waitFor();
    expect(await second.getByTestId('conflict-panel').count()).toBe(0);
    expect(await second.getByLabel('目指すこと', { exact: true }).inputValue()).toBe(
      '窓口に並ばずに手続きできる',
    );
    expect(await second.getByLabel('やること', { exact: true }).inputValue()).toBe(
      '予約システムを全窓口に導入する',
    );

    await first.goto(actionEditUrl.replace(/\/edit$/, ''));
    await first.getByTestId('action-result').waitFor();
    const overview = await first.getByRole('table', { name: `${ACTION_TITLE}の概要` }).innerText();
    expect(overview).toContain('窓口に並ばずに手続きできる');
    expect(overview).toContain('予約システムを全窓口に導入する');
    await first.context().close();
    await second.context().close();
  });
});

describe('the history of the plan', () => {
  it('lists every change with who made it and what changed, filters by kind, and shows the action’s own history and comments', async () => {
    const page = await newSignedInPage(firstAdmin);
    await page.goto(planHistoryUrl);
    await waitForHeading(page, '変更履歴');
    await page.getByTestId('history-entry').first().waitFor();
    const all = await page.locator('.history-list').innerText();
    expect(all).toContain(`計画「${PLAN_TITLE}」を作成`);
    expect(all).toContain('柱「1 くらし」を追加');
    expect(all).toContain(`アクション「1 ${ACTION_TITLE}」を追加`);
    expect(all).toContain('年度タスク 令和7年度・デジタル戦略課「予約システムの試験導入」を追加');
    expect(all).toContain('指標「オンライン予約の件数」を追加');
    expect(all).toContain('を変更（目指すこと）');
    expect(all).toContain('を変更（やること）');
    expect(all).toContain('デジタル戦略課 佐藤');
    await expectNoAxeViolations(page, { waitForNetwork: true });

    await page.getByLabel('種類').selectOption('task');
    await page.getByRole('button', { name: 'この条件で表示する' }).click();
    await expect.poll(() => page.getByTestId('history-entry').count()).toBe(1);
    const task = await page.getByTestId('history-entry').innerText();
    expect(task).toContain('進捗');
    expect(task).toContain('70%');

    await page.goto(actionEditUrl.replace(/\/edit$/, ''));
    await page.getByRole('heading', { name: '変更履歴' }).waitFor();
    await page.getByTestId('history-entry').first().waitFor();
    const actionHistory = await page
      .locator('section', { has: page.getByRole('heading', { name: '変更履歴' }) })
      .innerText();
    expect(actionHistory).toContain('やること');
    expect(actionHistory).toContain('予約システムを全窓口に導入する');

    await page.getByLabel('コメントを書く').fill('市民への周知の方法を教えてください。');
    await page.getByRole('button', { name: 'コメントする' }).click();
    await page.getByTestId('comment').getByText('市民への周知の方法を教えてください。').waitFor();
    expect(await page.getByTestId('comment').innerText()).toContain('デジタル戦略課 山田');
    await expectNoAxeViolations(page, { waitForNetwork: true });
    await page.context().close();
  });
});

describe('departments', () => {
  it('an admin adds a 係 under a 課 and renames it', async () => {
    const page = await newSignedInPage(firstAdmin);
    await page.getByRole('link', { name: '部署の管理' }).click();
    await waitForHeading(page, '部署の管理');
    await expectNoAxeViolations(page, { waitForNetwork: true });

    await page.getByLabel('部署の名称').fill('DX推進係');
    await page.getByLabel('上位の部署').selectOption({ label: 'デジタル戦略課' });
    await page.getByRole('button', { name: '部署を追加する' }).click();
    await page.getByText('「DX推進係」を追加しました。').waitFor();
    await page.locator('.department-tree__children').getByText('DX推進係', { exact: true }).waitFor();

    await page.getByRole('button', { name: /^名称・上位を変更\s*（DX推進係）$/ }).click();
    const form = page.getByRole('form', { name: '「DX推進係」の変更' });
    await form.getByLabel('名称').fill('デジタル推進係');
    await form.getByRole('button', { name: '保存' }).click();
    await page.locator('.department-tree__children').getByText('デジタル推進係', { exact: true }).waitFor();
    await expectNoAxeViolations(page, { waitForNetwork: true });
    await page.context().close();
  });
});

async function listHeadings(page: Page, level: number): Promise<string[]> {
  return page.locator('main').getByRole('heading', { level }).allInnerTexts();
}

describe('the editing screens in English', () => {
  it('creates, edits, lists departments and shows the history with English words around the plan’s own', async () => {
    const page = await newSignedInPage(firstAdmin);
    await withEnglishScreens(page, async () => {
      await page.getByRole('link', { name: 'Create a new plan' }).click();
      await waitForHeading(page, 'Create a plan');
      expect(await page.title()).toBe('Create a plan — Kiseki');
      expect(await listHeadings(page, 2)).toContain('Plan settings');
      await page.getByRole('button', { name: 'Create the plan' }).waitFor();
      await page.getByRole('button', { name: 'Add a level' }).waitFor();
      await page.getByRole('group', { name: 'Order of rating bases (the evaluation flowchart)' }).waitFor();
      await page.getByLabel('Slug (a name in letters and digits for URLs and file names)').waitFor();
      // The form's own check speaks the screen's language too.
      await page.getByRole('button', { name: 'Create the plan' }).click();
      await expect
        .poll(async () => (await page.locator('.field__error').allTextContents()).join('\n'))
        .toContain('Enter a value');
      expect((await page.locator('.field__error').allTextContents()).join('\n')).not.toContain('入力');
      await page.getByLabel('From', { exact: true }).selectOption('2025');
      expect(await page.getByLabel('From', { exact: true }).locator('option:checked').textContent()).toBe(
        'FY2025',
      );
      expect(
        await page.getByLabel('KPI calculation basis (default)').locator('option').allTextContents(),
      ).toEqual(['Actual ÷ target (from zero)', 'Growth from the baseline']);
      expect(await findJapaneseText(page, EDITING_TEXT)).toEqual([]);
      await expectNoAxeViolations(page, { waitForNetwork: true });

      await page.goto(planHistoryUrl.replace(/\/history$/, '/edit'));
      await waitForHeading(page, PLAN_TITLE);
      expect(await page.getByRole('heading', { level: 1 }).innerText()).toContain('Edit plan');
      expect(await page.title()).toBe(`Edit plan — ${PLAN_TITLE} — Kiseki`);
      expect(await listHeadings(page, 2)).toEqual(['柱・重点施策 and アクション', 'Plan settings']);
      await page.getByRole('link', { name: 'View the plan page (evaluation)' }).waitFor();
      await page.getByRole('button', { name: 'Save the settings' }).waitFor();
      await page.getByRole('button', { name: 'Add 柱', exact: true }).waitFor();
      await page.getByRole('columnheader', { name: 'Number and name' }).waitFor();
      await page.getByRole('columnheader', { name: 'Owners' }).waitFor();
      expect(await findJapaneseText(page, EDITING_TEXT)).toEqual([]);
      await expectNoAxeViolations(page, { waitForNetwork: true });

      await page.goto(actionEditUrl);
      await waitForHeading(page, ACTION_TITLE);
      expect(await page.getByRole('heading', { level: 1 }).innerText()).toContain('Edit アクション');
      expect(await listHeadings(page, 2)).toEqual([
        'Overview',
        'Yearly tasks',
        'KPIs',
        'Placement',
        'Archive',
      ]);
      await page.getByRole('button', { name: 'Save the overview' }).waitFor();
      await page.getByRole('button', { name: 'Add the yearly task' }).waitFor();
      await page.getByRole('button', { name: 'Add the KPI' }).waitFor();
      await page.getByLabel('Aim', { exact: true }).waitFor();
      await page.getByLabel('Status').locator('option', { hasText: 'Not started (未着手)' }).waitFor({
        state: 'attached',
      });
      const tasks = await page.getByTestId('task-table').innerText();
      expect(tasks).toContain('Fiscal year');
      expect(tasks).toContain('FY2025');
      const kpi = await page.locator('.kpi-editor').first().innerText();
      expect(kpi).toContain('200件 by the end of FY2028 (increase)');
      expect(kpi).toContain('end of FY2025');
      expect(await findJapaneseText(page, EDITING_TEXT)).toEqual([]);
      await expectNoAxeViolations(page, { waitForNetwork: true });

      await page.getByRole('link', { name: 'Change history of this アクション' }).waitFor();
      await page.goto(planHistoryUrl);
      await waitForHeading(page, 'Change history');
      expect(await listHeadings(page, 2)).toEqual(['Filter', 'All changes']);
      await page.getByTestId('history-entry').first().waitFor();
      await page.getByRole('button', { name: 'Show with these conditions' }).waitFor();
      await page.getByLabel('Changed by').waitFor();
      const history = await page.locator('.history-list').innerText();
      expect(history).toContain('Plan · Added');
      expect(history).toContain('Action · Changed');
      expect(history).toContain('Before');
      expect(history).toContain(`計画「${PLAN_TITLE}」を作成`);
      await page.getByLabel('Kind').selectOption({ label: 'Yearly task' });
      await page.getByRole('button', { name: 'Show with these conditions' }).click();
      await expect.poll(() => page.getByTestId('history-entry').count()).toBe(1);
      expect(await listHeadings(page, 2)).toEqual(['Filter', 'Matching changes']);
      expect(await page.getByTestId('history-entry').innerText()).toContain('Progress');
      expect(await findJapaneseText(page, EDITING_TEXT)).toEqual([]);
      await expectNoAxeViolations(page, { waitForNetwork: true });

      await page.goto(planHistoryUrl.replace(/\/history$/, '/edit'));
      await page.getByRole('link', { name: 'Manage departments' }).click();
      await waitForHeading(page, 'Manage departments');
      const departments = await listHeadings(page, 2);
      expect(departments[0]).toMatch(/^Current departments \(\d+\)$/);
      expect(departments).toContain('Add a department');
      await page.getByLabel('Department name').waitFor();
      await page.getByLabel('Parent department').locator('option', { hasText: 'None (top level)' }).waitFor({
        state: 'attached',
      });
      await page.getByRole('button', { name: 'Add the department' }).waitFor();
      await page.getByRole('button', { name: /^Change name or parent\s*\(デジタル戦略課\)$/ }).waitFor();
      expect(await findJapaneseText(page, EDITING_TEXT)).toEqual([]);
      await expectNoAxeViolations(page, { waitForNetwork: true });
    });
    await page.context().close();
  });
});

describe('archived items', () => {
  it('a DX officer archives a yearly task by mistake, finds it among the archived items and restores it', async () => {
    const page = await newSignedInPage(firstAdmin);
    await page.goto(actionEditUrl);
    await waitForHeading(page, ACTION_TITLE);
    const taskRow = page.getByTestId('task-table').getByRole('row', { name: /予約システムの試験導入/ });
    page.once('dialog', (dialog) => void dialog.accept());
    await taskRow.getByRole('button', { name: /^アーカイブ/ }).click();
    await taskRow.waitFor({ state: 'detached' });

    await page.goto(planHistoryUrl.replace(/\/history$/, '/edit'));
    await page.getByRole('link', { name: 'アーカイブ済みの項目' }).click();
    await waitForHeading(page, 'アーカイブ済みの項目');
    const archivedRow = page
      .getByRole('table', { name: `${PLAN_TITLE}のアーカイブ済みの項目（新しい順）` })
      .getByTestId('archived-item')
      .filter({ hasText: '予約システムの試験導入' });
    const shown = await archivedRow.innerText();
    expect(shown).toContain('年度タスク');
    expect(shown).toContain(`1 ${ACTION_TITLE}`);
    expect(shown).toContain('デジタル戦略課 山田');
    await expectNoAxeViolations(page, { waitForNetwork: true });
    await withEnglishScreens(page, async () => {
      await waitForHeading(page, 'Archived items');
      const row = page.getByTestId('archived-item').filter({ hasText: '予約システムの試験導入' });
      await row.getByRole('button', { name: /^Restore\s*\(.*予約システムの試験導入」\)$/ }).waitFor();
      expect(await findJapaneseText(page, EDITING_TEXT)).toEqual([]);
    });

    await archivedRow.getByRole('button', { name: /^復元する\s*（.*予約システムの試験導入」）$/ }).click();
    await page.getByRole('status').getByText('を復元しました。').waitFor();
    await archivedRow.waitFor({ state: 'detached' });
    await expectNoAxeViolations(page, { waitForNetwork: true });

    await page.getByRole('link', { name: 'アクションの編集画面を開く' }).click();
    await waitForHeading(page, ACTION_TITLE);
    await page.getByTestId('task-table').getByRole('rowheader', { name: '予約システムの試験導入' }).waitFor();
    expect(await page.getByTestId('task-table').innerText()).toContain('70%');

    await page.getByRole('link', { name: 'アクションのページ（評価）を見る' }).click();
    await page.getByTestId('rate-card-tasks').waitFor();
    expect(await page.getByTestId('rate-card-tasks').innerText()).toContain('70.0');
    await page.context().close();
  });
});
