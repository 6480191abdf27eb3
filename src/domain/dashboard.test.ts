import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildPlanDashboard, isLowRating } from './dashboard.js';
import { evaluatePlan } from './evaluation/evaluate-plan.js';
import { DEFAULT_RATING_SCALE, resolveEvaluationSettings } from './evaluation/settings.js';
import type { Action, PlanDocument } from './plan.schemas.js';
import { parsePlanDocument } from './plan-document.js';
import { buildPlanSchedule } from './schedule.js';

function loadSample(name: string): PlanDocument {
  return parsePlanDocument(
    JSON.parse(readFileSync(new URL(`../../samples/${name}`, import.meta.url), 'utf8')),
  );
}

function buildDashboard(document: PlanDocument, overrides: { today?: string } = {}) {
  const { plan, departments } = document;
  return buildPlanDashboard({
    plan,
    departments,
    evaluation: evaluatePlan(plan),
    settings: resolveEvaluationSettings(plan),
    today: overrides.today ?? '2026-11-23',
    previous: null,
    round: null,
  });
}

/** A small fictional plan (架空市) with one theme, two measures and four actions. */
function buildFictionalDocument(actions: Action[]): PlanDocument {
  return parsePlanDocument({
    format: 'kiseki-plan@1',
    municipality: { code: '999997', name: '架空市', prefecture: '架空県' },
    departments: [
      { key: 'digital', name: 'デジタル推進課' },
      { key: 'citizens', name: '市民課' },
    ],
    plan: {
      slug: 'fictional',
      title: '架空市DX推進計画',
      period: { startFy: 2024, endFy: 2026 },
      levels: ['テーマ', '重点施策'],
      actionLevel: 'アクション',
      nodes: [
        {
          key: 'theme',
          title: 'くらし',
          children: [
            { key: 'm1', title: '施策1', actions: actions.slice(0, 2) },
            { key: 'm2', title: '施策2', actions: actions.slice(2) },
          ],
        },
      ],
    },
  });
}

const base = { owners: ['digital'], tasks: [], kpis: [] };
const fictional = buildFictionalDocument([
  { ...base, key: 'a1', number: '1', title: '達成する', assessment: { rate: 100, reason: '完了' } },
  {
    ...base,
    key: 'a2',
    number: '2',
    title: '遅れている',
    kpis: [
      {
        key: 'k',
        name: '申請件数',
        unit: '件',
        direction: 'increase',
        baseline: { value: 0, date: '2024-03-31' },
        target: { value: 300, fy: 2026 },
        actuals: [{ value: 50, date: '2025-03-31' }],
      },
    ],
  },
  {
    ...base,
    key: 'a3',
    number: '3',
    title: '課題がある',
    owners: ['citizens'],
    assessment: { rate: 40, reason: '遅れた' },
    report: { issuesAhead: '来年度に体制を見直す' },
  },
  {
    key: 'a4',
    number: '4',
    title: '担い手なし',
    owners: [],
    tasks: [
      { fy: 2024, department: 'digital', planText: '調査', progress: 100 },
      { fy: 2025, department: 'digital', planText: '導入', progress: 50 },
    ],
    kpis: [
      {
        key: 'k',
        name: '利用者数',
        unit: '人',
        direction: 'increase',
        target: { value: 100, fy: 2026 },
        actuals: [],
      },
    ],
  },
]);

