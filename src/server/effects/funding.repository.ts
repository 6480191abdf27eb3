import { and, asc, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Database } from '../../db/database.js';
import { fundingItemsTable, fundingListsTable } from './effects.table.js';

export type FundingListRow = typeof fundingListsTable.$inferSelect;
export type FundingItemRow = typeof fundingItemsTable.$inferSelect;

export type FundingListValues = Pick<
  FundingListRow,
  | 'kind'
  | 'title'
  | 'fy'
  | 'program'
  | 'source'
  | 'note'
  | 'statedProjectCost'
  | 'statedGrantAmount'
  | 'statedBudgetAmount'
>;
export type FundingItemValues = Pick<
  FundingItemRow,
  | 'number'
  | 'name'
  | 'summary'
  | 'type'
  | 'projectCost'
  | 'grantAmount'
  | 'budgetAmount'
  | 'subsidyRateNumerator'
  | 'subsidyRateDenominator'
  | 'note'
>;

export async function listFundingLists({
  db,
  municipalityId,
  publishedOnly = false,
}: {
  db: Database;
  municipalityId: string;
  publishedOnly?: boolean;
}): Promise<FundingListRow[]> {
  return db
    .select()
    .from(fundingListsTable)
    .where(
      and(
        eq(fundingListsTable.municipalityId, municipalityId),
        isNull(fundingListsTable.archivedAt),
        publishedOnly ? sql`${fundingListsTable.publishedAt} is not null` : undefined,
      ),
    )
    .orderBy(desc(fundingListsTable.fy), asc(fundingListsTable.kind), asc(fundingListsTable.createdAt));
}

export async function findFundingList({
  db,
  municipalityId,
  listId,
}: {
  db: Database;
  municipalityId: string;
  listId: string;
}): Promise<FundingListRow | null> {
  const [row] = await db
    .select()
    .from(fundingListsTable)
    .where(
      and(
        eq(fundingListsTable.id, listId),
        eq(fundingListsTable.municipalityId, municipalityId),
        isNull(fundingListsTable.archivedAt),
      ),
    );
  return row ?? null;
}

export async function insertFundingList({
  db,
  municipalityId,
  values,
}: {
  db: Database;
  municipalityId: string;
  values: FundingListValues;
}): Promise<FundingListRow> {
  const [row] = await db
    .insert(fundingListsTable)
    .values({ municipalityId, ...values })
    .returning();
  return row!;
}

export async function updateFundingList({
  db,
  municipalityId,
  listId,
  version,
  values,
}: {
  db: Database;
  municipalityId: string;
  listId: string;
  version: number;
  values: Partial<Omit<FundingListValues, 'kind'>> & { publishedAt?: Date | null; archivedAt?: Date | null };
}): Promise<FundingListRow | null> {
  const [row] = await db
    .update(fundingListsTable)
    .set({ ...values, version: sql`${fundingListsTable.version} + 1`, updatedAt: sql`now()` })
    .where(
      and(
        eq(fundingListsTable.id, listId),
        eq(fundingListsTable.municipalityId, municipalityId),
        eq(fundingListsTable.version, version),
        isNull(fundingListsTable.archivedAt),
      ),
    )
    .returning();
  return row ?? null;
}

export async function listFundingItems({
  db,
  municipalityId,
  listIds,
}: {
  db: Database;
  municipalityId: string;
  listIds: readonly string[];
}): Promise<FundingItemRow[]> {
  if (listIds.length === 0) return [];
  return db
    .select()
    .from(fundingItemsTable)
    .where(
      and(
        eq(fundingItemsTable.municipalityId, municipalityId),
        inArray(fundingItemsTable.listId, [...listIds]),
        isNull(fundingItemsTable.archivedAt),
      ),
    )
    .orderBy(asc(fundingItemsTable.position), asc(fundingItemsTable.createdAt));
}

export async function findFundingItem({
  db,
  municipalityId,
  listId,
  itemId,
}: {
  db: Database;
  municipalityId: string;
  listId: string;
  itemId: string;
}): Promise<FundingItemRow | null> {
  const [row] = await db
    .select()
    .from(fundingItemsTable)
    .where(
      and(
        eq(fundingItemsTable.id, itemId),
        eq(fundingItemsTable.listId, listId),
        eq(fundingItemsTable.municipalityId, municipalityId),
        isNull(fundingItemsTable.archivedAt),
      ),
    );
  return row ?? null;
}

export async function insertFundingItem({
  db,
  municipalityId,
  listId,
  values,
}: {
  db: Database;
  municipalityId: string;
  listId: string;
  values: FundingItemValues;
}): Promise<FundingItemRow> {
  const [last] = await db
    .select({ position: sql<number>`coalesce(max(${fundingItemsTable.position}), -1)::int` })
    .from(fundingItemsTable)
    .where(eq(fundingItemsTable.listId, listId));
  const [row] = await db
    .insert(fundingItemsTable)
    .values({ municipalityId, listId, position: (last?.position ?? -1) + 1, ...values })
    .returning();
  return row!;
}

export async function updateFundingItem({
  db,
  municipalityId,
  itemId,
  version,
  values,
}: {
  db: Database;
  municipalityId: string;
  itemId: string;
  version: number;
  values: Partial<FundingItemValues> & { archivedAt?: Date | null };
}): Promise<FundingItemRow | null> {
  const [row] = await db
    .update(fundingItemsTable)
    .set({ ...values, version: sql`${fundingItemsTable.version} + 1`, updatedAt: sql`now()` })
    .where(
      and(
        eq(fundingItemsTable.id, itemId),
        eq(fundingItemsTable.municipalityId, municipalityId),
        eq(fundingItemsTable.version, version),
        isNull(fundingItemsTable.archivedAt),
      ),
    )
    .returning();
  return row ?? null;
}
