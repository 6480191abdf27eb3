import { and, asc, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Database } from '../../db/database.js';
import { bprProjectsTable, bprResultsTable } from './effects.table.js';

export type BprProjectRow = typeof bprProjectsTable.$inferSelect;
export type BprResultRow = typeof bprResultsTable.$inferSelect;

export type BprProjectValues = Pick<
  BprProjectRow,
  'title' | 'fy' | 'source' | 'note' | 'statedHoursSaved' | 'statedReductionRate'
>;
export type BprResultValues = Pick<
  BprResultRow,
  | 'number'
  | 'process'
  | 'departmentId'
  | 'hoursBefore'
  | 'hoursAfter'
  | 'statedHoursSaved'
  | 'statedReductionRate'
  | 'note'
>;

export async function listBprProjects({
  db,
  municipalityId,
  publishedOnly = false,
}: {
  db: Database;
  municipalityId: string;
  publishedOnly?: boolean;
}): Promise<BprProjectRow[]> {
  return db
    .select()
    .from(bprProjectsTable)
    .where(
      and(
        eq(bprProjectsTable.municipalityId, municipalityId),
        isNull(bprProjectsTable.archivedAt),
        publishedOnly ? sql`${bprProjectsTable.publishedAt} is not null` : undefined,
      ),
    )
    .orderBy(desc(bprProjectsTable.fy), asc(bprProjectsTable.createdAt));
}

/** A live project of the municipality, or null (an archived one is gone for every purpose but history). */
export async function findBprProject({
  db,
  municipalityId,
  projectId,
}: {
  db: Database;
  municipalityId: string;
  projectId: string;
}): Promise<BprProjectRow | null> {
  const [row] = await db
    .select()
    .from(bprProjectsTable)
    .where(
      and(
        eq(bprProjectsTable.id, projectId),
        eq(bprProjectsTable.municipalityId, municipalityId),
        isNull(bprProjectsTable.archivedAt),
      ),
    );
  return row ?? null;
}

export async function insertBprProject({
  db,
  municipalityId,
  values,
}: {
  db: Database;
  municipalityId: string;
  values: BprProjectValues;
}): Promise<BprProjectRow> {
  const [row] = await db
    .insert(bprProjectsTable)
    .values({ municipalityId, ...values })
    .returning();
  return row!;
}

/** Writes the change only if the row is still at `version`; null when it is not (or is gone). */
export async function updateBprProject({
  db,
  municipalityId,
  projectId,
  version,
  values,
}: {
  db: Database;
  municipalityId: string;
  projectId: string;
  version: number;
  values: Partial<BprProjectValues> & { publishedAt?: Date | null; archivedAt?: Date | null };
}): Promise<BprProjectRow | null> {
  const [row] = await db
    .update(bprProjectsTable)
    .set({ ...values, version: sql`${bprProjectsTable.version} + 1`, updatedAt: sql`now()` })
    .where(
      and(
        eq(bprProjectsTable.id, projectId),
        eq(bprProjectsTable.municipalityId, municipalityId),
        eq(bprProjectsTable.version, version),
        isNull(bprProjectsTable.archivedAt),
      ),
    )
    .returning();
  return row ?? null;
}

export async function listBprResults({
  db,
  municipalityId,
  projectIds,
}: {
  db: Database;
  municipalityId: string;
  projectIds: readonly string[];
}): Promise<BprResultRow[]> {
  if (projectIds.length === 0) return [];
  return db
    .select()
    .from(bprResultsTable)
    .where(
      and(
        eq(bprResultsTable.municipalityId, municipalityId),
        inArray(bprResultsTable.projectId, [...projectIds]),
        isNull(bprResultsTable.archivedAt),
      ),
    )
    .orderBy(asc(bprResultsTable.position), asc(bprResultsTable.createdAt));
}

export async function findBprResult({
  db,
  municipalityId,
  projectId,
  resultId,
}: {
  db: Database;
  municipalityId: string;
  projectId: string;
  resultId: string;
}): Promise<BprResultRow | null> {
  const [row] = await db
    .select()
    .from(bprResultsTable)
    .where(
      and(
        eq(bprResultsTable.id, resultId),
        eq(bprResultsTable.projectId, projectId),
        eq(bprResultsTable.municipalityId, municipalityId),
        isNull(bprResultsTable.archivedAt),
      ),
    );
  return row ?? null;
}

export async function insertBprResult({
  db,
  municipalityId,
  projectId,
  values,
}: {
  db: Database;
  municipalityId: string;
  projectId: string;
  values: BprResultValues;
}): Promise<BprResultRow> {
  const [last] = await db
    .select({ position: sql<number>`coalesce(max(${bprResultsTable.position}), -1)::int` })
    .from(bprResultsTable)
    .where(eq(bprResultsTable.projectId, projectId));
  const [row] = await db
    .insert(bprResultsTable)
    .values({ municipalityId, projectId, position: (last?.position ?? -1) + 1, ...values })
    .returning();
  return row!;
}

export async function updateBprResult({
  db,
  municipalityId,
  resultId,
  version,
  values,
}: {
  db: Database;
  municipalityId: string;
  resultId: string;
  version: number;
  values: Partial<BprResultValues> & { archivedAt?: Date | null };
}): Promise<BprResultRow | null> {
  const [row] = await db
    .update(bprResultsTable)
    .set({ ...values, version: sql`${bprResultsTable.version} + 1`, updatedAt: sql`now()` })
    .where(
      and(
        eq(bprResultsTable.id, resultId),
        eq(bprResultsTable.municipalityId, municipalityId),
        eq(bprResultsTable.version, version),
        isNull(bprResultsTable.archivedAt),
      ),
    )
    .returning();
  return row ?? null;
}
