import { randomBytes, randomInt } from 'node:crypto';
import { eq, inArray } from 'drizzle-orm';
import type { Database } from '../../db/database.js';
import { passwordProblem } from '../../domain/account.schemas.js';
import { AppError } from '../../domain/app-error.js';
import { type Actor, listAbilities, type Permission, type Role, roleLabels } from '../../domain/policy.js';
import { recordAudit } from '../audit/audit.repository.js';
import { ensureCan } from '../authorization.js';
import { departmentsTable } from '../departments/departments.table.js';
import { municipalitiesTable } from '../municipalities/municipalities.table.js';
import {
  bumpUserVersion,
  closeInvitation,
  countUsers,
  deleteMembership,
  findActiveDepartmentIds,
  findOpenInvitation,
  findUserById,
  findUserByLogin,
  insertInvitation,
  insertUser,
  listMembers,
  listMemberships,
  listOpenInvitations,
  type MemberRecord,
  setMembership,
  updateUser,
} from './accounts.repository.js';
import type { LoginThrottle } from './login-throttle.js';
import { getDummyPasswordHash, hashPassword, verifyPassword } from './passwords.js';
import { hashToken, type ResolvedSession, type SessionStore } from './sessions.js';

const INVITATION_DAYS = 7;

/** Letters and digits that cannot be mistaken for one another when read off a terminal. */
const PASSWORD_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';

export function generateOneTimePassword(length = 16): string {
  let password = '';
  for (let i = 0; i < length; i++) password += PASSWORD_ALPHABET[randomInt(PASSWORD_ALPHABET.length)];
  return password;
}

/**
 * On the first start of an empty deployment: a super-admin `admin` with a random one-time password,
 * which the caller prints once. Its first login must choose a new password. Never a fixed default.
 */
export async function ensureInitialAdmin({
  db,
}: {
  db: Database;
}): Promise<{ login: string; password: string } | null> {
  if ((await countUsers({ db })) > 0) return null;
  const password = generateOneTimePassword();
  const login = 'admin';
  await db.transaction(async (tx) => {
    const user = await insertUser({
      db: tx,
      user: {
        login,
        displayName: '管理者',
        passwordHash: await hashPassword(password),
        superAdmin: true,
        mustChangePassword: true,
      },
    });
    await recordAudit({
      db: tx,
      actor: null,
      entry: {
        municipalityId: null,
        subjectType: 'user',
        subjectId: user.id,
        operation: 'create',
        summary: '初回起動時に管理者アカウント（admin）を作成',
        after: { login, superAdmin: true },
      },
    });
  });
  return { login, password };
}

/**
 * Checks a login ID and password and starts a session. Failures are counted per login ID and per
 * address; a wrong ID and a wrong password get the same answer in the same time.
 */
export async function login({
  db,
  sessions,
  throttle,
  input,
  ip,
  userAgent,
}: {
  db: Database;
  sessions: SessionStore;
  throttle: LoginThrottle;
  input: { login: string; password: string };
  ip: string;
  userAgent?: string | undefined;
}): Promise<{ token: string; expiresAt: Date; mustChangePassword: boolean }> {
  const loginId = input.login.trim().toLowerCase();
  if (throttle.isBlocked({ login: loginId, ip })) throw new AppError({ code: 'auth.rate_limited' });
  const user = await findUserByLogin({ db, login: loginId });
  const valid = await verifyPassword({
    passwordHash: user?.passwordHash ?? (await getDummyPasswordHash()),
    password: input.password,
  });
  if (!user || !valid || user.disabledAt !== null) {
    throttle.recordFailure({ login: loginId, ip });
    throw new AppError({ code: 'auth.invalid_credentials' });
  }
  throttle.recordSuccess({ login: loginId });
  const started = await sessions.create({ userId: user.id, ip, userAgent });
  await updateUser({ db, userId: user.id, values: { lastLoginAt: new Date() } });
  return { ...started, mustChangePassword: user.mustChangePassword };
}

export async function logout({ sessions, token }: { sessions: SessionStore; token: string }): Promise<void> {
  await sessions.end(token);
}

