import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type Action, type PlanDocument, type PlanNode, planDocumentSchema } from './plan.schemas.js';

/**
 * The sample plans in samples/ are the three cities' documents in the interchange format. These tests pin
 * the facts the seeds state, so that a change to a sample or to the schema cannot drift from the sources.
 */

function readSample(name: string): unknown {
  return JSON.parse(readFileSync(new URL(`../../samples/${name}`, import.meta.url), 'utf8'));
}

function loadSample(name: string): PlanDocument {
  const result = planDocumentSchema.safeParse(readSample(name));
  if (!result.success) {
    throw new Error(
      `${name}: ${result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('\n')}`,
    );
  }
  return result.data;
}

function allActions(doc: PlanDocument): Action[] {
  const collect = (nodes: PlanNode[]): Action[] =>
    nodes.flatMap((node) => [...node.actions, ...collect(node.children)]);
  return [...collect(doc.plan.nodes), ...doc.plan.actions];
}

function actionByNumber(doc: PlanDocument, number: string): Action {
  const action = allActions(doc).find((candidate) => candidate.number === number);
  if (!action) throw new Error(`action ${number} not found`);
  return action;
}

function mean(values: number[]): number {
  return values.reduce((sum, value) => sum + value, 0) / values.length;
}

const oneDecimal = (value: number) => Math.round(value * 10) / 10;

function yearMeans(action: Action): Record<string, number> {
  const years = [...new Set(action.tasks.map((task) => task.fy))].sort();
  return Object.fromEntries(
    years.map((fy) => [
      String(fy),
      mean(action.tasks.filter((task) => task.fy === fy).map((task) => task.progress ?? Number.NaN)),
    ]),
  );
}