describe('the plan dashboard', () => {
  it('counts 嘉麻市’s 50 actions by label overall, per theme, per measure and per owner department', () => {
    const kama = loadSample('kama-digital-plan-1.json');
    const dashboard = buildDashboard(kama);
    expect(dashboard.total.actionCount).toBe(50);
    expect(Object.values(dashboard.total.counts).reduce((a, b) => a + b, 0)).toBe(50);
    expect(dashboard.levels.map((level) => [level.name, level.groups.length])).toEqual([
      ['テーマ', 3],
      ['重点施策', 8],
    ]);
    const themeSum = dashboard.levels[0]!.groups.reduce((sum, group) => sum + group.actionCount, 0);
    expect(themeSum).toBe(50);
    const digital = dashboard.departments.find((row) => row.departmentKey === 'digital-strategy')!;
    expect(digital.actionCount).toBeGreaterThan(0);
    // Actions 6 and 13 are owned by two departments each and count once in each.
    const owned = dashboard.departments.reduce((sum, row) => sum + row.actionCount, 0);
    expect(owned).toBeGreaterThanOrEqual(50);
  });

  it('gives the mean rate of each group from its rated actions, one decimal', () => {
    const dashboard = buildDashboard(fictional);
    const [measure1, measure2] = dashboard.levels[1]!.groups;
    // a1 100 %, a2 by its KPI 50 ÷ 300 = 16.7 %: mean 58.4 % (of the shown rates).
    expect(measure1).toMatchObject({ title: '施策1', actionCount: 2, ratedCount: 2, meanRate: 58.4 });
    // a3 40 %, a4 by its tasks (100 + 50) ÷ 2 = 75 %.
    expect(measure2).toMatchObject({ actionCount: 2, meanRate: 57.5 });
    expect(dashboard.departments.map((row) => row.name)).toEqual([
      'デジタル推進課',
      '市民課',
      '担い手未登録',
    ]);
  });

  it('lays out every action’s year task means across the fiscal years, marking projections', () => {
    const kama = loadSample('kama-digital-plan-1.json');
    const { heatmap } = buildDashboard(kama);
    expect(heatmap.years).toEqual([2024, 2025, 2026]);
    const action6 = heatmap.rows.find((row) => row.actionKey === 'action-06')!;
    expect(action6.cells.map((cell) => cell.shown)).toEqual([75, 97.5, 97.5]);
    expect(action6.cells.map((cell) => cell.projection)).toEqual([false, false, true]);
    const action2 = heatmap.rows.find((row) => row.actionKey === 'action-02')!;
    expect(action2.cells.every((cell) => cell.shown === null && cell.taskCount === 0)).toBe(true);
  });

  it('lists the actions at risk: a low label, or a KPI behind the straight line to its target', () => {
    const dashboard = buildDashboard(fictional);
    const keys = dashboard.atRisk.map((entry) => entry.actionKey);
    // a4 is rated by its task mean 75.0 %: やや未達.
    expect(keys).toEqual(['a2', 'a3', 'a4']);
    const a2 = dashboard.atRisk[0]!;
    expect(a2.reasons.map((reason) => reason.code)).toEqual(['rating', 'pace']);
    expect(a2.reasons[1]!.message).toContain('指標「申請件数」');
    expect(a2.reasons[1]!.message).toContain('実績は 50件');
    expect(dashboard.atRisk[1]!.reasons).toEqual([
      { code: 'rating', message: '評価が「課題あり」（40.0 %）' },
    ]);
  });

  it('flags a KPI without an owner, a year without an actual and a low label without an improvement plan', () => {
    const dashboard = buildDashboard(fictional);
    const alerts = dashboard.alerts.map((alert) => `${alert.actionKey} ${alert.code}: ${alert.message}`);
    expect(alerts).toContain('a4 kpi.no_owner: 指標がありますが、担い手（担当課）が登録されていません');
    expect(alerts).toContain(
      'a4 kpi.missing_actual: 指標「利用者数」: 令和6年度・令和7年度の実績値がありません',
    );
    // The baseline stands for FY2023; FY2024 has its actual (2025-03-31); FY2025 ended without one.
    expect(alerts).toContain('a2 kpi.missing_actual: 指標「申請件数」: 令和7年度の実績値がありません');
    expect(alerts).toContain(
      'a2 rating.no_improvement_plan: 評価が「課題あり」ですが、今後の課題（改善の方針）が記入されていません',
    );
    // a3 is low too, but its department has written what comes next.
    expect(alerts.filter((alert) => alert.startsWith('a3'))).toEqual([]);
  });

  it('does not ask for the actual of a year that has not ended', () => {
    const dashboard = buildDashboard(fictional, { today: '2025-03-30' });
    expect(
      dashboard.alerts.filter((alert) => alert.code === 'kpi.missing_actual').map((a) => a.message),
    ).toEqual([]);
  });

  it('flags the tasks of the open round that nobody has updated since the round opened, per department', () => {
    const { plan, departments } = fictional;
    const dashboard = buildPlanDashboard({
      plan,
      departments,
      evaluation: evaluatePlan(plan),
      settings: resolveEvaluationSettings(plan),
      today: '2026-11-23',
      previous: null,
      round: {
        fy: 2026,
        openedAt: '2026-09-01T00:00:00.000Z',
        tasks: [
          { actionKey: 'a4', departmentKey: 'digital', planText: '運用', lastProgressAt: null },
          {
            actionKey: 'a4',
            departmentKey: 'digital',
            planText: '評価',
            lastProgressAt: '2026-08-01T00:00:00.000Z',
          },
          {
            actionKey: 'a4',
            departmentKey: 'citizens',
            planText: '周知',
            lastProgressAt: '2026-09-02T00:00:00.000Z',
          },
        ],
      },
    });
    const stale = dashboard.alerts.filter((alert) => alert.code === 'task.not_updated');
    expect(stale).toEqual([
      expect.objectContaining({
        actionKey: 'a4',
        departmentKeys: ['digital'],
        message:
          'デジタル推進課: 令和8年度のタスク2件（「運用」「評価」）がこの進捗確認でまだ更新されていません',
      }),
    ]);
  });

  it('compares the label counts with the plan as it stood when the last round closed', () => {
    const { plan, departments } = fictional;
    const earlier = structuredClone(plan);
    earlier.nodes[0]!.children[1]!.actions[0]!.assessment = { rate: 95, reason: '以前の評価' };
    const dashboard = buildPlanDashboard({
      plan,
      departments,
      evaluation: evaluatePlan(plan),
      settings: resolveEvaluationSettings(plan),
      today: '2026-11-23',
      previous: { plan: earlier, evaluation: evaluatePlan(earlier) },
      round: null,
    });
    expect(dashboard.previousTotal?.counts.nearly_achieved).toBe(1);
    expect(dashboard.total.counts.nearly_achieved).toBe(0);
  });

  it('calls the two lowest bands of the scale low', () => {
    const label = (key: string) => ({ key, label: key, kind: 'band' as const });
    expect(isLowRating(label('slightly_short'), DEFAULT_RATING_SCALE)).toBe(true);
    expect(isLowRating(label('needs_attention'), DEFAULT_RATING_SCALE)).toBe(true);
    expect(isLowRating(label('mostly_achieved'), DEFAULT_RATING_SCALE)).toBe(false);
    expect(isLowRating({ key: 'unrated', label: '未評価', kind: 'unrated' }, DEFAULT_RATING_SCALE)).toBe(
      false,
    );
  });
});

