import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createDatabase } from '../src/db/database.js';
import { listDepartments } from '../src/server/departments/departments.repository.js';
import { importPlanDocument } from '../src/server/plans/plans.usecases.js';
import { openRound } from '../src/server/rounds/rounds.usecases.js';
import { createTestUser } from '../src/server/test-support.js';
import {
  buildSyntheticDocument,
  freePort,
  type LoadResult,
  load,
  logIn,
  waitForServer,
} from './api.bench.js';

export interface DepartmentPageResult extends LoadResult {
  /** `cached`: nothing changed in between (served from memory); `after-change`: a save just before each load. */
  mode: 'cached' | 'after-change';
  connections: number;
  actions: number;
  tasks: number;
  kpis: number;
}

function percentile(sorted: number[], fraction: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * fraction))] ?? 0;
}

/**
 * A clerk saving a row and the page being loaded right after (by them or a colleague): each load has to
 * build the page afresh, since the save changed the plan. Sequential, `count` times.
 */
async function loadAfterEachChange({
  url,
  path,
  cookie,
  count,
}: {
  url: string;
  path: string;
  cookie: string;
  count: number;
}): Promise<LoadResult> {
  const page = (await (await fetch(`${url}${path}`, { headers: { cookie } })).json()) as {
    actions: { tasks: { id: string; version: number; comment: { version: number } | null }[] }[];
  };
  let task = page.actions[0]!.tasks[0]!;
  const latencies: number[] = [];
  let bytes = 0;
  let errors = 0;
  const started = performance.now();
  for (let i = 0; i < count; i++) {
    const saved = await fetch(`${url}${path}/tasks/${task.id}`, {
      method: 'PATCH',
      headers: { cookie, 'content-type': 'application/json' },
      body: JSON.stringify({
        progress: i % 100,
        comment: `ベンチマーク ${i}`,
        version: task.version,
        commentVersion: task.comment?.version ?? 0,
      }),
    });
    if (!saved.ok) {
      errors++;
      continue;
    }
    task = ((await saved.json()) as { task: typeof task }).task;
    const start = performance.now();
    const response = await fetch(`${url}${path}`, { headers: { cookie } });
    bytes += (await response.arrayBuffer()).byteLength;
    if (response.ok) latencies.push(performance.now() - start);
    else errors++;
  }
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    path,
    requests: latencies.length,
    seconds,
    perSecond: latencies.length / seconds,
    p50Ms: percentile(latencies, 0.5),
    p99Ms: percentile(latencies, 0.99),
    errors,
    bytes,
  };
}

/**
 * A department's "my tasks" page (GET /api/plans/:planId/rounds/:roundId/departments/:departmentId) of
 * the fictional 50-action plan, for its busiest department: it owns all 50 actions, so the page carries
 * 50 actions, their 100 tasks of the round's year, 100 KPIs with 1,200 actuals. Served by the real server
 * (tsx, PGlite) in its own process: one clerk alone and many at once while nothing changes (the page is
 * built once per change of the plan), then a load right after each save (the page built afresh).
 */
export async function benchDepartmentPageApi({
  seconds = 5,
  connectionCounts = [1, 32],
  changes = 200,
} = {}): Promise<DepartmentPageResult[]> {
  const dataDir = await mkdtemp(join(tmpdir(), 'kiseki-bench-rounds-'));
  try {
    const connection = await createDatabase({ url: '', dataDir });
    const saved = await importPlanDocument({ db: connection.db, input: buildSyntheticDocument() });
    const departmentId = (
      await listDepartments({ db: connection.db, municipalityId: saved.municipalityId })
    ).find((department) => department.key === 'd0')!.id;
    const office = await createTestUser({
      db: connection.db,
      login: 'bench-office',
      membership: { municipalityId: saved.municipalityId, role: 'admin' },
    });
    const round = await openRound({
      db: connection.db,
      actor: {
        userId: office.id,
        displayName: '架空市 DX推進担当',
        superAdmin: false,
        memberships: [{ municipalityId: saved.municipalityId, role: 'admin', departmentIds: [] }],
      },
      planId: saved.planId,
      input: { fy: 2025, month: 9, dueDate: '2025-10-15' },
    });
    const clerk = await createTestUser({
      db: connection.db,
      login: 'bench-clerk',
      membership: { municipalityId: saved.municipalityId, role: 'editor', departmentIds: [departmentId] },
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
      const cookie = await logIn(url, clerk);
      const path = `/api/plans/${saved.planId}/rounds/${round.id}/departments/${departmentId}`;
      const page = (await (await fetch(`${url}${path}`, { headers: { cookie } })).json()) as {
        actions: { tasks: unknown[]; kpis: unknown[] }[];
      };
      const shape = {
        actions: page.actions.length,
        tasks: page.actions.reduce((sum, action) => sum + action.tasks.length, 0),
        kpis: page.actions.reduce((sum, action) => sum + action.kpis.length, 0),
      };
      const results: DepartmentPageResult[] = [];
      for (const connections of connectionCounts) {
        results.push({
          ...(await load(url, path, connections, seconds, cookie)),
          mode: 'cached',
          connections,
          ...shape,
        });
      }
      results.push({
        ...(await loadAfterEachChange({ url, path, cookie, count: changes })),
        mode: 'after-change',
        connections: 1,
        ...shape,
      });
      return results;
    } finally {
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('exit', resolve));
    }
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}
