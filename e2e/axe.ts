import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';

const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/**
 * axe-core over the page as it stands, against WCAG 2.2 A/AA; a failure names each rule and the
 * elements it found. Pages that are still loading a form's choices can first wait for the network.
 */
export async function expectNoAxeViolations(
  page: Page,
  { waitForNetwork = false }: { waitForNetwork?: boolean } = {},
): Promise<void> {
  if (waitForNetwork) await page.waitForLoadState('networkidle');
  // @axe-core/playwright types its page as the `playwright` package's Page; playwright-core's is the same object.
  const results = await new AxeBuilder({ page: page as never }).withTags(WCAG_TAGS).analyze();
  const summary = results.violations.map(
    (violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`,
  );
  expect(summary).toEqual([]);
}
