import { eq } from 'drizzle-orm';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { municipalitiesTable } from '../src/server/municipalities/municipalities.table.js';
import { expectNoAxeViolations } from './axe.js';
import { launchBrowser } from './browser.js';
import { findJapaneseText, withEnglishScreens } from './locale.js';
import { signIn } from './sign-in.js';
import { startTestServer } from './test-server.js';

/** Kiseki's own words on the organisation screens: headings, headers, buttons, labels and captions. */
const LABELS = 'main :is(h1, h2, h3, th[scope="col"], button, label, legend, summary, caption)';

/*
 * The organisation screens and the notification settings in English: 嘉麻市's bodies with their meeting
 * counts, a project team's roster with its leader ◎ and deputy ○, and the settings of reminders, e-mail
 * and the chat webhook. The plan's own words (body names, departments) stay Japanese, marked lang="ja".
 */

let server: Awaited<ReturnType<typeof startTestServer>>;
let browser: Browser;
let page: Page;

async function municipalityIdOf(code: string): Promise<string> {
  const [row] = await server.db
    .select({ id: municipalitiesTable.id })
    .from(municipalitiesTable)
    .where(eq(municipalitiesTable.code, code));
  return row!.id;
}

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

describe('the organisation screens in English', () => {
  it('shows 嘉麻市’s bodies, a project team’s roster and the notification settings in English', async () => {
    const kama = await municipalityIdOf('402273');

    await page.goto(`${server.url}/municipalities/${kama}/organisation`);
    await page.getByTestId('bodies').waitFor();
    await withEnglishScreens(page, async () => {
      await expect
        .poll(() => page.getByRole('heading', { level: 1 }).innerText())
        .toContain('Bodies and meetings');
      expect(await page.locator('h1 [lang="ja"]').innerText()).toBe('嘉麻市');
      expect(await page.title()).toBe('嘉麻市: bodies and meetings — Kiseki');
      await page.getByRole('heading', { level: 2, name: 'Bodies and meeting counts' }).waitFor();
      await page.getByRole('heading', { level: 2, name: 'Meetings' }).waitFor();
      const bodies = page.getByTestId('bodies');
      for (const header of ['Body', 'Kind', 'Parent body', 'Roster', 'Planned', 'Count stated in documents'])
        await bodies.getByRole('columnheader', { name: header, exact: true }).waitFor();
      const council = await page.getByTestId('body-嘉麻市デジタル推進協議会').innerText();
      expect(council).toContain('Council (協議会)');
      expect(council).toContain('12 meetings (1 Oct 2022 – 31 Mar 2024)');
      expect(council).toContain('12 members as of 5 Apr 2024');
      expect(await page.getByTestId('body-安心安全デジタル推進PT').innerText()).toContain(
        'Project team (PT)',
      );
      await page.getByRole('button', { name: 'Register a body' }).waitFor();
      expect(await findJapaneseText(page, LABELS)).toEqual([]);
      // The meeting form's choice of linked actions belongs to the effects screens; its own fields are checked here.
      await page.getByRole('button', { name: 'Record a meeting' }).click();
      const meetingForm = page.getByRole('form', { name: 'Record a meeting' });
      for (const label of ['Body', 'Date', 'Status', 'Agenda (optional)', 'Minutes (optional)'])
        await meetingForm.getByLabel(label, { exact: true }).waitFor();
      expect(await meetingForm.getByLabel('Status').locator('option').allInnerTexts()).toEqual([
        'Held',
        'Planned',
      ]);
      await meetingForm.getByRole('button', { name: 'Register' }).waitFor();
      await expectNoAxeViolations(page);

      await page.getByRole('link', { name: '⑤安心安全デジタル推進PT' }).click();
      await page.getByTestId('current-roster').waitFor();
      expect(await page.locator('h1 [lang="ja"]').innerText()).toBe('⑤安心安全デジタル推進PT');
      await page.getByRole('heading', { level: 2, name: 'Roster' }).waitFor();
      await page.getByRole('heading', { level: 3, name: 'Roster as of 1 Apr 2024' }).waitFor();
      await page.getByRole('heading', { level: 2, name: 'Meeting counts' }).waitFor();
      const roster = page.getByTestId('current-roster');
      for (const header of ['Department or post', 'Role', 'Name', 'Note'])
        await roster.getByRole('columnheader', { name: header, exact: true }).waitFor();
      const rosterText = await roster.innerText();
      expect(rosterText).toContain('◎Leader');
      expect(rosterText).toContain('○Deputy leader');
      expect(rosterText).toContain('Member');
      expect(rosterText).toContain('防災対策課');
      const roles = await roster.locator('tbody tr > td:first-of-type').allInnerTexts();
      expect(roles.length).toBeGreaterThan(2);
      for (const role of roles) expect(role).toMatch(/^(◎Leader|○Deputy leader|・Member)$/);
      await page.getByRole('button', { name: 'Edit the body’s details' }).waitFor();
      await page.getByRole('button', { name: 'Revise the roster (a roster as of a new date)' }).click();
      const rosterForm = page.getByRole('form', { name: 'Create a roster as of a new date' });
      await rosterForm.getByRole('button', { name: 'Add an internal member' }).waitFor();
      expect(await rosterForm.getByLabel('Role').first().locator('option').allInnerTexts()).toEqual([
        '◎ Leader',
        '○ Deputy leader',
        '・ Member',
      ]);
      expect(await findJapaneseText(page, LABELS)).toEqual([]);
      await expectNoAxeViolations(page);

      await page.goto(`${server.url}/municipalities/${kama}/settings/notifications`);
      await expect
        .poll(() => page.getByRole('heading', { level: 1 }).innerText())
        .toContain('Notification settings');
      await page.getByRole('heading', { level: 2, name: 'Settings' }).waitFor();
      await page.getByRole('heading', { level: 2, name: 'Test notice' }).waitFor();
      await page.getByRole('heading', { level: 2, name: 'Recent notices' }).waitFor();
      await page.getByLabel('Days before the deadline to send the reminder').waitFor();
      await page.getByRole('group', { name: 'E-mail' }).waitFor();
      await page.getByLabel('Chat webhook URL (optional)').waitFor();
      await page.getByLabel('Chat webhook URL (optional)').fill('http://127.0.0.1:9/hooks/e2e');
      await page.getByRole('button', { name: 'Save the settings' }).click();
      await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
      await page.getByRole('button', { name: 'Send a test notice' }).click();
      await page.getByRole('status').filter({ hasText: 'Test notices queued for sending: 1.' }).waitFor();
      const notices = page.getByRole('table', { name: 'Recent notices (newest first)' });
      for (const header of ['Created', 'Kind', 'Subject', 'Sent to', 'Status'])
        await notices.getByRole('columnheader', { name: header, exact: true }).waitFor();
      const notice = notices.locator('tbody tr').first();
      expect(await notice.locator('td').first().innerText()).toMatch(
        /^\d{1,2} [A-Z][a-z]{2} \d{4}, \d{2}:\d{2} JST$/,
      );
      expect(await notice.innerText()).toContain('Test');
      expect(await notice.innerText()).toContain('Chat');
      expect(await notice.innerText()).toMatch(/Waiting to be sent|Sent|Not sent \(waiting to be resent\)/);
      expect(await findJapaneseText(page, LABELS)).toEqual([]);
      await expectNoAxeViolations(page);
    });
  });
});
