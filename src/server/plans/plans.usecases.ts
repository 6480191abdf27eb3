import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Database } from '../../db/database.js';
import { AppError } from '../../domain/app-error.js';
import { evaluatePlan, resolveEvaluationSettings } from '../../domain/evaluation/index.js';
import type { PlanDocument } from '../../domain/plan.schemas.js';
import { parsePlanDocument, parsePlanDocumentText } from '../../domain/plan-document.js';
import { type Actor, readableMunicipalityIds } from '../../domain/policy.js';
import { formatIssueLines } from '../../domain/validation.js';
import { ensureCan } from '../authorization.js';
import { refreshDerivedKpiActuals } from '../effects/kpi-sources.usecases.js';
import { countMunicipalities } from '../municipalities/municipalities.repository.js';
import { type PlanViewCache, type PlanViews, type RenderedView, renderView } from './plans.cache.js';
import { buildActionDetail, buildPlanDetail } from './plans.models.js';
import {
  getPlanRevision,
  listPlans,
  loadPlanDocument,
  type PlanRecord,
  type SavedPlan,
  savePlanDocument,
} from './plans.repository.js';
import {
  type ActionDetailResponse,
  actionDetailResponseSchema,
  type PlanDetailResponse,
  planDetailResponseSchema,
} from './plans.schemas.js';

/**
 * Validates a plan document (the kiseki-plan@1 format) and stores it. Every problem is reported with its
 * JSON path, e.g. `plan.nodes[0].actions[2].tasks[1].progress: 100以下にしてください`.
 */
export async function importPlanDocument({
  db,
  input,
  replace = false,
  actor = null,
}: {
  db: Database;
  input: unknown;
  replace?: boolean;
  /** Who imports it, for the history; null for the command line. */
  actor?: Actor | null;
}): Promise<SavedPlan & { document: PlanDocument }> {
  const document = parsePlanDocument(input);
  const saved = await db.transaction(async (tx) => {
    const result = await savePlanDocument({ db: tx, document, replace, actor });
    // A replaced plan may have dropped a KPI actual that a BPR total or a series feeds: write it again.
    if (result.replaced)
      await refreshDerivedKpiActuals({ db: tx, actor, municipalityId: result.municipalityId });
    return result;
  });
  return { ...saved, document };
}

/**
 * The plan as a kiseki-plan@1 document, ready to be written to a file and imported elsewhere. `actor`
 * null: the command line, run by whoever operates the server.
 */
export async function exportPlanDocument({
  db,
  actor,
  planId,
}: {
  db: Database;
  actor: Actor | null;
  planId: string;
}): Promise<PlanDocument> {
  const stored = await loadPlanDocument({ db, planId });
  if (!stored) throw new AppError({ code: 'plan.not_found' });
  if (actor) ensureCan(actor, 'plan.read', { municipalityId: stored.municipality.id });
  return stored.document;
}

/** The plans the actor may read (every plan for the command line, `actor` null). */
export async function findPlans({
  db,
  actor,
  municipalityCode,
}: {
  db: Database;
  actor: Actor | null;
  municipalityCode?: string | undefined;
}): Promise<PlanRecord[]> {
  const plans = await listPlans({ db, municipalityCode });
  const readable = actor ? readableMunicipalityIds(actor) : null;
  return readable === null ? plans : plans.filter((plan) => readable.includes(plan.municipality.id));
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A plan named by its ID or by its slug (`kama-digital-plan-1`), as a clerk types it on the command line. */
export async function resolvePlanReference({
  db,
  reference,
}: {
  db: Database;
  reference: string;
}): Promise<string> {
  if (UUID.test(reference)) return reference;
  const matches = (await listPlans({ db })).filter((plan) => plan.slug === reference);
  if (matches.length === 0)
    throw new AppError({ code: 'plan.not_found', message: `計画「${reference}」は見つかりません` });
  if (matches.length > 1) throw new AppError({ code: 'plan.ambiguous_reference' });
  return matches[0]!.id;
}

/** The plan page, evaluated once per revision of the plan and served from memory until it changes. */
export async function getPlanDetail({
  db,
  cache,
  actor,
  planId,
}: {
  db: Database;
  cache: PlanViewCache;
  actor: Actor;
  planId: string;
}): Promise<RenderedView<PlanDetailResponse>> {
  const views = await getPlanViews({ db, cache, planId });
  ensureCan(actor, 'plan.read', { municipalityId: views.stored.municipality.id });
  views.detail ??= renderView(planDetailResponseSchema, buildPlanDetail(views));
  return views.detail;
}

/** An action's page, from the same cached evaluation as the plan page. */
export async function getActionDetail({
  db,
  cache,
  actor,
  planId,
  actionKey,
}: {
  db: Database;
  cache: PlanViewCache;
  actor: Actor;
  planId: string;
  actionKey: string;
}): Promise<RenderedView<ActionDetailResponse>> {
  const views = await getPlanViews({ db, cache, planId });
  ensureCan(actor, 'plan.read', { municipalityId: views.stored.municipality.id });
  const cached = views.actions.get(actionKey);
  if (cached) return cached;
  const detail = buildActionDetail({ ...views, actionKey });
  if (!detail) throw new AppError({ code: 'action.not_found' });
  const rendered = renderView(actionDetailResponseSchema, detail);
  views.actions.set(actionKey, rendered);
  return rendered;
}

/** The cached evaluation of a plan at its current revision, for use cases that build other views on it. */
export async function getPlanViews({
  db,
  cache,
  planId,
}: {
  db: Database;
  cache: PlanViewCache;
  planId: string;
}): Promise<PlanViews> {
  const watched = cache.getWatchedViews(planId);
  if (watched) return watched;
  const revision = await getPlanRevision({ db, planId });
  if (revision === null) {
    cache.forget(planId);
    throw new AppError({ code: 'plan.not_found' });
  }
  return cache.getViews({
    planId,
    revision,
    load: async () => {
      const stored = await loadPlanDocument({ db, planId });
      if (!stored) throw new AppError({ code: 'plan.not_found' });
      const { plan } = stored.document;
      return {
        revision: stored.revision,
        stored,
        settings: resolveEvaluationSettings(plan),
        evaluation: evaluatePlan(plan),
        detail: null,
        actions: new Map(),
      };
    },
  });
}

export interface SampleImportResult {
  file: string;
  planId?: string;
  title?: string;
  error?: string;
}

/**
 * On the first start of an empty database, imports every `*.json` plan in the samples folder so that a
 * fresh install has something to show. Does nothing once any municipality exists. A sample that does
 * not validate is reported and skipped.
 */
export async function importSamplePlansIfEmpty({
  db,
  directory,
}: {
  db: Database;
  directory: string;
}): Promise<SampleImportResult[] | null> {
  if ((await countMunicipalities({ db })) > 0) return null;
  if (!existsSync(directory)) return [];
  const files = readdirSync(directory)
    .filter((name) => name.endsWith('.json'))
    .sort();
  const results: SampleImportResult[] = [];
  for (const file of files) {
    try {
      const document = parsePlanDocumentText(readFileSync(join(directory, file), 'utf8'));
      const saved = await savePlanDocument({ db, document });
      results.push({ file, planId: saved.planId, title: document.plan.title });
    } catch (error) {
      const detail =
        error instanceof AppError && error.issues
          ? formatIssueLines(error.issues).slice(0, 10).join('\n')
          : '';
      const message = error instanceof Error ? error.message : String(error);
      results.push({ file, error: detail ? `${message}\n${detail}` : message });
    }
  }
  return results;
}
