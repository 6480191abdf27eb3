import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { createDatabase } from '../src/db/database.js';
import type { PlanDocument } from '../src/domain/plan.schemas.js';
import { importPlanDocument } from '../src/server/plans/plans.usecases.js';
import { publishPlan } from '../src/server/portal/portal.usecases.js';
import { buildSuperAdminActor, createTestUser, TEST_PASSWORD } from '../src/server/test-support.js';
import { buildSyntheticPlan } from './national-data-set.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export interface AssetSize {
  file: string;
  bytes: number;
  gzipBytes: number;
}

export interface BundleSizes {
  /** What the web UI's first load fetches: the entry script, the scripts it preloads and the stylesheet. */
  initialJs: AssetSize[];
  initialCss: AssetSize[];
  /** Chunks fetched later, on demand (ECharts when the first chart is shown). */
  lazyJs: AssetSize[];
}

function measureAsset(root: string, file: string): AssetSize {
  const content = readFileSync(join(root, file));
  return { file, bytes: content.length, gzipBytes: gzipSync(content, { level: 9 }).length };
}

/** Builds the web UI afresh and measures what a browser downloads first and what it fetches later. */
export function measureBundleSizes({ webRoot = 'dist/web' }: { webRoot?: string } = {}): BundleSizes {
  execFileSync('npm', ['run', 'build:web', '--silent'], { stdio: ['ignore', 'ignore', 'inherit'] });
  const html = readFileSync(join(webRoot, 'index.html'), 'utf8');
  const referenced = (pattern: RegExp) =>
    [...html.matchAll(pattern)].map((match) => match[1]!.replace(/^\.?\//, ''));
  const initialScripts = new Set([
    ...referenced(/<script[^>]+src="([^"]+)"/g),
    ...referenced(/<link[^>]+rel="modulepreload"[^>]+href="([^"]+)"/g),
  ]);
  const initialStyles = referenced(/<link[^>]+rel="stylesheet"[^>]+href="([^"]+)"/g);
  const scripts = readdirSync(join(webRoot, 'assets'))
    .filter((name) => name.endsWith('.js'))
    .map((name) => `assets/${name}`);
  return {
    initialJs: [...initialScripts].map((file) => measureAsset(webRoot, file)),
    initialCss: initialStyles.map((file) => measureAsset(webRoot, file)),
    lazyJs: scripts.filter((file) => !initialScripts.has(file)).map((file) => measureAsset(webRoot, file)),
  };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

