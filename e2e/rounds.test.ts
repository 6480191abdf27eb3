import { eq } from 'drizzle-orm';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getJapanDate } from '../src/domain/progress-round.js';
import { listDepartments } from '../src/server/departments/departments.repository.js';
import { municipalitiesTable } from '../src/server/municipalities/municipalities.table.js';
import { TINY_PNG } from '../src/server/rounds/rounds.test-fixtures.js';
import { openRound } from '../src/server/rounds/rounds.usecases.js';
import { createTestUser, type TestUser } from '../src/server/test-support.js';
import { expectNoAxeViolations } from './axe.js';
import { launchBrowser } from './browser.js';
import { findJapaneseText, withEnglishScreens } from './locale.js';
import { signIn } from './sign-in.js';
import { startTestServer } from './test-server.js';

/*
 * A progress round of 嘉麻市 in the browser: the DX office opens the 令和8年度 12月 round, 人事秘書課's
 * clerk updates a task and a KPI, uploads a photo and submits; the office returns it with a comment; the
 * clerk fixes it and submits again; the office accepts and closes the round, and an edit from a tab left
 * open is refused. Then two clerks save the same task at once.
 */

let server: Awaited<ReturnType<typeof startTestServer>>;
let browser: Browser;
let planId: string;
let municipalityId: string;
let departmentId: string;
let admin: TestUser;
let clerk: TestUser;
let secondClerk: TestUser;

const HOMEPAGE_TASK = '「ホームページ構成の見直し」の進捗率（%）';
const PUBLICITY_TASK = '「広報紙やSNS等による周知」の進捗率（%）';

beforeAll(async () => {
  server = await startTestServer();
  browser = await launchBrowser();
  planId = server.planIds.get('kama-digital-plan-1')!;
  const [kama] = await server.db
    .select({ id: municipalitiesTable.id })
    .from(municipalitiesTable)
    .where(eq(municipalitiesTable.code, '402273'));
  municipalityId = kama!.id;
  departmentId = (await listDepartments({ db: server.db, municipalityId })).find(
    (department) => department.key === 'hr-secretariat',
  )!.id;
  admin = await createTestUser({
    db: server.db,
    login: 'kama-dx-office',
    displayName: 'デジタル戦略課 管理者',
    membership: { municipalityId, role: 'admin' },
  });
  clerk = await createTestUser({
    db: server.db,
    login: 'hr-clerk',
    displayName: '人事秘書課 広報担当',
    membership: { municipalityId, role: 'editor', departmentIds: [departmentId] },
  });
  secondClerk = await createTestUser({
    db: server.db,
    login: 'hr-clerk-2',
    displayName: '人事秘書課 係長',
    membership: { municipalityId, role: 'editor', departmentIds: [departmentId] },
  });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function newPage(): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ locale: 'ja-JP' });
  return { context, page: await context.newPage() };
}

function rowOf(page: Page, label: string) {
  return page.locator('tr', { has: page.getByLabel(label, { exact: true }) });
}

async function statusText(page: Page): Promise<string> {
  return page.getByTestId('submission-status').innerText();
}

