import { describe, expect, it } from 'vitest';
import type { Action, EvaluationSettings, Kpi, Task } from '../plan.schemas.js';
import { evaluateAction } from './evaluate-action.js';
import { computeKpiRawRate, evaluateKpi } from './kpi-rate.js';
import { DEFAULT_EVALUATION_SETTINGS } from './settings.js';

const settings = DEFAULT_EVALUATION_SETTINGS;

function buildAction(overrides: Partial<Action> = {}): Action {
  return { key: 'a', number: '1', title: 'テスト', owners: [], tasks: [], kpis: [], ...overrides };
}

function buildKpi(overrides: Partial<Kpi> = {}): Kpi {
  return {
    key: 'k',
    name: '指標',
    unit: '%',
    direction: 'increase',
    target: { value: 100, fy: 2026 },
    actuals: [],
    ...overrides,
  };
}

function task(fy: number, department: string, progress: number | null, expected = false): Task {
  return { fy, department, planText: `${department}のタスク`, progress, expected };
}

/** Seed 001, action 6: the four tasks of each year as the seed's tables give them. */
const action6Tasks: Task[] = [
  task(2024, 'digital', 100),
  task(2024, 'digital', 80),
  task(2024, 'hr', 100),
  task(2024, 'hr', 20),
  task(2025, 'digital', 100),
  task(2025, 'digital', 90),
  task(2025, 'hr', 100),
  task(2025, 'hr', 100),
  task(2026, 'digital', 100, true),
  task(2026, 'digital', 90, true),
  task(2026, 'hr', 100, true),
  task(2026, 'hr', 100, true),
];

/** Seed 001, action 13: R6 and R7 実施, R8 想定. */
const action13Tasks: Task[] = [
  ...[2024, 2025].flatMap((fy) => [
    task(fy, 'digital', 50),
    task(fy, 'digital', 50),
    task(fy, 'digital', 50),
    task(fy, 'branch', fy === 2024 ? 20 : 50),
  ]),
  task(2026, 'digital', 70, true),
  task(2026, 'digital', 70, true),
  task(2026, 'digital', 70, true),
  task(2026, 'branch', 70, true),
];