async function waitForServer(url: string, child: ChildProcess): Promise<void> {
  for (let attempt = 0; attempt < 120; attempt++) {
    if (child.exitCode !== null) throw new Error('the server exited during start-up');
    try {
      if ((await fetch(`${url}/api/health`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error('the server did not start within 30 s');
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
};

export interface BrowserResult {
  runs: number;
  /** From navigation start until the dashboard's content (headings, figures, tables) is on screen. */
  firstRenderMs: number[];
  /** Until every chart has been drawn (ECharts fetched and run). */
  chartsDrawnMs: number[];
  chartCount: number;
  /** Scripts a visitor's browser fetched for the public portal's plan and action pages, and script tags. */
  portalScriptBytes: number;
  portalScriptTags: number;
  portalPageBytes: { path: string; htmlGzipBytes: number }[];
}

/**
 * Time to first render of the dashboard of a fully populated fictional 50-action plan in Chromium, each
 * run in a fresh browser context (nothing cached), against the real server (tsx + PGlite) in its own
 * process; and what the public portal makes a visitor download.
 */
export async function benchDashboardInChromium({
  runs = 5,
}: {
  runs?: number;
} = {}): Promise<BrowserResult | null> {
  if (!existsSync(CHROMIUM)) return null;
  const { chromium } = await import('playwright-core');
  const dataDir = await mkdtemp(join(tmpdir(), 'kiseki-bench-dashboard-'));
  try {
    const connection = await createDatabase({ url: '', dataDir });
    const planDocument: PlanDocument = {
      format: 'kiseki-plan@1',
      municipality: { code: '999997', name: '架空市（ベンチマーク用）', prefecture: '架空県' },
      departments: ['d0', 'd1', 'd2'].map((key, i) => ({ key, name: `架空課${i + 1}` })),
      plan: { ...buildSyntheticPlan(0), slug: 'bench-plan' },
    };
    const saved = await importPlanDocument({ db: connection.db, input: planDocument });
    await publishPlan({ db: connection.db, actor: buildSuperAdminActor(), planId: saved.planId });
    const viewer = await createTestUser({
      db: connection.db,
      login: 'bench-viewer',
      membership: { municipalityId: saved.municipalityId, role: 'viewer' },
    });
    await connection.close();

    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
      env: {
        ...process.env,
        DATABASE_URL: '',
        KISEKI_DATA_DIR: dataDir,
        PORT: String(port),
        HOST: '127.0.0.1',
        LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });
    try {
      await waitForServer(url, child);
      const firstRenderMs: number[] = [];
      const chartsDrawnMs: number[] = [];
      let chartCount = 0;
      // One warm-up run: the server's first request of the plan evaluates it and fills its cache.
      for (let run = 0; run <= runs; run++) {
        const context = await browser.newContext({ locale: 'ja-JP', viewport: { width: 1280, height: 900 } });
        const login = await context.request.post(`${url}/api/auth/login`, {
          data: { login: viewer.login, password: TEST_PASSWORD },
        });
        if (!login.ok()) throw new Error(`login failed: ${login.status()}`);
        const page = await context.newPage();
        await page.goto(`${url}/plans/${saved.planId}/dashboard`);
        await page.waitForFunction(
          () => document.querySelector('#key-figures') && document.querySelector('.tally-table'),
          null,
          { polling: 'raf' },
        );
        const rendered = await page.evaluate(() => performance.now());
        await page.waitForFunction(
          () => {
            const charts = document.querySelectorAll('.echart');
            return charts.length > 0 && [...charts].every((chart) => chart.querySelector('svg'));
          },
          null,
          { polling: 'raf' },
        );
        const drawn = await page.evaluate(() => performance.now());
        chartCount = await page.locator('.echart').count();
        if (run > 0) {
          firstRenderMs.push(rendered);
          chartsDrawnMs.push(drawn);
        }
        await context.close();
      }

      const visitor = await browser.newContext({ locale: 'ja-JP' });
      const page = await visitor.newPage();
      let portalScriptBytes = 0;
      let portalScriptTags = 0;
      const portalPageBytes: BrowserResult['portalPageBytes'] = [];
      page.on('response', async (response) => {
        if (response.request().resourceType() === 'script')
          portalScriptBytes += (await response.body()).length;
      });
      for (const path of ['/public/999997/bench-plan/', '/public/999997/bench-plan/actions/a25.html']) {
        const response = await page.goto(`${url}${path}`);
        const body = (await response?.body()) ?? Buffer.alloc(0);
        portalScriptTags += await page.locator('script').count();
        portalPageBytes.push({ path, htmlGzipBytes: gzipSync(body, { level: 9 }).length });
      }
      await visitor.close();
      return {
        runs,
        firstRenderMs,
        chartsDrawnMs,
        chartCount,
        portalScriptBytes,
        portalScriptTags,
        portalPageBytes,
      };
    } finally {
      await browser.close();
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('exit', resolve));
    }
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}

export function summariseRuns(values: number[]): string {
  return `median ${Math.round(median(values))} ms (runs: ${values.map((value) => Math.round(value)).join(', ')} ms)`;
}

export function describePortalCss(): AssetSize {
  const path = 'src/server/portal/portal.css';
  const content = readFileSync(path);
  return { file: path, bytes: statSync(path).size, gzipBytes: gzipSync(content, { level: 9 }).length };
}