describe('the plan’s year schedule', () => {
  it('lays out いちき串木野市’s schedules (試験導入 → システム導入 → 実装) with this fiscal year marked', () => {
    const ichiki = loadSample('ichikikushikino-dx-plan.json');
    const schedule = buildPlanSchedule({ plan: ichiki.plan, today: '2025-06-01' });
    expect(schedule.years).toEqual([2023, 2024, 2025, 2026]);
    expect(schedule.currentFy).toBe(2025);
    const counter = schedule.rows.find((row) => row.item === '書かない窓口')!;
    expect(counter.cells.map((cell) => cell.texts.join(''))).toEqual([
      '試験導入',
      'システム導入',
      '実装',
      '',
    ]);
    expect(schedule.rows.every((row) => row.source === 'schedule')).toBe(true);
  });

  it('shows the yearly tasks of an action that has no schedule', () => {
    const schedule = buildPlanSchedule({ plan: fictional.plan, today: '2026-11-23' });
    expect(schedule.rows).toEqual([
      expect.objectContaining({
        actionKey: 'a4',
        source: 'tasks',
        item: null,
        cells: [
          { fy: 2024, texts: ['調査'] },
          { fy: 2025, texts: ['導入'] },
          { fy: 2026, texts: [] },
        ],
      }),
    ]);
  });
});
