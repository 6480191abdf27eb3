import { and, desc, eq, gte, inArray, lt, lte, type SQL } from 'drizzle-orm';
import type { Database } from '../../db/database.js';
import type { Actor } from '../../domain/policy.js';
import { auditEntriesTable } from './audit.table.js';

export interface AuditInput {
  municipalityId: string | null;
  planId?: string | null | undefined;
  actionKey?: string | null | undefined;
  subjectType: string;
  subjectId?: string | null | undefined;
  operation: string;
  summary: string;
  before?: unknown;
  after?: unknown;
}

/**
 * Writes one history entry. Call it with the transaction that makes the change, so that the change and
 * its entry are committed together or not at all. `actor` null: the system itself (an import from the
 * command line, the first start).
 */
export async function recordAudit({
  db,
  actor,
  entry,
}: {
  db: Database;
  actor: Actor | null;
  entry: AuditInput;
}): Promise<void> {
  await db.insert(auditEntriesTable).values({
    municipalityId: entry.municipalityId,
    planId: entry.planId ?? null,
    actionKey: entry.actionKey ?? null,
    subjectType: entry.subjectType,
    subjectId: entry.subjectId ?? null,
    operation: entry.operation,
    summary: entry.summary,
    before: entry.before ?? null,
    after: entry.after ?? null,
    actorUserId: actor?.userId ?? null,
    actorName: actor?.displayName ?? 'システム',
  });
}

export interface AuditEntryRecord {
  id: number;
  municipalityId: string | null;
  planId: string | null;
  actionKey: string | null;
  subjectType: string;
  subjectId: string | null;
  operation: string;
  summary: string;
  before: unknown;
  after: unknown;
  actorUserId: string | null;
  actorName: string;
  at: string;
}

export interface AuditFilter {
  municipalityId: string;
  planId?: string | undefined;
  actionKey?: string | undefined;
  subjectTypes?: string[] | undefined;
  actorUserId?: string | undefined;
  /** ISO dates, inclusive. */
  from?: string | undefined;
  to?: string | undefined;
  /** Entries older than this id (the page before). */
  beforeId?: number | undefined;
  limit: number;
}

/** Newest first, one page at a time. */
export async function listAuditEntries({
  db,
  filter,
}: {
  db: Database;
  filter: AuditFilter;
}): Promise<AuditEntryRecord[]> {
  const conditions: SQL[] = [eq(auditEntriesTable.municipalityId, filter.municipalityId)];
  if (filter.planId) conditions.push(eq(auditEntriesTable.planId, filter.planId));
  if (filter.actionKey) conditions.push(eq(auditEntriesTable.actionKey, filter.actionKey));
  if (filter.subjectTypes?.length)
    conditions.push(inArray(auditEntriesTable.subjectType, filter.subjectTypes));
  if (filter.actorUserId) conditions.push(eq(auditEntriesTable.actorUserId, filter.actorUserId));
  if (filter.from) conditions.push(gte(auditEntriesTable.at, new Date(`${filter.from}T00:00:00+09:00`)));
  if (filter.to) conditions.push(lte(auditEntriesTable.at, new Date(`${filter.to}T23:59:59.999+09:00`)));
  if (filter.beforeId !== undefined) conditions.push(lt(auditEntriesTable.id, filter.beforeId));
  const rows = await db
    .select()
    .from(auditEntriesTable)
    .where(and(...conditions))
    .orderBy(desc(auditEntriesTable.id))
    .limit(filter.limit);
  return rows.map((row) => ({ ...row, at: row.at.toISOString() }));
}