/** Changes the signed-in user's own password; every other session of the user ends. */
export async function changePassword({
  db,
  sessions,
  session,
  input,
}: {
  db: Database;
  sessions: SessionStore;
  session: ResolvedSession;
  input: { currentPassword: string; newPassword: string };
}): Promise<void> {
  const user = await findUserById({ db, userId: session.actor.userId });
  if (!user) throw new AppError({ code: 'auth.unauthenticated' });
  if (!(await verifyPassword({ passwordHash: user.passwordHash, password: input.currentPassword }))) {
    // 400, not 401: the session is fine, only the field is wrong.
    throw new AppError({
      code: 'auth.wrong_password',
      issues: [{ path: 'currentPassword', message: '現在のパスワードが正しくありません' }],
    });
  }
  ensureStrongPassword({ password: input.newPassword, login: user.login, field: 'newPassword' });
  if (input.newPassword === input.currentPassword) {
    throw new AppError({
      code: 'auth.weak_password',
      message: '新しいパスワードは現在のものと別にしてください',
      issues: [{ path: 'newPassword', message: '新しいパスワードは現在のものと別にしてください' }],
    });
  }
  await db.transaction(async (tx) => {
    await updateUser({
      db: tx,
      userId: user.id,
      values: { passwordHash: await hashPassword(input.newPassword), mustChangePassword: false },
    });
    await recordAudit({
      db: tx,
      actor: session.actor,
      entry: {
        municipalityId: null,
        subjectType: 'user',
        subjectId: user.id,
        operation: 'password',
        summary: `${user.displayName} がパスワードを変更`,
      },
    });
  });
  await sessions.endAllOf({ userId: user.id, except: session.tokenHash });
}

function ensureStrongPassword({
  password,
  login,
  field,
}: {
  password: string;
  login: string;
  field: string;
}) {
  const problem = passwordProblem({ password, login });
  if (problem) {
    throw new AppError({
      code: 'auth.weak_password',
      message: problem,
      issues: [{ path: field, message: problem }],
    });
  }
}

export interface SessionInfo {
  user: { id: string; login: string; displayName: string; superAdmin: boolean; mustChangePassword: boolean };
  expiresAt: string;
  memberships: {
    municipality: { id: string; code: string; name: string; prefecture: string };
    role: Role;
    roleLabel: string;
    departments: { id: string; key: string; name: string }[];
    abilities: { permission: Permission; departmentIds: string[] | null }[];
  }[];
}

/**
 * Who is signed in, and what they may do in each municipality: the UI shows and hides controls from
 * this, computed by the same policy the server enforces. A super-admin is listed in every municipality.
 */
export async function getSessionInfo({
  db,
  session,
}: {
  db: Database;
  session: ResolvedSession;
}): Promise<SessionInfo> {
  const { actor } = session;
  const memberOf = actor.memberships.map((membership) => membership.municipalityId);
  const municipalities =
    !actor.superAdmin && memberOf.length === 0
      ? []
      : await db
          .select({
            id: municipalitiesTable.id,
            code: municipalitiesTable.code,
            name: municipalitiesTable.name,
            prefecture: municipalitiesTable.prefecture,
          })
          .from(municipalitiesTable)
          .where(actor.superAdmin ? undefined : inArray(municipalitiesTable.id, memberOf))
          .orderBy(municipalitiesTable.code);
  const departmentIds = actor.memberships.flatMap((membership) => membership.departmentIds);
  const departments =
    departmentIds.length === 0
      ? []
      : await db
          .select({ id: departmentsTable.id, key: departmentsTable.key, name: departmentsTable.name })
          .from(departmentsTable)
          .where(inArray(departmentsTable.id, departmentIds));
  return {
    user: {
      id: actor.userId,
      login: session.login,
      displayName: actor.displayName,
      superAdmin: actor.superAdmin,
      mustChangePassword: session.mustChangePassword,
    },
    expiresAt: session.expiresAt.toISOString(),
    memberships: municipalities.map((municipality) => {
      const membership = actor.memberships.find((m) => m.municipalityId === municipality.id);
      const role: Role = membership?.role ?? 'admin';
      return {
        municipality,
        role,
        roleLabel: actor.superAdmin ? 'システム管理者' : roleLabels[role],
        departments: departments.filter((department) => membership?.departmentIds.includes(department.id)),
        abilities: listAbilities(actor, municipality.id),
      };
    }),
  };
}

async function ensureMunicipality({ db, municipalityId }: { db: Database; municipalityId: string }) {
  const [row] = await db
    .select({ id: municipalitiesTable.id, name: municipalitiesTable.name })
    .from(municipalitiesTable)
    .where(eq(municipalitiesTable.id, municipalityId));
  if (!row) throw new AppError({ code: 'municipality.not_found' });
  return row;
}

