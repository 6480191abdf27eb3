import { randomUUID } from 'node:crypto';
import { and, asc, count, eq, isNull, max, sql } from 'drizzle-orm';
import type { Database } from '../../db/database.js';
import type { Department } from '../../domain/plan.schemas.js';
import { plansTable } from '../plans/plans.table.js';
import { departmentsTable } from './departments.table.js';

export interface DepartmentRecord {
  id: string;
  key: string;
  name: string;
  parentId: string | null;
  archived: boolean;
  version: number;
}

/**
 * Inserts the departments that are new by key and updates the others (name, parent, order; an archived
 * one comes back). Departments the list does not name are left alone: another plan may use them.
 * Returns the id of every department of the municipality by key.
 */
export async function upsertDepartments({
  db,
  municipalityId,
  departments,
}: {
  db: Database;
  municipalityId: string;
  departments: Department[];
}): Promise<Map<string, string>> {
  const existing = await db
    .select({ id: departmentsTable.id, key: departmentsTable.key })
    .from(departmentsTable)
    .where(eq(departmentsTable.municipalityId, municipalityId));
  const idByKey = new Map(existing.map((row) => [row.key, row.id]));
  for (const department of departments) {
    if (!idByKey.has(department.key)) idByKey.set(department.key, randomUUID());
  }
  if (departments.length === 0) return idByKey;

  // One statement: PostgreSQL checks the parent references at its end, so the order of rows is free.
  await db
    .insert(departmentsTable)
    .values(
      departments.map((department, position) => ({
        id: idByKey.get(department.key)!,
        municipalityId,
        key: department.key,
        name: department.name,
        parentId: department.parent ? (idByKey.get(department.parent) ?? null) : null,
        position,
      })),
    )
    .onConflictDoUpdate({
      target: [departmentsTable.municipalityId, departmentsTable.key],
      set: {
        name: sql`excluded.name`,
        parentId: sql`excluded.parent_id`,
        position: sql`excluded.position`,
        archivedAt: null,
        updatedAt: sql`now()`,
        // A department being edited on screen must notice that an import changed it.
        version: sql`case when (${departmentsTable.name}, ${departmentsTable.parentId}, ${departmentsTable.position}, ${departmentsTable.archivedAt} is null) is distinct from (excluded.name, excluded.parent_id, excluded.position, true) then ${departmentsTable.version} + 1 else ${departmentsTable.version} end`,
      },
    });
  return idByKey;
}

/** Every department of the municipality, archived ones included, in the municipality's order. */
export async function listDepartments({
  db,
  municipalityId,
}: {
  db: Database;
  municipalityId: string;
}): Promise<DepartmentRecord[]> {
  const rows = await db
    .select({
      id: departmentsTable.id,
      key: departmentsTable.key,
      name: departmentsTable.name,
      parentId: departmentsTable.parentId,
      archivedAt: departmentsTable.archivedAt,
      version: departmentsTable.version,
    })
    .from(departmentsTable)
    .where(eq(departmentsTable.municipalityId, municipalityId))
    .orderBy(asc(departmentsTable.position), asc(departmentsTable.key));
  return rows.map(({ archivedAt, ...row }) => ({ ...row, archived: archivedAt !== null }));
}

export type DepartmentRow = typeof departmentsTable.$inferSelect;

export async function findDepartment({
  db,
  municipalityId,
  departmentId,
  lock = false,
}: {
  db: Database;
  municipalityId: string;
  departmentId: string;
  lock?: boolean;
}): Promise<DepartmentRow | null> {
  const query = db
    .select()
    .from(departmentsTable)
    .where(and(eq(departmentsTable.municipalityId, municipalityId), eq(departmentsTable.id, departmentId)));
  const [row] = lock ? await query.for('update') : await query;
  return row ?? null;
}

export async function isDepartmentKeyTaken({
  db,
  municipalityId,
  key,
}: {
  db: Database;
  municipalityId: string;
  key: string;
}): Promise<boolean> {
  const [row] = await db
    .select({ id: departmentsTable.id })
    .from(departmentsTable)
    .where(and(eq(departmentsTable.municipalityId, municipalityId), eq(departmentsTable.key, key)));
  return row !== undefined;
}

/** Inserts a department after the municipality's last one. */
export async function insertDepartment({
  db,
  values,
}: {
  db: Database;
  values: { municipalityId: string; key: string; name: string; parentId: string | null };
}): Promise<DepartmentRow> {
  const [last] = await db
    .select({ value: max(departmentsTable.position) })
    .from(departmentsTable)
    .where(eq(departmentsTable.municipalityId, values.municipalityId));
  const position = last?.value === null || last?.value === undefined ? 0 : last.value + 1;
  const [row] = await db
    .insert(departmentsTable)
    .values({ ...values, position })
    .returning();
  return row!;
}

export async function updateDepartmentRow({
  db,
  departmentId,
  values,
}: {
  db: Database;
  departmentId: string;
  values: Partial<Pick<DepartmentRow, 'name' | 'parentId' | 'archivedAt'>>;
}): Promise<DepartmentRow> {
  const [row] = await db
    .update(departmentsTable)
    .set({ ...values, version: sql`${departmentsTable.version} + 1`, updatedAt: sql`now()` })
    .where(eq(departmentsTable.id, departmentId))
    .returning();
  return row!;
}

export async function countLiveSubdepartments({
  db,
  departmentId,
}: {
  db: Database;
  departmentId: string;
}): Promise<number> {
  const [row] = await db
    .select({ value: count() })
    .from(departmentsTable)
    .where(and(eq(departmentsTable.parentId, departmentId), isNull(departmentsTable.archivedAt)));
  return row?.value ?? 0;
}

/**
 * Moves on the revision of every plan of the municipality: plan pages show department names, and their
 * cache is keyed by the revision.
 */
export async function bumpPlanRevisionsOfMunicipality({
  db,
  municipalityId,
}: {
  db: Database;
  municipalityId: string;
}): Promise<void> {
  await db
    .update(plansTable)
    .set({ revision: sql`${plansTable.revision} + 1`, updatedAt: sql`now()` })
    .where(eq(plansTable.municipalityId, municipalityId));
}
