import {
  boolean,
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';
import type { Role } from '../../domain/policy.js';
import { departmentsTable } from '../departments/departments.table.js';
import { municipalitiesTable } from '../municipalities/municipalities.table.js';

/**
 * Local accounts. A user belongs to the deployment; what it may see and do comes from its memberships
 * (one role per municipality). Users are disabled, never deleted: the audit log keeps naming them.
 */
export const usersTable = pgTable('users', {
  id: uuid('id').primaryKey().defaultRandom(),
  /** Lower-cased login ID (an e-mail address or a staff number). */
  login: text('login').notNull().unique(),
  displayName: text('display_name').notNull(),
  email: text('email'),
  /** argon2id, with its parameters in the string. */
  passwordHash: text('password_hash').notNull(),
  superAdmin: boolean('super_admin').notNull().default(false),
  /** Set for the one-time password printed on first start: the first login must choose a new one. */
  mustChangePassword: boolean('must_change_password').notNull().default(false),
  disabledAt: timestamp('disabled_at', { withTimezone: true }),
  lastLoginAt: timestamp('last_login_at', { withTimezone: true }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  version: integer('version').notNull().default(1),
});

export const membershipsTable = pgTable(
  'memberships',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => usersTable.id, { onDelete: 'cascade' }),
    municipalityId: uuid('municipality_id')
      .notNull()
      .references(() => municipalitiesTable.id, { onDelete: 'cascade' }),
    role: text('role').$type<Role>().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    primaryKey({ name: 'memberships_pk', columns: [table.userId, table.municipalityId] }),
    index('memberships_municipality_idx').on(table.municipalityId),
  ],
);

/** The departments an editor keeps; the department must be of the membership's municipality. */
export const membershipDepartmentsTable = pgTable(
  'membership_departments',
  {
    userId: uuid('user_id').notNull(),
    municipalityId: uuid('municipality_id').notNull(),
    departmentId: uuid('department_id').notNull(),
  },
  (table) => [
    primaryKey({
      name: 'membership_departments_pk',
      columns: [table.userId, table.municipalityId, table.departmentId],
    }),
    foreignKey({
      name: 'membership_departments_membership_fk',
      columns: [table.userId, table.municipalityId],
      foreignColumns: [membershipsTable.userId, membershipsTable.municipalityId],
    }).onDelete('cascade'),
    foreignKey({
      name: 'membership_departments_department_fk',
      columns: [table.departmentId, table.municipalityId],
      foreignColumns: [departmentsTable.id, departmentsTable.municipalityId],
    }).onDelete('cascade'),
  ],
);

/** A login session. Only the SHA-256 of the cookie's token is stored: a leaked table opens no session. */
export const sessionsTable = pgTable(
  'sessions',
  {
    tokenHash: text('token_hash').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => usersTable.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
    /** Idle expiry, moved on as the session is used, never past `absoluteExpiresAt`. */
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    absoluteExpiresAt: timestamp('absolute_expires_at', { withTimezone: true }).notNull(),
    userAgent: text('user_agent'),
    ip: text('ip'),
  },
  (table) => [index('sessions_user_idx').on(table.userId)],
);

/**
 * An invitation link: whoever opens it sets a password and joins with the given role. With `userId` it
 * is a password-reset link an admin issued for an existing user (role and departments are kept).
 */
export const invitationsTable = pgTable(
  'invitations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tokenHash: text('token_hash').notNull(),
    municipalityId: uuid('municipality_id')
      .notNull()
      .references(() => municipalitiesTable.id, { onDelete: 'cascade' }),
    login: text('login').notNull(),
    displayName: text('display_name').notNull(),
    email: text('email'),
    role: text('role').$type<Role>().notNull(),
    departmentIds: jsonb('department_ids').$type<string[]>().notNull(),
    userId: uuid('user_id').references(() => usersTable.id, { onDelete: 'cascade' }),
    invitedBy: uuid('invited_by').references(() => usersTable.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    acceptedAt: timestamp('accepted_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (table) => [
    unique('invitations_token_unique').on(table.tokenHash),
    index('invitations_municipality_idx').on(table.municipalityId),
  ],
);
