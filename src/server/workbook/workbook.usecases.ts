import { and, eq } from 'drizzle-orm';
import type { Database } from '../../db/database.js';
import { AppError } from '../../domain/app-error.js';
import type { PlanDocument } from '../../domain/plan.schemas.js';
import { diffPlanDocuments, type PlanDiff } from '../../domain/plan-diff.js';
import type { Actor } from '../../domain/policy.js';
import { recordAudit } from '../audit/audit.repository.js';
import { ensureCan } from '../authorization.js';
import { refreshDerivedKpiActuals } from '../effects/kpi-sources.usecases.js';
import { OffloadError, runOffThread } from '../offload/offload.js';
import type { PlanViewCache } from '../plans/plans.cache.js';
import { listPlans, loadPlanDocument, type SavedPlan, savePlanDocument } from '../plans/plans.repository.js';
import { plansTable } from '../plans/plans.table.js';
import { getPlanViews } from '../plans/plans.usecases.js';
import { INFO_ROWS, MAX_WORKBOOK_BYTES, SHEETS } from './workbook.columns.js';
import { parsePlanWorkbook } from './workbook.parser.js';
import { readWorkbookGrid, UnreadableWorkbookError, type WorkbookGrid } from './workbook.reader.js';
import { buildPlanWorkbook } from './workbook.writer.js';

/** More rows than any plan has; a sheet beyond it is refused rather than read into memory. */
const MAX_ROWS_PER_SHEET = 50_000;

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];

export interface WorkbookDownload {
  filename: string;
  bytes: Buffer;
}

/** The plan workbook pre-filled with the plan as it stands, for anyone who may read the plan. */
export async function exportPlanWorkbook({
  db,
  cache,
  actor,
  planId,
}: {
  db: Database;
  cache: PlanViewCache;
  actor: Actor | null;
  planId: string;
}): Promise<WorkbookDownload> {
  const views = await getPlanViews({ db, cache, planId });
  if (actor) ensureCan(actor, 'plan.read', { municipalityId: views.stored.municipality.id });
  const { document } = views.stored;
  const bytes = await buildPlanWorkbook({ document, evaluation: views.evaluation, planId });
  return { filename: `${document.plan.slug}-入力用シート.xlsx`, bytes };
}

/** Size and zip signature first: neither a 50 MB file nor a renamed PDF reaches the xlsx reader. */
function ensureWorkbookBytes(bytes: Uint8Array): void {
  if (bytes.byteLength > MAX_WORKBOOK_BYTES) throw new AppError({ code: 'workbook.too_large' });
  if (bytes.byteLength < ZIP_MAGIC.length || ZIP_MAGIC.some((byte, i) => bytes[i] !== byte)) {
    throw new AppError({ code: 'workbook.unreadable' });
  }
}

async function readGrid({
  bytes,
  offThread,
}: {
  bytes: Uint8Array;
  offThread: boolean;
}): Promise<WorkbookGrid> {
  ensureWorkbookBytes(bytes);
  try {
    return offThread
      ? await runOffThread('readWorkbook', { bytes, maxRows: MAX_ROWS_PER_SHEET })
      : await readWorkbookGrid({ bytes, maxRows: MAX_ROWS_PER_SHEET });
  } catch (error) {
    const unreadable =
      error instanceof UnreadableWorkbookError ||
      (error instanceof OffloadError && error.name === 'UnreadableWorkbookError');
    if (unreadable && error instanceof Error) {
      throw new AppError({ code: 'workbook.unreadable', message: error.message, cause: error });
    }
    throw error;
  }
}

function parseOrThrow({ grid, base }: { grid: WorkbookGrid; base: PlanDocument | null }): PlanDocument {
  const result = parsePlanWorkbook({ grid, base });
  if (!result.ok) {
    throw new AppError({
      code: 'workbook.invalid',
      message: `入力用シートに誤りが${result.issues.length}件あります。すべて直してから、もう一度取り込んでください（何も取り込んでいません）`,
      issues: result.issues,
    });
  }
  return result.document;
}

export interface WorkbookPreview {
  planId: string;
  /** The revision the preview was computed against; apply names it, and refuses if the plan moved on. */
  revision: number;
  diff: PlanDiff;
  document: PlanDocument;
}

/**
 * Reads an uploaded workbook for the plan and tells what applying it would change, without changing
 * anything. Every problem in the file is answered at once (`workbook.invalid` with one issue each).
 */
export async function previewPlanWorkbook({
  db,
  cache,
  actor,
  planId,
  bytes,
}: {
  db: Database;
  cache: PlanViewCache;
  actor: Actor;
  planId: string;
  bytes: Uint8Array;
}): Promise<WorkbookPreview> {
  const views = await getPlanViews({ db, cache, planId });
  ensureCan(actor, 'plan.edit', { municipalityId: views.stored.municipality.id });
  const before = views.stored.document;
  const grid = await readGrid({ bytes, offThread: true });
  const reference = readWorkbookPlanReference(grid);
  if (
    reference &&
    (reference.slug !== before.plan.slug || reference.municipalityCode !== before.municipality.code)
  ) {
    throw new AppError({
      code: 'workbook.other_plan',
      message: `このファイルは別の計画（${reference.slug}）の入力用シートです。「${before.plan.title}」のページからダウンロードしたシートをお使いください`,
    });
  }
  const document = parseOrThrow({ grid, base: before });
  return {
    planId,
    revision: views.stored.revision,
    diff: diffPlanDocuments({ before, after: document }),
    document,
  };
}

