import {
  date,
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';
import type { BodyKind, MeetingStatus, RosterMember, StatedMeetingCount } from '../../domain/organisation.js';
import { departmentsTable } from '../departments/departments.table.js';
import { municipalitiesTable } from '../municipalities/municipalities.table.js';

/*
 * The bodies that run the plan, their rosters (名簿, each as of a date: the history is the list of
 * rosters) and their meetings. A roster is kept whole, as the document that lists it: its members are
 * one JSON list, replaced by a new version of the roster, never deleted.
 */

const timestamps = {
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
};

export const bodiesTable = pgTable(
  'bodies',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    municipalityId: uuid('municipality_id')
      .notNull()
      .references(() => municipalitiesTable.id, { onDelete: 'cascade' }),
    kind: text('kind').$type<BodyKind>().notNull(),
    name: text('name').notNull(),
    /** The number the municipality gives it (① デジタル推進計画PT). */
    number: text('number'),
    /** The body it belongs to (a PT under the 推進本部). */
    parentId: uuid('parent_id'),
    /** 所掌, one item per line. */
    remit: text('remit'),
    /** How the body is composed, as the document says (各関係課等の長、補佐、係長により組織). */
    composition: text('composition'),
    establishedOn: date('established_on', { mode: 'string' }),
    secretariatDepartmentId: uuid('secretariat_department_id'),
    /** Meeting counts a document states for a period (協議会 12回, R4.10–R6.3). */
    statedMeetingCounts: jsonb('stated_meeting_counts').$type<StatedMeetingCount[]>().notNull().default([]),
    source: text('source'),
    note: text('note'),
    position: integer('position').notNull().default(0),
    version: integer('version').notNull().default(1),
    archivedAt: timestamp('archived_at', { withTimezone: true }),
    ...timestamps,
  },
  (table) => [
    unique('bodies_id_municipality_unique').on(table.id, table.municipalityId),
    foreignKey({
      name: 'bodies_parent_fk',
      columns: [table.parentId, table.municipalityId],
      foreignColumns: [table.id, table.municipalityId],
    }),
    foreignKey({
      name: 'bodies_secretariat_fk',
      columns: [table.secretariatDepartmentId, table.municipalityId],
      foreignColumns: [departmentsTable.id, departmentsTable.municipalityId],
    }),
    index('bodies_municipality_idx').on(table.municipalityId),
  ],
);

export const bodyRostersTable = pgTable(
  'body_rosters',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    municipalityId: uuid('municipality_id').notNull(),
    bodyId: uuid('body_id').notNull(),
    /** 名簿（令和6年4月5日現在）. */
    asOf: date('as_of', { mode: 'string' }).notNull(),
    members: jsonb('members').$type<RosterMember[]>().notNull(),
    source: text('source'),
    note: text('note'),
    version: integer('version').notNull().default(1),
    archivedAt: timestamp('archived_at', { withTimezone: true }),
    ...timestamps,
  },
  (table) => [
    foreignKey({
      name: 'body_rosters_body_fk',
      columns: [table.bodyId, table.municipalityId],
      foreignColumns: [bodiesTable.id, bodiesTable.municipalityId],
    }).onDelete('cascade'),
    index('body_rosters_body_idx').on(table.bodyId),
  ],
);

export const meetingsTable = pgTable(
  'meetings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    municipalityId: uuid('municipality_id').notNull(),
    bodyId: uuid('body_id').notNull(),
    date: date('date', { mode: 'string' }).notNull(),
    /** HH:MM, when known. */
    startTime: text('start_time'),
    endTime: text('end_time'),
    /** 第13回. */
    number: text('number'),
    title: text('title'),
    place: text('place'),
    status: text('status').$type<MeetingStatus>().notNull(),
    agenda: text('agenda'),
    minutes: text('minutes'),
    decisions: text('decisions'),
    note: text('note'),
    version: integer('version').notNull().default(1),
    archivedAt: timestamp('archived_at', { withTimezone: true }),
    ...timestamps,
  },
  (table) => [
    foreignKey({
      name: 'meetings_body_fk',
      columns: [table.bodyId, table.municipalityId],
      foreignColumns: [bodiesTable.id, bodiesTable.municipalityId],
    }).onDelete('cascade'),
    index('meetings_body_idx').on(table.bodyId, table.date),
    index('meetings_municipality_idx').on(table.municipalityId, table.date),
  ],
);
