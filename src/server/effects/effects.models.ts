import {
  type BprTotals,
  computeBprResult,
  computeBprTotals,
  computeFundingTotals,
  computeGrantShare,
  computeSeriesTable,
  type FundingTotals,
  type SeriesTable,
} from '../../domain/effects.js';
import type { BprProjectRow, BprResultRow } from './bpr.repository.js';
import type { DepartmentRef } from './effects.repository.js';
import type { BprResultView, FundingItemView, LinkedAction, SeriesRowView } from './effects.schemas.js';
import type { FundingItemRow, FundingListRow } from './funding.repository.js';
import type { SeriesRecord, SeriesRowRecord } from './series.repository.js';

/*
 * Rows → figures: the one place where stored rows meet the domain's computations, for the pages, the
 * CSV, the report sections, the open data and the derived KPI actuals alike.
 */

export function computeProjectTotals(project: BprProjectRow, results: readonly BprResultRow[]): BprTotals {
  return computeBprTotals({
    results,
    stated: { hoursSaved: project.statedHoursSaved, reductionRate: project.statedReductionRate },
  });
}

export function toBprResultView({
  row,
  departments,
  actions,
}: {
  row: BprResultRow;
  departments: Map<string, DepartmentRef>;
  actions: LinkedAction[];
}): BprResultView {
  const figures = computeBprResult(row);
  const department = departments.get(row.departmentId);
  return {
    id: row.id,
    number: row.number,
    process: row.process,
    department: {
      id: row.departmentId,
      key: department?.key ?? '',
      name: department?.name ?? '（不明な課）',
    },
    hoursBefore: row.hoursBefore,
    hoursAfter: row.hoursAfter,
    measured: figures.measured,
    hoursSaved: figures.hoursSaved,
    reductionRateShown: figures.reductionRateShown,
    statedHoursSaved: row.statedHoursSaved,
    statedReductionRate: row.statedReductionRate,
    checks: figures.checks,
    note: row.note,
    position: row.position,
    version: row.version,
    actions,
  };
}

export function computeSeriesFigures(series: SeriesRecord, rows: readonly SeriesRowRecord[]): SeriesTable {
  return computeSeriesTable({
    columns: series.columns,
    rows: rows.map((row) => ({
      fy: row.fy,
      values: row.values,
      statedValues: row.statedValues ?? undefined,
      statedChanges: row.statedChanges ?? undefined,
    })),
  });
}

export function toSeriesRowViews(series: SeriesRecord, rows: readonly SeriesRowRecord[]): SeriesRowView[] {
  const table = computeSeriesFigures(series, rows);
  const byYear = new Map(rows.map((row) => [row.fy, row]));
  return table.rows.map((figures) => {
    const row = byYear.get(figures.fy)!;
    return {
      id: row.id,
      fy: row.fy,
      entered: row.values,
      statedValues: row.statedValues,
      statedChanges: row.statedChanges,
      note: row.note,
      version: row.version,
      values: figures.values,
      changes: figures.changes,
      checks: figures.checks,
    };
  });
}

export function computeListTotals(list: FundingListRow, items: readonly FundingItemRow[]): FundingTotals {
  return computeFundingTotals({
    items,
    stated: {
      projectCost: list.statedProjectCost,
      grantAmount: list.statedGrantAmount,
      budgetAmount: list.statedBudgetAmount,
    },
  });
}

export function toFundingItemView({
  row,
  actions,
}: {
  row: FundingItemRow;
  actions: LinkedAction[];
}): FundingItemView {
  return {
    id: row.id,
    number: row.number,
    name: row.name,
    summary: row.summary,
    type: row.type,
    projectCost: row.projectCost,
    grantAmount: row.grantAmount,
    budgetAmount: row.budgetAmount,
    subsidyRate:
      row.subsidyRateNumerator !== null && row.subsidyRateDenominator !== null
        ? { numerator: row.subsidyRateNumerator, denominator: row.subsidyRateDenominator }
        : null,
    grantShare: computeGrantShare(row),
    note: row.note,
    position: row.position,
    version: row.version,
    actions,
  };
}

/** Rows grouped by a key, each group in the order given. */
export function groupRows<T, K>(rows: readonly T[], keyOf: (row: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const row of rows) {
    const key = keyOf(row);
    const group = groups.get(key);
    if (group) group.push(row);
    else groups.set(key, [row]);
  }
  return groups;
}
