import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Database } from '../../db/database.js';
import { actionsTable, kpiActualsTable, kpisTable, plansTable } from '../plans/plans.table.js';
import { kpiSourcesTable } from './effects.table.js';

export type KpiSourceRow = typeof kpiSourcesTable.$inferSelect;

export interface KpiRecord {
  id: string;
  municipalityId: string;
  planId: string;
  planTitle: string;
  actionKey: string;
  actionNumber: string;
  actionTitle: string;
  key: string;
  name: string;
  unit: string;
}

const kpiColumns = {
  id: kpisTable.id,
  municipalityId: kpisTable.municipalityId,
  planId: kpisTable.planId,
  planTitle: plansTable.title,
  actionKey: actionsTable.key,
  actionNumber: actionsTable.number,
  actionTitle: actionsTable.title,
  key: kpisTable.key,
  name: kpisTable.name,
  unit: kpisTable.unit,
};

/** A live KPI by its plan, action key and KPI key. */
export async function findKpiByKeys({
  db,
  planId,
  actionKey,
  kpiKey,
}: {
  db: Database;
  planId: string;
  actionKey: string;
  kpiKey: string;
}): Promise<KpiRecord | null> {
  const [row] = await db
    .select(kpiColumns)
    .from(kpisTable)
    .innerJoin(actionsTable, eq(actionsTable.id, kpisTable.actionId))
    .innerJoin(plansTable, eq(plansTable.id, kpisTable.planId))
    .where(
      and(
        eq(kpisTable.planId, planId),
        eq(actionsTable.key, actionKey),
        eq(kpisTable.key, kpiKey),
        isNull(kpisTable.archivedAt),
        isNull(actionsTable.archivedAt),
      ),
    );
  return row ?? null;
}

/** Every live KPI of the municipality's plans, in plan and action order. */
export async function listMunicipalityKpis({
  db,
  municipalityId,
  kpiIds,
}: {
  db: Database;
  municipalityId: string;
  kpiIds?: readonly string[];
}): Promise<KpiRecord[]> {
  if (kpiIds && kpiIds.length === 0) return [];
  return db
    .select(kpiColumns)
    .from(kpisTable)
    .innerJoin(actionsTable, eq(actionsTable.id, kpisTable.actionId))
    .innerJoin(plansTable, eq(plansTable.id, kpisTable.planId))
    .where(
      and(
        eq(kpisTable.municipalityId, municipalityId),
        isNull(kpisTable.archivedAt),
        isNull(actionsTable.archivedAt),
        kpiIds ? inArray(kpisTable.id, [...kpiIds]) : undefined,
      ),
    )
    .orderBy(
      asc(plansTable.startFy),
      asc(plansTable.slug),
      asc(actionsTable.position),
      asc(kpisTable.position),
    );
}

export async function listKpiSources({
  db,
  municipalityId,
  bprProjectId,
  seriesId,
}: {
  db: Database;
  municipalityId: string;
  bprProjectId?: string;
  seriesId?: string;
}): Promise<KpiSourceRow[]> {
  return db
    .select()
    .from(kpiSourcesTable)
    .where(
      and(
        eq(kpiSourcesTable.municipalityId, municipalityId),
        bprProjectId ? eq(kpiSourcesTable.bprProjectId, bprProjectId) : undefined,
        seriesId ? eq(kpiSourcesTable.seriesId, seriesId) : undefined,
      ),
    )
    .orderBy(asc(kpiSourcesTable.createdAt));
}

export async function findKpiSource({
  db,
  kpiId,
}: {
  db: Database;
  kpiId: string;
}): Promise<KpiSourceRow | null> {
  const [row] = await db.select().from(kpiSourcesTable).where(eq(kpiSourcesTable.kpiId, kpiId));
  return row ?? null;
}

export type KpiSourceValues = Pick<
  KpiSourceRow,
  'kind' | 'bprProjectId' | 'bprMetric' | 'seriesId' | 'seriesColumnKey'