describe('samples/kama-digital-plan-1.json (第1次 嘉麻市デジタル推進計画)', () => {
  const sample = 'kama-digital-plan-1.json';

  it('parses as a kiseki-plan@1 document', () => {
    const result = planDocumentSchema.safeParse(readSample(sample));
    expect(result.success, result.success ? '' : JSON.stringify(result.error.issues, null, 2)).toBe(true);
  });

  it('covers 令和5年度 to 令和8年度 for 嘉麻市 with the levels テーマ and 重点施策', () => {
    const doc = loadSample(sample);
    expect(doc.municipality).toEqual({ code: '402273', name: '嘉麻市', prefecture: '福岡県' });
    expect(doc.plan.period).toEqual({ startFy: 2023, endFy: 2026 });
    expect(doc.plan.levels).toEqual(['テーマ', '重点施策']);
    expect(doc.plan.actionLevel).toBe('アクション');
  });

  it('has three themes holding eight measures', () => {
    const doc = loadSample(sample);
    expect(doc.plan.nodes.map((node) => node.title)).toEqual([
      'くらしのデジタル推進',
      'しごとのデジタル推進',
      'ぎょうせいのデジタル推進',
    ]);
    expect(doc.plan.nodes.map((node) => node.children.length)).toEqual([3, 2, 3]);
    expect(doc.plan.nodes.flatMap((node) => node.children)).toHaveLength(8);
    expect(doc.plan.nodes.every((node) => node.actions.length === 0)).toBe(true);
  });

  it('has 50 actions numbered 1 to 50, each exactly once', () => {
    const numbers = allActions(loadSample(sample)).map((action) => action.number);
    expect(numbers).toHaveLength(50);
    expect([...numbers].sort((a, b) => Number(a) - Number(b))).toEqual(
      Array.from({ length: 50 }, (_, i) => String(i + 1)),
    );
  });

  it('places the actions under their measures in the ranges the evaluation method lists', () => {
    const doc = loadSample(sample);
    const measures = doc.plan.nodes.flatMap((node) => node.children);
    const ranges = measures.map((measure) => measure.actions.map((action) => Number(action.number)));
    const expected = [
      [1, 8],
      [9, 19],
      [20, 22],
      [23, 26],
      [27, 30],
      [31, 35],
      [36, 46],
      [47, 50],
    ].map(([from, to]) => Array.from({ length: to! - from! + 1 }, (_, i) => from! + i));
    expect(ranges).toEqual(expected);
    expect(actionByNumber(doc, '13').title).toBe('本庁と支所のオンライン化拡充');
    expect(actionByNumber(doc, '50').title).toBe('オープンデータの積極的な公開推進');
  });

  it('gives details only for actions 2, 3, 6 and 13 and nothing invented for the others', () => {
    const actions = allActions(loadSample(sample));
    const detailed = actions.filter(
      (action) =>
        action.aim !== undefined ||
        action.target !== undefined ||
        action.owners.length > 0 ||
        action.tasks.length > 0 ||
        action.kpis.length > 0,
    );
    expect(detailed.map((action) => action.number)).toEqual(['2', '3', '6', '13']);
  });

  it('rates action 2 by the ratio of the 交付率 96.0 % measured on 令和8年2月8日 to its 80 % target', () => {
    const action = actionByNumber(loadSample(sample), '2');
    expect(action.owners).toEqual(['citizens']);
    const [kpi] = action.kpis;
    expect(kpi).toMatchObject({ basis: 'ratio', unit: '%', target: { value: 80, fy: 2026 } });
    expect(kpi?.baseline).toBeUndefined();
    expect(kpi?.actuals).toEqual([{ value: 96, date: '2026-02-08', note: '令和8年2月8日時点' }]);
    expect(action.stated).toEqual({ kpiRate: 100, rating: '達成' });
  });

  it('keeps the worked examples of action 3 (1.8倍, 2.3倍) out of its actual values', () => {
    const action = actionByNumber(loadSample(sample), '3');
    expect(action.kpis[0]).toMatchObject({
      basis: 'baseline',
      baseline: { value: 1 },
      target: { value: 2, fy: 2026 },
      actuals: [],
    });
    expect(action.tasks).toHaveLength(9);
    expect(
      action.tasks.every((task) => task.progress === null && task.department === 'digital-strategy'),
    ).toBe(true);
  });

  it('gives action 6 twelve tasks, four a year, with 令和8年度 marked as expected', () => {
    const action = actionByNumber(loadSample(sample), '6');
    expect(action.tasks).toHaveLength(12);
    for (const fy of [2024, 2025, 2026]) {
      expect(action.tasks.filter((task) => task.fy === fy)).toHaveLength(4);
    }
    expect(action.tasks.filter((task) => task.expected).map((task) => task.fy)).toEqual([
      2026, 2026, 2026, 2026,
    ]);
    expect(action.owners).toEqual(['hr-secretariat', 'digital-strategy']);
  });

  it('states for action 6 year means and a task mean that agree with its tasks', () => {
    const action = actionByNumber(loadSample(sample), '6');
    const computed = yearMeans(action);
    expect(computed).toEqual(action.stated?.yearMeans);
    expect(oneDecimal(mean(Object.values(computed)))).toBe(action.stated?.taskMean);
    expect(action.kpis[0]?.actuals).toHaveLength(1);
    expect(action.kpis[0]?.actuals[0]).toMatchObject({ value: 125, hypothetical: true });
    expect(action.stated).toMatchObject({ kpiRate: 83.3, rating: '概ね達成' });
  });

  it('keeps the printed 56.5 % of action 13 although its year means give 54.2 %', () => {
    const action = actionByNumber(loadSample(sample), '13');
    const computed = yearMeans(action);
    expect(computed).toEqual(action.stated?.yearMeans);
    expect(oneDecimal(mean(Object.values(computed)))).toBe(54.2);
    expect(action.stated?.taskMean).toBe(56.5);
    expect(action.kpis).toEqual([]);
    expect(action.assessment).toMatchObject({ rate: 70, hypothetical: true });
    expect(action.owners).toEqual(['digital-strategy', 'branch-citizen-services']);
  });

  it('declares only the four departments the documents name for these actions', () => {
    const doc = loadSample(sample);
    expect(doc.departments.map((department) => department.name)).toEqual([
      'デジタル戦略課',
      '市民課',
      '人事秘書課',
      '嘉穂・碓井・山田市民サービス課',
    ]);
  });
});

