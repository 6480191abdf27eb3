import type { Page } from 'playwright-core';
import type { TestUser } from '../src/server/test-support.js';

/** Opens the app and logs in through the login form, as a clerk would. */
export async function signIn(page: Page, baseUrl: string, user: TestUser): Promise<void> {
  await page.goto(baseUrl);
  await page.getByLabel('ログインID').fill(user.login);
  await page.getByLabel('パスワード', { exact: true }).fill(user.password);
  await page.getByRole('button', { name: 'ログイン' }).click();
  await page.getByRole('button', { name: 'ログアウト' }).waitFor();
}
