import type { Database } from '../../db/database.js';
import { AppError } from '../../domain/app-error.js';
import type { SeriesColumn } from '../../domain/effects.js';
import { formatFiscalYear } from '../../domain/fiscal-year.js';
import type { Actor } from '../../domain/policy.js';
import type { ValidationIssue } from '../../domain/validation.js';
import { recordAudit } from '../audit/audit.repository.js';
import { ensureCan } from '../authorization.js';
import {
  ensureCanEditWholeTable,
  ensureMunicipalityExists,
  throwConflict,
  toIsoString,
} from './effects.access.js';
import { computeSeriesFigures, groupRows, toSeriesRowViews } from './effects.models.js';
import type { SeriesDetail, SeriesList } from './effects.schemas.js';
import { findKpiLinks, refreshDerivedKpiActuals } from './kpi-sources.usecases.js';
import {
  findSeries,
  findSeriesRow,
  insertSeries,
  insertSeriesRow,
  listSeries,
  listSeriesRows,
  type SeriesRecord,
  type SeriesRowRecord,
  type SeriesRowValues,
  type SeriesValues,
  updateSeries,
  updateSeriesRow,
} from './series.repository.js';

export function toSeriesView(row: SeriesRecord, rows: readonly SeriesRowRecord[]): SeriesDetail['series'] {
  return {
    id: row.id,
    title: row.title,
    description: row.description,
    columns: row.columns,
    source: row.source,
    note: row.note,
    published: row.publishedAt !== null,
    publishedAt: toIsoString(row.publishedAt),
    version: row.version,
    updatedAt: row.updatedAt.toISOString(),
    years: rows.map((entry) => entry.fy).sort((a, b) => a - b),
  };
}

export async function findSeriesList({
  db,
  actor,
  municipalityId,
}: {
  db: Database;
  actor: Actor;
  municipalityId: string;
}): Promise<SeriesList> {
  ensureCan(actor, 'plan.read', { municipalityId });
  const series = await listSeries({ db, municipalityId });
  const rows = groupRows(
    await listSeriesRows({ db, municipalityId, seriesIds: series.map((entry) => entry.id) }),
    (row) => row.seriesId,
  );
  return {
    series: series.map((entry) => {
      const entryRows = rows.get(entry.id) ?? [];
      const table = computeSeriesFigures(entry, entryRows);
      return {
        ...toSeriesView(entry, entryRows),
        flagCount: table.checks.filter((check) => check.differs).length,
      };
    }),
  };
}

export async function getSeriesDetail({
  db,
  actor,
  municipalityId,
  seriesId,
}: {
  db: Database;
  actor: Actor;
  municipalityId: string;
  seriesId: string;
}): Promise<SeriesDetail> {
  ensureCan(actor, 'plan.read', { municipalityId });
  return loadSeriesDetail({ db, municipalityId, seriesId });
}

/** The detail without a permission check, for callers that have checked (or serve published data). */
export async function loadSeriesDetail({
  db,
  municipalityId,
  seriesId,
}: {
  db: Database;
  municipalityId: string;
  seriesId: string;
}): Promise<SeriesDetail> {
  const series = await findSeries({ db, municipalityId, seriesId });
  if (!series) throw new AppError({ code: 'series.not_found' });
  const rows = await listSeriesRows({ db, municipalityId, seriesIds: [series.id] });
  const table = computeSeriesFigures(series, rows);
  return {
    series: toSeriesView(series, rows),
    rows: toSeriesRowViews(series, rows),
    checks: table.checks,
    kpiLinks: await findKpiLinks({ db, municipalityId, seriesId: series.id }),
  };
}

export async function createSeries({
  db,
  actor,
  municipalityId,
  input,
}: {
  db: Database;
  actor: Actor;
  municipalityId: string;
  input: SeriesValues;
}): Promise<SeriesDetail> {
  ensureCanEditWholeTable(actor, municipalityId);
  await ensureMunicipalityExists({ db, municipalityId });
  const series = await db.transaction(async (tx) => {
    const row = await insertSeries({ db: tx, municipalityId, values: input });
    await recordAudit({
      db: tx,
      actor,
      entry: {
        municipalityId,
        subjectType: 'series',
        subjectId: row.id,
        operation: 'create',
        summary: `推移表「${row.title}」を登録（${row.columns.map((column) => column.label).join('・')}）`,
        after: input,
      },
    });
    return row;
  });
  return loadSeriesDetail({ db, municipalityId, seriesId: series.id });
}

