import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase } from '../db/database.js';
import { importPlanDocument } from '../server/plans/plans.usecases.js';
import { publishPlan } from '../server/portal/portal.usecases.js';
import { buildSuperAdminActor } from '../server/test-support.js';

const run = promisify(execFile);
const root = new URL('../../', import.meta.url).pathname;

async function kiseki(args: string[], env: Record<string, string>) {
  try {
    const { stdout, stderr } = await run(process.execPath, [join(root, 'bin/kiseki.js'), ...args], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: '', ...env },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

let workDir: string;
beforeAll(async () => {
  workDir = await mkdtemp(join(tmpdir(), 'kiseki-publish-'));
});
afterAll(async () => {
  await rm(workDir, { recursive: true, force: true });
});

describe('kiseki publish --static', () => {
  it('says so when no plan is published', async () => {
    const { code, stdout } = await kiseki(['publish', '--static', join(workDir, 'empty-out')], {
      KISEKI_DATA_DIR: join(workDir, 'empty'),
    });
    expect(code).toBe(0);
    expect(stdout).toContain('公開中の計画がありません');
  });

  it('writes the published plan’s portal and open data into the folder', async () => {
    const dataDir = join(workDir, 'data');
    const connection = await createDatabase({ dataDir });
    const input = JSON.parse(readFileSync(join(root, 'samples/kama-digital-plan-1.json'), 'utf8'));
    const saved = await importPlanDocument({ db: connection.db, input });
    await publishPlan({ db: connection.db, actor: buildSuperAdminActor(), planId: saved.planId });
    await connection.close();

    const out = join(workDir, 'site');
    const { code, stdout } = await kiseki(['publish', '--static', out], { KISEKI_DATA_DIR: dataDir });
    expect(code).toBe(0);
    expect(stdout).toContain('公開ページを書き出しました');
    expect(stdout).toContain('402273/kama-digital-plan-1/  第1次 嘉麻市デジタル推進計画');
    expect(existsSync(join(out, '402273/kama-digital-plan-1/actions/action-06.html'))).toBe(true);
    expect(existsSync(join(out, '402273/kama-digital-plan-1/data/kpis.csv'))).toBe(true);
  });

  it('needs the folder to write to', async () => {
    const { code, stderr } = await kiseki(['publish'], { KISEKI_DATA_DIR: join(workDir, 'empty') });
    expect(code).not.toBe(0);
    expect(stderr).toContain('--static');
  });
});
