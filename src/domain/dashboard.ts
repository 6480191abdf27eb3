import type { ActionEvaluation, PlanEvaluation, Rating } from './evaluation/evaluation.models.js';
import { formatFigure, formatRate, roundToOneDecimal } from './evaluation/numbers.js';
import { fiscalYearEnd, fiscalYearOfDate, formatFiscalYear, formatJapaneseDate } from './fiscal-year.js';
import { assessKpiPace } from './forecast.js';
import type { Action, Department, EvaluationSettings, Plan, PlanNode, RatingBand } from './plan.schemas.js';
import { listActions } from './plan-tree.js';

/*
 * The plan dashboard as data: how many actions carry each label (overall, per level, per department),
 * the mean rates, the year task means of every action, the actions at risk and what is missing or stale
 * in the data. Pure: the server passes in the plan, its evaluation, today's date and the open round.
 */

export interface RatingTally {
  actionCount: number;
  counts: Record<string, number>;
  /** Mean of the rated actions' shown rates, one decimal; null when none is rated. */
  meanRate: number | null;
  ratedCount: number;
}

export interface DashboardGroup extends RatingTally {
  key: string;
  number: string | null;
  title: string;
}

export interface DashboardLevel {
  depth: number;
  /** The level's name as the plan calls it (テーマ, 重点施策 …). */
  name: string;
  groups: DashboardGroup[];
}

export interface DashboardDepartment extends RatingTally {
  /** Null: the actions with no owner department. */
  departmentKey: string | null;
  name: string;
}

export interface HeatmapCell {
  fy: number;
  /** The year's task mean as shown; null when the year has no task or no recorded progress. */
  shown: number | null;
  /** Counts expected (予定 / 想定) values. */
  projection: boolean;
  taskCount: number;
}

export interface HeatmapRow {
  actionKey: string;
  number: string;
  title: string;
  cells: HeatmapCell[];
}

export type RiskReasonCode = 'rating' | 'pace';

export interface AtRiskAction {
  actionKey: string;
  number: string;
  title: string;
  rating: Rating;
  shown: number | null;
  reasons: { code: RiskReasonCode; message: string }[];
}

export type DataQualityCode =
  | 'kpi.no_owner'
  | 'kpi.missing_actual'
  | 'task.not_updated'
  | 'rating.no_improvement_plan';

export interface DataQualityAlert {
  code: DataQualityCode;
  actionKey: string;
  number: string;
  title: string;
  /** The departments who can fix it: the task's department, else the action's owners. */
  departmentKeys: string[];
  message: string;
}

/** A task of the open round's year and when its progress was last updated (audit `task` / `progress`). */
export interface RoundTaskActivity {
  actionKey: string;
  departmentKey: string;
  planText: string;
  /** ISO timestamp; null when never updated. */
  lastProgressAt: string | null;
}

export interface PlanDashboard {
  ratings: Rating[];
  total: RatingTally;
  /** The same tally at the last closed round, for the comparison; null when no round has closed. */
  previousTotal: RatingTally | null;
  levels: DashboardLevel[];
  departments: DashboardDepartment[];
  heatmap: { years: number[]; rows: HeatmapRow[] };
  atRisk: AtRiskAction[];
  alerts: DataQualityAlert[];
}

class Tally {
  actionCount = 0;
  ratedCount = 0;
  rateSum = 0;
  readonly counts: Record<string, number> = {};

  constructor(ratings: Rating[]) {
    for (const rating of ratings) this.counts[rating.key] = 0;
  }

  add(evaluation: ActionEvaluation): void {
    this.actionCount++;
    this.counts[evaluation.rating.key] = (this.counts[evaluation.rating.key] ?? 0) + 1;
    if (evaluation.result && evaluation.rating.kind === 'band') {
      this.ratedCount++;
      this.rateSum += evaluation.result.shown;
    }
  }

  toTally(): RatingTally {
    return {
      actionCount: this.actionCount,
      counts: this.counts,
      meanRate: this.ratedCount > 0 ? roundToOneDecimal(this.rateSum / this.ratedCount) : null,
      ratedCount: this.ratedCount,
    };
  }
}

function tallyPlan(plan: Plan, evaluation: PlanEvaluation): RatingTally {
  const tally = new Tally(evaluation.ratings);
  for (const { action } of listActions(plan)) {
    const actionEvaluation = evaluation.actions.get(action.key);
    if (actionEvaluation) tally.add(actionEvaluation);
  }
  return tally.toTally();
}

/**
 * A label is low when it is one of the two lowest bands of the plan's scale (by default やや未達 and
 * 課題あり): those actions need a plan for what comes next.
 */
export function isLowRating(rating: Rating, scale: RatingBand[]): boolean {
  if (rating.kind !== 'band') return false;
  const index = scale.findIndex((band) => band.key === rating.key);
  return index >= 0 && index >= scale.length - 2;
}