export async function updateSeriesHeader({
  db,
  actor,
  municipalityId,
  seriesId,
  input,
}: {
  db: Database;
  actor: Actor;
  municipalityId: string;
  seriesId: string;
  input: SeriesValues & { version: number };
}): Promise<SeriesDetail> {
  ensureCanEditWholeTable(actor, municipalityId);
  const { version, ...values } = input;
  await db.transaction(async (tx) => {
    const before = await findSeries({ db: tx, municipalityId, seriesId });
    if (!before) throw new AppError({ code: 'series.not_found' });
    const after = await updateSeries({ db: tx, municipalityId, seriesId, version, values });
    if (!after) throwConflict(toSeriesView(before, []));
    await recordAudit({
      db: tx,
      actor,
      entry: {
        municipalityId,
        subjectType: 'series',
        subjectId: seriesId,
        operation: 'update',
        summary: `推移表「${after.title}」の見出し・列を更新`,
        before: {
          title: before.title,
          description: before.description,
          columns: before.columns,
          source: before.source,
          note: before.note,
        },
        after: values,
      },
    });
    await refreshDerivedKpiActuals({ db: tx, actor, municipalityId, seriesId });
  });
  return loadSeriesDetail({ db, municipalityId, seriesId });
}

export async function archiveSeries({
  db,
  actor,
  municipalityId,
  seriesId,
  version,
}: {
  db: Database;
  actor: Actor;
  municipalityId: string;
  seriesId: string;
  version: number;
}): Promise<void> {
  ensureCanEditWholeTable(actor, municipalityId);
  await db.transaction(async (tx) => {
    const before = await findSeries({ db: tx, municipalityId, seriesId });
    if (!before) throw new AppError({ code: 'series.not_found' });
    const after = await updateSeries({
      db: tx,
      municipalityId,
      seriesId,
      version,
      values: { archivedAt: new Date() },
    });
    if (!after) throwConflict(toSeriesView(before, []));
    await recordAudit({
      db: tx,
      actor,
      entry: {
        municipalityId,
        subjectType: 'series',
        subjectId: seriesId,
        operation: 'archive',
        summary: `推移表「${before.title}」を削除（履歴は残ります）`,
        before: { title: before.title, columns: before.columns },
      },
    });
    await refreshDerivedKpiActuals({ db: tx, actor, municipalityId, seriesId });
  });
}

/**
 * Values go in entered columns; stated figures name computed columns (a stated 印刷枚数計) or columns
 * that show a change (a stated 前年増減数). Anything else is a mistake worth naming.
 */
function ensureRowFitsColumns({ columns, row }: { columns: readonly SeriesColumn[]; row: SeriesRowValues }) {
  const entered = new Set(columns.filter((column) => !column.sumOf).map((column) => column.key));
  const summed = new Set(columns.filter((column) => column.sumOf).map((column) => column.key));
  const changing = new Set(columns.filter((column) => column.changeLabel).map((column) => column.key));
  const issues: ValidationIssue[] = [];
  for (const key of Object.keys(row.values)) {
    if (!entered.has(key)) {
      issues.push({
        path: `values.${key}`,
        message: summed.has(key)
          ? `"${key}" は合計の列です（自動で計算します）`
          : `列 "${key}" はこの推移表にありません`,
      });
    }
  }
  for (const key of Object.keys(row.statedValues ?? {})) {
    if (!summed.has(key))
      issues.push({ path: `statedValues.${key}`, message: '資料の値は合計の列にだけ記録できます' });
  }
  for (const key of Object.keys(row.statedChanges ?? {})) {
    if (!changing.has(key)) {
      issues.push({
        path: `statedChanges.${key}`,
        message: '資料の前年増減は、前年増減を表示する列にだけ記録できます',
      });
    }
  }
  if (issues.length > 0)
    throw new AppError({ code: 'request.invalid', message: '推移表の列と合いません', issues });
}

function ensureYearFree({
  fy,
  rows,
  exceptRowId,
}: {
  fy: number;
  rows: readonly SeriesRowRecord[];
  exceptRowId?: string;
}): void {
  if (rows.some((row) => row.fy === fy && row.id !== exceptRowId)) {
    throw new AppError({
      code: 'series.year_taken',
      message: `${formatFiscalYear(fy)}の行はすでにあります。既存の行を編集してください`,
      issues: [{ path: 'fy', message: 'この年度の行はすでにあります' }],
    });
  }
}

