import type { Database } from '../../db/database.js';
import { AppError } from '../../domain/app-error.js';
import { formatFigure } from '../../domain/evaluation/numbers.js';
import { formatFiscalYear } from '../../domain/fiscal-year.js';
import type { Actor } from '../../domain/policy.js';
import { recordAudit } from '../audit/audit.repository.js';
import { ensureCan } from '../authorization.js';
import {
  type BprProjectRow,
  type BprProjectValues,
  type BprResultRow,
  type BprResultValues,
  findBprProject,
  findBprResult,
  insertBprProject,
  insertBprResult,
  listBprProjects,
  listBprResults,
  updateBprProject,
  updateBprResult,
} from './bpr.repository.js';
import {
  describeLinkedActions,
  ensureActions,
  ensureCanEditWholeTable,
  ensureDepartment,
  ensureMunicipalityExists,
  throwConflict,
  toIsoString,
} from './effects.access.js';
import { computeProjectTotals, groupRows, toBprResultView } from './effects.models.js';
import { listDepartmentRefs, listLinkedActions, replaceActionLinks } from './effects.repository.js';
import type { BprProjectDetail, BprProjectList } from './effects.schemas.js';
import { findKpiLinks, refreshDerivedKpiActuals } from './kpi-sources.usecases.js';

export function toBprProjectView(row: BprProjectRow): BprProjectDetail['project'] {
  return {
    id: row.id,
    title: row.title,
    fy: row.fy,
    source: row.source,
    note: row.note,
    statedHoursSaved: row.statedHoursSaved,
    statedReductionRate: row.statedReductionRate,
    published: row.publishedAt !== null,
    publishedAt: toIsoString(row.publishedAt),
    version: row.version,
    updatedAt: row.updatedAt.toISOString(),
  };
}

function describeProject(row: Pick<BprProjectRow, 'title' | 'fy'>): string {
  return `BPRプロジェクト「${row.title}」（${formatFiscalYear(row.fy)}）`;
}

function describeHours(row: Pick<BprResultRow, 'hoursBefore' | 'hoursAfter'>): string {
  const after = row.hoursAfter === null ? '未測定' : `${formatFigure(row.hoursAfter)}時間`;
  return `対応前 ${formatFigure(row.hoursBefore)}時間 → 対応後 ${after}`;
}

function resultHistory(row: BprResultValues, actions: readonly string[]) {
  return { ...row, actions };
}

/** The BPR projects of the municipality with their totals, newest year first. */
export async function findBprProjects({
  db,
  actor,
  municipalityId,
}: {
  db: Database;
  actor: Actor;
  municipalityId: string;
}): Promise<BprProjectList> {
  ensureCan(actor, 'plan.read', { municipalityId });
  const projects = await listBprProjects({ db, municipalityId });
  const results = groupRows(
    await listBprResults({ db, municipalityId, projectIds: projects.map((project) => project.id) }),
    (row) => row.projectId,
  );
  return {
    projects: projects.map((project) => ({
      ...toBprProjectView(project),
      totals: computeProjectTotals(project, results.get(project.id) ?? []),
    })),
  };
}

/** A project's results, each row's hours saved and rate, the totals over measured rows, the linked KPIs. */
export async function getBprProjectDetail({
  db,
  actor,
  municipalityId,
  projectId,
}: {
  db: Database;
  actor: Actor;
  municipalityId: string;
  projectId: string;
}): Promise<BprProjectDetail> {
  ensureCan(actor, 'plan.read', { municipalityId });
  return loadBprProjectDetail({ db, municipalityId, projectId });
}

/** The detail without a permission check, for callers that have checked (or serve published data). */
export async function loadBprProjectDetail({
  db,
  municipalityId,
  projectId,
}: {
  db: Database;
  municipalityId: string;
  projectId: string;
}): Promise<BprProjectDetail> {
  const project = await findBprProject({ db, municipalityId, projectId });
  if (!project) throw new AppError({ code: 'bpr_project.not_found' });
  const results = await listBprResults({ db, municipalityId, projectIds: [project.id] });
  const departments = await listDepartmentRefs({ db, municipalityId });
  const links = await listLinkedActions({
    db,
    municipalityId,
    subjectType: 'bpr_result',
    subjectIds: results.map((row) => row.id),
  });
  return {
    project: toBprProjectView(project),
    results: results.map((row) => toBprResultView({ row, departments, actions: links.get(row.id) ?? [] })),
    totals: computeProjectTotals(project, results),
    kpiLinks: await findKpiLinks({ db, municipalityId, bprProjectId: project.id }),
  };
}