describe('samples/ichikikushikino-dx-plan.json (いちき串木野市DX推進計画)', () => {
  const sample = 'ichikikushikino-dx-plan.json';

  /** The KPI tables of the plan: item, name, unit, 令和5年度末, 令和8年度末. */
  const kpiTable: [string, string, string, number, number][] = [
    ['②', 'マイナンバーカード交付率', '%', 85, 90],
    ['②', 'コンビニ交付件数割合', '%', 15, 30],
    ['③', '窓口キャッシュレス割合', '%', 0, 20],
    ['③', 'オンライン申請・申込対応数', '手続', 30, 200],
    ['③', '窓口BPR実施数', '業務', 0, 10],
    ['④', 'LoGoチャットスマホ利用率', '%', 92, 100],
    ['④', 'テレワーク利用件数', '件', 2, 60],
    ['⑤', '電子起案割合', '%', 10, 70],
    ['⑤', 'BPR実施件数（窓口含）', '業務', 0, 20],
    ['⑤', 'AI-OCR・RPA活用による業務削減時間', '時間', 200, 1000],
    ['⑥', 'IT関係資格取得数', '人', 3, 33],
    ['⑦', 'スマホ教室・講座参加人数', '人/年', 40, 200],
    ['⑦', 'スマホよろず相談所利用者', '人/年', 0, 400],
    ['⑦', 'スマホ講師養成数', '人', 0, 15],
    ['⑦', 'オンライン申請・申込対応数', '手続', 30, 200],
    ['⑦', 'オンライン予約可能施設数', '施設', 0, 4],
  ];

  it('parses as a kiseki-plan@1 document', () => {
    const result = planDocumentSchema.safeParse(readSample(sample));
    expect(result.success, result.success ? '' : JSON.stringify(result.error.issues, null, 2)).toBe(true);
  });

  it('covers 令和6年度 to 令和8年度 with the seven 取組項目 as evaluated units and no grouping', () => {
    const doc = loadSample(sample);
    expect(doc.municipality).toEqual({ code: '462195', name: 'いちき串木野市', prefecture: '鹿児島県' });
    expect(doc.plan.period).toEqual({ startFy: 2024, endFy: 2026 });
    expect(doc.plan.levels).toEqual([]);
    expect(doc.plan.nodes).toEqual([]);
    expect(doc.plan.actionLevel).toBe('取組項目');
    expect(doc.plan.actions.map((action) => action.number)).toEqual(['①', '②', '③', '④', '⑤', '⑥', '⑦']);
    expect(doc.plan.actions.map((action) => action.title)).toEqual([
      '情報システム標準化・共通化',
      'マイナンバーカード取得円滑化・利活用',
      '窓口業務の改善',
      'テレワークの導入',
      '業務改善',
      'デジタル人材育成',
      '地域社会のデジタル化',
    ]);
  });

  it('has 16 KPIs with the baseline at 令和5年度末 and the target for 令和8年度 as the plan states', () => {
    const doc = loadSample(sample);
    const kpis = doc.plan.actions.flatMap((action) =>
      action.kpis.map((kpi) => [action.number, kpi.name, kpi.unit, kpi.baseline?.value, kpi.target.value]),
    );
    expect(kpis).toEqual(kpiTable);
    for (const kpi of doc.plan.actions.flatMap((action) => action.kpis)) {
      expect(kpi).toMatchObject({
        direction: 'increase',
        baseline: { date: '2024-03-31', label: '令和5年度末' },
        target: { fy: 2026 },
        actuals: [],
      });
      // Levels and counts (交付率, 手続, 人): measured from zero by the plan's default ratio basis.
      expect(kpi.basis).toBeUndefined();
    }
  });

  it('keeps オンライン申請・申込対応数 under both ③ and ⑦ with the same figures', () => {
    const doc = loadSample(sample);
    const online = doc.plan.actions.flatMap((action) =>
      action.kpis
        .filter((kpi) => kpi.name === 'オンライン申請・申込対応数')
        .map((kpi) => [action.number, kpi]),
    );
    expect(online.map(([number]) => number)).toEqual(['③', '⑦']);
    expect(online[0]?.[1]).toEqual(online[1]?.[1]);
  });

  it('gives item ① no KPI, and no item any owner or task', () => {
    const doc = loadSample(sample);
    expect(actionByNumber(doc, '①').kpis).toEqual([]);
    expect(doc.departments).toEqual([]);
    expect(doc.plan.actions.every((action) => action.owners.length === 0 && action.tasks.length === 0)).toBe(
      true,
    );
  });

  it('lists the 取組事項 as bullet lines and the schedule by fiscal year', () => {
    const doc = loadSample(sample);
    const counter = actionByNumber(doc, '③');
    expect(counter.approach?.split('\n')).toHaveLength(5);
    expect(counter.approach?.split('\n').every((line) => line.startsWith('・'))).toBe(true);
    expect(counter.schedule?.find((row) => row.item === 'オンライン手続')?.entries).toEqual([
      { fy: 2023, text: '試験運用' },
      { fy: 2024, text: 'システム導入' },
      { fy: 2025, text: '手続拡大' },
      { fy: 2026, text: '実装' },
    ]);
  });
});

