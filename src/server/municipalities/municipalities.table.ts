import { pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/** The tenant. Every other table carries `municipality_id`, so that every query can be scoped to one. */
export const municipalitiesTable = pgTable('municipalities', {
  id: uuid('id').primaryKey().defaultRandom(),
  /** 全国地方公共団体コード, six digits with its check digit. */
  code: text('code').notNull().unique(),
  name: text('name').notNull(),
  prefecture: text('prefecture').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