export async function createBprProject({
  db,
  actor,
  municipalityId,
  input,
}: {
  db: Database;
  actor: Actor;
  municipalityId: string;
  input: BprProjectValues;
}): Promise<BprProjectDetail> {
  ensureCanEditWholeTable(actor, municipalityId);
  await ensureMunicipalityExists({ db, municipalityId });
  const project = await db.transaction(async (tx) => {
    const row = await insertBprProject({ db: tx, municipalityId, values: input });
    await recordAudit({
      db: tx,
      actor,
      entry: {
        municipalityId,
        subjectType: 'bpr',
        subjectId: row.id,
        operation: 'create',
        summary: `${describeProject(row)}を登録`,
        after: input,
      },
    });
    return row;
  });
  return loadBprProjectDetail({ db, municipalityId, projectId: project.id });
}

export async function updateBprProjectHeader({
  db,
  actor,
  municipalityId,
  projectId,
  input,
}: {
  db: Database;
  actor: Actor;
  municipalityId: string;
  projectId: string;
  input: BprProjectValues & { version: number };
}): Promise<BprProjectDetail> {
  ensureCanEditWholeTable(actor, municipalityId);
  const { version, ...values } = input;
  await db.transaction(async (tx) => {
    const before = await findBprProject({ db: tx, municipalityId, projectId });
    if (!before) throw new AppError({ code: 'bpr_project.not_found' });
    const after = await updateBprProject({ db: tx, municipalityId, projectId, version, values });
    if (!after) throwConflict(toBprProjectView(before));
    await recordAudit({
      db: tx,
      actor,
      entry: {
        municipalityId,
        subjectType: 'bpr',
        subjectId: projectId,
        operation: 'update',
        summary: `${describeProject(after)}の見出し・資料記載の合計を更新`,
        before: {
          title: before.title,
          fy: before.fy,
          source: before.source,
          note: before.note,
          statedHoursSaved: before.statedHoursSaved,
          statedReductionRate: before.statedReductionRate,
        },
        after: values,
      },
    });
    await refreshDerivedKpiActuals({ db: tx, actor, municipalityId, bprProjectId: projectId });
  });
  return loadBprProjectDetail({ db, municipalityId, projectId });
}

/** Archives the project; KPIs that took their actual from it lose the derived actuals. */
export async function archiveBprProject({
  db,
  actor,
  municipalityId,
  projectId,
  version,
}: {
  db: Database;
  actor: Actor;
  municipalityId: string;
  projectId: string;
  version: number;
}): Promise<void> {
  ensureCanEditWholeTable(actor, municipalityId);
  await db.transaction(async (tx) => {
    const before = await findBprProject({ db: tx, municipalityId, projectId });
    if (!before) throw new AppError({ code: 'bpr_project.not_found' });
    const after = await updateBprProject({
      db: tx,
      municipalityId,
      projectId,
      version,
      values: { archivedAt: new Date() },
    });
    if (!after) throwConflict(toBprProjectView(before));
    await recordAudit({
      db: tx,
      actor,
      entry: {
        municipalityId,
        subjectType: 'bpr',
        subjectId: projectId,
        operation: 'archive',
        summary: `${describeProject(before)}を削除（履歴は残ります）`,
        before: toBprProjectView(before),
      },
    });
    await refreshDerivedKpiActuals({ db: tx, actor, municipalityId, bprProjectId: projectId });
  });
}

type BprResultInput = BprResultValues & { actionIds: string[] };

/** Adds a business process; an editor may add rows of its own departments. */
export async function createBprResult({
  db,
  actor,
  municipalityId,
  projectId,
  input,
}: {
  db: Database;
  actor: Actor;
  municipalityId: string;
  projectId: string;
  input: BprResultInput;
}): Promise<BprProjectDetail> {
  ensureCan(actor, 'effects.edit', { municipalityId, departmentIds: [input.departmentId] });
  const project = await findBprProject({ db, municipalityId, projectId });
  if (!project) throw new AppError({ code: 'bpr_project.not_found' });
  const department = await ensureDepartment({ db, municipalityId, departmentId: input.departmentId });
  const actions = await ensureActions({ db, municipalityId, actionIds: input.actionIds });
  const { actionIds: _actionIds, ...values } = input;
  await db.transaction(async (tx) => {
    const row = await insertBprResult({ db: tx, municipalityId, projectId, values });
    await replaceActionLinks({
      db: tx,
      municipalityId,
      subjectType: 'bpr_result',
      subjectId: row.id,
      actions,
    });
    await recordAudit({
      db: tx,
      actor,
      entry: {
        municipalityId,
        subjectType: 'bpr',
        subjectId: row.id,
        operation: 'create',
        summary: `${describeProject(project)}に「${row.process}」（${department.name}、${describeHours(row)}）を追加`,
        after: resultHistory(values, describeLinkedActions(actions)),
      },
    });
    await refreshDerivedKpiActuals({ db: tx, actor, municipalityId, bprProjectId: projectId });
  });
  return loadBprProjectDetail({ db, municipalityId, projectId });
}