describe('samples/kashima-dx-strategy.json (かしまデジタル変革戦略)', () => {
  const sample = 'kashima-dx-strategy.json';

  it('parses as a kiseki-plan@1 document', () => {
    const result = planDocumentSchema.safeParse(readSample(sample));
    expect(result.success, result.success ? '' : JSON.stringify(result.error.issues, null, 2)).toBe(true);
  });

  it('covers the eight years 令和5年度 to 令和12年度 for 鹿島市', () => {
    const doc = loadSample(sample);
    expect(doc.municipality).toEqual({ code: '412074', name: '鹿島市', prefecture: '佐賀県' });
    expect(doc.plan.period).toEqual({ startFy: 2023, endFy: 2030 });
  });

  it('has twelve vision statements, four for each pillar', () => {
    const doc = loadSample(sample);
    const items = doc.plan.vision?.items ?? [];
    expect(items).toHaveLength(12);
    for (const group of ['市民の利便性向上', '業務の効率化', '人財育成']) {
      expect(items.filter((item) => item.group === group)).toHaveLength(4);
    }
  });

  it('has five values and a mission', () => {
    const doc = loadSample(sample);
    expect(doc.plan.values).toHaveLength(5);
    expect(doc.plan.mission).toContain('みんなが住みやすく暮らしやすいまち');
  });

  it('has three pillars and no actions, since the action plan is not in the documents', () => {
    const doc = loadSample(sample);
    expect(doc.plan.levels).toEqual(['柱']);
    expect(doc.plan.nodes.map((node) => node.title)).toEqual([
      '市民の利便性向上',
      '業務の効率化',
      '人財育成',
    ]);
    expect(allActions(doc)).toEqual([]);
  });

  it('has four two-year action-plan phases that cover the period without gap', () => {
    const doc = loadSample(sample);
    const phases = doc.plan.phases ?? [];
    expect(phases.map((phase) => phase.name)).toEqual(['第1期', '第2期', '第3期', '第4期']);
    expect(phases.every((phase) => phase.endFy - phase.startFy === 1)).toBe(true);
    expect(phases[0]?.startFy).toBe(doc.plan.period.startFy);
    expect(phases.at(-1)?.endFy).toBe(doc.plan.period.endFy);
    phases.slice(1).forEach((phase, i) => {
      expect(phase.startFy).toBe(phases[i]!.endFy + 1);
    });
  });
});