export async function createSeriesRow({
  db,
  actor,
  municipalityId,
  seriesId,
  input,
}: {
  db: Database;
  actor: Actor;
  municipalityId: string;
  seriesId: string;
  input: SeriesRowValues;
}): Promise<SeriesDetail> {
  ensureCanEditWholeTable(actor, municipalityId);
  const series = await findSeries({ db, municipalityId, seriesId });
  if (!series) throw new AppError({ code: 'series.not_found' });
  ensureRowFitsColumns({ columns: series.columns, row: input });
  await db.transaction(async (tx) => {
    ensureYearFree({
      fy: input.fy,
      rows: await listSeriesRows({ db: tx, municipalityId, seriesIds: [seriesId] }),
    });
    const row = await insertSeriesRow({ db: tx, municipalityId, seriesId, values: input });
    await recordAudit({
      db: tx,
      actor,
      entry: {
        municipalityId,
        subjectType: 'series',
        subjectId: row.id,
        operation: 'create',
        summary: `推移表「${series.title}」に${formatFiscalYear(row.fy)}の行を追加`,
        after: input,
      },
    });
    await refreshDerivedKpiActuals({ db: tx, actor, municipalityId, seriesId });
  });
  return loadSeriesDetail({ db, municipalityId, seriesId });
}

export async function updateSeriesRowValues({
  db,
  actor,
  municipalityId,
  seriesId,
  rowId,
  input,
}: {
  db: Database;
  actor: Actor;
  municipalityId: string;
  seriesId: string;
  rowId: string;
  input: SeriesRowValues & { version: number };
}): Promise<SeriesDetail> {
  ensureCanEditWholeTable(actor, municipalityId);
  const series = await findSeries({ db, municipalityId, seriesId });
  if (!series) throw new AppError({ code: 'series.not_found' });
  const { version, ...values } = input;
  ensureRowFitsColumns({ columns: series.columns, row: values });
  await db.transaction(async (tx) => {
    const before = await findSeriesRow({ db: tx, municipalityId, seriesId, rowId });
    if (!before) throw new AppError({ code: 'series_row.not_found' });
    ensureYearFree({
      fy: values.fy,
      rows: await listSeriesRows({ db: tx, municipalityId, seriesIds: [seriesId] }),
      exceptRowId: rowId,
    });
    const after = await updateSeriesRow({ db: tx, municipalityId, rowId, version, values });
    if (!after) throwConflict(toSeriesRowViews(series, [before])[0]);
    await recordAudit({
      db: tx,
      actor,
      entry: {
        municipalityId,
        subjectType: 'series',
        subjectId: rowId,
        operation: 'update',
        summary: `推移表「${series.title}」の${formatFiscalYear(after.fy)}の行を更新`,
        before: {
          fy: before.fy,
          values: before.values,
          statedValues: before.statedValues,
          statedChanges: before.statedChanges,
          note: before.note,
        },
        after: values,
      },
    });
    await refreshDerivedKpiActuals({ db: tx, actor, municipalityId, seriesId });
  });
  return loadSeriesDetail({ db, municipalityId, seriesId });
}

export async function archiveSeriesRow({
  db,
  actor,
  municipalityId,
  seriesId,
  rowId,
  version,
}: {
  db: Database;
  actor: Actor;
  municipalityId: string;
  seriesId: string;
  rowId: string;
  version: number;
}): Promise<SeriesDetail> {
  ensureCanEditWholeTable(actor, municipalityId);
  const series = await findSeries({ db, municipalityId, seriesId });
  if (!series) throw new AppError({ code: 'series.not_found' });
  await db.transaction(async (tx) => {
    const before = await findSeriesRow({ db: tx, municipalityId, seriesId, rowId });
    if (!before) throw new AppError({ code: 'series_row.not_found' });
    const after = await updateSeriesRow({
      db: tx,
      municipalityId,
      rowId,
      version,
      values: { archivedAt: new Date() },
    });
    if (!after) throwConflict(toSeriesRowViews(series, [before])[0]);
    await recordAudit({
      db: tx,
      actor,
      entry: {
        municipalityId,
        subjectType: 'series',
        subjectId: rowId,
        operation: 'archive',
        summary: `推移表「${series.title}」から${formatFiscalYear(before.fy)}の行を削除（履歴は残ります）`,
        before: { fy: before.fy, values: before.values },
      },
    });
    await refreshDerivedKpiActuals({ db: tx, actor, municipalityId, seriesId });
  });
  return loadSeriesDetail({ db, municipalityId, seriesId });
}
