import type { Page } from 'playwright-core';

/**
 * Runs a check with the screens switched to English through the switch in the header, and switches
 * back to Japanese afterwards even when the check fails: the choice is kept in the browser's storage, so
 * a later test on the same page would otherwise start in English.
 */
export async function withEnglishScreens(page: Page, check: () => Promise<void>): Promise<void> {
  await page.getByRole('button', { name: 'English' }).click();
  await page.locator('html[lang="en"]').waitFor({ state: 'attached' });
  try {
    await check();
  } finally {
    await page.getByRole('button', { name: '日本語' }).click();
    await page.locator('html[lang="ja"]').waitFor({ state: 'attached' });
  }
}