async function ensureDepartments({
  db,
  municipalityId,
  role,
  departmentIds,
}: {
  db: Database;
  municipalityId: string;
  role: Role;
  departmentIds: string[];
}): Promise<string[]> {
  if (role !== 'editor') return [];
  const unique = [...new Set(departmentIds)];
  if (unique.length === 0) {
    throw new AppError({
      code: 'request.invalid',
      message: '担当課（編集者）には担当する課を1つ以上選んでください',
      issues: [{ path: 'departmentIds', message: '担当する課を1つ以上選んでください' }],
    });
  }
  const found = await findActiveDepartmentIds({ db, municipalityId, departmentIds: unique });
  if (found.length !== unique.length) {
    throw new AppError({
      code: 'department.not_found',
      message: '選ばれた課の中に、この自治体にない課（または廃止された課）があります',
      issues: [{ path: 'departmentIds', message: 'この自治体の課を選んでください' }],
    });
  }
  return unique;
}

/** The users of a municipality with their roles, for the admin's user screen. */
export async function findMembers({
  db,
  actor,
  municipalityId,
}: {
  db: Database;
  actor: Actor;
  municipalityId: string;
}): Promise<MemberRecord[]> {
  ensureCan(actor, 'user.manage', { municipalityId });
  await ensureMunicipality({ db, municipalityId });
  return listMembers({ db, municipalityId });
}

export interface IssuedInvitation {
  id: string;
  token: string;
  expiresAt: string;
}

/**
 * Invites a new user to the municipality with a role (an editor with its departments). Returns the token
 * of the invitation link, shown to the admin once; only its hash is kept.
 */
export async function inviteUser({
  db,
  actor,
  municipalityId,
  input,
}: {
  db: Database;
  actor: Actor;
  municipalityId: string;
  input: {
    login: string;
    displayName: string;
    email?: string | undefined;
    role: Role;
    departmentIds: string[];
  };
}): Promise<IssuedInvitation> {
  ensureCan(actor, 'user.manage', { municipalityId });
  await ensureMunicipality({ db, municipalityId });
  if (await findUserByLogin({ db, login: input.login })) {
    throw new AppError({
      code: 'user.already_exists',
      issues: [{ path: 'login', message: 'このログインIDはすでに使われています' }],
    });
  }
  const departmentIds = await ensureDepartments({
    db,
    municipalityId,
    role: input.role,
    departmentIds: input.departmentIds,
  });
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(Date.now() + INVITATION_DAYS * 86_400_000);
  const invitation = await db.transaction(async (tx) => {
    const row = await insertInvitation({
      db: tx,
      invitation: {
        tokenHash: hashToken(token),
        municipalityId,
        login: input.login,
        displayName: input.displayName,
        email: input.email ?? null,
        role: input.role,
        departmentIds,
        invitedBy: actor.userId,
        expiresAt,
      },
    });
    await recordAudit({
      db: tx,
      actor,
      entry: {
        municipalityId,
        subjectType: 'invitation',
        subjectId: row.id,
        operation: 'create',
        summary: `${input.displayName}（${input.login}）を${roleLabels[input.role]}として招待`,
        after: { login: input.login, displayName: input.displayName, role: input.role, departmentIds },
      },
    });
    return row;
  });
  return { id: invitation.id, token, expiresAt: expiresAt.toISOString() };
}

/** A reset link for a user who forgot the password; the old password stops working when it is used. */
export async function issuePasswordReset({
  db,
  actor,
  municipalityId,
  userId,
}: {
  db: Database;
  actor: Actor;
  municipalityId: string;
  userId: string;
}): Promise<IssuedInvitation> {
  ensureCan(actor, 'user.manage', { municipalityId });
  const member = (await listMembers({ db, municipalityId })).find((m) => m.id === userId);
  if (!member) throw new AppError({ code: 'user.not_found' });
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(Date.now() + INVITATION_DAYS * 86_400_000);
  const invitation = await db.transaction(async (tx) => {
    const row = await insertInvitation({
      db: tx,
      invitation: {
        tokenHash: hashToken(token),
        municipalityId,
        login: member.login,
        displayName: member.displayName,
        email: member.email,
        role: member.role,
        departmentIds: member.departmentIds,
        userId,
        invitedBy: actor.userId,
        expiresAt,
      },
    });
    await recordAudit({
      db: tx,
      actor,
      entry: {
        municipalityId,
        subjectType: 'user',
        subjectId: userId,
        operation: 'password_reset',
        summary: `${member.displayName} のパスワード再設定リンクを発行`,
      },
    });
    return row;
  });
  return { id: invitation.id, token, expiresAt: expiresAt.toISOString() };
}

