import type { Database } from '../../db/database.js';
import { AppError } from '../../domain/app-error.js';
import { evaluatePlan, type PlanEvaluation } from '../../domain/evaluation/index.js';
import { formatFiscalYearShort, formatJapaneseDate } from '../../domain/fiscal-year.js';
import type { ActionDirection, PlanDocument } from '../../domain/plan.schemas.js';
import { actionDirectionLabels, planDocumentSchema } from '../../domain/plan.schemas.js';
import { type Actor, can } from '../../domain/policy.js';
import { recordAudit } from '../audit/audit.repository.js';
import { ensureCan } from '../authorization.js';
import type { ReportSection } from '../effects/effects.report-sections.js';
import { buildEffectsReportSections } from '../effects/effects.usecases.js';
import { runOffThread } from '../offload/offload.js';
import { buildOrganisationReportSections } from '../organisation/organisation.report-sections.js';
import type { PlanViewCache } from '../plans/plans.cache.js';
import { bumpPlanRevision } from '../plans/plans.repository.js';
import { getPlanViews } from '../plans/plans.usecases.js';
import {
  buildFinalReport,
  buildRoundReport,
  formatRoundLabel,
  type Report,
  type ReportFormat,
  type ReportKind,
  type ReportTable,
  selectReportYear,
} from './reports.models.js';
import { renderReport } from './reports.render.js';
import {
  type ActionReportRecord,
  type ActionReportValues,
  findActionReport,
  findPlanRound,
  listPlanPhotos,
  listPlanRounds,
  updateActionReportFields,
} from './reports.repository.js';
import { buildStratmlReport } from './reports.stratml.js';

/** Today in Japan, YYYY-MM-DD: the date a report is made on. */
export function getTodayInJapan(now = new Date()): string {
  return new Date(now.getTime() + 9 * 3_600_000).toISOString().slice(0, 10);
}

export interface ReportFile {
  filename: string;
  fallback: string;
  bytes: Uint8Array;
}

/**
 * Builds a report of the plan from the same evaluation the screens show (the plan page's cached one; a
 * closed round's frozen snapshot evaluated as it stood) and renders it. `actor` null: the command line.
 */
export async function buildPlanReport({
  db,
  cache,
  actor,
  planId,
  kind,
  roundId,
  today = getTodayInJapan(),
}: {
  db: Database;
  cache: PlanViewCache;
  actor: Actor | null;
  planId: string;
  kind: ReportKind;
  roundId?: string | undefined;
  today?: string;
}): Promise<Report> {
  const views = await getPlanViews({ db, cache, planId });
  const municipalityId = views.stored.municipality.id;
  if (actor) ensureCan(actor, 'plan.read', { municipalityId });
  const live = { document: views.stored.document, evaluation: views.evaluation };

  if (kind === 'final') {
    const photos = await listPlanPhotos({ db, planId, municipalityId });
    return buildFinalReport({ ...live, photos, today });
  }

  const appendix = await buildEffectsAppendix({ db, municipalityId });
  if (!roundId) {
    const fy = selectReportYear({ today, period: live.document.plan.period });
    return buildRoundReport({
      ...live,
      appendix,
      fy,
      roundLabel: null,
      source: `${formatJapaneseDate(today)}時点の計画の数値`,
      today,
    });
  }
  const round = await findPlanRound({ db, planId, roundId });
  if (!round) throw new AppError({ code: 'report.round_not_found' });
  const roundLabel = formatRoundLabel(round);
  if (round.status !== 'closed' || !round.snapshot) {
    return buildRoundReport({
      ...live,
      appendix,
      fy: round.fy,
      roundLabel,
      source: '進捗確認の実施中（現在の数値）',
      today,
    });
  }
  const snapshot = readSnapshot(round.snapshot);
  const closedOn = round.closedAt ? getTodayInJapan(round.closedAt) : null;
  return buildRoundReport({
    document: snapshot.document,
    evaluation: snapshot.evaluation,
    appendix,
    fy: round.fy,
    roundLabel,
    source: closedOn ? `${formatJapaneseDate(closedOn)}の締め切り時点の数値` : '締め切り時点の数値',
    today,
  });
}

/**
 * The municipality's effects, money and organisation tables (BPR results, series, grants and budget
 * lines, bodies, rosters and meetings) for the council report, in 千円 as the seeds print amounts. The
 * report's reader already passed `plan.read`; the tables are read as the system.
 */
