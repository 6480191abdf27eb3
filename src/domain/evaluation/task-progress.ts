import { formatFiscalYear } from '../fiscal-year.js';
import type { EvaluationSettings, Task } from '../plan.schemas.js';
import type { Flag, RateResult, TaskYearEvaluation } from './evaluation.models.js';
import { buildRateResult, meanOf } from './rate-result.js';

export interface TaskProgressEvaluation {
  years: TaskYearEvaluation[];
  result: RateResult | null;
  flags: Flag[];
}

function groupByFiscalYear(tasks: Task[]): [number, Task[]][] {
  const byYear = new Map<number, Task[]>();
  for (const task of tasks) {
    const year = byYear.get(task.fy);
    if (year) year.push(task);
    else byYear.set(task.fy, [task]);
  }
  return [...byYear].sort(([a], [b]) => a - b);
}

function evaluateYear(
  fy: number,
  tasks: Task[],
  settings: EvaluationSettings,
  departmentWeights: Record<string, number> | undefined,
  flags: Flag[],
): TaskYearEvaluation {
  let recordedCount = 0;
  let projection = false;
  for (const task of tasks) {
    if (task.progress !== null) recordedCount++;
    if (task.expected) projection = true;
  }
  if (recordedCount === 0) {
    flags.push({
      code: 'tasks.year_unrecorded',
      message: `${formatFiscalYear(fy)}のタスクは進捗が一つも記録されていないため、平均に含めていません`,
    });
    return { fy, taskCount: tasks.length, recordedCount, result: null };
  }
  // A task left blank in a year that has records counts as 0 %: dropping it would flatter the mean.
  for (const task of tasks) {
    if (task.progress === null) {
      flags.push({
        code: 'task.progress_missing',
        message: `${formatFiscalYear(fy)}のタスク「${task.planText}」は進捗が未記録のため 0 % として計算しています`,
      });
    }
  }
  const mean =
    settings.taskAggregation === 'department_mean'
      ? meanOfDepartmentMeans(tasks, departmentWeights)
      : meanOf(tasks.map((task) => ({ value: task.progress ?? 0, weight: task.weight })));
  const result = buildRateResult({
    raw: mean.value,
    formula: mean.formula,
    scale: settings.ratingScale,
    projection,
  });
  return { fy, taskCount: tasks.length, recordedCount, result };
}

function meanOfDepartmentMeans(tasks: Task[], departmentWeights: Record<string, number> | undefined) {
  const byDepartment = new Map<string, Task[]>();
  for (const task of tasks) {
    const list = byDepartment.get(task.department);
    if (list) list.push(task);
    else byDepartment.set(task.department, [task]);
  }
  const departmentMeans = [...byDepartment].map(([department, list]) => ({
    value: meanOf(list.map((task) => ({ value: task.progress ?? 0, weight: task.weight }))).value,
    weight: departmentWeights?.[department],
  }));
  const mean = meanOf(departmentMeans);
  return { value: mean.value, formula: () => `課ごとの平均 ${mean.formula()}` };
}

/**
 * 各年度タスクの進捗率: a year's rate is the mean of its tasks, the multi-year rate the mean of the year
 * rates as shown (one decimal), so that the explanation can be recomputed from the figures it prints.
 * Expected (予定 / 想定) values count, as the seed counts them, and make the result a projection.
 */
export function evaluateTaskProgress(
  tasks: Task[],
  settings: EvaluationSettings,
  departmentWeights?: Record<string, number>,
): TaskProgressEvaluation {
  const flags: Flag[] = [];
  const years: TaskYearEvaluation[] = [];
  for (const [fy, yearTasks] of groupByFiscalYear(tasks)) {
    years.push(evaluateYear(fy, yearTasks, settings, departmentWeights, flags));
  }
  const rated = years.filter((year) => year.result !== null);
  if (rated.length === 0) return { years, result: null, flags };
  const mean = meanOf(rated.map((year) => ({ value: year.result!.shown })));
  const result = buildRateResult({
    raw: mean.value,
    formula:
      rated.length === 1 ? () => `${formatFiscalYear(rated[0]!.fy)}の平均 ${mean.formula()}` : mean.formula,
    scale: settings.ratingScale,
    projection: rated.some((year) => year.result!.projection),
  });
  return { years, result, flags };
}
