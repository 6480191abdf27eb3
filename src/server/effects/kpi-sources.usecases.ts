import type { Database } from '../../db/database.js';
import { AppError } from '../../domain/app-error.js';
import {
  bprMetricLabels,
  type DerivedActual,
  deriveActualsFromBpr,
  deriveActualsFromSeries,
  planDerivedActualChanges,
} from '../../domain/effects.js';
import { formatFigure } from '../../domain/evaluation/numbers.js';
import { formatJapaneseDateOrYearEnd } from '../../domain/fiscal-year.js';
import type { Actor } from '../../domain/policy.js';
import { recordAudit } from '../audit/audit.repository.js';
import { ensureCan } from '../authorization.js';
import { bumpPlanRevision } from '../plans/plans.repository.js';
import { findBprProject, listBprResults } from './bpr.repository.js';
import { throwConflict } from './effects.access.js';
import { computeProjectTotals, computeSeriesFigures } from './effects.models.js';
import { findPlanMunicipalityId } from './effects.repository.js';
import type { KpiLink, KpiSourceSpec } from './effects.schemas.js';
import {
  type ActualRecord,
  deleteKpiSource,
  findKpiByKeys,
  findKpiSource,
  insertActual,
  insertKpiSource,
  type KpiRecord,
  type KpiSourceRow,
  type KpiSourceValues,
  listActuals,
  listKpiSources,
  listMunicipalityKpis,
  setDerivedActualIds,
  updateActual,
  updateKpiSource,
} from './kpi-sources.repository.js';
import { findSeries, listSeriesRows } from './series.repository.js';

/*
 * A KPI that takes its actual from a BPR total or a series column. Whenever the source changes, the
 * KPI's derived actuals are rewritten in the same transaction, with a history entry and a new plan
 * revision, so that the plan's evaluation follows at once.
 */

async function deriveForSource({
  db,
  source,
}: {
  db: Database;
  source: KpiSourceRow;
}): Promise<DerivedActual[]> {
  const municipalityId = source.municipalityId;
  if (source.kind === 'bpr_project' && source.bprProjectId) {
    const project = await findBprProject({ db, municipalityId, projectId: source.bprProjectId });
    if (!project) return [];
    const results = await listBprResults({ db, municipalityId, projectIds: [project.id] });
    return deriveActualsFromBpr({
      title: project.title,
      fy: project.fy,
      totals: computeProjectTotals(project, results),
      metric: source.bprMetric ?? 'hours_saved',
    });
  }
  if (source.kind === 'series_column' && source.seriesId) {
    const series = await findSeries({ db, municipalityId, seriesId: source.seriesId });
    const column = series?.columns.find((candidate) => candidate.key === source.seriesColumnKey);
    if (!series || !column) return [];
    const rows = await listSeriesRows({ db, municipalityId, seriesIds: [series.id] });
    return deriveActualsFromSeries({
      title: series.title,
      table: computeSeriesFigures(series, rows),
      column,
    });
  }
  return [];
}

function describeActuals(actuals: readonly { value: number; date: string }[], unit: string): string {
  if (actuals.length === 0) return 'なし';
  return actuals
    .map((actual) => `${formatJapaneseDateOrYearEnd(actual.date)} ${formatFigure(actual.value)}${unit}`)
    .join('、');
}

/**
 * Brings the KPI's derived actuals to `derived`: same date → same row (value and note updated), new
 * dates inserted, dates no longer given archived. Audited and the plan's revision bumped when anything
 * changed. Returns the live derived actuals.
 */
async function applyDerivedActuals({
  db,
  actor,
  kpi,
  source,
  derived,
}: {
  db: Database;
  actor: Actor | null;
  kpi: KpiRecord;
  source: KpiSourceRow;
  derived: readonly DerivedActual[];
}): Promise<ActualRecord[]> {
  const existing = await listActuals({ db, kpiId: kpi.id, ids: source.derivedActualIds });
  const changes = planDerivedActualChanges({ existing, derived });
  const unchanged =
    changes.insert.length === 0 && changes.update.length === 0 && changes.archive.length === 0;
  if (unchanged) {
    if (existing.length !== source.derivedActualIds.length) {
      await setDerivedActualIds({ db, kpiId: kpi.id, ids: existing.map((row) => row.id) });
    }
    return existing;
  }
  const now = new Date();
  for (const row of changes.archive)
    await updateActual({ db, actualId: row.id, values: { archivedAt: now } });
  for (const { row, next } of changes.update) {
    await updateActual({ db, actualId: row.id, values: { value: next.value, note: next.note } });
  }
  const insertedIds: string[] = [];
  for (const actual of changes.insert) insertedIds.push(await insertActual({ db, kpi, actual }));
  const archivedIds = new Set(changes.archive.map((row) => row.id));
  const ids = [...existing.filter((row) => !archivedIds.has(row.id)).map((row) => row.id), ...insertedIds];
  await setDerivedActualIds({ db, kpiId: kpi.id, ids });
  await recordAudit({
    db,
    actor,
    entry: {
      municipalityId: kpi.municipalityId,
      planId: kpi.planId,
      actionKey: kpi.actionKey,
      subjectType: 'kpi_actual',
      subjectId: kpi.id,
      operation: 'derive',
      summary: `指標「${kpi.name}」の実績値を自動反映（${describeActuals(existing, kpi.unit)} → ${describeActuals(derived, kpi.unit)}）`,
      before: existing.map(({ value, date, note }) => ({ value, date, note })),
      after: derived,
    },
  });
  await bumpPlanRevision({ db, planId: kpi.planId, municipalityId: kpi.municipalityId });
  return listActuals({ db, kpiId: kpi.id, ids });
}

