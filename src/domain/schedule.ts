import { fiscalYearOfDate } from './fiscal-year.js';
import type { Plan } from './plan.schemas.js';
import { listActions } from './plan-tree.js';

export interface ScheduleCell {
  fy: number;
  /** What is planned for the year (試験導入, システム導入, 実装 …); empty when nothing is. */
  texts: string[];
}

export interface ScheduleRow {
  /** Unique in the schedule: the action's key and the row's place in its schedule. */
  key: string;
  actionKey: string;
  number: string;
  title: string;
  /** `schedule`: a row of the action's 取組スケジュール; `tasks`: its yearly tasks, for an action without one. */
  source: 'schedule' | 'tasks';
  /** The schedule row's item; null for the task row. */
  item: string | null;
  cells: ScheduleCell[];
}

export interface PlanSchedule {
  years: number[];
  /** Today's fiscal year, marked on the schedule. */
  currentFy: number;
  rows: ScheduleRow[];
}

/**
 * The plan's year schedule as one table: a row per schedule item of every action (いちき串木野市:
 * 試験導入 → システム導入 → 実装), and for an action with no schedule but with yearly tasks, one row of
 * its tasks' plan texts. Columns are the plan's fiscal years and any year a row names.
 */
export function buildPlanSchedule({ plan, today }: { plan: Plan; today: string }): PlanSchedule {
  const actions = listActions(plan).map(({ action }) => action);
  const yearSet = new Set<number>();
  for (let fy = plan.period.startFy; fy <= plan.period.endFy; fy++) yearSet.add(fy);
  for (const action of actions) {
    for (const row of action.schedule ?? []) for (const entry of row.entries) yearSet.add(entry.fy);
    if (!action.schedule?.length) for (const task of action.tasks) yearSet.add(task.fy);
  }
  const years = [...yearSet].sort((a, b) => a - b);

  const rows: ScheduleRow[] = [];
  for (const action of actions) {
    const base = { actionKey: action.key, number: action.number, title: action.title };
    if (action.schedule?.length) {
      action.schedule.forEach((row, index) => {
        rows.push({
          ...base,
          key: `${action.key}/${index}`,
          source: 'schedule',
          item: row.item,
          cells: years.map((fy) => ({
            fy,
            texts: row.entries.filter((entry) => entry.fy === fy).map((entry) => entry.text),
          })),
        });
      });
    } else if (action.tasks.length > 0) {
      rows.push({
        ...base,
        key: `${action.key}/tasks`,
        source: 'tasks',
        item: null,
        cells: years.map((fy) => ({
          fy,
          texts: [...new Set(action.tasks.filter((task) => task.fy === fy).map((task) => task.planText))],
        })),
      });
    }
  }
  return { years, currentFy: fiscalYearOfDate(today), rows };
}
