import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import http from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createDatabase } from '../src/db/database.js';
import type { PlanDocument } from '../src/domain/plan.schemas.js';
import { importPlanDocument } from '../src/server/plans/plans.usecases.js';
import { createTestUser, type TestUser } from '../src/server/test-support.js';
import { buildSyntheticPlan } from './national-data-set.js';

export interface LoadResult {
  path: string;
  requests: number;
  seconds: number;
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
  errors: number;
  bytes: number;
}

/** A fictional municipality (code 999997 passes the check digit; no real municipality has it). */
export function buildSyntheticDocument(): PlanDocument {
  return {
    format: 'kiseki-plan@1',
    municipality: { code: '999997', name: '架空市（ベンチマーク用）', prefecture: '架空県' },
    departments: ['d0', 'd1', 'd2'].map((key, i) => ({ key, name: `架空課${i + 1}` })),
    plan: { ...buildSyntheticPlan(0), slug: 'bench-plan' },
  };
}

export function freePort(): Promise<number> {
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

export async function waitForServer(url: string, child: ChildProcess): Promise<void> {
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

export async function logIn(url: string, user: TestUser): Promise<string> {
  const response = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ login: user.login, password: user.password }),
  });
  const cookie = response.headers.get('set-cookie')?.split(';')[0];
  if (!response.ok || !cookie) throw new Error(`login failed: ${response.status}`);
  return cookie;
}

function percentile(sorted: number[], fraction: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * fraction))] ?? 0;
}

/** Keeps `connections` keep-alive connections busy on one path for `seconds`, after a warm-up. */
export async function load(
  url: string,
  path: string,
  connections: number,
  seconds: number,
  cookie: string,
): Promise<LoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
  const latencies: number[] = [];
  let errors = 0;
  let bytes = 0;
  const once = () =>
    new Promise<void>((resolve) => {
      const start = performance.now();
      http
        .get(`${url}${path}`, { agent, headers: { cookie } }, (response) => {
          response.on('data', (chunk: Buffer) => {
            bytes += chunk.length;
          });
          response.on('end', () => {
            if (response.statusCode === 200) latencies.push(performance.now() - start);
            else errors++;
            resolve();
          });
        })
        .on('error', () => {
          errors++;
          resolve();
        });
    });
  const run = async (until: number) => {
    await Promise.all(
      Array.from({ length: connections }, async () => {
        while (performance.now() < until) await once();
      }),
    );
  };
  await run(performance.now() + 1000);
  latencies.length = 0;
  errors = 0;
  bytes = 0;
  const start = performance.now();
  await run(start + seconds * 1000);
  const elapsed = (performance.now() - start) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  return {
    path,
    requests: latencies.length,
    seconds: elapsed,
    perSecond: latencies.length / elapsed,
    p50Ms: percentile(latencies, 0.5),
    p99Ms: percentile(latencies, 0.99),
    errors,
    bytes,
  };
}

/**
 * The plan page and an action page of a fully populated fictional 50-action plan (4 tasks × 3 years and
 * 2 KPIs × 12 actuals per action), served by the real server (tsx, PGlite) in its own process, loaded
 * from this process over loopback.
 */
export async function benchPlanPageApi({ seconds = 5, connections = 32 } = {}): Promise<LoadResult[]> {
  const dataDir = await mkdtemp(join(tmpdir(), 'kiseki-bench-'));
  try {
    const connection = await createDatabase({ url: '', dataDir });
    const saved = await importPlanDocument({ db: connection.db, input: buildSyntheticDocument() });
    // A council member reading the plan: a viewer of the fictional municipality.
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
    try {
      await waitForServer(url, child);
      const cookie = await logIn(url, viewer);
      const results: LoadResult[] = [];
      for (const path of [`/api/plans/${saved.planId}`, `/api/plans/${saved.planId}/actions/a25`]) {
        results.push(await load(url, path, connections, seconds, cookie));
      }
      return results;
    } finally {
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('exit', resolve));
    }
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}
