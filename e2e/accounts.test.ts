import { eq } from 'drizzle-orm';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setMembership, updateUser } from '../src/server/accounts/accounts.repository.js';
import { municipalitiesTable } from '../src/server/municipalities/municipalities.table.js';
import { createTestUser } from '../src/server/test-support.js';
import { expectNoAxeViolations } from './axe.js';
import { launchBrowser } from './browser.js';
import { findJapaneseText, withEnglishScreens } from './locale.js';
import { signIn } from './sign-in.js';
import { startTestServer } from './test-server.js';

let server: Awaited<ReturnType<typeof startTestServer>>;
let browser: Browser;

beforeAll(async () => {
  server = await startTestServer();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function newPage(): Promise<Page> {
  const context = await browser.newContext({ locale: 'ja-JP' });
  return context.newPage();
}

describe('signing in', () => {
  it('shows a visitor the login form instead of any page, and a wrong password gets a clear message', async () => {
    const page = await newPage();
    await page.goto(`${server.url}/plans/${server.planIds.get('kama-digital-plan-1')}`);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('ログイン');
    await expectNoAxeViolations(page);

    await page.getByLabel('ログインID').fill(server.admin.login);
    await page.getByLabel('パスワード', { exact: true }).fill('not-the-password');
    await page.getByRole('button', { name: 'ログイン' }).click();
    await expect
      .poll(() => page.getByRole('alert').textContent())
      .toContain('ログインIDまたはパスワードが正しくありません');

    await page.getByLabel('パスワード', { exact: true }).fill(server.admin.password);
    await page.getByRole('button', { name: 'ログイン' }).click();
    // The page that was asked for appears once signed in.
    await expect
      .poll(() => page.getByRole('heading', { level: 1 }).textContent())
      .toContain('嘉麻市デジタル推進計画');
    await page.context().close();
  });

  it('makes a user with a one-time password choose a new one before anything else', async () => {
    const user = await createTestUser({ db: server.db, login: 'first-login', superAdmin: true });
    await updateUser({ db: server.db, userId: user.id, values: { mustChangePassword: true } });
    const page = await newPage();
    await page.goto(server.url);
    await page.getByLabel('ログインID').fill(user.login);
    await page.getByLabel('パスワード', { exact: true }).fill(user.password);
    await page.getByRole('button', { name: 'ログイン' }).click();

    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('パスワードの変更');
    await page.getByLabel('現在のパスワード').fill(user.password);
    await page.getByLabel('新しいパスワード', { exact: true }).fill('short');
    await page.getByLabel('新しいパスワード（確認）').fill('short');
    await page.getByRole('button', { name: 'パスワードを変更する' }).click();
    expect(await page.locator('.field__error').first().textContent()).toContain('10文字以上');

    await page.getByLabel('新しいパスワード', { exact: true }).fill('a long and private passphrase');
    await page.getByLabel('新しいパスワード（確認）').fill('a long and private passphrase');
    await page.getByRole('button', { name: 'パスワードを変更する' }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('計画一覧');
    await page.context().close();
  });
});

describe('inviting a department clerk', () => {
  it('an admin invites an editor for 市民課; the clerk sets a password through the link and sees no user management', async () => {
    const [kama] = await server.db
      .select({ id: municipalitiesTable.id })
      .from(municipalitiesTable)
      .where(eq(municipalitiesTable.code, '402273'));
    const admin = await createTestUser({ db: server.db, login: 'kama-admin', displayName: '嘉麻市 管理者' });
    await setMembership({
      db: server.db,
      userId: admin.id,
      municipalityId: kama!.id,
      role: 'admin',
      departmentIds: [],
    });

    const adminPage = await newPage();
    await signIn(adminPage, server.url, admin);
    await adminPage.getByRole('link', { name: '利用者管理' }).click();
    await adminPage.getByRole('heading', { name: /利用者管理/ }).waitFor();
    await expectNoAxeViolations(adminPage);

    await adminPage.getByLabel('ログインID').fill('shimin-clerk');
    await adminPage.getByLabel('表示名').fill('市民課 担当者');
    await adminPage.getByLabel('役割').selectOption('editor');
    await adminPage.getByRole('button', { name: '招待リンクを発行する' }).click();
    await expect
      .poll(() => adminPage.locator('.field__error').first().textContent())
      .toContain('担当する課を1つ以上選んでください');
    await adminPage.getByLabel('市民課', { exact: true }).check();
    await adminPage.getByRole('button', { name: '招待リンクを発行する' }).click();
    const link = await adminPage.getByTestId('issued-link').inputValue();
    expect(link).toMatch(/\/invitations\/[A-Za-z0-9_-]{40,}$/);

    const clerkPage = await newPage();
    await clerkPage.goto(link);
    await clerkPage.getByRole('heading', { name: '利用者登録' }).waitFor();
    expect(await clerkPage.locator('.summary-list').innerText()).toContain('嘉麻市');
    await clerkPage.getByLabel('パスワード', { exact: true }).fill('shimin passphrase 2026');
    await clerkPage.getByLabel('パスワード（確認）').fill('shimin passphrase 2026');
    await clerkPage.getByRole('button', { name: '登録する' }).click();
    await clerkPage.getByRole('heading', { name: '登録が完了しました' }).waitFor();

    await signIn(clerkPage, server.url, {
      id: '',
      login: 'shimin-clerk',
      password: 'shimin passphrase 2026',
    });
    await expect.poll(() => clerkPage.getByRole('heading', { level: 1 }).textContent()).toBe('計画一覧');
    expect(await clerkPage.getByRole('link', { name: '利用者管理' }).count()).toBe(0);
    // The clerk belongs to 嘉麻市 only: the other cities' plans are not listed.
    const body = await clerkPage.locator('main').innerText();
    expect(body).toContain('嘉麻市');
    expect(body).not.toContain('いちき串木野市');

    await adminPage.reload();
    await adminPage.getByTestId('member-shimin-clerk').waitFor();
    expect(await adminPage.getByTestId('member-shimin-clerk').innerText()).toContain('市民課');
    await adminPage.context().close();
    await clerkPage.context().close();
  });
});

describe('in English', () => {
  it('an admin reads the account page and the members page in English, with its own client-side checks in English', async () => {
    const [kama] = await server.db
      .select({ id: municipalitiesTable.id })
      .from(municipalitiesTable)
      .where(eq(municipalitiesTable.code, '402273'));
    const admin = await createTestUser({
      db: server.db,
      login: 'kama-admin-en',
      displayName: '嘉麻市 管理者 英語',
    });
    await setMembership({
      db: server.db,
      userId: admin.id,
      municipalityId: kama!.id,
      role: 'admin',
      departmentIds: [],
    });
    const page = await newPage();
    await signIn(page, server.url, admin);
    await page.goto(`${server.url}/account`);
    await page.getByRole('heading', { level: 1, name: 'アカウント' }).waitFor();

    await withEnglishScreens(page, async () => {
      await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Account');
      expect(await page.title()).toBe('Account — Kiseki');
      await page.getByRole('heading', { level: 2, name: 'Municipalities and roles' }).waitFor();
      await page.getByRole('heading', { level: 2, name: 'Change password' }).waitFor();
      expect(await page.locator('main table thead th').allTextContents()).toEqual([
        'Municipality',
        'Role',
        'Departments',
        'Manage',
      ]);
      expect(await page.locator('main table tbody').innerText()).toContain('Administrator (DX office)');
      await page.getByLabel('Current password').fill(admin.password);
      await page.getByLabel('New password', { exact: true }).fill('short');
      await page.getByLabel('New password (again)').fill('short');
      await page.getByRole('button', { name: 'Change password' }).click();
      await expect
        .poll(() => page.locator('.field__error').first().textContent())
        .toContain('Use at least 10 characters for the password');
      expect(
        await findJapaneseText(
          page,
          'main h1, main h2, main table, main dt, main label, main button, main .field__hint, main .field__error',
        ),
      ).toEqual([]);
      await expectNoAxeViolations(page);

      await page.locator('main').getByRole('link', { name: 'Users' }).click();
      await page.getByTestId('members-table').waitFor();
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toContain('Users');
      expect(await page.locator('h1 [lang="ja"]').textContent()).toBe('嘉麻市');
      await expect.poll(() => page.locator('#members-heading').textContent()).toMatch(/^Users \(\d+\)$/);
      expect(await page.getByTestId('members-table').locator('thead th').allTextContents()).toEqual([
        'Display name',
        'Login ID',
        'Role',
        'Departments',
        'Last login',
        'Actions',
      ]);
      await page.getByRole('button', { name: 'Change role (嘉麻市 管理者 英語)' }).waitFor();
      await page.getByRole('heading', { level: 2, name: 'Invite a user' }).waitFor();
      await page.getByLabel('Role', { exact: true }).last().selectOption('editor');
      expect(await page.locator('#invite-role option').allTextContents()).toEqual([
        'Administrator (DX office)',
        'Department editor',
        'Viewer (headquarters, council, etc.)',
      ]);
      await page.getByRole('group', { name: /^Departments/ }).waitFor();
      await page.getByRole('button', { name: 'Issue the invitation link' }).waitFor();
      expect(
        await findJapaneseText(
          page,
          'main h1, main h2, main .lead, main table, main label, main legend, main button, main .field__hint',
        ),
      ).toEqual([]);
      await expectNoAxeViolations(page);
    });
    await page.context().close();
  });
});
