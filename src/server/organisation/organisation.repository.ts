import { and, asc, desc, eq, gte, isNull, lte, sql } from 'drizzle-orm';
import type { Database } from '../../db/database.js';
import { fiscalYearEnd, fiscalYearStart } from '../../domain/fiscal-year.js';
import { bodiesTable, bodyRostersTable, meetingsTable } from './organisation.table.js';

export type BodyRow = typeof bodiesTable.$inferSelect;
export type RosterRow = typeof bodyRostersTable.$inferSelect;
export type MeetingRow = typeof meetingsTable.$inferSelect;

export type BodyValues = Pick<
  BodyRow,
  | 'kind'
  | 'name'
  | 'number'
  | 'parentId'
  | 'remit'
  | 'composition'
  | 'establishedOn'
  | 'secretariatDepartmentId'
  | 'statedMeetingCounts'
  | 'source'
  | 'note'
>;
export type RosterValues = Pick<RosterRow, 'asOf' | 'members' | 'source' | 'note'>;
export type MeetingValues = Pick<
  MeetingRow,
  | 'bodyId'
  | 'date'
  | 'startTime'
  | 'endTime'
  | 'number'
  | 'title'
  | 'place'
  | 'status'
  | 'agenda'
  | 'minutes'
  | 'decisions'
  | 'note'
>;

export async function listBodies({
  db,
  municipalityId,
}: {
  db: Database;
  municipalityId: string;
}): Promise<BodyRow[]> {
  return db
    .select()
    .from(bodiesTable)
    .where(and(eq(bodiesTable.municipalityId, municipalityId), isNull(bodiesTable.archivedAt)))
    .orderBy(asc(bodiesTable.position), asc(bodiesTable.createdAt));
}

export async function findBody({
  db,
  municipalityId,
  bodyId,
}: {
  db: Database;
  municipalityId: string;
  bodyId: string;
}): Promise<BodyRow | null> {
  const [row] = await db
    .select()
    .from(bodiesTable)
    .where(
      and(
        eq(bodiesTable.id, bodyId),
        eq(bodiesTable.municipalityId, municipalityId),
        isNull(bodiesTable.archivedAt),
      ),
    );
  return row ?? null;
}

export async function insertBody({
  db,
  municipalityId,
  values,
}: {
  db: Database;
  municipalityId: string;
  values: BodyValues;
}): Promise<BodyRow> {
  const [last] = await db
    .select({ position: sql<number>`coalesce(max(${bodiesTable.position}), -1)::int` })
    .from(bodiesTable)
    .where(eq(bodiesTable.municipalityId, municipalityId));
  const [row] = await db
    .insert(bodiesTable)
    .values({ municipalityId, position: (last?.position ?? -1) + 1, ...values })
    .returning();
  return row!;
}

export async function updateBody({
  db,
  municipalityId,
  bodyId,
  version,
  values,
}: {
  db: Database;
  municipalityId: string;
  bodyId: string;
  version: number;
  values: Partial<BodyValues> & { archivedAt?: Date | null };
}): Promise<BodyRow | null> {
  const [row] = await db
    .update(bodiesTable)
    .set({ ...values, version: sql`${bodiesTable.version} + 1`, updatedAt: sql`now()` })
    .where(
      and(
        eq(bodiesTable.id, bodyId),
        eq(bodiesTable.municipalityId, municipalityId),
        eq(bodiesTable.version, version),
        isNull(bodiesTable.archivedAt),
      ),
    )
    .returning();
  return row ?? null;
}

/** Live rosters of the municipality (or of one body), newest first. */
export async function listRosters({
  db,
  municipalityId,
  bodyId,
}: {
  db: Database;
  municipalityId: string;
  bodyId?: string;
}): Promise<RosterRow[]> {
  return db
    .select()
    .from(bodyRostersTable)
    .where(
      and(
        eq(bodyRostersTable.municipalityId, municipalityId),
        bodyId ? eq(bodyRostersTable.bodyId, bodyId) : undefined,
        isNull(bodyRostersTable.archivedAt),
      ),
    )
    .orderBy(desc(bodyRostersTable.asOf), desc(bodyRostersTable.createdAt));
}