describe('the worked examples of seed 001', () => {
  it('rates action 2 as 達成 when the 交付率 of 96.0 % exceeds the 80 % target (rate capped at 100 %)', () => {
    const evaluation = evaluateAction(
      buildAction({
        kpis: [
          buildKpi({
            name: 'マイナンバーカード交付率',
            basis: 'ratio',
            target: { value: 80, fy: 2026 },
            actuals: [{ value: 96.0, date: '2026-02-08' }],
          }),
        ],
      }),
      settings,
    );
    expect(evaluation.basis).toBe('kpi');
    expect(evaluation.result?.raw).toBeCloseTo(120, 10);
    expect(evaluation.result?.shown).toBe(100);
    expect(evaluation.rating.label).toBe('達成');
    expect(evaluation.result?.explanation).toBe('96 ÷ 80 = 120.0 %（100 % を上限とします）');
  });

  it.each([
    [1.8, 80, '概ね達成'],
    [2.3, 100, '達成'],
  ])('rates action 3 at %s倍 against a 2倍 target as %s %% (%s)', (actual, shown, label) => {
    const evaluation = evaluateAction(
      buildAction({
        kpis: [
          buildKpi({
            unit: '倍',
            basis: 'baseline',
            baseline: { value: 1 },
            target: { value: 2, fy: 2026 },
            actuals: [{ value: actual, date: '2026-03-31' }],
          }),
        ],
      }),
      settings,
    );
    expect(evaluation.result?.shown).toBe(shown);
    expect(evaluation.rating.label).toBe(label);
  });

  it('rates action 6 概ね達成 from the KPI (83.3 %) and shows the task mean 90.0 % (ほぼ達成, 見込み) beside it', () => {
    const evaluation = evaluateAction(
      buildAction({
        tasks: action6Tasks,
        kpis: [
          buildKpi({
            name: '公式ホームページアクセス数',
            basis: 'baseline',
            baseline: { value: 100 },
            target: { value: 130, fy: 2026 },
            actuals: [{ value: 125, date: '2027-03-31', hypothetical: true }],
          }),
        ],
      }),
      settings,
    );
    expect(evaluation.basis).toBe('kpi');
    expect(evaluation.result?.shown).toBe(83.3);
    expect(evaluation.rating.label).toBe('概ね達成');
    expect(evaluation.result?.explanation).toBe('(125 − 100) ÷ (130 − 100) = 83.3 %');
    expect(evaluation.basisReason).toBe('数値目標に実績値があるため、目標(値)に対する達成率で評価します');
    expect(evaluation.result?.hypothetical).toBe(true);
    expect(evaluation.tasks.years.map((year) => year.result?.shown)).toEqual([75, 97.5, 97.5]);
    expect(evaluation.tasks.years[0]?.result?.explanation).toBe('(100.0 + 80.0 + 100.0 + 20.0) ÷ 4 = 75.0 %');
    expect(evaluation.tasks.result?.shown).toBe(90);
    expect(evaluation.tasks.result?.rating.label).toBe('ほぼ達成');
    expect(evaluation.tasks.result?.projection).toBe(true);
    expect(evaluation.tasks.result?.explanation).toBe('(75.0 + 97.5 + 97.5) ÷ 3 = 90.0 %');
  });

  it('gives 83.3 % for a +25 % actual against a +30 % target also when the change itself is the figure', () => {
    const rate = computeKpiRawRate({ basis: 'ratio', direction: 'increase', actual: 25, target: 30 });
    expect('raw' in rate && Math.round(rate.raw * 10) / 10).toBe(83.3);
  });

  it('gives 80 % for 8 of 10 planned sessions (目標10回に対し8回)', () => {
    const kpi = evaluateKpi(
      buildKpi({ unit: '回', target: { value: 10, fy: 2026 }, actuals: [{ value: 8, date: '2025-03-31' }] }),
      settings,
    );
    expect(kpi.result?.shown).toBe(80);
    expect(kpi.result?.rating.label).toBe('概ね達成');
  });

  it('rates the same 交付率 differently by basis: 88 % against 85 → 90 % is 97.8 % by ratio and 60.0 % from the baseline', () => {
    const kpi = buildKpi({
      baseline: { value: 85 },
      target: { value: 90, fy: 2026 },
      actuals: [{ value: 88, date: '2026-03-31' }],
    });
    const byRatio = evaluateKpi({ ...kpi, basis: 'ratio' }, settings);
    const fromBaseline = evaluateKpi({ ...kpi, basis: 'baseline' }, settings);
    expect(byRatio.result?.shown).toBe(97.8);
    expect(byRatio.result?.rating.label).toBe('ほぼ達成');
    expect(fromBaseline.result?.shown).toBe(60);
    expect(fromBaseline.result?.rating.label).toBe('やや未達');
    expect(fromBaseline.result?.explanation).toBe('(88 − 85) ÷ (90 − 85) = 60.0 %');
  });

  it('computes action 13 task mean as 54.2 % (not the printed 56.5 %) and flags the printed total', () => {
    const evaluation = evaluateAction(
      buildAction({ tasks: action13Tasks, stated: { taskMean: 56.5, yearMeans: { '2024': 42.5 } } }),
      settings,
    );
    expect(evaluation.tasks.years.map((year) => year.result?.shown)).toEqual([42.5, 50, 70]);
    expect(evaluation.tasks.result?.shown).toBe(54.2);
    expect(evaluation.basis).toBe('tasks');
    expect(evaluation.rating.label).toBe('課題あり');
    const mismatches = evaluation.flags.filter((flag) => flag.code.startsWith('stated.'));
    expect(mismatches).toEqual([
      {
        code: 'stated.task_mean_mismatch',
        message: '複数年度の平均進捗率: 資料の記載は 56.5 %、年度平均から計算すると 54.2 %',
      },
    ]);
  });

  it('rates action 13 やや未達 from its 総括評価 of 70 %, with the task mean 54.2 % beside it', () => {
    const evaluation = evaluateAction(
      buildAction({
        tasks: action13Tasks,
        assessment: {
          rate: 70,
          reason: '令和8年度にタブレットによる実証実験を行ったため',
          hypothetical: true,
        },
      }),
      settings,
    );
    expect(evaluation.basis).toBe('assessment');
    expect(evaluation.result?.shown).toBe(70);
    expect(evaluation.rating.label).toBe('やや未達');
    expect(evaluation.tasks.result?.shown).toBe(54.2);
    expect(evaluation.assessment.reason).toContain('実証実験');
    expect(evaluation.basisReason).toBe(
      '数値の指標がなく、総括評価が入力されているため、総括評価で評価します',
    );
  });
});

