import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

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