async function buildEffectsAppendix({
  db,
  municipalityId,
}: {
  db: Database;
  municipalityId: string;
}): Promise<ReportTable[]> {
  const system: Actor = { userId: 'report', displayName: '報告書', superAdmin: true, memberships: [] };
  const sections = [
    ...(await buildEffectsReportSections({ db, actor: system, municipalityId, unit: 'thousand' })),
    ...(await buildOrganisationReportSections({ db, actor: system, municipalityId })),
  ];
  return sections.map(toReportTable);
}

function toReportTable(section: ReportSection): ReportTable {
  const texts = (cells: ReportSection['rows'][number]) => cells.map((cell) => cell.text);
  const notes = [...section.notes].sort(
    (a, b) => Number(b.kind === 'stated_differs') - Number(a.kind === 'stated_differs'),
  );
  return {
    title: section.title,
    subtitle: section.subtitle,
    columns: section.columns.map((column) => ({
      label: column.unit ? `${column.label}（${column.unit}）` : column.label,
      numeric: column.kind !== 'text' && column.kind !== 'date',
    })),
    rows: section.rows.map(texts),
    totals: section.totals.map(texts),
    notes: notes.map((note) => (note.kind === 'stated_differs' ? `⚠ 資料と相違: ${note.text}` : note.text)),
  };
}

function readSnapshot(snapshot: PlanDocument): { document: PlanDocument; evaluation: PlanEvaluation } {
  const parsed = planDocumentSchema.safeParse(snapshot);
  if (!parsed.success) {
    throw new AppError({
      code: 'plan.invalid_document',
      message: '進捗確認の締め切り時点の計画データを読み取れません',
    });
  }
  return { document: parsed.data, evaluation: evaluatePlan(parsed.data.plan) };
}

const KIND_NAMES: Record<ReportKind, string> = { final: '最終報告書', round: '進捗状況報告' };

/** The report as a file: built here, rendered on the worker thread (a 50-page PDF is a second of CPU). */
export async function generatePlanReport({
  db,
  cache,
  actor,
  planId,
  kind,
  format,
  roundId,
  offThread = true,
  today,
}: {
  db: Database;
  cache: PlanViewCache;
  actor: Actor | null;
  planId: string;
  kind: ReportKind;
  format: ReportFormat;
  roundId?: string | undefined;
  /** The command line renders in its own thread: it serves no one else. */
  offThread?: boolean;
  today?: string;
}): Promise<ReportFile> {
  const report = await buildPlanReport({
    db,
    cache,
    actor,
    planId,
    kind,
    roundId,
    ...(today !== undefined && { today }),
  });
  const bytes = offThread
    ? await runOffThread('renderReport', { report, format })
    : await renderReport({ report, format });
  const slug = (await getPlanViews({ db, cache, planId })).stored.document.plan.slug;
  const suffix = report.kind === 'round' ? `-${formatFiscalYearShort(report.fy)}` : '';
  return {
    filename: `${slug}-${KIND_NAMES[kind]}${suffix}.${format}`,
    fallback: `${slug}-${kind}-report${suffix}.${format}`,
    bytes,
  };
}

/** The plan and its evaluation as StratML Part 2 XML. `actor` null: the command line. */
export async function exportPlanStratml({
  db,
  cache,
  actor,
  planId,
  today = getTodayInJapan(),
}: {
  db: Database;
  cache: PlanViewCache;
  actor: Actor | null;
  planId: string;
  today?: string;
}): Promise<{ filename: string; xml: string }> {
  const views = await getPlanViews({ db, cache, planId });
  if (actor) ensureCan(actor, 'plan.read', { municipalityId: views.stored.municipality.id });
  const { document } = views.stored;
  return {
    filename: `${document.plan.slug}-stratml.xml`,
    xml: buildStratmlReport({ document, evaluation: views.evaluation, today }),
  };
}

export interface ReportOptions {
  rounds: { id: string; label: string; status: 'open' | 'closed'; closedOn: string | null }[];
}

/** What a report can be made of: the plan's progress rounds, newest first. */
export async function getReportOptions({
  db,
  cache,
  actor,
  planId,
}: {
  db: Database;
  cache: PlanViewCache;
  actor: Actor;
  planId: string;
}): Promise<ReportOptions> {
  const views = await getPlanViews({ db, cache, planId });
  const municipalityId = views.stored.municipality.id;
  ensureCan(actor, 'plan.read', { municipalityId });
  const rounds = await listPlanRounds({ db, planId, municipalityId });
  return {
    rounds: rounds.map((round) => ({
      id: round.id,
      label: formatRoundLabel(round),
      status: round.status,
      closedOn: round.closedAt ? getTodayInJapan(round.closedAt) : null,
    })),
  };
}

