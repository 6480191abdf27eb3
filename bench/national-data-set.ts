import type { Action, Kpi, Plan, Task } from '../src/domain/plan.schemas.js';

/**
 * A synthetic national data set: fictional municipalities, each with a 50-action plan over three fiscal
 * years, four tasks a year and two KPIs with twelve actuals each. Deterministic (seeded), so that two
 * runs measure the same work. None of it describes a real municipality.
 */

function createRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const NATIONAL_SHAPE = {
  municipalities: 1741,
  actionsPerPlan: 50,
  years: [2024, 2025, 2026],
  tasksPerYear: 4,
  kpisPerAction: 2,
  actualsPerKpi: 12,
} as const;

const MONTH_ENDS = [
  '04-30',
  '05-31',
  '06-30',
  '07-31',
  '08-31',
  '09-30',
  '10-31',
  '11-30',
  '12-31',
  '01-31',
  '02-28',
  '03-31',
];

function buildAction(random: () => number, index: number): Action {
  const tasks: Task[] = [];
  for (const fy of NATIONAL_SHAPE.years) {
    for (let t = 0; t < NATIONAL_SHAPE.tasksPerYear; t++) {
      const blank = random() < 0.03;
      tasks.push({
        fy,
        department: `d${t % 3}`,
        planText: `年度タスク${t + 1}`,
        progress: blank ? null : Math.round(random() * 100),
        expected: fy === 2026,
      });
    }
  }
  const kpis: Kpi[] = [];
  for (let k = 0; k < NATIONAL_SHAPE.kpisPerAction; k++) {
    const baseline = Math.round(random() * 1000);
    const target = baseline + 1 + Math.round(random() * 1000);
    kpis.push({
      key: `k${k}`,
      name: `指標${k + 1}`,
      unit: '件',
      direction: random() < 0.2 ? 'decrease' : 'increase',
      basis: k === 0 ? 'baseline' : 'ratio',
      baseline: { value: baseline, date: '2024-03-31' },
      target: { value: target, fy: 2026 },
      actuals: MONTH_ENDS.map((monthEnd, m) => ({
        value: Math.round(baseline + (target - baseline) * (m / 12) * (0.6 + random() * 0.6)),
        date: `${m < 9 ? 2025 : 2026}-${monthEnd}`,
      })),
    });
  }
  return {
    key: `a${index + 1}`,
    number: String(index + 1),
    title: `架空アクション${index + 1}`,
    owners: ['d0'],
    tasks,
    kpis,
    assessment: random() < 0.1 ? { rate: Math.round(random() * 100), reason: '架空の総括評価' } : undefined,
  };
}

/** One fictional municipality's plan: 3 pillars of actions. */
export function buildSyntheticPlan(municipalityIndex: number): Plan {
  const random = createRandom(municipalityIndex + 1);
  const actions = Array.from({ length: NATIONAL_SHAPE.actionsPerPlan }, (_, i) => buildAction(random, i));
  const third = Math.ceil(actions.length / 3);
  return {
    slug: `fictional-${municipalityIndex}`,
    title: `架空市${municipalityIndex + 1} DX推進計画（ベンチマーク用の架空データ）`,
    period: { startFy: 2024, endFy: 2026 },
    levels: ['柱'],
    actionLevel: 'アクション',
    nodes: [0, 1, 2].map((p) => ({
      key: `p${p}`,
      title: `柱${p + 1}`,
      children: [],
      actions: actions.slice(p * third, (p + 1) * third),
    })),
    actions: [],
  };
}

export function buildNationalDataSet(count: number = NATIONAL_SHAPE.municipalities): Plan[] {
  return Array.from({ length: count }, (_, i) => buildSyntheticPlan(i));
}
