import { and, asc, count, eq, gt, inArray, isNull, sql } from 'drizzle-orm';
import type { Database } from '../../db/database.js';
import type { Actor, Membership, Role } from '../../domain/policy.js';
import { departmentsTable } from '../departments/departments.table.js';
import {
  invitationsTable,
  membershipDepartmentsTable,
  membershipsTable,
  sessionsTable,
  usersTable,
} from './accounts.table.js';

export type UserRow = typeof usersTable.$inferSelect;
export type InvitationRow = typeof invitationsTable.$inferSelect;

export async function countUsers({ db }: { db: Database }): Promise<number> {
  const [row] = await db.select({ value: count() }).from(usersTable);
  return row?.value ?? 0;
}

export async function findUserByLogin({
  db,
  login,
}: {
  db: Database;
  login: string;
}): Promise<UserRow | null> {
  const [row] = await db.select().from(usersTable).where(eq(usersTable.login, login));
  return row ?? null;
}

export async function findUserById({
  db,
  userId,
}: {
  db: Database;
  userId: string;
}): Promise<UserRow | null> {
  const [row] = await db.select().from(usersTable).where(eq(usersTable.id, userId));
  return row ?? null;
}

export async function insertUser({
  db,
  user,
}: {
  db: Database;
  user: {
    login: string;
    displayName: string;
    email?: string | null | undefined;
    passwordHash: string;
    superAdmin?: boolean;
    mustChangePassword?: boolean;
  };
}): Promise<UserRow> {
  const [row] = await db
    .insert(usersTable)
    .values({
      login: user.login,
      displayName: user.displayName,
      email: user.email ?? null,
      passwordHash: user.passwordHash,
      superAdmin: user.superAdmin ?? false,
      mustChangePassword: user.mustChangePassword ?? false,
    })
    .returning();
  return row!;
}

export async function updateUser({
  db,
  userId,
  values,
}: {
  db: Database;
  userId: string;
  values: Partial<
    Pick<
      UserRow,
      'displayName' | 'email' | 'passwordHash' | 'mustChangePassword' | 'disabledAt' | 'lastLoginAt'
    >
  >;
}): Promise<UserRow | null> {
  const [row] = await db
    .update(usersTable)
    .set({ ...values, updatedAt: sql`now()`, version: sql`${usersTable.version} + 1` })
    .where(eq(usersTable.id, userId))
    .returning();
  return row ?? null;
}

/** Bumps the user's version if it is still `version`; null when someone else changed it first. */
export async function bumpUserVersion({
  db,
  userId,
  version,
}: {
  db: Database;
  userId: string;
  version: number;
}): Promise<UserRow | null> {
  const [row] = await db
    .update(usersTable)
    .set({ updatedAt: sql`now()`, version: sql`${usersTable.version} + 1` })
    .where(and(eq(usersTable.id, userId), eq(usersTable.version, version)))
    .returning();
  return row ?? null;
}

export async function listMemberships({
  db,
  userId,
}: {
  db: Database;
  userId: string;
}): Promise<Membership[]> {
  const rows = await db
    .select({ municipalityId: membershipsTable.municipalityId, role: membershipsTable.role })
    .from(membershipsTable)
    .where(eq(membershipsTable.userId, userId));
  const departments = await db
    .select({
      municipalityId: membershipDepartmentsTable.municipalityId,
      departmentId: membershipDepartmentsTable.departmentId,
    })
    .from(membershipDepartmentsTable)
    .where(eq(membershipDepartmentsTable.userId, userId));
  return rows.map((row) => ({
    municipalityId: row.municipalityId,
    role: row.role,
    departmentIds: departments
      .filter((department) => department.municipalityId === row.municipalityId)
      .map((department) => department.departmentId),
  }));
}

export function toActor(user: UserRow, memberships: Membership[]): Actor {
  return {
    userId: user.id,
    displayName: user.displayName,
    superAdmin: user.superAdmin,
    memberships,
  };
}

/** Sets the user's role in a municipality (and, for an editor, its departments), replacing what was. */
export async function setMembership({
  db,
  userId,
  municipalityId,
  role,
  departmentIds,
}: {
  db: Database;
  userId: string;
  municipalityId: string;
  role: Role;
  departmentIds: string[];
}): Promise<void> {
  await db
    .insert(membershipsTable)
    .values({ userId, municipalityId, role })
    .onConflictDoUpdate({
      target: [membershipsTable.userId, membershipsTable.municipalityId],
      set: { role },
    });
  await db
    .delete(membershipDepartmentsTable)
    .where(
      and(
        eq(membershipDepartmentsTable.userId, userId),
        eq(membershipDepartmentsTable.municipalityId, municipalityId),
      ),
    );
  const unique = [...new Set(departmentIds)];
  if (unique.length > 0) {
    await db
      .insert(membershipDepartmentsTable)
      .values(unique.map((departmentId) => ({ userId, municipalityId, departmentId })));
  }
}

export async function deleteMembership({
  db,
  userId,
  municipalityId,
}: {
  db: Database;
  userId: string;
  municipalityId: string;
}): Promise<void> {
  await db
    .delete(membershipsTable)
    .where(and(eq(membershipsTable.userId, userId), eq(membershipsTable.municipalityId, municipalityId)));
}

export interface MemberRecord {
  id: string;
  login: string;
  displayName: string;
  email: string | null;
  role: Role;
  departmentIds: string[];
  disabled: boolean;
  mustChangePassword: boolean;
  lastLoginAt: string | null;
  version: number;
}

