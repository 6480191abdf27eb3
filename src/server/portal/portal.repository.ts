import { and, asc, eq, isNotNull } from 'drizzle-orm';
import type { Database } from '../../db/database.js';
import { municipalitiesTable } from '../municipalities/municipalities.table.js';
import { plansTable } from '../plans/plans.table.js';

export interface PublishedPlanRecord {
  id: string;
  municipalityId: string;
  slug: string;
  title: string;
  period: { startFy: number; endFy: number };
  municipality: { code: string; name: string; prefecture: string };
  publishedAt: string;
  updatedAt: string;
}

function selectPublishedPlans(db: Database) {
  return db
    .select({
      id: plansTable.id,
      municipalityId: plansTable.municipalityId,
      slug: plansTable.slug,
      title: plansTable.title,
      startFy: plansTable.startFy,
      endFy: plansTable.endFy,
      publishedAt: plansTable.publishedAt,
      updatedAt: plansTable.updatedAt,
      municipality: {
        code: municipalitiesTable.code,
        name: municipalitiesTable.name,
        prefecture: municipalitiesTable.prefecture,
      },
    })
    .from(plansTable)
    .innerJoin(municipalitiesTable, eq(municipalitiesTable.id, plansTable.municipalityId));
}

type Row = Awaited<ReturnType<ReturnType<typeof selectPublishedPlans>['execute']>>[number];

function toRecord({ startFy, endFy, publishedAt, updatedAt, ...row }: Row): PublishedPlanRecord {
  return {
    ...row,
    period: { startFy, endFy },
    publishedAt: (publishedAt ?? new Date(0)).toISOString(),
    updatedAt: updatedAt.toISOString(),
  };
}

/** Every plan on the public portal, by municipality code. */
export async function listPublishedPlans({ db }: { db: Database }): Promise<PublishedPlanRecord[]> {
  const rows = await selectPublishedPlans(db)
    .where(isNotNull(plansTable.publishedAt))
    .orderBy(asc(municipalitiesTable.code), asc(plansTable.startFy), asc(plansTable.slug));
  return rows.map(toRecord);
}

/** A plan by its public address, only while it is published. */
export async function findPublishedPlan({
  db,
  municipalityCode,
  slug,
}: {
  db: Database;
  municipalityCode: string;
  slug: string;
}): Promise<PublishedPlanRecord | null> {
  const [row] = await selectPublishedPlans(db).where(
    and(
      eq(municipalitiesTable.code, municipalityCode),
      eq(plansTable.slug, slug),
      isNotNull(plansTable.publishedAt),
    ),
  );
  return row ? toRecord(row) : null;
}

export async function updatePublishedAt({
  db,
  planId,
  municipalityId,
  publishedAt,
}: {
  db: Database;
  planId: string;
  municipalityId: string;
  publishedAt: Date | null;
}): Promise<void> {
  await db
    .update(plansTable)
    .set({ publishedAt })
    .where(and(eq(plansTable.id, planId), eq(plansTable.municipalityId, municipalityId)));
}