describe('a progress round from opening to closing', () => {
  it('runs the whole cycle: update, upload, submit, return, fix, resubmit, accept, close, and refuses a later edit', async () => {
    const dueDate = getJapanDate(new Date(Date.now() + 14 * 86_400_000));

    // The DX office opens the round on the plan page.
    const office = await newPage();
    await signIn(office.page, server.url, admin);
    await office.page.goto(`${server.url}/plans/${planId}`);
    await office.page.getByRole('heading', { name: '進捗確認', level: 2 }).waitFor();
    await office.page.getByText('進捗確認を始める', { exact: true }).click();
    await office.page.getByLabel('年度').selectOption('2026');
    await office.page.getByLabel('確認月').selectOption('12');
    await office.page.getByLabel('提出期限').fill(dueDate);
    await office.page.getByRole('button', { name: 'この内容で開始する' }).click();
    await office.page.getByTestId('open-round').waitFor();
    expect(await office.page.getByTestId('open-round').innerText()).toContain('令和8年度 12月の進捗確認');
    await expectNoAxeViolations(office.page, { waitForNetwork: true });

    // The clerk lands on the department's page in one click from the header.
    const desk = await newPage();
    await signIn(desk.page, server.url, clerk);
    await desk.page.getByRole('link', { name: '進捗入力（人事秘書課）' }).click();
    await expect
      .poll(() => desk.page.getByRole('heading', { level: 1 }).textContent())
      .toBe('人事秘書課の進捗入力');
    const clerkUrl = desk.page.url();
    await expectNoAxeViolations(desk.page, { waitForNetwork: true });

    // A task: full-width digits, saved with Enter.
    await desk.page.getByLabel(HOMEPAGE_TASK, { exact: true }).fill('８０');
    await desk.page
      .getByLabel('「ホームページ構成の見直し」のコメント')
      .fill('トップページの構成案を作成済み');
    expect(await rowOf(desk.page, HOMEPAGE_TASK).locator('.row-status').innerText()).toContain('未保存');
    await desk.page.getByLabel(HOMEPAGE_TASK, { exact: true }).press('Enter');
    await expect
      .poll(() => rowOf(desk.page, HOMEPAGE_TASK).locator('.row-status').innerText())
      .toContain('保存済み');
    expect(await desk.page.getByLabel(HOMEPAGE_TASK, { exact: true }).inputValue()).toBe('80');

    // A KPI actual, at the round's date (shown in 和暦).
    const kpi = desk.page.getByTestId('kpi-website-access');
    await kpi.getByLabel('実績値（%）').fill('127');
    expect(await kpi.locator('.field__hint').first().innerText()).toBe('令和8年12月31日時点');
    await kpi.getByRole('button', { name: /実績値を追加/ }).click();
    await expect.poll(() => kpi.locator('table').innerText()).toContain('127%');
    expect(await kpi.locator('table').innerText()).toContain('令和8年12月31日');

    // A photo, shown as a thumbnail.
    await desk.page.getByLabel('ファイル', { exact: true }).setInputFiles({
      name: '説明会.png',
      mimeType: 'image/png',
      buffer: TINY_PNG,
    });
    await desk.page.getByLabel('説明（任意）').fill('ホームページ説明会の様子');
    await desk.page.getByRole('button', { name: /登録する/ }).click();
    const thumbnail = desk.page.getByRole('img', { name: 'ホームページ説明会の様子' });
    await thumbnail.waitFor();
    await expect.poll(() => thumbnail.evaluate((image: HTMLImageElement) => image.naturalWidth)).toBe(1);

    // Submit, with its confirmation step.
    await desk.page.getByRole('button', { name: '提出する', exact: true }).click();
    await desk.page.getByRole('button', { name: 'この内容で提出する' }).click();
    await expect.poll(() => statusText(desk.page)).toContain('提出済み（確認待ち）');
    expect(await desk.page.getByLabel(HOMEPAGE_TASK, { exact: true }).count()).toBe(0);

    // The office sees it on the board and returns it with a comment.
    await office.page.getByRole('link', { name: '提出状況', exact: true }).click();
    await office.page.getByTestId('round-board').waitFor();
    expect(await office.page.getByTestId('board-人事秘書課').innerText()).toContain('提出済み');
    expect(await office.page.getByTestId('not-submitted').innerText()).toContain('デジタル戦略課');
    await expectNoAxeViolations(office.page, { waitForNetwork: true });
    await office.page.getByRole('link', { name: '人事秘書課', exact: true }).click();
    await office.page.getByRole('button', { name: '差し戻す' }).waitFor();
    await expectNoAxeViolations(office.page, { waitForNetwork: true });
    await office.page
      .getByLabel('担当課へのコメント（差し戻しでは必須）')
      .fill('「ホームページ構成の見直し」の80%の根拠を書いてください');
    await office.page.getByRole('button', { name: '差し戻す' }).click();
    await expect.poll(() => statusText(office.page)).toContain('差し戻し');

    // The clerk sees the comment, fixes the row and submits again. A second tab stays open.
    await desk.page.reload();
    await desk.page.getByTestId('review-comment').waitFor();
    expect(await desk.page.getByTestId('review-comment').innerText()).toContain('80%の根拠を書いてください');
    await expectNoAxeViolations(desk.page, { waitForNetwork: true });
    const staleTab = await desk.context.newPage();
    await staleTab.goto(clerkUrl);
    await staleTab.getByLabel(PUBLICITY_TASK, { exact: true }).waitFor();

    await desk.page
      .getByLabel('「ホームページ構成の見直し」のコメント')
      .fill('トップページの構成案を作成済み（全12ページ中10ページ）');
    await desk.page.getByRole('button', { name: /^保存\s*（ホームページ構成の見直し）$/ }).click();
    await expect
      .poll(() => rowOf(desk.page, HOMEPAGE_TASK).locator('.row-status').innerText())
      .toContain('保存済み');
    await desk.page.getByRole('button', { name: '提出する', exact: true }).click();
    await desk.page.getByRole('button', { name: 'この内容で提出する' }).click();
    await expect.poll(() => statusText(desk.page)).toContain('提出済み（確認待ち）');

    // The office accepts and closes the round.
    await office.page.reload();
    await office.page.getByRole('button', { name: '承認する' }).click();
    await expect.poll(() => statusText(office.page)).toContain('承認済み');
    await office.page.getByRole('link', { name: '令和8年度 12月の進捗確認' }).click();
    await office.page.getByRole('button', { name: '締め切る', exact: true }).click();
    await office.page.getByRole('button', { name: '締め切る（確定）' }).click();
    await expect.poll(() => office.page.getByTestId('round-status').textContent()).toBe('締め切り済み');
    await office.page.getByTestId('round-evaluation').waitFor();
    expect(await office.page.getByTestId('round-evaluation').innerText()).toContain(
      'インターネット利用機会の向上',
    );
    await expectNoAxeViolations(office.page, { waitForNetwork: true });

    // The tab left open tries to change a figure of the frozen round.
    await staleTab.getByLabel(PUBLICITY_TASK, { exact: true }).fill('90');
    await staleTab.getByLabel(PUBLICITY_TASK, { exact: true }).press('Enter');
    const refusal = staleTab.getByRole('alert').filter({ hasText: '締め切られています' });
    await refusal.waitFor();
    expect(await refusal.innerText()).toContain('令和8年度 12月の進捗確認は締め切られています。');
    await staleTab.reload();
    await staleTab.getByTestId('round-closed-notice').waitFor();
    expect(await staleTab.getByLabel(PUBLICITY_TASK, { exact: true }).count()).toBe(0);
    await expectNoAxeViolations(staleTab, { waitForNetwork: true });

    // The photo is on the action page, for everyone who reads the plan.
    await office.page.goto(`${server.url}/plans/${planId}/actions/action-06`);
    await office.page.getByTestId('action-evidence').waitFor();
    await office.page.getByRole('img', { name: 'ホームページ説明会の様子' }).waitFor();
    await expectNoAxeViolations(office.page, { waitForNetwork: true });

    // The office's notification settings.
    await office.page.getByRole('link', { name: '通知設定' }).click();
    await office.page.getByRole('heading', { name: /通知設定/, level: 1 }).waitFor();
    await office.page.getByLabel('提出期限の何日前からお知らせするか').fill('5');
    await office.page.getByRole('button', { name: '設定を保存する' }).click();
    await office.page.getByText('保存しました。').waitFor();
    await expectNoAxeViolations(office.page, { waitForNetwork: true });

    await office.context.close();
    await desk.context.close();
  });
});