export async function findOpenInvitations({
  db,
  actor,
  municipalityId,
}: {
  db: Database;
  actor: Actor;
  municipalityId: string;
}) {
  ensureCan(actor, 'user.manage', { municipalityId });
  const rows = await listOpenInvitations({ db, municipalityId });
  return rows.map((row) => ({
    id: row.id,
    login: row.login,
    displayName: row.displayName,
    email: row.email,
    role: row.role,
    departmentIds: row.departmentIds,
    kind: row.userId ? ('reset' as const) : ('invite' as const),
    createdAt: row.createdAt.toISOString(),
    expiresAt: row.expiresAt.toISOString(),
  }));
}

export async function revokeInvitation({
  db,
  actor,
  municipalityId,
  invitationId,
}: {
  db: Database;
  actor: Actor;
  municipalityId: string;
  invitationId: string;
}): Promise<void> {
  ensureCan(actor, 'user.manage', { municipalityId });
  await db.transaction(async (tx) => {
    const row = await closeInvitation({ db: tx, invitationId, municipalityId, how: 'revoked' });
    if (!row)
      throw new AppError({
        code: 'invitation.invalid',
        message: 'この招待はすでに使われたか、取り消されています',
      });
    await recordAudit({
      db: tx,
      actor,
      entry: {
        municipalityId,
        subjectType: 'invitation',
        subjectId: invitationId,
        operation: 'revoke',
        summary: `${row.displayName}（${row.login}）への招待を取り消し`,
      },
    });
  });
}

/** What an invitation link offers, for the page that accepts it (no login needed). */
export async function getInvitation({ db, token }: { db: Database; token: string }) {
  const invitation = await findOpenInvitation({ db, tokenHash: hashToken(token) });
  if (!invitation) throw new AppError({ code: 'invitation.invalid' });
  const municipality = await ensureMunicipality({ db, municipalityId: invitation.municipalityId });
  return {
    kind: invitation.userId ? ('reset' as const) : ('invite' as const),
    login: invitation.login,
    displayName: invitation.displayName,
    role: invitation.role,
    roleLabel: roleLabels[invitation.role],
    municipalityName: municipality.name,
    expiresAt: invitation.expiresAt.toISOString(),
  };
}

/**
 * Accepts an invitation: creates the account with the chosen password and its role; or, for a reset
 * link, sets the new password and ends the user's sessions. The link works once.
 */
export async function acceptInvitation({
  db,
  sessions,
  token,
  input,
}: {
  db: Database;
  sessions: SessionStore;
  token: string;
  input: { password: string; displayName?: string | undefined };
}): Promise<{ login: string }> {
  const invitation = await findOpenInvitation({ db, tokenHash: hashToken(token) });
  if (!invitation) throw new AppError({ code: 'invitation.invalid' });
  ensureStrongPassword({ password: input.password, login: invitation.login, field: 'password' });
  const passwordHash = await hashPassword(input.password);
  const userId = await db.transaction(async (tx) => {
    const closed = await closeInvitation({
      db: tx,
      invitationId: invitation.id,
      municipalityId: invitation.municipalityId,
      how: 'accepted',
    });
    if (!closed) throw new AppError({ code: 'invitation.invalid' });
    if (invitation.userId) {
      const user = await updateUser({
        db: tx,
        userId: invitation.userId,
        values: { passwordHash, mustChangePassword: false },
      });
      if (!user) throw new AppError({ code: 'invitation.invalid' });
      await recordAudit({
        db: tx,
        actor: null,
        entry: {
          municipalityId: invitation.municipalityId,
          subjectType: 'user',
          subjectId: user.id,
          operation: 'password',
          summary: `${user.displayName} が再設定リンクでパスワードを設定`,
        },
      });
      return user.id;
    }
    if (await findUserByLogin({ db: tx, login: invitation.login })) {
      throw new AppError({ code: 'user.already_exists' });
    }
    const displayName = input.displayName?.trim() || invitation.displayName;
    const user = await insertUser({
      db: tx,
      user: { login: invitation.login, displayName, email: invitation.email, passwordHash },
    });
    const departmentIds = await findActiveDepartmentIds({
      db: tx,
      municipalityId: invitation.municipalityId,
      departmentIds: invitation.departmentIds,
    });
    await setMembership({
      db: tx,
      userId: user.id,
      municipalityId: invitation.municipalityId,
      role: invitation.role,
      departmentIds,
    });
    await recordAudit({
      db: tx,
      actor: { userId: user.id, displayName, superAdmin: false, memberships: [] },
      entry: {
        municipalityId: invitation.municipalityId,
        subjectType: 'user',
        subjectId: user.id,
        operation: 'create',
        summary: `${displayName}（${invitation.login}）が招待を受けて登録`,
        after: { login: invitation.login, role: invitation.role, departmentIds },
      },
    });
    return user.id;
  });
  if (invitation.userId) await sessions.endAllOf({ userId });
  return { login: invitation.login };
}

