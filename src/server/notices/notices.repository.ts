import { and, asc, desc, eq, inArray, isNotNull, isNull, lte, or, sql } from 'drizzle-orm';
import type { Database } from '../../db/database.js';
import { REMINDER_DAYS_DEFAULT } from '../../domain/progress-round.js';
import { membershipDepartmentsTable, membershipsTable, usersTable } from '../accounts/accounts.table.js';
import { departmentsTable } from '../departments/departments.table.js';
import { plansTable } from '../plans/plans.table.js';
import { progressRoundsTable, roundSubmissionsTable } from '../rounds/rounds.table.js';
import {
  type NoticeChannel,
  type NoticeKind,
  type NoticeStatus,
  noticesTable,
  notificationSettingsTable,
} from './notices.table.js';

export interface NotificationSettingsRecord {
  reminderDaysBefore: number;
  emailEnabled: boolean;
  webhookUrl: string | null;
  updatedAt: Date | null;
  /** 1 for the defaults of a municipality that never saved its settings. */
  version: number;
}

const DEFAULT_SETTINGS: NotificationSettingsRecord = {
  reminderDaysBefore: REMINDER_DAYS_DEFAULT,
  emailEnabled: true,
  webhookUrl: null,
  updatedAt: null,
  version: 1,
};

export async function getNotificationSettings({
  db,
  municipalityId,
  lock = false,
}: {
  db: Database;
  municipalityId: string;
  lock?: boolean;
}): Promise<NotificationSettingsRecord & { stored: boolean }> {
  const query = db
    .select({
      reminderDaysBefore: notificationSettingsTable.reminderDaysBefore,
      emailEnabled: notificationSettingsTable.emailEnabled,
      webhookUrl: notificationSettingsTable.webhookUrl,
      updatedAt: notificationSettingsTable.updatedAt,
      version: notificationSettingsTable.version,
    })
    .from(notificationSettingsTable)
    .where(eq(notificationSettingsTable.municipalityId, municipalityId));
  const [row] = lock ? await query.for('update') : await query;
  return row ? { ...row, stored: true } : { ...DEFAULT_SETTINGS, stored: false };
}

/** Saves the settings; the first save of a municipality stores version 2 (the defaults are version 1). */
export async function saveNotificationSettings({
  db,
  municipalityId,
  stored,
  values,
  userId,
}: {
  db: Database;
  municipalityId: string;
  stored: boolean;
  values: { reminderDaysBefore: number; emailEnabled: boolean; webhookUrl: string | null };
  userId: string;
}): Promise<NotificationSettingsRecord> {
  const returning = {
    reminderDaysBefore: notificationSettingsTable.reminderDaysBefore,
    emailEnabled: notificationSettingsTable.emailEnabled,
    webhookUrl: notificationSettingsTable.webhookUrl,
    updatedAt: notificationSettingsTable.updatedAt,
    version: notificationSettingsTable.version,
  };
  if (!stored) {
    const [row] = await db
      .insert(notificationSettingsTable)
      .values({ municipalityId, ...values, updatedBy: userId, version: 2 })
      .returning(returning);
    return row!;
  }
  const [row] = await db
    .update(notificationSettingsTable)
    .set({
      ...values,
      updatedBy: userId,
      updatedAt: sql`now()`,
      version: sql`${notificationSettingsTable.version} + 1`,
    })
    .where(eq(notificationSettingsTable.municipalityId, municipalityId))
    .returning(returning);
  return row!;
}

/** The e-mail addresses of the active editors who keep the department. */
export async function listDepartmentEmails({
  db,
  municipalityId,
  departmentId,
}: {
  db: Database;
  municipalityId: string;
  departmentId: string;
}): Promise<string[]> {
  const rows = await db
    .selectDistinct({ email: usersTable.email })
    .from(membershipDepartmentsTable)
    .innerJoin(
      membershipsTable,
      and(
        eq(membershipsTable.userId, membershipDepartmentsTable.userId),
        eq(membershipsTable.municipalityId, membershipDepartmentsTable.municipalityId),
      ),
    )
    .innerJoin(usersTable, eq(usersTable.id, membershipDepartmentsTable.userId))
    .where(
      and(
        eq(membershipDepartmentsTable.municipalityId, municipalityId),
        eq(membershipDepartmentsTable.departmentId, departmentId),
        eq(membershipsTable.role, 'editor'),
        isNull(usersTable.disabledAt),
        isNotNull(usersTable.email),
      ),
    );
  return rows.flatMap((row) => (row.email ? [row.email] : [])).sort();
}

export interface NewNotice {
  municipalityId: string;
  planId: string | null;
  roundId: string | null;
  departmentId: string | null;
  kind: NoticeKind;
  channel: NoticeChannel;
  recipients: string[];
  webhookUrl: string | null;
  subject: string;
  body: string;
  dedupeKey: string;
  nextAttemptAt: Date;
}

