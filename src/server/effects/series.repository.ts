import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Database } from '../../db/database.js';
import { effectSeriesRowsTable, effectSeriesTable } from './effects.table.js';

export type SeriesRecord = typeof effectSeriesTable.$inferSelect;
export type SeriesRowRecord = typeof effectSeriesRowsTable.$inferSelect;

export type SeriesValues = Pick<SeriesRecord, 'title' | 'description' | 'columns' | 'source' | 'note'>;
export type SeriesRowValues = Pick<
  SeriesRowRecord,
  'fy' | 'values' | 'statedValues' | 'statedChanges' | 'note'
>;

export async function listSeries({
  db,
  municipalityId,
  publishedOnly = false,
}: {
  db: Database;
  municipalityId: string;
  publishedOnly?: boolean;
}): Promise<SeriesRecord[]> {
  return db
    .select()
    .from(effectSeriesTable)
    .where(
      and(
        eq(effectSeriesTable.municipalityId, municipalityId),
        isNull(effectSeriesTable.archivedAt),
        publishedOnly ? sql`${effectSeriesTable.publishedAt} is not null` : undefined,
      ),
    )
    .orderBy(asc(effectSeriesTable.createdAt));
}

export async function findSeries({
  db,
  municipalityId,
  seriesId,
}: {
  db: Database;
  municipalityId: string;
  seriesId: string;
}): Promise<SeriesRecord | null> {
  const [row] = await db
    .select()
    .from(effectSeriesTable)
    .where(
      and(
        eq(effectSeriesTable.id, seriesId),
        eq(effectSeriesTable.municipalityId, municipalityId),
        isNull(effectSeriesTable.archivedAt),
      ),
    );
  return row ?? null;
}

export async function insertSeries({
  db,
  municipalityId,
  values,
}: {
  db: Database;
  municipalityId: string;
  values: SeriesValues;
}): Promise<SeriesRecord> {
  const [row] = await db
    .insert(effectSeriesTable)
    .values({ municipalityId, ...values })
    .returning();
  return row!;
}

export async function updateSeries({
  db,
  municipalityId,
  seriesId,
  version,
  values,
}: {
  db: Database;
  municipalityId: string;
  seriesId: string;
  version: number;
  values: Partial<SeriesValues> & { publishedAt?: Date | null; archivedAt?: Date | null };
}): Promise<SeriesRecord | null> {
  const [row] = await db
    .update(effectSeriesTable)
    .set({ ...values, version: sql`${effectSeriesTable.version} + 1`, updatedAt: sql`now()` })
    .where(
      and(
        eq(effectSeriesTable.id, seriesId),
        eq(effectSeriesTable.municipalityId, municipalityId),
        eq(effectSeriesTable.version, version),
        isNull(effectSeriesTable.archivedAt),
      ),
    )
    .returning();
  return row ?? null;
}

export async function listSeriesRows({
  db,
  municipalityId,
  seriesIds,
}: {
  db: Database;
  municipalityId: string;
  seriesIds: readonly string[];
}): Promise<SeriesRowRecord[]> {
  if (seriesIds.length === 0) return [];
  return db
    .select()
    .from(effectSeriesRowsTable)
    .where(
      and(
        eq(effectSeriesRowsTable.municipalityId, municipalityId),
        inArray(effectSeriesRowsTable.seriesId, [...seriesIds]),
        isNull(effectSeriesRowsTable.archivedAt),
      ),
    )
    .orderBy(asc(effectSeriesRowsTable.fy));
}

export async function findSeriesRow({
  db,
  municipalityId,
  seriesId,
  rowId,
}: {
  db: Database;
  municipalityId: string;
  seriesId: string;
  rowId: string;
}): Promise<SeriesRowRecord | null> {
  const [row] = await db
    .select()
    .from(effectSeriesRowsTable)
    .where(
      and(
        eq(effectSeriesRowsTable.id, rowId),
        eq(effectSeriesRowsTable.seriesId, seriesId),
        eq(effectSeriesRowsTable.municipalityId, municipalityId),
        isNull(effectSeriesRowsTable.archivedAt),
      ),
    );
  return row ?? null;
}

export async function insertSeriesRow({
  db,
  municipalityId,
  seriesId,
  values,
}: {
  db: Database;
  municipalityId: string;
  seriesId: string;
  values: SeriesRowValues;
}): Promise<SeriesRowRecord> {
  const [row] = await db
    .insert(effectSeriesRowsTable)
    .values({ municipalityId, seriesId, ...values })
    .returning();
  return row!;
}

export async function updateSeriesRow({
  db,
  municipalityId,
  rowId,
  version,
  values,
}: {
  db: Database;
  municipalityId: string;
  rowId: string;
  version: number;
  values: Partial<SeriesRowValues> & { archivedAt?: Date | null };
}): Promise<SeriesRowRecord | null> {
  const [row] = await db
    .update(effectSeriesRowsTable)
    .set({ ...values, version: sql`${effectSeriesRowsTable.version} + 1`, updatedAt: sql`now()` })
    .where(
      and(
        eq(effectSeriesRowsTable.id, rowId),
        eq(effectSeriesRowsTable.municipalityId, municipalityId),
        eq(effectSeriesRowsTable.version, version),
        isNull(effectSeriesRowsTable.archivedAt),
      ),
    )
    .returning();
  return row ?? null;
}