function buildLevels(plan: Plan, evaluation: PlanEvaluation): DashboardLevel[] {
  const bandKeys = evaluation.ratings.filter((rating) => rating.kind === 'band').map((rating) => rating.key);
  const levels: DashboardLevel[] = plan.levels.map((name, depth) => ({ depth, name, groups: [] }));
  const visit = (node: PlanNode, depth: number) => {
    const nodeEvaluation = evaluation.nodes.get(node.key);
    const level = levels[depth];
    if (level && nodeEvaluation) {
      level.groups.push({
        key: node.key,
        number: node.number ?? null,
        title: node.title,
        actionCount: nodeEvaluation.actionCount,
        counts: nodeEvaluation.counts,
        meanRate: nodeEvaluation.meanRate,
        ratedCount: bandKeys.reduce((sum, key) => sum + (nodeEvaluation.counts[key] ?? 0), 0),
      });
    }
    for (const child of node.children) visit(child, depth + 1);
  };
  for (const node of plan.nodes) visit(node, 0);
  return levels.filter((level) => level.groups.length > 0);
}

function buildDepartments(
  plan: Plan,
  departments: Department[],
  evaluation: PlanEvaluation,
): DashboardDepartment[] {
  const tallies = new Map<string | null, Tally>();
  for (const { action } of listActions(plan)) {
    const actionEvaluation = evaluation.actions.get(action.key);
    if (!actionEvaluation) continue;
    const owners = action.owners.length > 0 ? action.owners : [null];
    for (const owner of owners) {
      let tally = tallies.get(owner);
      if (!tally) {
        tally = new Tally(evaluation.ratings);
        tallies.set(owner, tally);
      }
      tally.add(actionEvaluation);
    }
  }
  const rows: DashboardDepartment[] = [];
  for (const department of departments) {
    const tally = tallies.get(department.key);
    if (tally) rows.push({ departmentKey: department.key, name: department.name, ...tally.toTally() });
  }
  const unowned = tallies.get(null);
  if (unowned) rows.push({ departmentKey: null, name: '担い手未登録', ...unowned.toTally() });
  return rows;
}

function buildHeatmap(plan: Plan, evaluation: PlanEvaluation): PlanDashboard['heatmap'] {
  const yearSet = new Set<number>();
  for (const { action } of listActions(plan)) for (const task of action.tasks) yearSet.add(task.fy);
  const years = [...yearSet].sort((a, b) => a - b);
  const rows = listActions(plan).map(({ action }): HeatmapRow => {
    const byYear = new Map(
      evaluation.actions.get(action.key)?.tasks.years.map((year) => [year.fy, year]) ?? [],
    );
    return {
      actionKey: action.key,
      number: action.number,
      title: action.title,
      cells: years.map((fy) => {
        const year = byYear.get(fy);
        return {
          fy,
          shown: year?.result?.shown ?? null,
          projection: year?.result?.projection ?? false,
          taskCount: year?.taskCount ?? 0,
        };
      }),
    };
  });
  return { years, rows };
}

function isActive(action: Action): boolean {
  return !action.status || action.status === 'active';
}

function buildAtRisk({
  plan,
  evaluation,
  settings,
  today,
}: {
  plan: Plan;
  evaluation: PlanEvaluation;
  settings: EvaluationSettings;
  today: string;
}): AtRiskAction[] {
  const atRisk: AtRiskAction[] = [];
  for (const { action } of listActions(plan)) {
    const actionEvaluation = evaluation.actions.get(action.key);
    if (!actionEvaluation || !isActive(action)) continue;
    const reasons: AtRiskAction['reasons'] = [];
    if (isLowRating(actionEvaluation.rating, settings.ratingScale)) {
      const shown = actionEvaluation.result ? `（${formatRate(actionEvaluation.result.shown)}）` : '';
      reasons.push({ code: 'rating', message: `評価が「${actionEvaluation.rating.label}」${shown}` });
    }
    for (const kpi of action.kpis) {
      const pace = assessKpiPace({ kpi, today, planStartFy: plan.period.startFy });
      if (!pace.available || !pace.behind) continue;
      reasons.push({
        code: 'pace',
        message: `指標「${kpi.name}」: 目標までの直線では今日 ${formatFigure(roundToOneDecimal(pace.expectedValue))}${kpi.unit} が必要ですが、実績は ${formatFigure(pace.actual.value)}${kpi.unit}（${formatJapaneseDate(pace.actual.date)}）`,
      });
    }
    if (reasons.length === 0) continue;
    atRisk.push({
      actionKey: action.key,
      number: action.number,
      title: action.title,
      rating: actionEvaluation.rating,
      shown: actionEvaluation.result?.shown ?? null,
      reasons,
    });
  }
  return atRisk;
}