export interface ActionReportView {
  actionKey: string;
  version: number;
  report: {
    outcome: string | null;
    workDone: string | null;
    issuesAhead: string | null;
    direction: ActionDirection | null;
  };
  /** Whether the caller may change the fields (the action's owner departments and the DX office). */
  editable: boolean;
}

function toView(record: ActionReportRecord, editable: boolean): ActionReportView {
  return {
    actionKey: record.actionKey,
    version: record.version,
    report: {
      outcome: record.outcome,
      workDone: record.workDone,
      issuesAhead: record.issuesAhead,
      direction: record.direction,
    },
    editable,
  };
}

async function findReportOrThrow({
  db,
  planId,
  actionKey,
}: {
  db: Database;
  planId: string;
  actionKey: string;
}) {
  const record = await findActionReport({ db, planId, actionKey });
  if (!record) throw new AppError({ code: 'action.not_found' });
  return record;
}

/** The final-report fields of an action (成果, やったこと, 課題, 今後の方向性) with the version to edit them. */
export async function getActionReport({
  db,
  actor,
  planId,
  actionKey,
}: {
  db: Database;
  actor: Actor;
  planId: string;
  actionKey: string;
}): Promise<ActionReportView> {
  const record = await findReportOrThrow({ db, planId, actionKey });
  ensureCan(actor, 'plan.read', { municipalityId: record.municipalityId });
  const editable = can(actor, 'progress.edit', {
    municipalityId: record.municipalityId,
    departmentIds: record.ownerDepartmentIds,
  });
  return toView(record, editable);
}

const FIELD_NAMES: Record<keyof ActionReportValues, string> = {
  outcome: '成果',
  workDone: 'やったこと',
  issuesAhead: '課題',
  direction: '今後の方向性',
};

/**
 * Writes an action's final-report fields, for its owner departments (and the DX office). A field left
 * out keeps its value; null or an empty text clears it. `version` is the one the clerk read: a stale
 * write is a 409 with the current fields. One transaction: the change, its history entry and the plan's
 * revision (the final report and the plan page read these fields).
 */
export async function updateActionReport({
  db,
  actor,
  planId,
  actionKey,
  input,
}: {
  db: Database;
  actor: Actor;
  planId: string;
  actionKey: string;
  input: Partial<ActionReportValues> & { version: number };
}): Promise<ActionReportView> {
  const record = await findReportOrThrow({ db, planId, actionKey });
  ensureCan(actor, 'progress.edit', {
    municipalityId: record.municipalityId,
    departmentIds: record.ownerDepartmentIds,
  });
  const blankToNull = (value: string | null | undefined, current: string | null) =>
    value === undefined ? current : value === null || value.trim() === '' ? null : value.trim();
  const values: ActionReportValues = {
    outcome: blankToNull(input.outcome, record.outcome),
    workDone: blankToNull(input.workDone, record.workDone),
    issuesAhead: blankToNull(input.issuesAhead, record.issuesAhead),
    direction: input.direction === undefined ? record.direction : input.direction,
  };
  const before: ActionReportValues = {
    outcome: record.outcome,
    workDone: record.workDone,
    issuesAhead: record.issuesAhead,
    direction: record.direction,
  };
  const changed = (Object.keys(FIELD_NAMES) as (keyof ActionReportValues)[]).filter(
    (field) => values[field] !== before[field],
  );
  const version = await db.transaction(async (tx) => {
    const next = await updateActionReportFields({ db: tx, record, version: input.version, values });
    if (next === null) {
      const current = await findReportOrThrow({ db: tx, planId, actionKey });
      throw new AppError({ code: 'record.conflict', details: { current: toView(current, true) } });
    }
    await recordAudit({
      db: tx,
      actor,
      entry: {
        municipalityId: record.municipalityId,
        planId,
        actionKey,
        subjectType: 'report',
        subjectId: record.actionId,
        operation: 'update',
        summary: `「${record.number} ${record.title}」の最終報告（${
          changed.length > 0 ? changed.map((field) => FIELD_NAMES[field]).join('・') : '変更なし'
        }）を更新${values.direction ? `：今後の方向性「${actionDirectionLabels[values.direction]}」` : ''}`,
        before,
        after: values,
      },
    });
    await bumpPlanRevision({ db: tx, planId, municipalityId: record.municipalityId });
    return next;
  });
  return toView({ ...record, ...values, version }, true);
}