/**
 * Applies an uploaded workbook to the plan: all of it or nothing. `revision` is the one the clerk
 * previewed; if the plan changed since, nothing is applied (409 with the current revision) so that no
 * one overwrites a change they have not seen. The plan is replaced in place (rows keep their ids).
 */
export async function applyPlanWorkbook({
  db,
  cache,
  actor,
  planId,
  bytes,
  revision,
}: {
  db: Database;
  cache: PlanViewCache;
  actor: Actor;
  planId: string;
  bytes: Uint8Array;
  revision: number;
}): Promise<{ saved: SavedPlan; diff: PlanDiff }> {
  const preview = await previewPlanWorkbook({ db, cache, actor, planId, bytes });
  const { municipalityId } = await findPlanScope({ db, planId });
  const saved = await db.transaction(async (tx) => {
    const [locked] = await tx
      .select({ revision: plansTable.revision })
      .from(plansTable)
      .where(and(eq(plansTable.id, planId), eq(plansTable.municipalityId, municipalityId)))
      .for('update');
    if (!locked) throw new AppError({ code: 'plan.not_found' });
    if (locked.revision !== revision) {
      throw new AppError({ code: 'record.conflict', details: { current: { revision: locked.revision } } });
    }
    const result = await savePlanDocument({ db: tx, document: preview.document, replace: true, actor });
    await refreshDerivedKpiActuals({ db: tx, actor, municipalityId });
    const { added, changed, removed } = preview.diff;
    await recordAudit({
      db: tx,
      actor,
      entry: {
        municipalityId,
        planId,
        subjectType: 'plan',
        subjectId: planId,
        operation: 'import_workbook',
        summary: `入力用シート（xlsx）を取り込み：追加${added.length}件・変更${changed.length}件・削除${removed.length}件`,
        before: { revision: locked.revision },
        after: {
          revision: result.revision,
          added: added.length,
          changed: changed.length,
          removed: removed.length,
        },
      },
    });
    return result;
  });
  return { saved, diff: preview.diff };
}

async function findPlanScope({ db, planId }: { db: Database; planId: string }) {
  const [row] = await db
    .select({ municipalityId: plansTable.municipalityId })
    .from(plansTable)
    .where(eq(plansTable.id, planId));
  if (!row) throw new AppError({ code: 'plan.not_found' });
  return row;
}

/** The municipality and plan a workbook says it belongs to (its 基本情報 sheet), if it says so. */
export function readWorkbookPlanReference(
  grid: WorkbookGrid,
): { municipalityCode: string; slug: string } | null {
  const sheet = grid.sheets.find((candidate) => candidate.name.trim() === SHEETS.info);
  if (!sheet) return null;
  const findValue = (label: string): string | null => {
    const row = sheet.rows.find((cells) => cells[0]?.kind === 'text' && cells[0].text.trim() === label);
    const cell = row?.[1];
    if (!cell) return null;
    if (cell.kind === 'text') return cell.text.normalize('NFKC').trim();
    if (cell.kind === 'number') return String(cell.value);
    return null;
  };
  const code = findValue(INFO_ROWS.municipalityCode);
  const slug = findValue(INFO_ROWS.slug);
  if (!code || !slug) return null;
  return { municipalityCode: /^\d{1,6}$/.test(code) ? code.padStart(6, '0') : code, slug };
}

/**
 * The command line's `kiseki import FILE.xlsx`: the same reading and checks as an upload; the plan the
 * workbook names is created, or with `replace` replaced in place. Run by whoever operates the server.
 */
export async function importWorkbookFile({
  db,
  bytes,
  replace,
}: {
  db: Database;
  bytes: Uint8Array;
  replace: boolean;
}): Promise<SavedPlan & { document: PlanDocument; diff: PlanDiff | null }> {
  const grid = await readGrid({ bytes, offThread: false });
  const reference = readWorkbookPlanReference(grid);
  const existing = reference
    ? (await listPlans({ db, municipalityCode: reference.municipalityCode })).find(
        (plan) => plan.slug === reference.slug,
      )
    : undefined;
  const base = existing ? ((await loadPlanDocument({ db, planId: existing.id }))?.document ?? null) : null;
  const document = parseOrThrow({ grid, base });
  const saved = await db.transaction(async (tx) => {
    const result = await savePlanDocument({ db: tx, document, replace });
    if (result.replaced)
      await refreshDerivedKpiActuals({ db: tx, actor: null, municipalityId: result.municipalityId });
    return result;
  });
  return { ...saved, document, diff: base ? diffPlanDocuments({ before: base, after: document }) : null };
}