/** Queues the notices; one whose dedupe key is already queued (or sent) is left out. Returns how many were new. */
export async function insertNotices({
  db,
  notices,
}: {
  db: Database;
  notices: NewNotice[];
}): Promise<number> {
  if (notices.length === 0) return 0;
  const rows = await db
    .insert(noticesTable)
    .values(notices)
    .onConflictDoNothing({ target: noticesTable.dedupeKey })
    .returning({ id: noticesTable.id });
  return rows.length;
}

export type NoticeRecord = typeof noticesTable.$inferSelect;

/**
 * Takes up to `limit` notices that are due, marking them as being delivered until `lockedUntil` so that
 * another worker (another server process) passes them over; a worker that dies lets them go again then.
 */
export async function claimDueNotices({
  db,
  now,
  lockedUntil,
  limit,
}: {
  db: Database;
  now: Date;
  lockedUntil: Date;
  limit: number;
}): Promise<NoticeRecord[]> {
  const due = db
    .select({ id: noticesTable.id })
    .from(noticesTable)
    .where(
      and(
        eq(noticesTable.status, 'pending'),
        lte(noticesTable.nextAttemptAt, now),
        or(isNull(noticesTable.lockedUntil), lte(noticesTable.lockedUntil, now)),
      ),
    )
    .orderBy(asc(noticesTable.nextAttemptAt))
    .limit(limit)
    .for('update', { skipLocked: true });
  return db
    .update(noticesTable)
    .set({ lockedUntil, attempts: sql`${noticesTable.attempts} + 1` })
    .where(inArray(noticesTable.id, due))
    .returning();
}

export async function markNoticeSent({ db, noticeId, now }: { db: Database; noticeId: string; now: Date }) {
  await db
    .update(noticesTable)
    .set({ status: 'sent', sentAt: now, lockedUntil: null, lastError: null })
    .where(eq(noticesTable.id, noticeId));
}

export async function markNoticeFailed({
  db,
  noticeId,
  error,
  nextAttemptAt,
  giveUp,
}: {
  db: Database;
  noticeId: string;
  error: string;
  nextAttemptAt: Date;
  giveUp: boolean;
}) {
  await db
    .update(noticesTable)
    .set({
      status: giveUp ? 'failed' : 'pending',
      lastError: error.slice(0, 1000),
      nextAttemptAt,
      lockedUntil: null,
    })
    .where(eq(noticesTable.id, noticeId));
}

export async function listRecentNotices({
  db,
  municipalityId,
  limit,
}: {
  db: Database;
  municipalityId: string;
  limit: number;
}): Promise<NoticeRecord[]> {
  return db
    .select()
    .from(noticesTable)
    .where(eq(noticesTable.municipalityId, municipalityId))
    .orderBy(desc(noticesTable.createdAt))
    .limit(limit);
}

/** Puts a notice that gave up back in the queue; false when there is no such failed notice. */
export async function requeueNotice({
  db,
  municipalityId,
  noticeId,
  now,
}: {
  db: Database;
  municipalityId: string;
  noticeId: string;
  now: Date;
}): Promise<NoticeRecord | null> {
  const [row] = await db
    .update(noticesTable)
    .set({ status: 'pending', attempts: 0, nextAttemptAt: now, lockedUntil: null })
    .where(
      and(
        eq(noticesTable.id, noticeId),
        eq(noticesTable.municipalityId, municipalityId),
        eq(noticesTable.status, 'failed' satisfies NoticeStatus),
      ),
    )
    .returning();
  return row ?? null;
}

export interface ReminderCandidate {
  municipalityId: string;
  planId: string;
  planTitle: string;
  roundId: string;
  fy: number;
  month: number;
  dueDate: string;
  departmentId: string;
  departmentName: string;
  status: (typeof roundSubmissionsTable.$inferSelect)['status'];
}

/** Every department of every open round whose figures are not in yet. */
export async function listReminderCandidates({ db }: { db: Database }): Promise<ReminderCandidate[]> {
  return db
    .select({
      municipalityId: progressRoundsTable.municipalityId,
      planId: progressRoundsTable.planId,
      planTitle: plansTable.title,
      roundId: progressRoundsTable.id,
      fy: progressRoundsTable.fy,
      month: progressRoundsTable.month,
      dueDate: progressRoundsTable.dueDate,
      departmentId: roundSubmissionsTable.departmentId,
      departmentName: departmentsTable.name,
      status: roundSubmissionsTable.status,
    })
    .from(progressRoundsTable)
    .innerJoin(plansTable, eq(plansTable.id, progressRoundsTable.planId))
    .innerJoin(roundSubmissionsTable, eq(roundSubmissionsTable.roundId, progressRoundsTable.id))
    .innerJoin(departmentsTable, eq(departmentsTable.id, roundSubmissionsTable.departmentId))
    .where(
      and(
        eq(progressRoundsTable.status, 'open'),
        inArray(roundSubmissionsTable.status, ['not_started', 'draft', 'returned']),
      ),
    );
}
