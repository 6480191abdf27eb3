import { and, asc, eq, sql } from 'drizzle-orm';
import type { Database } from '../../db/database.js';
import { auditEntriesTable } from '../audit/audit.table.js';

/** Everyone who has changed something in the plan, as the history names them, for its filter. */
export async function listPlanHistoryPeople({
  db,
  municipalityId,
  planId,
}: {
  db: Database;
  municipalityId: string;
  planId: string;
}): Promise<{ userId: string | null; name: string; entryCount: number }[]> {
  return db
    .select({
      userId: auditEntriesTable.actorUserId,
      name: auditEntriesTable.actorName,
      entryCount: sql<number>`count(*)::int`,
    })
    .from(auditEntriesTable)
    .where(and(eq(auditEntriesTable.municipalityId, municipalityId), eq(auditEntriesTable.planId, planId)))
    .groupBy(auditEntriesTable.actorUserId, auditEntriesTable.actorName)
    .orderBy(asc(auditEntriesTable.actorName));
}
