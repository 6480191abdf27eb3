import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import type { Database } from '../../db/database.js';
import type { SeriesColumn } from '../../domain/effects.js';
import { departmentsTable } from '../departments/departments.table.js';
import { municipalitiesTable } from '../municipalities/municipalities.table.js';
import { bodiesTable, meetingsTable } from '../organisation/organisation.table.js';
import { actionsTable, kpisTable, plansTable } from '../plans/plans.table.js';
import type { LinkedAction } from './effects.schemas.js';
import {
  type ActionLinkSubject,
  bprProjectsTable,
  bprResultsTable,
  effectActionLinksTable,
  effectSeriesTable,
  fundingItemsTable,
  fundingListsTable,
  kpiSourcesTable,
} from './effects.table.js';

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

export async function findMunicipalityByCode({ db, code }: { db: Database; code: string }) {
  const [row] = await db
    .select({
      id: municipalitiesTable.id,
      code: municipalitiesTable.code,
      name: municipalitiesTable.name,
      prefecture: municipalitiesTable.prefecture,
    })
    .from(municipalitiesTable)
    .where(eq(municipalitiesTable.code, code));
  return row ?? null;
}

/** The municipality a plan belongs to, or null when there is no such plan. */
export async function findPlanMunicipalityId({
  db,
  planId,
}: {
  db: Database;
  planId: string;
}): Promise<string | null> {
  const [row] = await db
    .select({ municipalityId: plansTable.municipalityId })
    .from(plansTable)
    .where(eq(plansTable.id, planId));
  return row?.municipalityId ?? null;
}

/** A live action by its plan (id or slug within the municipality) and key. */
export async function findActionByKey({
  db,
  municipalityId,
  planId,
  planSlug,
  actionKey,
}: {
  db: Database;
  municipalityId: string;
  planId?: string;
  planSlug?: string;
  actionKey: string;
}): Promise<{ id: string; planId: string } | null> {
  const [row] = await db
    .select({ id: actionsTable.id, planId: actionsTable.planId })
    .from(actionsTable)
    .innerJoin(plansTable, eq(plansTable.id, actionsTable.planId))
    .where(
      and(
        eq(plansTable.municipalityId, municipalityId),
        planId ? eq(plansTable.id, planId) : undefined,
        planSlug ? eq(plansTable.slug, planSlug) : undefined,
        eq(actionsTable.key, actionKey),
        isNull(actionsTable.archivedAt),
      ),
    );
  return row ?? null;
}

/** Grant types already used in the municipality, for suggestions. */
export async function listFundingTypes({ db, municipalityId }: { db: Database; municipalityId: string }) {
  const rows = await db
    .selectDistinct({ type: fundingItemsTable.type })
    .from(fundingItemsTable)
    .where(and(eq(fundingItemsTable.municipalityId, municipalityId), isNull(fundingItemsTable.archivedAt)));
  return rows
    .map((row) => row.type)
    .filter((type): type is string => type !== null)
    .sort((a, b) => a.localeCompare(b, 'ja'));
}

/** The live BPR results linked to an action, with their project. */
export async function listBprResultsLinkedTo({ db, actionId }: { db: Database; actionId: string }) {
  const ids = await listSubjectIdsLinkedTo({ db, actionId, subjectType: 'bpr_result' });
  if (ids.length === 0) return [];
  return db
    .select({ result: bprResultsTable, project: bprProjectsTable })
    .from(bprResultsTable)
    .innerJoin(bprProjectsTable, eq(bprProjectsTable.id, bprResultsTable.projectId))
    .where(
      and(
        inArray(bprResultsTable.id, ids),
        isNull(bprResultsTable.archivedAt),
        isNull(bprProjectsTable.archivedAt),
      ),
    )
    .orderBy(asc(bprProjectsTable.fy), asc(bprResultsTable.position));
}

/** The live grant and budget lines linked to an action, with their list. */
export async function listFundingItemsLinkedTo({ db, actionId }: { db: Database; actionId: string }) {
  const ids = await listSubjectIdsLinkedTo({ db, actionId, subjectType: 'funding_item' });
  if (ids.length === 0) return [];
  return db
    .select({ item: fundingItemsTable, list: fundingListsTable })
    .from(fundingItemsTable)
    .innerJoin(fundingListsTable, eq(fundingListsTable.id, fundingItemsTable.listId))
    .where(
      and(
        inArray(fundingItemsTable.id, ids),
        isNull(fundingItemsTable.archivedAt),
        isNull(fundingListsTable.archivedAt),
      ),
    )
    .orderBy(asc(fundingListsTable.fy), asc(fundingItemsTable.position));
}

/** The live meetings linked to an action, with their body's name, by date. */
export async function listMeetingsLinkedTo({ db, actionId }: { db: Database; actionId: string }) {
  const ids = await listSubjectIdsLinkedTo({ db, actionId, subjectType: 'meeting' });
  if (ids.length === 0) return [];
  return db
    .select({ meeting: meetingsTable, bodyName: bodiesTable.name })
    .from(meetingsTable)
    .innerJoin(bodiesTable, eq(bodiesTable.id, meetingsTable.bodyId))
    .where(
      and(inArray(meetingsTable.id, ids), isNull(meetingsTable.archivedAt), isNull(bodiesTable.archivedAt)),
    )
    .orderBy(asc(meetingsTable.date));
}

/** The sources the action's KPIs take their actuals from, with the titles of the tables. */
export async function listKpiSourcesOfAction({ db, actionId }: { db: Database; actionId: string }): Promise<
  {
    kpiKey: string;
    kind: 'bpr_project' | 'series_column';
    bprProjectId: string | null;
    bprMetric: 'hours_saved' | 'reduction_rate' | 'process_count' | null;
    seriesId: string | null;
    seriesColumnKey: string | null;
    projectTitle: string | null;
    seriesTitle: string | null;
    seriesColumns: SeriesColumn[] | null;
  }[]
> {
  return db
    .select({
      kpiKey: kpisTable.key,
      kind: kpiSourcesTable.kind,
      bprProjectId: kpiSourcesTable.bprProjectId,
      bprMetric: kpiSourcesTable.bprMetric,
      seriesId: kpiSourcesTable.seriesId,
      seriesColumnKey: kpiSourcesTable.seriesColumnKey,
      projectTitle: bprProjectsTable.title,
      seriesTitle: effectSeriesTable.title,
      seriesColumns: effectSeriesTable.columns,
    })
    .from(kpiSourcesTable)
    .innerJoin(kpisTable, eq(kpisTable.id, kpiSourcesTable.kpiId))
    .leftJoin(bprProjectsTable, eq(bprProjectsTable.id, kpiSourcesTable.bprProjectId))
    .leftJoin(effectSeriesTable, eq(effectSeriesTable.id, kpiSourcesTable.seriesId))
    .where(and(eq(kpisTable.actionId, actionId), isNull(kpisTable.archivedAt)))
    .orderBy(asc(kpisTable.position));
}
