import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, normalize } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importPlanDocument } from '../plans/plans.usecases.js';
import { buildSuperAdminActor, createTestApp, type TestApp } from '../test-support.js';
import { writeStaticPortal } from './portal.static.js';
import { publishPlan } from './portal.usecases.js';

function readSample(name: string): unknown {
  return JSON.parse(readFileSync(new URL(`../../../samples/${name}`, import.meta.url), 'utf8'));
}

let testApp: TestApp;
let directory: string;
let result: Awaited<ReturnType<typeof writeStaticPortal>>;

beforeAll(async () => {
  testApp = await createTestApp();
  const { db } = testApp;
  const kama = await importPlanDocument({ db, input: readSample('kama-digital-plan-1.json') });
  const ichiki = await importPlanDocument({ db, input: readSample('ichikikushikino-dx-plan.json') });
  await importPlanDocument({ db, input: readSample('kashima-dx-strategy.json') });
  await publishPlan({ db, actor: buildSuperAdminActor(), planId: kama.planId });
  await publishPlan({ db, actor: buildSuperAdminActor(), planId: ichiki.planId });
  directory = await mkdtemp(join(tmpdir(), 'kiseki-static-'));
  result = await writeStaticPortal({ db, directory, baseUrl: 'https://www.city.example.lg.jp/dx/' });
});

afterAll(async () => {
  await testApp?.close();
  await rm(directory, { recursive: true, force: true });
});

describe('kiseki publish --static', () => {
  it('writes every published plan in both languages with its open data, and leaves the unpublished one out', () => {
    expect(result.plans.map((plan) => `${plan.municipalityCode}/${plan.slug}`)).toEqual([
      '402273/kama-digital-plan-1',
      '462195/ichikikushikino-dx-plan',
    ]);
    for (const file of [
      'index.html',
      'en/index.html',
      '404.html',
      'assets/portal.css',
      '402273/kama-digital-plan-1/index.html',
      '402273/kama-digital-plan-1/schedule.html',
      '402273/kama-digital-plan-1/actions/action-06.html',
      'en/402273/kama-digital-plan-1/actions/action-50.html',
      '402273/kama-digital-plan-1/data/actions.csv',
      '402273/kama-digital-plan-1/data/plan.json',
      '462195/ichikikushikino-dx-plan/actions/counter-services.html',
    ]) {
      expect(existsSync(join(directory, file)), file).toBe(true);
    }
    expect(result.files.some((file) => file.startsWith('412074'))).toBe(false);
    // 2 languages × (plan + schedule + each action) per plan, 4 data files per plan, 2 indexes, 2 × 404, css.
    expect(result.files).toHaveLength(2 * (2 + 50) + 2 * (2 + 7) + 2 * 4 + 2 + 2 + 1);
  });

  it('links every page only to files that exist in the export, relatively, and uses no script', async () => {
    const broken: string[] = [];
    for (const file of result.files.filter((name) => name.endsWith('.html'))) {
      const html = await readFile(join(directory, file), 'utf8');
      expect(html, file).not.toMatch(/<script|style=/);
      for (const [, href] of html.matchAll(/(?:href|src)="([^"]+)"/g)) {
        if (/^(https?:|#)/.test(href!)) continue;
        const target = normalize(join(dirname(join(directory, file)), href!));
        if (!target.startsWith(directory) || !existsSync(target)) broken.push(`${file} → ${href}`);
      }
    }
    expect(broken).toEqual([]);
  });

  it('names the public address in the canonical link and OGP when it is given', async () => {
    const html = await readFile(join(directory, '402273/kama-digital-plan-1/actions/action-06.html'), 'utf8');
    expect(html).toContain(
      '<link rel="canonical" href="https://www.city.example.lg.jp/dx/402273/kama-digital-plan-1/actions/action-06.html">',
    );
    expect(html).toContain(
      '<meta property="og:url" content="https://www.city.example.lg.jp/dx/402273/kama-digital-plan-1/actions/action-06.html">',
    );
    const plan = await readFile(join(directory, '402273/kama-digital-plan-1/index.html'), 'utf8');
    expect(plan).toContain(
      '<link rel="canonical" href="https://www.city.example.lg.jp/dx/402273/kama-digital-plan-1/">',
    );
  });
});
