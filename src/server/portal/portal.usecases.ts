import type { Database } from '../../db/database.js';
import { AppError } from '../../domain/app-error.js';
import { resolveEvaluationSettings } from '../../domain/evaluation/settings.js';
import type { Actor } from '../../domain/policy.js';
import { recordAudit } from '../audit/audit.repository.js';
import { ensureCan } from '../authorization.js';
import { evaluateSnapshot } from '../dashboard/dashboard.models.js';
import { findLatestClosedRound, findPlanState } from '../dashboard/dashboard.repository.js';
import { renderSectionCsv } from '../effects/effects.report-sections.js';
import { findPublishedTables } from '../effects/effects.usecases.js';
import { buildOpenDataFiles, type OpenDataFiles, type OpenDataLicense } from '../opendata/opendata.models.js';
import type { PlanViewCache } from '../plans/plans.cache.js';
import { getPlanViews } from '../plans/plans.usecases.js';
import { getPublicPlanUrlPath } from './portal.paths.js';
import type { PortalPlan, PortalPlanListItem } from './portal.render.js';
import { findPublishedPlan, listPublishedPlans, updatePublishedAt } from './portal.repository.js';

export interface PublicationState {
  publishedAt: string | null;
  /** The plan's address on the public portal (valid while it is published). */
  publicPath: string;
}

async function changePublication({
  db,
  actor,
  planId,
  publish,
}: {
  db: Database;
  actor: Actor;
  planId: string;
  publish: boolean;
}): Promise<PublicationState> {
  return db.transaction(async (tx) => {
    const state = await findPlanState({ db: tx, planId, forUpdate: true });
    if (!state) throw new AppError({ code: 'plan.not_found' });
    ensureCan(actor, 'plan.publish', { municipalityId: state.municipalityId });
    const publicPath = getPublicPlanUrlPath({ municipalityCode: state.municipalityCode, slug: state.slug });
    // Publishing a published plan (or withdrawing a withdrawn one) changes nothing and records nothing.
    if ((state.publishedAt !== null) === publish) return { publishedAt: state.publishedAt, publicPath };
    const publishedAt = publish ? new Date() : null;
    await updatePublishedAt({ db: tx, planId, municipalityId: state.municipalityId, publishedAt });
    await recordAudit({
      db: tx,
      actor,
      entry: {
        municipalityId: state.municipalityId,
        planId,
        subjectType: 'plan',
        subjectId: planId,
        operation: publish ? 'publish' : 'withdraw',
        summary: publish
          ? `計画「${state.title}」を公開ページ（${publicPath}）に公開`
          : `計画「${state.title}」の公開を取り下げ`,
        before: { publishedAt: state.publishedAt },
        after: { publishedAt: publishedAt?.toISOString() ?? null },
      },
    });
    return { publishedAt: publishedAt?.toISOString() ?? null, publicPath };
  });
}

/** Puts the plan on the public portal (no login); audited. */
export async function publishPlan(input: {
  db: Database;
  actor: Actor;
  planId: string;
}): Promise<PublicationState> {
  return changePublication({ ...input, publish: true });
}

/** Takes the plan off the public portal; its pages and open data answer 404 from then on. Audited. */
export async function withdrawPlan(input: {
  db: Database;
  actor: Actor;
  planId: string;
}): Promise<PublicationState> {
  return changePublication({ ...input, publish: false });
}

/** The published plans, for the portal's index. */
export async function findPortalPlans({ db }: { db: Database }): Promise<PortalPlanListItem[]> {
  return (await listPublishedPlans({ db })).map((plan) => ({
    municipality: plan.municipality,
    slug: plan.slug,
    title: plan.title,
    period: plan.period,
  }));
}

/**
 * A published plan as the portal shows it; null when there is none at that address or it is not
 * published. Once a progress round has closed, the portal shows the plan as it stood then (the figures
 * the DX office reviewed), not the drafts departments are entering in the next round.
 */
export async function getPortalPlan({
  db,
  cache,
  municipalityCode,
  slug,
}: {
  db: Database;
  cache: PlanViewCache;
  municipalityCode: string;
  slug: string;
}): Promise<PortalPlan | null> {
  const published = await findPublishedPlan({ db, municipalityCode, slug });
  if (!published) return null;
  const effects = (await findPublishedTables({ db, municipalityCode })).tables.map((table) => ({
    kind: table.kind,
    id: table.id,
    section: table.section,
  }));
  const closed = await findLatestClosedRound({
    db,
    planId: published.id,
    municipalityId: published.municipalityId,
  });
  const snapshot = closed ? evaluateSnapshot({ roundId: closed.id, snapshot: closed.snapshot }) : null;
  if (closed && snapshot) {
    return {
      municipality: published.municipality,
      document: snapshot.document,
      evaluation: snapshot.evaluation,
      settings: resolveEvaluationSettings(snapshot.plan),
      asOf: closed.closedAt ?? closed.openedAt,
      round: { fy: closed.fy, month: closed.month },
      effects,
    };
  }
  const views = await getPlanViews({ db, cache, planId: published.id });
  return {
    municipality: published.municipality,
    document: views.stored.document,
    evaluation: views.evaluation,
    settings: views.settings,
    asOf: published.updatedAt,
    round: null,
    effects,
  };
}

/** A published effects table of the plan's municipality as CSV; null when it is not published. */
export function buildPortalEffectsCsv({
  plan,
  tableKind,
  tableId,
}: {
  plan: PortalPlan;
  tableKind: string;
  tableId: string;
}): { title: string; csv: string } | null {
  const table = plan.effects.find((entry) => entry.kind === tableKind && entry.id === tableId);
  return table ? { title: table.section.title, csv: renderSectionCsv(table.section) } : null;
}

/** The open-data files of a published plan. */
export function buildPortalOpenData({
  plan,
  license,
  now = new Date(),
}: {
  plan: PortalPlan;
  license: OpenDataLicense;
  now?: Date;
}): OpenDataFiles {
  return buildOpenDataFiles({
    source: {
      municipality: plan.municipality,
      document: plan.document,
      evaluation: plan.evaluation,
      settings: plan.settings,
      asOf: plan.asOf,
      license,
    },
    generatedAt: now.toISOString(),
  });
}
