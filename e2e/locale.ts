import type { Locator, Page } from 'playwright-core';

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

/**
 * The texts under `selector` (within `scope`) that still hold kana or kanji outside the plan's own words
 * (which an English screen marks lang="ja"): on an English screen every one is a missed translation.
 */
export async function findJapaneseText(scope: Page | Locator, selector: string): Promise<string[]> {
  return scope.locator(selector).evaluateAll((elements) => {
    const japanese = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;
    return elements.flatMap((element) => {
      const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
      const missed: string[] = [];
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const text = node.textContent ?? '';
        if (japanese.test(text) && node.parentElement?.closest('[lang]')?.getAttribute('lang') !== 'ja')
          missed.push(text.trim());
      }
      return missed.length > 0 ? [missed.join(' ')] : [];
    });
  });
}