describe('labels follow the rate as shown', () => {
  it.each([
    [89.96, 90, 'ほぼ達成'],
    [89.94, 89.9, '概ね達成'],
    [99.95, 100, '達成'],
    [59.95, 60, 'やや未達'],
    [59.94, 59.9, '課題あり'],
  ])('an assessment of %s %% shows %s %% and reads %s', (rate, shown, label) => {
    const evaluation = evaluateAction(buildAction({ assessment: { rate, reason: '理由' } }), settings);
    expect(evaluation.result?.shown).toBe(shown);
    expect(evaluation.rating.label).toBe(label);
  });
});

describe('what the engine does when there is little to rate', () => {
  it('calls an action with no KPI actual, no task progress and no assessment 未評価, never 課題あり', () => {
    const evaluation = evaluateAction(
      buildAction({ kpis: [buildKpi()], tasks: [task(2024, 'digital', null)] }),
      settings,
    );
    expect(evaluation.rating).toEqual({ key: 'unrated', label: '未評価', kind: 'unrated' });
    expect(evaluation.result).toBeNull();
    expect(evaluation.basis).toBeNull();
    expect(evaluation.flags.map((flag) => flag.code)).toEqual(['kpi.no_actual', 'tasks.year_unrecorded']);
  });

  it('counts a task left blank in a year with records as 0 % and says so', () => {
    const evaluation = evaluateAction(
      buildAction({ tasks: [task(2024, 'digital', 80), task(2024, 'digital', null)] }),
      settings,
    );
    expect(evaluation.tasks.result?.shown).toBe(40);
    expect(evaluation.flags).toContainEqual({
      code: 'task.progress_missing',
      message: '令和6年度のタスク「digitalのタスク」は進捗が未記録のため 0 % として計算しています',
    });
  });

  it('leaves a year with no record at all out of the multi-year mean and flags it', () => {
    const evaluation = evaluateAction(
      buildAction({
        tasks: [task(2024, 'digital', 60), task(2025, 'digital', 80), task(2026, 'digital', null)],
      }),
      settings,
    );
    expect(evaluation.tasks.result?.shown).toBe(70);
    expect(evaluation.tasks.result?.explanation).toBe('(60.0 + 80.0) ÷ 2 = 70.0 %');
    expect(evaluation.flags.map((flag) => flag.code)).toEqual(['tasks.year_unrecorded']);
  });

  it('shows a 中止 action with its status label and no rating basis, keeping the reference rates', () => {
    const evaluation = evaluateAction(
      buildAction({ status: 'cancelled', tasks: [task(2024, 'digital', 50)] }),
      settings,
    );
    expect(evaluation.rating.label).toBe('中止');
    expect(evaluation.basis).toBeNull();
    expect(evaluation.tasks.result?.shown).toBe(50);
  });

  it('does not rate a KPI whose target equals its baseline, and explains why', () => {
    const kpi = evaluateKpi(
      buildKpi({
        basis: 'baseline',
        baseline: { value: 5 },
        target: { value: 5, fy: 2026 },
        actuals: [{ value: 6, date: '2025-01-01' }],
      }),
      settings,
    );
    expect(kpi.result).toBeNull();
    expect(kpi.notice).toBe('目標値が基準値と同じため、基準値からの達成率を算定できません');
  });

  it('uses the latest actual by date, whatever the order of entry', () => {
    const kpi = evaluateKpi(
      buildKpi({
        target: { value: 10, fy: 2026 },
        actuals: [
          { value: 9, date: '2026-03-31' },
          { value: 4, date: '2024-03-31' },
        ],
      }),
      settings,
    );
    expect(kpi.latestActual?.value).toBe(9);
    expect(kpi.result?.shown).toBe(90);
  });
});

describe('decrease targets', () => {
  it('divides the target by the actual on the ratio basis', () => {
    const kpi = evaluateKpi(
      buildKpi({
        direction: 'decrease',
        basis: 'ratio',
        target: { value: 40, fy: 2026 },
        actuals: [{ value: 50, date: '2026-03-31' }],
      }),
      settings,
    );
    expect(kpi.result?.shown).toBe(80);
    expect(kpi.result?.explanation).toBe('40 ÷ 50 = 80.0 %');
  });

  it('measures the reduction achieved from the baseline, and a rise as a negative raw rate shown as 0 %', () => {
    const base = buildKpi({
      direction: 'decrease',
      basis: 'baseline',
      baseline: { value: 1000 },
      target: { value: 600, fy: 2026 },
    });
    const reduced = evaluateKpi({ ...base, actuals: [{ value: 700, date: '2026-03-31' }] }, settings);
    const risen = evaluateKpi({ ...base, actuals: [{ value: 1100, date: '2026-03-31' }] }, settings);
    expect(reduced.result?.shown).toBe(75);
    expect(risen.result?.raw).toBe(-25);
    expect(risen.result?.shown).toBe(0);
    expect(risen.result?.explanation).toBe('(1,100 − 1,000) ÷ (600 − 1,000) = −25.0 %（0 % を下限とします）');
  });
});

