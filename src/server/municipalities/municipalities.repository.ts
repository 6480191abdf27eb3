import { asc, eq, sql } from 'drizzle-orm';
import type { Database } from '../../db/database.js';
import { plansTable } from '../plans/plans.table.js';
import { municipalitiesTable } from './municipalities.table.js';

export interface MunicipalityRecord {
  id: string;
  code: string;
  name: string;
  prefecture: string;
  planCount: number;
}

export async function listMunicipalities({ db }: { db: Database }): Promise<MunicipalityRecord[]> {
  return db
    .select({
      id: municipalitiesTable.id,
      code: municipalitiesTable.code,
      name: municipalitiesTable.name,
      prefecture: municipalitiesTable.prefecture,
      planCount: sql<number>`count(${plansTable.id})::int`,
    })
    .from(municipalitiesTable)
    .leftJoin(plansTable, eq(plansTable.municipalityId, municipalitiesTable.id))
    .groupBy(municipalitiesTable.id)
    .orderBy(asc(municipalitiesTable.code));
}

export async function countMunicipalities({ db }: { db: Database }): Promise<number> {
  const [row] = await db.select({ count: sql<number>`count(*)::int` }).from(municipalitiesTable);
  return row?.count ?? 0;
}

/** Inserts the municipality or updates its name and prefecture; returns its id. */
export async function upsertMunicipality({
  db,
  municipality,
}: {
  db: Database;
  municipality: { code: string; name: string; prefecture: string };
}): Promise<string> {
  const [row] = await db
    .insert(municipalitiesTable)
    .values(municipality)
    .onConflictDoUpdate({
      target: municipalitiesTable.code,
      set: { name: municipality.name, prefecture: municipality.prefecture, updatedAt: sql`now()` },
    })
    .returning({ id: municipalitiesTable.id });
  if (!row) throw new Error(`upsert of municipality ${municipality.code} returned no row`);
  return row.id;
}

export async function findMunicipality({
  db,
  municipalityId,
}: {
  db: Database;
  municipalityId: string;
}): Promise<Omit<MunicipalityRecord, 'planCount'> | null> {
  const [row] = await db
    .select({
      id: municipalitiesTable.id,
      code: municipalitiesTable.code,
      name: municipalitiesTable.name,
      prefecture: municipalitiesTable.prefecture,
    })
    .from(municipalitiesTable)
    .where(eq(municipalitiesTable.id, municipalityId));
  return row ?? null;
}

/** Inserts a municipality; null when its code is already registered. */
export async function insertMunicipality({
  db,
  municipality,
}: {
  db: Database;
  municipality: { code: string; name: string; prefecture: string };
}): Promise<{ id: string } | null> {
  const [row] = await db
    .insert(municipalitiesTable)
    .values(municipality)
    .onConflictDoNothing({ target: municipalitiesTable.code })
    .returning({ id: municipalitiesTable.id });
  return row ?? null;
}