/**
 * Rewrites the derived actuals of every KPI that takes its actual from this BPR project or series. Call
 * it in the transaction of every change to the source's rows or header.
 */
export async function refreshDerivedKpiActuals({
  db,
  actor,
  municipalityId,
  bprProjectId,
  seriesId,
}: {
  db: Database;
  actor: Actor | null;
  municipalityId: string;
  bprProjectId?: string;
  seriesId?: string;
}): Promise<void> {
  const sources = await listKpiSources({
    db,
    municipalityId,
    ...(bprProjectId !== undefined && { bprProjectId }),
    ...(seriesId !== undefined && { seriesId }),
  });
  if (sources.length === 0) return;
  const kpis = new Map(
    (await listMunicipalityKpis({ db, municipalityId, kpiIds: sources.map((source) => source.kpiId) })).map(
      (kpi) => [kpi.id, kpi],
    ),
  );
  for (const source of sources) {
    const kpi = kpis.get(source.kpiId);
    if (!kpi) continue;
    await applyDerivedActuals({ db, actor, kpi, source, derived: await deriveForSource({ db, source }) });
  }
}

/** The KPIs that take their actual from this BPR project or series, with their derived actuals. */
export async function findKpiLinks({
  db,
  municipalityId,
  bprProjectId,
  seriesId,
}: {
  db: Database;
  municipalityId: string;
  bprProjectId?: string;
  seriesId?: string;
}): Promise<KpiLink[]> {
  const sources = await listKpiSources({
    db,
    municipalityId,
    ...(bprProjectId !== undefined && { bprProjectId }),
    ...(seriesId !== undefined && { seriesId }),
  });
  if (sources.length === 0) return [];
  const kpis = new Map(
    (await listMunicipalityKpis({ db, municipalityId, kpiIds: sources.map((source) => source.kpiId) })).map(
      (kpi) => [kpi.id, kpi],
    ),
  );
  const links: KpiLink[] = [];
  for (const source of sources) {
    const kpi = kpis.get(source.kpiId);
    if (!kpi) continue;
    const actuals = await listActuals({ db, kpiId: kpi.id, ids: source.derivedActualIds });
    links.push({
      kpiId: kpi.id,
      planId: kpi.planId,
      planTitle: kpi.planTitle,
      actionKey: kpi.actionKey,
      actionNumber: kpi.actionNumber,
      actionTitle: kpi.actionTitle,
      kpiKey: kpi.key,
      name: kpi.name,
      unit: kpi.unit,
      bprMetric: source.bprMetric,
      seriesColumnKey: source.seriesColumnKey,
      version: source.version,
      actuals: actuals.map(({ value, date }) => ({ value, date })),
    });
  }
  return links;
}

function toSpec(row: KpiSourceRow): KpiSourceSpec | null {
  if (row.kind === 'bpr_project' && row.bprProjectId) {
    return { kind: 'bpr_project', bprProjectId: row.bprProjectId, metric: row.bprMetric ?? 'hours_saved' };
  }
  if (row.kind === 'series_column' && row.seriesId && row.seriesColumnKey) {
    return { kind: 'series_column', seriesId: row.seriesId, columnKey: row.seriesColumnKey };
  }
  return null;
}

export interface KpiSourceResult {
  kpiId: string;
  source: KpiSourceSpec | null;
  version: number | null;
  actuals: { value: number; date: string; note: string | null }[];
}