export async function findRoster({
  db,
  municipalityId,
  bodyId,
  rosterId,
}: {
  db: Database;
  municipalityId: string;
  bodyId: string;
  rosterId: string;
}): Promise<RosterRow | null> {
  const [row] = await db
    .select()
    .from(bodyRostersTable)
    .where(
      and(
        eq(bodyRostersTable.id, rosterId),
        eq(bodyRostersTable.bodyId, bodyId),
        eq(bodyRostersTable.municipalityId, municipalityId),
        isNull(bodyRostersTable.archivedAt),
      ),
    );
  return row ?? null;
}

export async function insertRoster({
  db,
  municipalityId,
  bodyId,
  values,
}: {
  db: Database;
  municipalityId: string;
  bodyId: string;
  values: RosterValues;
}): Promise<RosterRow> {
  const [row] = await db
    .insert(bodyRostersTable)
    .values({ municipalityId, bodyId, ...values })
    .returning();
  return row!;
}

export async function updateRoster({
  db,
  municipalityId,
  rosterId,
  version,
  values,
}: {
  db: Database;
  municipalityId: string;
  rosterId: string;
  version: number;
  values: Partial<RosterValues> & { archivedAt?: Date | null };
}): Promise<RosterRow | null> {
  const [row] = await db
    .update(bodyRostersTable)
    .set({ ...values, version: sql`${bodyRostersTable.version} + 1`, updatedAt: sql`now()` })
    .where(
      and(
        eq(bodyRostersTable.id, rosterId),
        eq(bodyRostersTable.municipalityId, municipalityId),
        eq(bodyRostersTable.version, version),
        isNull(bodyRostersTable.archivedAt),
      ),
    )
    .returning();
  return row ?? null;
}

/** Live meetings, by date; optionally of one body or one fiscal year. */
export async function listMeetings({
  db,
  municipalityId,
  bodyId,
  fy,
}: {
  db: Database;
  municipalityId: string;
  bodyId?: string | undefined;
  fy?: number | undefined;
}): Promise<MeetingRow[]> {
  return db
    .select()
    .from(meetingsTable)
    .where(
      and(
        eq(meetingsTable.municipalityId, municipalityId),
        isNull(meetingsTable.archivedAt),
        bodyId ? eq(meetingsTable.bodyId, bodyId) : undefined,
        fy !== undefined ? gte(meetingsTable.date, fiscalYearStart(fy)) : undefined,
        fy !== undefined ? lte(meetingsTable.date, fiscalYearEnd(fy)) : undefined,
      ),
    )
    .orderBy(asc(meetingsTable.date), asc(meetingsTable.startTime), asc(meetingsTable.createdAt));
}

export async function findMeeting({
  db,
  municipalityId,
  meetingId,
}: {
  db: Database;
  municipalityId: string;
  meetingId: string;
}): Promise<MeetingRow | null> {
  const [row] = await db
    .select()
    .from(meetingsTable)
    .where(
      and(
        eq(meetingsTable.id, meetingId),
        eq(meetingsTable.municipalityId, municipalityId),
        isNull(meetingsTable.archivedAt),
      ),
    );
  return row ?? null;
}

export async function insertMeeting({
  db,
  municipalityId,
  values,
}: {
  db: Database;
  municipalityId: string;
  values: MeetingValues;
}): Promise<MeetingRow> {
  const [row] = await db
    .insert(meetingsTable)
    .values({ municipalityId, ...values })
    .returning();
  return row!;
}

export async function updateMeeting({
  db,
  municipalityId,
  meetingId,
  version,
  values,
}: {
  db: Database;
  municipalityId: string;
  meetingId: string;
  version: number;
  values: Partial<MeetingValues> & { archivedAt?: Date | null };
}): Promise<MeetingRow | null> {
  const [row] = await db
    .update(meetingsTable)
    .set({ ...values, version: sql`${meetingsTable.version} + 1`, updatedAt: sql`now()` })
    .where(
      and(
        eq(meetingsTable.id, meetingId),
        eq(meetingsTable.municipalityId, municipalityId),
        eq(meetingsTable.version, version),
        isNull(meetingsTable.archivedAt),
      ),
    )
    .returning();
  return row ?? null;
}