export async function listMembers({
  db,
  municipalityId,
}: {
  db: Database;
  municipalityId: string;
}): Promise<MemberRecord[]> {
  const rows = await db
    .select({ user: usersTable, role: membershipsTable.role })
    .from(membershipsTable)
    .innerJoin(usersTable, eq(usersTable.id, membershipsTable.userId))
    .where(eq(membershipsTable.municipalityId, municipalityId))
    .orderBy(asc(usersTable.displayName), asc(usersTable.login));
  const departments = await db
    .select({
      userId: membershipDepartmentsTable.userId,
      departmentId: membershipDepartmentsTable.departmentId,
    })
    .from(membershipDepartmentsTable)
    .innerJoin(departmentsTable, eq(departmentsTable.id, membershipDepartmentsTable.departmentId))
    .where(eq(membershipDepartmentsTable.municipalityId, municipalityId))
    .orderBy(asc(departmentsTable.position));
  return rows.map(({ user, role }) => ({
    id: user.id,
    login: user.login,
    displayName: user.displayName,
    email: user.email,
    role,
    departmentIds: departments.filter((row) => row.userId === user.id).map((row) => row.departmentId),
    disabled: user.disabledAt !== null,
    mustChangePassword: user.mustChangePassword,
    lastLoginAt: user.lastLoginAt?.toISOString() ?? null,
    version: user.version,
  }));
}

/** The ids among `departmentIds` that are departments of the municipality and not archived. */
export async function findActiveDepartmentIds({
  db,
  municipalityId,
  departmentIds,
}: {
  db: Database;
  municipalityId: string;
  departmentIds: string[];
}): Promise<string[]> {
  if (departmentIds.length === 0) return [];
  const rows = await db
    .select({ id: departmentsTable.id })
    .from(departmentsTable)
    .where(
      and(
        eq(departmentsTable.municipalityId, municipalityId),
        inArray(departmentsTable.id, departmentIds),
        isNull(departmentsTable.archivedAt),
      ),
    );
  return rows.map((row) => row.id);
}

// Sessions

export async function insertSession({
  db,
  session,
}: {
  db: Database;
  session: typeof sessionsTable.$inferInsert;
}): Promise<void> {
  await db.insert(sessionsTable).values(session);
}

export async function findLiveSession({
  db,
  tokenHash,
}: {
  db: Database;
  tokenHash: string;
}): Promise<{ session: typeof sessionsTable.$inferSelect; user: UserRow } | null> {
  const [row] = await db
    .select({ session: sessionsTable, user: usersTable })
    .from(sessionsTable)
    .innerJoin(usersTable, eq(usersTable.id, sessionsTable.userId))
    .where(
      and(
        eq(sessionsTable.tokenHash, tokenHash),
        gt(sessionsTable.expiresAt, sql`now()`),
        isNull(usersTable.disabledAt),
      ),
    );
  return row ?? null;
}

export async function touchSession({
  db,
  tokenHash,
  expiresAt,
}: {
  db: Database;
  tokenHash: string;
  expiresAt: Date;
}): Promise<void> {
  await db
    .update(sessionsTable)
    .set({ lastSeenAt: sql`now()`, expiresAt })
    .where(eq(sessionsTable.tokenHash, tokenHash));
}

export async function deleteSession({ db, tokenHash }: { db: Database; tokenHash: string }): Promise<void> {
  await db.delete(sessionsTable).where(eq(sessionsTable.tokenHash, tokenHash));
}

/** Ends every session of the user but, optionally, one (the one that changed the password). */
export async function deleteSessionsOfUser({
  db,
  userId,
  except,
}: {
  db: Database;
  userId: string;
  except?: string | undefined;
}): Promise<void> {
  await db
    .delete(sessionsTable)
    .where(
      except === undefined
        ? eq(sessionsTable.userId, userId)
        : and(eq(sessionsTable.userId, userId), sql`${sessionsTable.tokenHash} <> ${except}`),
    );
}

// Invitations

export async function insertInvitation({
  db,
  invitation,
}: {
  db: Database;
  invitation: typeof invitationsTable.$inferInsert;
}): Promise<InvitationRow> {
  const [row] = await db.insert(invitationsTable).values(invitation).returning();
  return row!;
}

export async function findOpenInvitation({
  db,
  tokenHash,
}: {
  db: Database;
  tokenHash: string;
}): Promise<InvitationRow | null> {
  const [row] = await db
    .select()
    .from(invitationsTable)
    .where(
      and(
        eq(invitationsTable.tokenHash, tokenHash),
        isNull(invitationsTable.acceptedAt),
        isNull(invitationsTable.revokedAt),
        gt(invitationsTable.expiresAt, sql`now()`),
      ),
    );
  return row ?? null;
}

export async function listOpenInvitations({
  db,
  municipalityId,
}: {
  db: Database;
  municipalityId: string;
}): Promise<InvitationRow[]> {
  return db
    .select()
    .from(invitationsTable)
    .where(
      and(
        eq(invitationsTable.municipalityId, municipalityId),
        isNull(invitationsTable.acceptedAt),
        isNull(invitationsTable.revokedAt),
        gt(invitationsTable.expiresAt, sql`now()`),
      ),
    )
    .orderBy(asc(invitationsTable.createdAt));
}

export async function closeInvitation({
  db,
  invitationId,
  municipalityId,
  how,
}: {
  db: Database;
  invitationId: string;
  municipalityId: string;
  how: 'accepted' | 'revoked';
}): Promise<InvitationRow | null> {
  const [row] = await db
    .update(invitationsTable)
    .set(how === 'accepted' ? { acceptedAt: sql`now()` } : { revokedAt: sql`now()` })
    .where(
      and(
        eq(invitationsTable.id, invitationId),
        eq(invitationsTable.municipalityId, municipalityId),
        isNull(invitationsTable.acceptedAt),
        isNull(invitationsTable.revokedAt),
      ),
    )
    .returning();
  return row ?? null;
}