describe('two clerks save the same task', () => {
  it('shows the second clerk what the first entered beside their own input, and lets each re-apply or take the other’s value', async () => {
    const round = await openRound({
      db: server.db,
      actor: {
        userId: admin.id,
        displayName: 'デジタル戦略課 管理者',
        superAdmin: false,
        memberships: [{ municipalityId, role: 'admin', departmentIds: [] }],
      },
      planId,
      input: { fy: 2026, month: 3, dueDate: getJapanDate(new Date(Date.now() + 30 * 86_400_000)) },
    });
    const url = `${server.url}/plans/${planId}/rounds/${round.id}/departments/${departmentId}`;
    const first = await newPage();
    const second = await newPage();
    await signIn(first.page, server.url, clerk);
    await signIn(second.page, server.url, secondClerk);
    await first.page.goto(url);
    await second.page.goto(url);
    await first.page.getByLabel(PUBLICITY_TASK, { exact: true }).waitFor();
    await second.page.getByLabel(PUBLICITY_TASK, { exact: true }).waitFor();

    await first.page.getByLabel(PUBLICITY_TASK, { exact: true }).fill('90');
    await first.page.getByLabel('「広報紙やSNS等による周知」のコメント').fill('広報紙3月号に掲載');
    await first.page.getByLabel(PUBLICITY_TASK, { exact: true }).press('Enter');
    await expect
      .poll(() => rowOf(first.page, PUBLICITY_TASK).locator('.row-status').innerText())
      .toContain('保存済み');

    await second.page.getByLabel(PUBLICITY_TASK, { exact: true }).fill('70');
    await second.page.getByLabel('「広報紙やSNS等による周知」のコメント').fill('SNSでの周知は未実施');
    await second.page.getByRole('button', { name: /^保存\s*（広報紙やSNS等による周知）$/ }).click();
    const panel = second.page.getByTestId('conflict-panel');
    await panel.waitFor();
    expect(await panel.getByRole('heading').innerText()).toContain(
      '人事秘書課 広報担当さんが先にこのタスクを更新しました',
    );
    expect(await panel.getByTestId('conflict-theirs-進捗率').innerText()).toBe('90%');
    expect(await panel.getByTestId('conflict-mine-進捗率').innerText()).toContain('70%');
    expect(await panel.getByTestId('conflict-theirs-コメント').innerText()).toBe('広報紙3月号に掲載');
    await expectNoAxeViolations(second.page, { waitForNetwork: true });

    // The second clerk keeps their own input.
    await panel.getByRole('button', { name: '自分の入力で上書き保存する' }).click();
    await expect
      .poll(() => rowOf(second.page, PUBLICITY_TASK).locator('.row-status').innerText())
      .toContain('保存済み');
    expect(await second.page.getByTestId('conflict-panel').count()).toBe(0);

    // The first clerk, now behind, takes the other's value instead.
    await first.page.getByLabel(PUBLICITY_TASK, { exact: true }).fill('95');
    await first.page.getByLabel(PUBLICITY_TASK, { exact: true }).press('Enter');
    const firstPanel = first.page.getByTestId('conflict-panel');
    await firstPanel.waitFor();
    expect(await firstPanel.getByTestId('conflict-theirs-進捗率').innerText()).toBe('70%');
    await firstPanel.getByRole('button', { name: '人事秘書課 係長さんの内容を使う' }).click();
    await expect.poll(() => first.page.getByLabel(PUBLICITY_TASK, { exact: true }).inputValue()).toBe('70');
    expect(await first.page.getByTestId('unsaved-count').innerText()).toContain(
      '保存していない変更はありません',
    );

    const saved = await first.page.request.get(
      `${server.url}/api/plans/${planId}/rounds/${round.id}/departments/${departmentId}`,
    );
    const body = (await saved.json()) as {
      actions: { tasks: { planText: string; progress: number | null }[] }[];
    };
    const task = body.actions[0]!.tasks.find((row) => row.planText === '広報紙やSNS等による周知');
    expect(task?.progress).toBe(70);

    await first.context.close();
    await second.context.close();
  });
});

