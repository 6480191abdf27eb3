import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { evaluatePlan } from '../../domain/evaluation/evaluate-plan.js';
import { resolveEvaluationSettings } from '../../domain/evaluation/settings.js';
import { parsePlanDocument } from '../../domain/plan-document.js';
import {
  ACTION_COLUMNS,
  ACTUAL_COLUMNS,
  buildOpenDataFiles,
  DEFAULT_OPEN_DATA_LICENSE,
  KPI_COLUMNS,
  toCsv,
} from './opendata.models.js';

const ichiki = parsePlanDocument(
  JSON.parse(readFileSync(new URL('../../../samples/ichikikushikino-dx-plan.json', import.meta.url), 'utf8')),
);

function buildFiles() {
  return buildOpenDataFiles({
    source: {
      municipality: ichiki.municipality,
      document: ichiki,
      evaluation: evaluatePlan(ichiki.plan),
      settings: resolveEvaluationSettings(ichiki.plan),
      asOf: '2026-11-01T00:00:00.000Z',
      license: DEFAULT_OPEN_DATA_LICENSE,
    },
    generatedAt: '2026-11-23T01:00:00.000Z',
  });
}

function parseCsvLine(line: string): string[] {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const char = line[i]!;
    if (quoted) {
      if (char === '"' && line[i + 1] === '"') {
        field += '"';
        i++;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      fields.push(field);
      field = '';
    } else field += char;
  }
  fields.push(field);
  return fields;
}

describe('the open data of a plan', () => {
  it('writes CSV as Japanese Excel opens it: a BOM, CRLF, and quotes around commas, quotes and line breaks', () => {
    const csv = toCsv({
      columns: [
        { key: 'a', header: '名前' },
        { key: 'b', header: '値' },
      ] as const,
      rows: [
        { a: 'カンマ, と "引用符"', b: 1.5 },
        { a: '改行\nあり', b: null },
      ],
    });
    expect(csv).toBe('\uFEFF名前,値\r\n"カンマ, と ""引用符""",1.5\r\n"改行\nあり",\r\n');
  });

  it('gives いちき串木野市’s 7 取組項目 and 16 KPIs each a row with stable identifiers and the licence', () => {
    const files = buildFiles();
    const actions = files['actions.csv']
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\r\n');
    expect(actions).toHaveLength(1 + 7);
    // The approach text has line breaks: a row spans lines, so count the ids instead.
    const kpis = files['kpis.csv'];
    expect(kpis.match(/462195\/ichikikushikino-dx-plan\/[a-z-]+\/[a-z-]+,/g)).toHaveLength(16);
    const header = parseCsvLine(actions[0]!.replace(/^\uFEFF/, ''));
    expect(header).toEqual(ACTION_COLUMNS.map((column) => column.header));
    const first = parseCsvLine(actions[1]!);
    const row = Object.fromEntries(header.map((name, index) => [name, first[index]]));
    expect(row).toMatchObject({
      全国地方公共団体コード: '462195',
      計画ID: '462195/ichikikushikino-dx-plan',
      アクションID: '462195/ichikikushikino-dx-plan/system-standardization',
      評価区分: '未評価',
      ライセンス: '公共データ利用規約（第1.0版）（PDL1.0）',
      データ時点: '2026-11-01T00:00:00.000Z',
    });
    expect(
      files['kpi-actuals.csv'].startsWith(`\uFEFF${ACTUAL_COLUMNS.map((c) => c.header).join(',')}\r\n`),
    ).toBe(true);
  });

  it('writes the same identifiers in the JSON, with the municipality, the licence and the rating scale', () => {
    const json = JSON.parse(buildFiles()['plan.json']);
    expect(json).toMatchObject({
      format: 'kiseki-opendata@1',
      license: DEFAULT_OPEN_DATA_LICENSE,
      generatedAt: '2026-11-23T01:00:00.000Z',
      municipality: { code: '462195', name: 'いちき串木野市', prefecture: '鹿児島県' },
      plan: { id: '462195/ichikikushikino-dx-plan', ratingScale: expect.any(Array) },
    });
    const counter = json.actions.find((action: { key: string }) => action.key === 'counter-services');
    expect(counter.kpis.map((kpi: { id: string }) => kpi.id)).toEqual([
      '462195/ichikikushikino-dx-plan/counter-services/counter-cashless-share',
      '462195/ichikikushikino-dx-plan/counter-services/online-procedures',
      '462195/ichikikushikino-dx-plan/counter-services/counter-bpr-count',
    ]);
    expect(counter.kpis[1]).toMatchObject({
      baseline: { value: 30, date: '2024-03-31', label: '令和5年度末' },
    });
  });

  it('documents every column in docs/open-data.md', () => {
    const doc = readFileSync(new URL('../../../docs/open-data.md', import.meta.url), 'utf8');
    const section = (name: string) => doc.split(`## ${name}`)[1]!.split('\n## ')[0]!;
    const documented = (text: string) =>
      text
        .split('\n')
        .filter((line) => line.startsWith('| ') && !line.startsWith('| 列名') && !line.startsWith('| ---'))
        .map((line) => line.split('|')[1]!.trim());
    expect(documented(section('actions.csv'))).toEqual(ACTION_COLUMNS.map((column) => column.header));
    expect(documented(section('kpis.csv'))).toEqual(KPI_COLUMNS.map((column) => column.header));
    expect(documented(section('kpi-actuals.csv'))).toEqual(ACTUAL_COLUMNS.map((column) => column.header));
  });
});
