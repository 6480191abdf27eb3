import { boolean, index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { usersTable } from '../accounts/accounts.table.js';
import { municipalitiesTable } from '../municipalities/municipalities.table.js';

export type NoticeChannel = 'email' | 'webhook';
export type NoticeStatus = 'pending' | 'sent' | 'failed';
/** A reminder before the due date, the office's return or acceptance, or an admin's test message. */
export type NoticeKind = 'reminder' | 'returned' | 'accepted' | 'test';

/**
 * How a municipality is notified: reminders N days before a due date, e-mail on or off (the SMTP
 * server itself is the deployment's, KISEKI_SMTP_URL), and an incoming webhook (LoGoチャット, Slack
 * and anything that takes `{ "text": … }`). No row: the defaults (3 days, e-mail on, no webhook).
 */
export const notificationSettingsTable = pgTable('notification_settings', {
  municipalityId: uuid('municipality_id')
    .primaryKey()
    .references(() => municipalitiesTable.id, { onDelete: 'cascade' }),
  reminderDaysBefore: integer('reminder_days_before').notNull().default(3),
  emailEnabled: boolean('email_enabled').notNull().default(true),
  webhookUrl: text('webhook_url'),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  updatedBy: uuid('updated_by').references(() => usersTable.id, { onDelete: 'set null' }),
  version: integer('version').notNull().default(1),
});

/**
 * The outbox: every notice is a row first, written in the transaction of what caused it (a return, an
 * acceptance) or by the worker (a reminder), and delivered afterwards by the worker, retried with
 * backoff until the mail server or the chat answers. `dedupe_key` makes the same notice impossible
 * to queue twice, however often the worker looks.
 */
export const noticesTable = pgTable(
  'notices',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    municipalityId: uuid('municipality_id')
      .notNull()
      .references(() => municipalitiesTable.id, { onDelete: 'cascade' }),
    planId: uuid('plan_id'),
    roundId: uuid('round_id'),
    departmentId: uuid('department_id'),
    kind: text('kind').$type<NoticeKind>().notNull(),
    channel: text('channel').$type<NoticeChannel>().notNull(),
    /** E-mail: the addresses, fixed when the notice is queued. */
    recipients: jsonb('recipients').$type<string[]>().notNull().default([]),
    /** Webhook: the URL, fixed when the notice is queued. */
    webhookUrl: text('webhook_url'),
    subject: text('subject').notNull(),
    body: text('body').notNull(),
    dedupeKey: text('dedupe_key').notNull().unique(),
    status: text('status').$type<NoticeStatus>().notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull().defaultNow(),
    /** Set while a worker delivers it, so that two workers never send the same notice. */
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
    lastError: text('last_error'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
  },
  (table) => [
    index('notices_due_idx').on(table.status, table.nextAttemptAt),
    index('notices_municipality_idx').on(table.municipalityId, table.createdAt),
  ],
);