describe('several KPIs, departments and weights', () => {
  const twoKpis = [
    buildKpi({
      key: 'k1',
      name: 'A',
      target: { value: 10, fy: 2026 },
      actuals: [{ value: 20, date: '2025-01-01' }],
    }),
    buildKpi({
      key: 'k2',
      name: 'B',
      target: { value: 10, fy: 2026 },
      actuals: [{ value: 6, date: '2025-01-01' }],
    }),
  ];

  it('takes the mean of the capped KPI rates, so one KPI far over target cannot hide another', () => {
    const evaluation = evaluateAction(buildAction({ kpis: twoKpis }), settings);
    expect(evaluation.result?.shown).toBe(80);
    expect(evaluation.result?.explanation).toBe('指標の平均 (100.0 + 60.0) ÷ 2 = 80.0 %');
  });

  it('takes the weakest KPI when the plan says so', () => {
    const evaluation = evaluateAction(buildAction({ kpis: twoKpis }), { ...settings, kpiAggregation: 'min' });
    expect(evaluation.result?.shown).toBe(60);
    expect(evaluation.rating.label).toBe('やや未達');
  });

  it('normalises weights: a weighted mean of 50 % and 50 % stays 50 %, whatever the weights', () => {
    const evaluation = evaluateAction(
      buildAction({
        tasks: [
          { ...task(2024, 'x', 50), weight: 3 },
          { ...task(2024, 'y', 50), weight: 5 },
        ],
      }),
      settings,
    );
    expect(evaluation.tasks.result?.shown).toBe(50);
  });

  it('weights tasks when weights are given', () => {
    const evaluation = evaluateAction(
      buildAction({
        tasks: [
          { ...task(2024, 'x', 100), weight: 3 },
          { ...task(2024, 'y', 0), weight: 1 },
        ],
      }),
      settings,
    );
    expect(evaluation.tasks.result?.shown).toBe(75);
  });

  it('gives each department an equal share when the plan aggregates per department', () => {
    const tasks = [task(2024, 'x', 100), task(2024, 'x', 100), task(2024, 'x', 100), task(2024, 'y', 0)];
    const byTask = evaluateAction(buildAction({ tasks }), settings);
    const byDepartment = evaluateAction(buildAction({ tasks }), {
      ...settings,
      taskAggregation: 'department_mean',
    });
    expect(byTask.tasks.result?.shown).toBe(75);
    expect(byDepartment.tasks.result?.shown).toBe(50);
  });
});

describe('plan settings', () => {
  it('rates action 6 ほぼ達成 from the task mean when the plan puts tasks first', () => {
    const tasksFirst: EvaluationSettings = { ...settings, basisOrder: ['tasks', 'assessment', 'kpi'] };
    const evaluation = evaluateAction(
      buildAction({
        tasks: action6Tasks,
        kpis: [
          buildKpi({
            basis: 'baseline',
            baseline: { value: 100 },
            target: { value: 130, fy: 2026 },
            actuals: [{ value: 125, date: '2027-03-31' }],
          }),
        ],
      }),
      tasksFirst,
    );
    expect(evaluation.basis).toBe('tasks');
    expect(evaluation.rating.label).toBe('ほぼ達成');
    expect(evaluation.kpi.result?.shown).toBe(83.3);
  });

  it('uses another city’s scale (S–C bands) as given', () => {
    const scale = [
      { key: 's', label: 'S', min: 100 },
      { key: 'a', label: 'A', min: 75 },
      { key: 'b', label: 'B', min: 50 },
      { key: 'c', label: 'C', min: 0 },
    ];
    const evaluation = evaluateAction(buildAction({ assessment: { rate: 74.96, reason: 'r' } }), {
      ...settings,
      ratingScale: scale,
    });
    expect(evaluation.rating).toEqual({ key: 'a', label: 'A', kind: 'band' });
  });
});