/** The fiscal years a KPI should have an actual for by today: ended years of the plan up to its target. */
function listExpectedKpiYears({
  plan,
  baselineDate,
  targetFy,
  today,
}: {
  plan: Plan;
  baselineDate: string | undefined;
  targetFy: number;
  today: string;
}): number[] {
  // The baseline stands for its own year (令和5年度末 is the FY2023 figure).
  const first = Math.max(plan.period.startFy, baselineDate ? fiscalYearOfDate(baselineDate) + 1 : 0);
  const last = Math.min(plan.period.endFy, targetFy);
  const years: number[] = [];
  for (let fy = first; fy <= last; fy++) if (fiscalYearEnd(fy) < today) years.push(fy);
  return years;
}

function buildAlerts({
  plan,
  departments,
  evaluation,
  settings,
  today,
  round,
}: {
  plan: Plan;
  departments: Department[];
  evaluation: PlanEvaluation;
  settings: EvaluationSettings;
  today: string;
  round: DashboardInput['round'];
}): DataQualityAlert[] {
  const alerts: DataQualityAlert[] = [];
  const departmentNames = new Map(departments.map((department) => [department.key, department.name]));
  const actions = listActions(plan).map(({ action }) => action);
  const byKey = new Map(actions.map((action) => [action.key, action]));
  const alert = (action: Action, code: DataQualityCode, message: string, departmentKeys = action.owners) =>
    alerts.push({
      code,
      actionKey: action.key,
      number: action.number,
      title: action.title,
      departmentKeys,
      message,
    });

  for (const action of actions) {
    if (action.kpis.length > 0 && action.owners.length === 0) {
      alert(action, 'kpi.no_owner', '指標がありますが、担い手（担当課）が登録されていません');
    }
    for (const kpi of action.kpis) {
      const measured = new Set(kpi.actuals.map((actual) => fiscalYearOfDate(actual.date)));
      const missing = listExpectedKpiYears({
        plan,
        baselineDate: kpi.baseline?.date,
        targetFy: kpi.target.fy,
        today,
      }).filter((fy) => !measured.has(fy));
      if (missing.length === 0) continue;
      alert(
        action,
        'kpi.missing_actual',
        `指標「${kpi.name}」: ${missing.map(formatFiscalYear).join('・')}の実績値がありません`,
      );
    }
    const actionEvaluation = evaluation.actions.get(action.key);
    if (
      actionEvaluation &&
      isActive(action) &&
      isLowRating(actionEvaluation.rating, settings.ratingScale) &&
      !action.report?.issuesAhead?.trim()
    ) {
      alert(
        action,
        'rating.no_improvement_plan',
        `評価が「${actionEvaluation.rating.label}」ですが、今後の課題（改善の方針）が記入されていません`,
      );
    }
  }

  if (round) {
    // One alert per action and department, naming its tasks that nobody has updated since the round opened.
    const stale = new Map<string, RoundTaskActivity[]>();
    for (const task of round.tasks) {
      if (task.lastProgressAt !== null && task.lastProgressAt >= round.openedAt) continue;
      const id = `${task.actionKey}\u0000${task.departmentKey}`;
      const list = stale.get(id);
      if (list) list.push(task);
      else stale.set(id, [task]);
    }
    for (const tasks of stale.values()) {
      const first = tasks[0]!;
      const action = byKey.get(first.actionKey);
      if (!action) continue;
      const department = departmentNames.get(first.departmentKey) ?? first.departmentKey;
      alert(
        action,
        'task.not_updated',
        `${department}: ${formatFiscalYear(round.fy)}のタスク${tasks.length}件（${tasks.map((task) => `「${task.planText}」`).join('')}）がこの進捗確認でまだ更新されていません`,
        [first.departmentKey],
      );
    }
  }
  return alerts;
}

export interface DashboardInput {
  plan: Plan;
  departments: Department[];
  evaluation: PlanEvaluation;
  settings: EvaluationSettings;
  /** YYYY-MM-DD in Japan. */
  today: string;
  /** The plan as it stood when the last round closed, evaluated. */
  previous: { plan: Plan; evaluation: PlanEvaluation } | null;
  /** The open round: its fiscal year, when it opened (ISO timestamp) and its year's tasks. */
  round: { fy: number; openedAt: string; tasks: RoundTaskActivity[] } | null;
}

/** Everything the dashboard shows, from one evaluation of the plan. */
export function buildPlanDashboard(input: DashboardInput): PlanDashboard {
  const { plan, departments, evaluation, settings, today } = input;
  return {
    ratings: evaluation.ratings,
    total: tallyPlan(plan, evaluation),
    previousTotal: input.previous ? tallyPlan(input.previous.plan, input.previous.evaluation) : null,
    levels: buildLevels(plan, evaluation),
    departments: buildDepartments(plan, departments, evaluation),
    heatmap: buildHeatmap(plan, evaluation),
    atRisk: buildAtRisk({ plan, evaluation, settings, today }),
    alerts: buildAlerts({ plan, departments, evaluation, settings, today, round: input.round }),
  };
}