/** Changes a member's role and departments; `version` guards against a concurrent change. */
export async function updateMember({
  db,
  sessions,
  actor,
  municipalityId,
  userId,
  input,
}: {
  db: Database;
  sessions: SessionStore;
  actor: Actor;
  municipalityId: string;
  userId: string;
  input: { role: Role; departmentIds: string[]; displayName?: string | undefined; version: number };
}): Promise<MemberRecord> {
  ensureCan(actor, 'user.manage', { municipalityId });
  const before = (await listMembers({ db, municipalityId })).find((m) => m.id === userId);
  if (!before) throw new AppError({ code: 'user.not_found' });
  if (userId === actor.userId && input.role !== 'admin' && !actor.superAdmin) {
    throw new AppError({
      code: 'request.invalid',
      message: '自分自身の管理者権限は外せません。ほかの管理者に依頼してください',
      issues: [{ path: 'role', message: '自分自身の管理者権限は外せません' }],
    });
  }
  const departmentIds = await ensureDepartments({
    db,
    municipalityId,
    role: input.role,
    departmentIds: input.departmentIds,
  });
  await db.transaction(async (tx) => {
    const bumped = await bumpUserVersion({ db: tx, userId, version: input.version });
    if (!bumped) throw new AppError({ code: 'record.conflict', details: { current: before } });
    if (input.displayName !== undefined && input.displayName !== before.displayName) {
      await updateUser({ db: tx, userId, values: { displayName: input.displayName } });
    }
    await setMembership({ db: tx, userId, municipalityId, role: input.role, departmentIds });
    await recordAudit({
      db: tx,
      actor,
      entry: {
        municipalityId,
        subjectType: 'user',
        subjectId: userId,
        operation: 'update',
        summary: `${before.displayName} の役割を変更（${roleLabels[before.role]} → ${roleLabels[input.role]}）`,
        before: { role: before.role, departmentIds: before.departmentIds, displayName: before.displayName },
        after: { role: input.role, departmentIds, displayName: input.displayName ?? before.displayName },
      },
    });
  });
  sessions.forgetUser(userId);
  const after = (await listMembers({ db, municipalityId })).find((m) => m.id === userId);
  if (!after) throw new AppError({ code: 'user.not_found' });
  return after;
}

/**
 * Takes a user out of the municipality (the account stays, and the history keeps naming it); a user
 * left with no municipality is disabled and signed out everywhere.
 */
export async function removeMember({
  db,
  sessions,
  actor,
  municipalityId,
  userId,
  version,
}: {
  db: Database;
  sessions: SessionStore;
  actor: Actor;
  municipalityId: string;
  userId: string;
  version: number;
}): Promise<void> {
  ensureCan(actor, 'user.manage', { municipalityId });
  if (userId === actor.userId) {
    throw new AppError({
      code: 'request.invalid',
      message: '自分自身は外せません。ほかの管理者に依頼してください',
    });
  }
  const before = (await listMembers({ db, municipalityId })).find((m) => m.id === userId);
  if (!before) throw new AppError({ code: 'user.not_found' });
  await db.transaction(async (tx) => {
    const bumped = await bumpUserVersion({ db: tx, userId, version });
    if (!bumped) throw new AppError({ code: 'record.conflict', details: { current: before } });
    await deleteMembership({ db: tx, userId, municipalityId });
    const remaining = await listMemberships({ db: tx, userId });
    if (remaining.length === 0 && !bumped.superAdmin) {
      await updateUser({ db: tx, userId, values: { disabledAt: new Date() } });
    }
    await recordAudit({
      db: tx,
      actor,
      entry: {
        municipalityId,
        subjectType: 'user',
        subjectId: userId,
        operation: 'archive',
        summary: `${before.displayName}（${before.login}）の利用を停止`,
        before: { role: before.role, departmentIds: before.departmentIds },
      },
    });
  });
  await sessions.endAllOf({ userId });
}