>;

export async function insertKpiSource({
  db,
  kpi,
  values,
}: {
  db: Database;
  kpi: KpiRecord;
  values: KpiSourceValues;
}): Promise<KpiSourceRow> {
  const [row] = await db
    .insert(kpiSourcesTable)
    .values({ kpiId: kpi.id, municipalityId: kpi.municipalityId, planId: kpi.planId, ...values })
    .returning();
  return row!;
}

export async function updateKpiSource({
  db,
  kpiId,
  version,
  values,
}: {
  db: Database;
  kpiId: string;
  version: number;
  values: KpiSourceValues;
}): Promise<KpiSourceRow | null> {
  const [row] = await db
    .update(kpiSourcesTable)
    .set({ ...values, version: sql`${kpiSourcesTable.version} + 1`, updatedAt: sql`now()` })
    .where(and(eq(kpiSourcesTable.kpiId, kpiId), eq(kpiSourcesTable.version, version)))
    .returning();
  return row ?? null;
}

/** Ends the link (the derived actuals it wrote are archived by the caller, in the same transaction). */
export async function deleteKpiSource({
  db,
  kpiId,
  version,
}: {
  db: Database;
  kpiId: string;
  version: number;
}): Promise<KpiSourceRow | null> {
  const [row] = await db
    .delete(kpiSourcesTable)
    .where(and(eq(kpiSourcesTable.kpiId, kpiId), eq(kpiSourcesTable.version, version)))
    .returning();
  return row ?? null;
}

export async function setDerivedActualIds({
  db,
  kpiId,
  ids,
}: {
  db: Database;
  kpiId: string;
  ids: string[];
}): Promise<void> {
  await db
    .update(kpiSourcesTable)
    .set({ derivedActualIds: ids, updatedAt: sql`now()` })
    .where(eq(kpiSourcesTable.kpiId, kpiId));
}

export interface ActualRecord {
  id: string;
  date: string;
  value: number;
  note: string | null;
}

/** The live actuals among `ids` of the KPI, by date. */
export async function listActuals({
  db,
  kpiId,
  ids,
}: {
  db: Database;
  kpiId: string;
  ids: readonly string[];
}): Promise<ActualRecord[]> {
  if (ids.length === 0) return [];
  return db
    .select({
      id: kpiActualsTable.id,
      date: kpiActualsTable.date,
      value: kpiActualsTable.value,
      note: kpiActualsTable.note,
    })
    .from(kpiActualsTable)
    .where(
      and(
        eq(kpiActualsTable.kpiId, kpiId),
        inArray(kpiActualsTable.id, [...ids]),
        isNull(kpiActualsTable.archivedAt),
      ),
    )
    .orderBy(asc(kpiActualsTable.date));
}

export async function insertActual({
  db,
  kpi,
  actual,
}: {
  db: Database;
  kpi: KpiRecord;
  actual: { value: number; date: string; note: string };
}): Promise<string> {
  const [last] = await db
    .select({ position: sql<number>`coalesce(max(${kpiActualsTable.position}), -1)::int` })
    .from(kpiActualsTable)
    .where(eq(kpiActualsTable.kpiId, kpi.id));
  const [row] = await db
    .insert(kpiActualsTable)
    .values({
      municipalityId: kpi.municipalityId,
      planId: kpi.planId,
      kpiId: kpi.id,
      value: actual.value,
      date: actual.date,
      note: actual.note,
      position: (last?.position ?? -1) + 1,
    })
    .returning({ id: kpiActualsTable.id });
  return row!.id;
}

export async function updateActual({
  db,
  actualId,
  values,
}: {
  db: Database;
  actualId: string;
  values: { value?: number; note?: string; archivedAt?: Date };
}): Promise<void> {
  await db.update(kpiActualsTable).set(values).where(eq(kpiActualsTable.id, actualId));
}