/** Checks that the source exists in the KPI's municipality; returns its values and a Japanese name. */
async function resolveSource({
  db,
  municipalityId,
  spec,
}: {
  db: Database;
  municipalityId: string;
  spec: KpiSourceSpec;
}): Promise<{ values: KpiSourceValues; description: string }> {
  if (spec.kind === 'bpr_project') {
    const project = await findBprProject({ db, municipalityId, projectId: spec.bprProjectId });
    if (!project) {
      throw new AppError({
        code: 'bpr_project.not_found',
        issues: [{ path: 'source.bprProjectId', message: 'この自治体のBPRプロジェクトを選んでください' }],
      });
    }
    return {
      values: {
        kind: 'bpr_project',
        bprProjectId: project.id,
        bprMetric: spec.metric,
        seriesId: null,
        seriesColumnKey: null,
      },
      description: `BPR実証結果「${project.title}」の${bprMetricLabels[spec.metric]}`,
    };
  }
  const series = await findSeries({ db, municipalityId, seriesId: spec.seriesId });
  if (!series) {
    throw new AppError({
      code: 'series.not_found',
      issues: [{ path: 'source.seriesId', message: 'この自治体の推移表を選んでください' }],
    });
  }
  const column = series.columns.find((candidate) => candidate.key === spec.columnKey);
  if (!column) {
    throw new AppError({
      code: 'request.invalid',
      message: `推移表「${series.title}」に列 "${spec.columnKey}" はありません`,
      issues: [{ path: 'source.columnKey', message: '推移表の列を選んでください' }],
    });
  }
  return {
    values: {
      kind: 'series_column',
      bprProjectId: null,
      bprMetric: null,
      seriesId: series.id,
      seriesColumnKey: column.key,
    },
    description: `推移表「${series.title}」の${column.label}`,
  };
}

/**
 * Makes a KPI take its actual from a BPR total or a series column (or stop doing so, `source` null):
 * the derived actuals are written at once. The DX office sets it, as it sets the KPI itself.
 */
export async function setKpiSource({
  db,
  actor,
  planId,
  actionKey,
  kpiKey,
  input,
}: {
  db: Database;
  actor: Actor;
  planId: string;
  actionKey: string;
  kpiKey: string;
  input: { source: KpiSourceSpec | null; version: number | null };
}): Promise<KpiSourceResult> {
  const municipalityId = await findPlanMunicipalityId({ db, planId });
  if (!municipalityId) throw new AppError({ code: 'plan.not_found' });
  ensureCan(actor, 'plan.edit', { municipalityId });
  const kpi = await findKpiByKeys({ db, planId, actionKey, kpiKey });
  if (!kpi) throw new AppError({ code: 'kpi.not_found' });
  const resolved = input.source
    ? await resolveSource({ db, municipalityId: kpi.municipalityId, spec: input.source })
    : null;

  return db.transaction(async (tx) => {
    const existing = await findKpiSource({ db: tx, kpiId: kpi.id });
    const current = async (): Promise<KpiSourceResult> => ({
      kpiId: kpi.id,
      source: existing ? toSpec(existing) : null,
      version: existing?.version ?? null,
      actuals: existing
        ? (await listActuals({ db: tx, kpiId: kpi.id, ids: existing.derivedActualIds })).map(
            ({ value, date, note }) => ({ value, date, note }),
          )
        : [],
    });
    if ((existing?.version ?? null) !== input.version) throwConflict(await current());

    if (!resolved) {
      if (!existing) return current();
      await applyDerivedActuals({ db: tx, actor, kpi, source: existing, derived: [] });
      const removed = await deleteKpiSource({ db: tx, kpiId: kpi.id, version: existing.version });
      if (!removed) throwConflict(await current());
      await recordAudit({
        db: tx,
        actor,
        entry: {
          municipalityId: kpi.municipalityId,
          planId: kpi.planId,
          actionKey: kpi.actionKey,
          subjectType: 'kpi',
          subjectId: kpi.id,
          operation: 'source',
          summary: `指標「${kpi.name}」の実績値の自動反映を解除`,
          before: toSpec(existing),
          after: null,
        },
      });
      await bumpPlanRevision({ db: tx, planId: kpi.planId, municipalityId: kpi.municipalityId });
      return { kpiId: kpi.id, source: null, version: null, actuals: [] };
    }

    const saved = existing
      ? await updateKpiSource({ db: tx, kpiId: kpi.id, version: existing.version, values: resolved.values })
      : await insertKpiSource({ db: tx, kpi, values: resolved.values });
    if (!saved) throwConflict(await current());
    await recordAudit({
      db: tx,
      actor,
      entry: {
        municipalityId: kpi.municipalityId,
        planId: kpi.planId,
        actionKey: kpi.actionKey,
        subjectType: 'kpi',
        subjectId: kpi.id,
        operation: 'source',
        summary: `指標「${kpi.name}」の実績値を${resolved.description}から自動反映するよう設定`,
        before: existing ? toSpec(existing) : null,
        after: toSpec(saved),
      },
    });
    await bumpPlanRevision({ db: tx, planId: kpi.planId, municipalityId: kpi.municipalityId });
    const actuals = await applyDerivedActuals({
      db: tx,
      actor,
      kpi,
      source: saved,
      derived: await deriveForSource({ db: tx, source: saved }),
    });
    return {
      kpiId: kpi.id,
      source: toSpec(saved),
      version: saved.version,
      actuals: actuals.map(({ value, date, note }) => ({ value, date, note })),
    };
  });
}