/** Changes a business process; an editor needs both its old and its new department to be its own. */
export async function updateBprResultRow({
  db,
  actor,
  municipalityId,
  projectId,
  resultId,
  input,
}: {
  db: Database;
  actor: Actor;
  municipalityId: string;
  projectId: string;
  resultId: string;
  input: BprResultInput & { version: number };
}): Promise<BprProjectDetail> {
  ensureCan(actor, 'effects.edit', { municipalityId });
  const before = await findBprResult({ db, municipalityId, projectId, resultId });
  if (!before) throw new AppError({ code: 'bpr_result.not_found' });
  ensureCan(actor, 'effects.edit', { municipalityId, departmentIds: [before.departmentId] });
  ensureCan(actor, 'effects.edit', { municipalityId, departmentIds: [input.departmentId] });
  const project = await findBprProject({ db, municipalityId, projectId });
  if (!project) throw new AppError({ code: 'bpr_project.not_found' });
  const department = await ensureDepartment({ db, municipalityId, departmentId: input.departmentId });
  const actions = await ensureActions({ db, municipalityId, actionIds: input.actionIds });
  const { actionIds: _actionIds, version, ...values } = input;
  await db.transaction(async (tx) => {
    const beforeLinks = (
      await listLinkedActions({ db: tx, municipalityId, subjectType: 'bpr_result', subjectIds: [resultId] })
    ).get(resultId);
    const after = await updateBprResult({ db: tx, municipalityId, resultId, version, values });
    if (!after) {
      const departments = await listDepartmentRefs({ db: tx, municipalityId });
      const current = await findBprResult({ db: tx, municipalityId, projectId, resultId });
      if (!current) throw new AppError({ code: 'bpr_result.not_found' });
      throwConflict(toBprResultView({ row: current, departments, actions: beforeLinks ?? [] }));
    }
    await replaceActionLinks({
      db: tx,
      municipalityId,
      subjectType: 'bpr_result',
      subjectId: resultId,
      actions,
    });
    await recordAudit({
      db: tx,
      actor,
      entry: {
        municipalityId,
        subjectType: 'bpr',
        subjectId: resultId,
        operation: 'update',
        summary: `${describeProject(project)}の「${after.process}」（${department.name}）を更新（${describeHours(before)} から ${describeHours(after)} へ）`,
        before: resultHistory(before, describeLinkedActions(beforeLinks ?? [])),
        after: resultHistory(values, describeLinkedActions(actions)),
      },
    });
    await refreshDerivedKpiActuals({ db: tx, actor, municipalityId, bprProjectId: projectId });
  });
  return loadBprProjectDetail({ db, municipalityId, projectId });
}

export async function archiveBprResult({
  db,
  actor,
  municipalityId,
  projectId,
  resultId,
  version,
}: {
  db: Database;
  actor: Actor;
  municipalityId: string;
  projectId: string;
  resultId: string;
  version: number;
}): Promise<BprProjectDetail> {
  ensureCan(actor, 'effects.edit', { municipalityId });
  const before = await findBprResult({ db, municipalityId, projectId, resultId });
  if (!before) throw new AppError({ code: 'bpr_result.not_found' });
  ensureCan(actor, 'effects.edit', { municipalityId, departmentIds: [before.departmentId] });
  const project = await findBprProject({ db, municipalityId, projectId });
  if (!project) throw new AppError({ code: 'bpr_project.not_found' });
  await db.transaction(async (tx) => {
    const after = await updateBprResult({
      db: tx,
      municipalityId,
      resultId,
      version,
      values: { archivedAt: new Date() },
    });
    if (!after) {
      const departments = await listDepartmentRefs({ db: tx, municipalityId });
      throwConflict(toBprResultView({ row: before, departments, actions: [] }));
    }
    await recordAudit({
      db: tx,
      actor,
      entry: {
        municipalityId,
        subjectType: 'bpr',
        subjectId: resultId,
        operation: 'archive',
        summary: `${describeProject(project)}から「${before.process}」を削除（履歴は残ります）`,
        before: resultHistory(before, []),
      },
    });
    await refreshDerivedKpiActuals({ db: tx, actor, municipalityId, bprProjectId: projectId });
  });
  return loadBprProjectDetail({ db, municipalityId, projectId });
}