describe('the round screens in English', () => {
  it('shows the plan page’s rounds, the status board and 人事秘書課’s own page in English, with the plan’s words marked as Japanese', async () => {
    // The office: the plan page's panel and the status board of the open round (令和8年度 3月).
    const office = await newPage();
    await signIn(office.page, server.url, admin);
    await office.page.goto(`${server.url}/plans/${planId}`);
    await office.page.getByTestId('open-round').waitFor();
    await withEnglishScreens(office.page, async () => {
      const panel = office.page.locator('#rounds');
      await panel.getByRole('heading', { name: 'Progress rounds', level: 2 }).waitFor();
      expect(await panel.getByTestId('open-round').innerText()).toContain(
        'Progress round March FY2026 (open)',
      );
      expect(await panel.locator('summary').innerText()).toBe('Closed progress rounds (1)');
      expect(await findJapaneseText(panel, 'h2, summary, a, button, label')).toEqual([]);
      await expectNoAxeViolations(office.page, { waitForNetwork: true });

      await office.page.getByRole('link', { name: 'Submissions', exact: true }).click();
      await expect
        .poll(() => office.page.getByRole('heading', { level: 1 }).textContent())
        .toBe('Progress round March FY2026');
      expect(await office.page.title()).toContain('Progress round March FY2026');
      expect(await office.page.getByTestId('round-status').textContent()).toBe('Open');
      expect(await office.page.getByTestId('round-board').locator('thead').innerText()).toMatch(
        /Department\s+Status\s+Last change\s+Submitted\s+Review and comment/,
      );
      expect(await office.page.getByTestId('board-人事秘書課').innerText()).toContain('In progress');
      expect(await office.page.getByTestId('not-submitted').innerText()).toMatch(
        /^Not submitted yet \(\d+\): /,
      );
      await office.page.getByRole('button', { name: 'Close the round', exact: true }).waitFor();
      await office.page.getByText('Change the due date or the message', { exact: true }).waitFor();
      expect(
        await findJapaneseText(
          office.page.locator('main'),
          'h1, h2, h3, summary, button, label, th, caption, dt, dd',
        ),
      ).toEqual([]);
      await expectNoAxeViolations(office.page, { waitForNetwork: true });

      // The closed round keeps its evaluation at closing.
      await office.page.goto(`${server.url}/plans/${planId}`);
      await office.page.locator('#rounds summary').click();
      await office.page.getByRole('link', { name: 'Progress round December FY2026', exact: true }).click();
      await office.page.getByRole('heading', { name: 'Evaluation at closing', level: 2 }).waitFor();
      expect(await office.page.getByTestId('round-status').textContent()).toBe('Closed');
      expect(await office.page.getByTestId('round-evaluation').locator('thead').innerText()).toMatch(
        /No\.\s+Name \(アクション\)\s+Achievement rate\s+Rating\s+Rating basis/,
      );
      await expectNoAxeViolations(office.page, { waitForNetwork: true });

      // The photos of the round on the action page.
      await office.page.goto(`${server.url}/plans/${planId}/actions/action-06`);
      const gallery = office.page.getByTestId('action-evidence');
      await gallery.getByRole('heading', { name: 'Photos and files of the work', level: 2 }).waitFor();
      expect(await gallery.getByRole('heading', { level: 3 }).allInnerTexts()).toEqual(['Photos (1)']);
      await expectNoAxeViolations(office.page, { waitForNetwork: true });
    });

    // The clerk's own page of the round, reached from the header.
    const desk = await newPage();
    await signIn(desk.page, server.url, clerk);
    await withEnglishScreens(desk.page, async () => {
      await desk.page.getByRole('link', { name: 'Progress entry (人事秘書課)', exact: true }).click();
      await expect
        .poll(() => desk.page.getByRole('heading', { level: 1 }).textContent())
        .toBe('Progress entry: 人事秘書課');
      expect(await desk.page.locator('h1 [lang="ja"]').innerText()).toBe('人事秘書課');
      expect(await desk.page.title()).toContain('Progress entry: 人事秘書課 — Progress round March FY2026');
      expect(await statusText(desk.page)).toContain('In progress');
      const publicity = desk.page.getByLabel('Progress of “広報紙やSNS等による周知” (%)', { exact: true });
      await publicity.waitFor();
      expect(await desk.page.locator('.progress-table thead').first().innerText()).toMatch(
        /Plan\s+Previous[\s\S]*Progress\s+Comment for this round\s+Save/,
      );
      expect(await desk.page.getByTestId('unsaved-count').innerText()).toContain('No unsaved changes');
      await desk.page.getByRole('button', { name: 'Submit', exact: true }).waitFor();
      await desk.page.getByRole('heading', { name: 'KPI actuals', level: 3 }).waitFor();
      await desk.page.getByRole('heading', { name: 'Overall assessment', level: 3 }).first().waitFor();

      // A wrong figure is explained in English; the saved value stays.
      await publicity.fill('abc');
      expect(
        await rowOf(desk.page, 'Progress of “広報紙やSNS等による周知” (%)')
          .locator('.row-status')
          .innerText(),
      ).toContain('Not saved');
      await publicity.press('Enter');
      await desk.page.getByText('Enter the progress as a number from 0 to 100 (e.g. 80)').waitFor();
      await publicity.fill('70');
      await expect
        .poll(() => desk.page.getByTestId('unsaved-count').innerText())
        .toContain('No unsaved changes');

      expect(
        await findJapaneseText(
          desk.page.locator('main'),
          'h1, h2, h3, h4, button, label, th, caption, dt, summary',
        ),
      ).toEqual([]);
      await expectNoAxeViolations(desk.page, { waitForNetwork: true });
    });

    await office.context.close();
    await desk.context.close();
  });
});
