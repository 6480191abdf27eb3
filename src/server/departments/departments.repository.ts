import { randomUUID } from 'node:crypto';
import { asc, eq, sql } from 'drizzle-orm';
import type { Database } from '../../db/database.js';
import type { Department } from '../../domain/plan.schemas.js';
import { departmentsTable } from './departments.table.js';

export interface DepartmentRecord {
  id: string;
  key: string;
  name: string;
  parentId: string | null;
  archived: boolean;
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
    })
    .from(departmentsTable)
    .where(eq(departmentsTable.municipalityId, municipalityId))
    .orderBy(asc(departmentsTable.position), asc(departmentsTable.key));
  return rows.map(({ archivedAt, ...row }) => ({ ...row, archived: archivedAt !== null }));
}
