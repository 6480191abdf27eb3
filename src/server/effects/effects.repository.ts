import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import type { Database } from '../../db/database.js';
import { departmentsTable } from '../departments/departments.table.js';
import { municipalitiesTable } from '../municipalities/municipalities.table.js';
import { actionsTable, plansTable } from '../plans/plans.table.js';
import type { LinkedAction } from './effects.schemas.js';
import { type ActionLinkSubject, effectActionLinksTable } from './effects.table.js';

/* Queries shared by the effects and organisation features: municipalities, departments, actions, links. */

export async function existsMunicipality({
  db,
  municipalityId,
}: {
  db: Database;
  municipalityId: string;
}): Promise<boolean> {
  const [row] = await db
    .select({ id: municipalitiesTable.id })
    .from(municipalitiesTable)
    .where(eq(municipalitiesTable.id, municipalityId));
  return row !== undefined;
}

export interface DepartmentRef {
  id: string;
  key: string;
  /** With the departments it sits in, as documents write it: 保険健康課予防係. */
  name: string;
  parentId: string | null;
  archived: boolean;
}

/** The municipality's departments by id, archived ones included (old rows still name them). */
export async function listDepartmentRefs({
  db,
  municipalityId,
}: {
  db: Database;
  municipalityId: string;
}): Promise<Map<string, DepartmentRef>> {
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
  const byId = new Map(rows.map((row) => [row.id, row]));
  const fullName = (id: string, seen = new Set<string>()): string => {
    const row = byId.get(id);
    if (!row || seen.has(id)) return '';
    seen.add(id);
    return `${row.parentId ? fullName(row.parentId, seen) : ''}${row.name}`;
  };
  return new Map(
    rows.map(({ archivedAt, ...row }) => [
      row.id,
      { ...row, name: fullName(row.id), archived: archivedAt !== null },
    ]),
  );
}

/** Every action of the municipality's plans (archived ones left out), plan by plan in plan order. */
export async function listMunicipalityActions({
  db,
  municipalityId,
  actionIds,
}: {
  db: Database;
  municipalityId: string;
  actionIds?: readonly string[];
}): Promise<LinkedAction[]> {
  if (actionIds && actionIds.length === 0) return [];
  return db
    .select({
      id: actionsTable.id,
      planId: actionsTable.planId,
      planTitle: plansTable.title,
      key: actionsTable.key,
      number: actionsTable.number,
      title: actionsTable.title,
    })
    .from(actionsTable)
    .innerJoin(plansTable, eq(plansTable.id, actionsTable.planId))
    .where(
      and(
        eq(actionsTable.municipalityId, municipalityId),
        isNull(actionsTable.archivedAt),
        actionIds ? inArray(actionsTable.id, [...actionIds]) : undefined,
      ),
    )
    .orderBy(asc(plansTable.startFy), asc(plansTable.slug), asc(actionsTable.position));
}

/**
 * Makes the row's links the given actions (which the caller has checked belong to the municipality).
 * Links are part of the row's state: the row's own history entry records them before and after.
 */
export async function replaceActionLinks({
  db,
  municipalityId,
  subjectType,
  subjectId,
  actions,
}: {
  db: Database;
  municipalityId: string;
  subjectType: ActionLinkSubject;
  subjectId: string;
  actions: readonly { id: string; planId: string }[];
}): Promise<void> {
  await db
    .delete(effectActionLinksTable)
    .where(
      and(
        eq(effectActionLinksTable.municipalityId, municipalityId),
        eq(effectActionLinksTable.subjectType, subjectType),
        eq(effectActionLinksTable.subjectId, subjectId),
      ),
    );
  if (actions.length === 0) return;
  await db.insert(effectActionLinksTable).values(
    actions.map((action) => ({
      municipalityId,
      planId: action.planId,
      actionId: action.id,
      subjectType,
      subjectId,
    })),
  );
}

/** The linked actions of each row, by row id. */
export async function listLinkedActions({
  db,
  municipalityId,
  subjectType,
  subjectIds,
}: {
  db: Database;
  municipalityId: string;
  subjectType: ActionLinkSubject;
  subjectIds: readonly string[];
}): Promise<Map<string, LinkedAction[]>> {
  const linked = new Map<string, LinkedAction[]>();
  if (subjectIds.length === 0) return linked;
  const rows = await db
    .select({
      subjectId: effectActionLinksTable.subjectId,
      id: actionsTable.id,
      planId: actionsTable.planId,
      planTitle: plansTable.title,
      key: actionsTable.key,
      number: actionsTable.number,
      title: actionsTable.title,
    })
    .from(effectActionLinksTable)
    .innerJoin(actionsTable, eq(actionsTable.id, effectActionLinksTable.actionId))
    .innerJoin(plansTable, eq(plansTable.id, actionsTable.planId))
    .where(
      and(
        eq(effectActionLinksTable.municipalityId, municipalityId),
        eq(effectActionLinksTable.subjectType, subjectType),
        inArray(effectActionLinksTable.subjectId, [...subjectIds]),
        isNull(actionsTable.archivedAt),
      ),
    )
    .orderBy(asc(plansTable.startFy), asc(actionsTable.position));
  for (const { subjectId, ...action } of rows) {
    const list = linked.get(subjectId) ?? [];
    list.push(action);
    linked.set(subjectId, list);
  }
  return linked;
}

/** The rows of one kind linked to an action, for the action's page. */
export async function listSubjectIdsLinkedTo({
  db,
  actionId,
  subjectType,
}: {
  db: Database;
  actionId: string;
  subjectType: ActionLinkSubject;
}): Promise<string[]> {
  const rows = await db
    .select({ subjectId: effectActionLinksTable.subjectId })
    .from(effectActionLinksTable)
    .where(
      and(eq(effectActionLinksTable.actionId, actionId), eq(effectActionLinksTable.subjectType, subjectType)),
    );
  return rows.map((row) => row.subjectId);
}
