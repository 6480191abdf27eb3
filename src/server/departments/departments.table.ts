import { foreignKey, integer, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { municipalitiesTable } from '../municipalities/municipalities.table.js';

/** Departments (部 → 課 → 係) belong to the municipality, not to a plan: several plans share them. */
export const departmentsTable = pgTable(
  'departments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    municipalityId: uuid('municipality_id')
      .notNull()
      .references(() => municipalitiesTable.id, { onDelete: 'cascade' }),
    key: text('key').notNull(),
    name: text('name').notNull(),
    parentId: uuid('parent_id'),
    /** Order of the departments as the municipality lists them. */
    position: integer('position').notNull().default(0),
    version: integer('version').notNull().default(1),
    archivedAt: timestamp('archived_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    unique('departments_municipality_key_unique').on(table.municipalityId, table.key),
    unique('departments_id_municipality_unique').on(table.id, table.municipalityId),
    // The parent is in the same municipality: the database, not only the code, keeps tenants apart.
    foreignKey({
      name: 'departments_parent_fk',
      columns: [table.parentId, table.municipalityId],
      foreignColumns: [table.id, table.municipalityId],
    }),
  ],
);
