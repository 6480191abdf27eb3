import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase } from '../db/database.js';
import { findUserByLogin, insertSession } from '../server/accounts/accounts.repository.js';
import { sessionsTable } from '../server/accounts/accounts.table.js';
import { verifyPassword } from '../server/accounts/passwords.js';
import { auditEntriesTable } from '../server/audit/audit.table.js';
import { createTestUser } from '../server/test-support.js';

const run = promisify(execFile);
const root = new URL('../../', import.meta.url).pathname;
const kamaSample = join(root, 'samples/kama-digital-plan-1.json');

async function kiseki(args: string[], env: Record<string, string> = {}) {
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
  workDir = await mkdtemp(join(tmpdir(), 'kiseki-cli-'));
});
afterAll(async () => {
  await rm(workDir, { recursive: true, force: true });
});

describe('kiseki evaluate', () => {
  it('prints the seed’s figures for 嘉麻市 as JSON: action 6 83.3 / 90.0 → 概ね達成, action 13 54.2 / 70.0 → やや未達', async () => {
    const { code, stdout } = await kiseki(['evaluate', kamaSample, '--json']);
    expect(code).toBe(0);
    const { actions } = JSON.parse(stdout) as { actions: Record<string, unknown>[] };
    expect(actions).toHaveLength(50);
    expect(actions.find((action) => action.number === '6')).toMatchObject({
      kpiRate: 83.3,
      taskRate: 90,
      basis: 'kpi',
      rate: 83.3,
      label: '概ね達成',
    });
    expect(actions.find((action) => action.number === '13')).toMatchObject({
      kpiRate: null,
      taskRate: 54.2,
      assessmentRate: 70,
      basis: 'assessment',
      rate: 70,
      label: 'やや未達',
    });
    expect(actions.find((action) => action.number === '2')).toMatchObject({ rate: 100, label: '達成' });
    expect(actions.find((action) => action.number === '1')).toMatchObject({ rate: null, label: '未評価' });
  });

  it('prints a table by default, with the stated total that disagrees listed under 確認事項', async () => {
    const { code, stdout } = await kiseki(['evaluate', kamaSample]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/6\s+インターネット利用機会の向上\s+83\.3%\s+90\.0%/);
    expect(stdout).toContain('確認事項:');
    expect(stdout).toContain('13: 複数年度の平均進捗率: 資料の記載は 56.5 %、年度平均から計算すると 54.2 %');
  });

  it('answers an invalid file with every problem and its JSON path, and exit code 2', async () => {
    const sample = JSON.parse(await readFile(kamaSample, 'utf8'));
    sample.plan.nodes[0].children[0].actions[5].tasks[0].progress = 120;
    delete sample.plan.title;
    const file = join(workDir, 'invalid.json');
    await writeFile(file, JSON.stringify(sample));
    const { code, stderr } = await kiseki(['evaluate', file]);
    expect(code).toBe(2);
    expect(stderr).toContain('plan.title: 必須の項目です（値がありません）');
    expect(stderr).toContain('plan.nodes[0].children[0].actions[5].tasks[0].progress: 100以下にしてください');
  });

  it('says where a JSON syntax error is', async () => {
    const file = join(workDir, 'broken.json');
    await writeFile(file, '{"format": ');
    const { code, stderr } = await kiseki(['evaluate', file]);
    expect(code).toBe(2);
    expect(stderr).toContain('JSONの書き方に誤りがあります');
  });
});

describe('kiseki import and export', () => {
  it('imports a plan into the embedded database and exports it again unchanged, by slug', async () => {
    const env = { KISEKI_DATA_DIR: join(workDir, 'data') };
    const imported = await kiseki(['import', kamaSample], env);
    expect(imported.code).toBe(0);
    expect(imported.stdout).toContain('取り込みました: 嘉麻市「第1次 嘉麻市デジタル推進計画」');

    const again = await kiseki(['import', kamaSample], env);
    expect(again.code).toBe(2);

    const output = join(workDir, 'exported.json');
    const exported = await kiseki(['export', 'kama-digital-plan-1', '--output', output], env);
    expect(exported.code).toBe(0);
    const { $schema: _schema, ...original } = JSON.parse(await readFile(kamaSample, 'utf8'));
    const roundTripped = JSON.parse(await readFile(output, 'utf8'));
    expect(
      roundTripped.plan.nodes.flatMap((node: { children: { actions: unknown[] }[] }) =>
        node.children.flatMap((child) => child.actions),
      ),
    ).toEqual(
      original.plan.nodes.flatMap((node: { children: { actions: unknown[] }[] }) =>
        node.children.flatMap((child) => child.actions),
      ),
    );
    expect(roundTripped.municipality).toEqual(original.municipality);
  });

  it('refuses to export a plan that does not exist', async () => {
    const { code, stderr } = await kiseki(['export', 'no-such-plan'], {
      KISEKI_DATA_DIR: join(workDir, 'empty'),
    });
    expect(code).toBe(2);
    expect(stderr).toContain('計画「no-such-plan」は見つかりません');
  });
});

describe('kiseki admin reset-password', () => {
  it('prints a new one-time password that replaces the old one, must be changed at next login, and ends the sessions', async () => {
    const dataDir = join(workDir, 'accounts');
    const setup = await createDatabase({ dataDir });
    const user = await createTestUser({
      db: setup.db,
      login: 'admin',
      displayName: '管理者',
      superAdmin: true,
    });
    await insertSession({
      db: setup.db,
      session: {
        tokenHash: 'a-session',
        userId: user.id,
        expiresAt: new Date(Date.now() + 3_600_000),
        absoluteExpiresAt: new Date(Date.now() + 3_600_000),
      },
    });
    await setup.close();

    const { code, stdout } = await kiseki(['admin', 'reset-password', 'Admin'], { KISEKI_DATA_DIR: dataDir });

    expect(code).toBe(0);
    const password = /パスワード: (\S+)/.exec(stdout)?.[1];
    expect(password).toMatch(/^[A-Za-z0-9]{16}$/);
    expect(stdout).toContain('次回のログインで新しいパスワードへの変更が必要です');
    const check = await createDatabase({ dataDir });
    try {
      const stored = await findUserByLogin({ db: check.db, login: 'admin' });
      expect(stored?.mustChangePassword).toBe(true);
      expect(await verifyPassword({ passwordHash: stored!.passwordHash, password: password! })).toBe(true);
      expect(await verifyPassword({ passwordHash: stored!.passwordHash, password: user.password })).toBe(
        false,
      );
      expect(await check.db.select().from(sessionsTable)).toEqual([]);
      const audit = await check.db
        .select({ summary: auditEntriesTable.summary })
        .from(auditEntriesTable)
        .where(eq(auditEntriesTable.operation, 'password_reset'));
      expect(audit).toEqual([{ summary: 'コマンドラインで 管理者（admin）に一時パスワードを発行' }]);
    } finally {
      await check.close();
    }
  });

  it('says so when no user has that login ID, with exit code 2', async () => {
    const { code, stderr } = await kiseki(['admin', 'reset-password', 'nobody'], {
      KISEKI_DATA_DIR: join(workDir, 'accounts'),
    });
    expect(code).toBe(2);
    expect(stderr).toContain('ログインID「nobody」の利用者は見つかりません');
  });
});
