import type { Database } from '../../db/database.js';
import { AppError } from '../../domain/app-error.js';
import { type AmountUnit, bprMetricLabels, computeBprResult } from '../../domain/effects.js';
import type { Actor } from '../../domain/policy.js';
import { recordAudit } from '../audit/audit.repository.js';
import { ensureCan } from '../authorization.js';
import { type BprProjectRow, findBprProject, listBprProjects, updateBprProject } from './bpr.repository.js';
import { loadBprProjectDetail } from './bpr.usecases.js';
import { throwConflict } from './effects.access.js';
import {
  buildBprSection,
  buildFundingSection,
  buildFundingSummarySection,
  buildSeriesSection,
  type ReportSection,
} from './effects.report-sections.js';
import {
  findActionByKey,
  findMunicipalityByCode,
  findPlanMunicipalityId,
  listBprResultsLinkedTo,
  listDepartmentRefs,
  listFundingItemsLinkedTo,
  listFundingTypes,
  listKpiSourcesOfAction,
  listMeetingsLinkedTo,
  listMunicipalityActions,
} from './effects.repository.js';
import type { ActionEffects, EffectOptions, EffectTableKind } from './effects.schemas.js';
import { findFundingList, listFundingLists, updateFundingList } from './funding.repository.js';
import { findFundingLists, loadFundingListDetail } from './funding.usecases.js';
import { listKpiSources, listMunicipalityKpis } from './kpi-sources.repository.js';
import { findSeries, listSeries, updateSeries } from './series.repository.js';
import { loadSeriesDetail } from './series.usecases.js';

/**
 * What the effects forms choose from: the municipality's departments, the actions of its plans, its KPIs
 * with the source each takes its actual from, and the grant types in use.
 */
export async function getEffectOptions({
  db,
  actor,
  municipalityId,
}: {
  db: Database;
  actor: Actor;
  municipalityId: string;
}): Promise<EffectOptions> {
  ensureCan(actor, 'plan.read', { municipalityId });
  const departments = [...(await listDepartmentRefs({ db, municipalityId })).values()]
    .filter((department) => !department.archived)
    .map(({ archived: _archived, ...department }) => department);
  const kpis = await listMunicipalityKpis({ db, municipalityId });
  const sources = new Map(
    (await listKpiSources({ db, municipalityId })).map((source) => [source.kpiId, source]),
  );
  return {
    departments,
    actions: await listMunicipalityActions({ db, municipalityId }),
    kpis: kpis.map((kpi) => {
      const source = sources.get(kpi.id);
      return {
        kpiId: kpi.id,
        planId: kpi.planId,
        planTitle: kpi.planTitle,
        actionKey: kpi.actionKey,
        actionNumber: kpi.actionNumber,
        actionTitle: kpi.actionTitle,
        kpiKey: kpi.key,
        name: kpi.name,
        unit: kpi.unit,
        source: source
          ? {
              kind: source.kind,
              bprProjectId: source.bprProjectId,
              bprMetric: source.bprMetric,
              seriesId: source.seriesId,
              seriesColumnKey: source.seriesColumnKey,
              version: source.version,
            }
          : null,
      };
    }),
    fundingTypes: await listFundingTypes({ db, municipalityId }),
  };
}

/** What serves an action, for its page: BPR results, grants and budget lines, meetings, KPI sources. */
export async function getActionEffects({
  db,
  actor,
  planId,
  actionKey,
}: {
  db: Database;
  actor: Actor;
  planId: string;
  actionKey: string;
}): Promise<ActionEffects> {
  const municipalityId = await findPlanMunicipalityId({ db, planId });
  if (!municipalityId) throw new AppError({ code: 'plan.not_found' });
  ensureCan(actor, 'plan.read', { municipalityId });
  const action = await findActionByKey({ db, municipalityId, planId, actionKey });
  if (!action) throw new AppError({ code: 'action.not_found' });
  const departments = await listDepartmentRefs({ db, municipalityId });
  const results = await listBprResultsLinkedTo({ db, actionId: action.id });
  const items = await listFundingItemsLinkedTo({ db, actionId: action.id });
  const meetings = await listMeetingsLinkedTo({ db, actionId: action.id });
  const sources = await listKpiSourcesOfAction({ db, actionId: action.id });

  return {
    municipalityId,
    bprResults: results.map(({ result, project }) => {
      const figures = computeBprResult(result);
      return {
        id: result.id,
        projectId: project.id,
        projectTitle: project.title,
        fy: project.fy,
        process: result.process,
        departmentName: departments.get(result.departmentId)?.name ?? '（不明な課）',
        hoursSaved: figures.hoursSaved,
        measured: figures.measured,
      };
    }),
    fundingItems: items.map(({ item, list }) => ({
      id: item.id,
      listId: list.id,
      listTitle: list.title,
      kind: list.kind,
      fy: list.fy,
      name: item.name,
      projectCost: item.projectCost,
      grantAmount: item.grantAmount,
      budgetAmount: item.budgetAmount,
    })),
    meetings: meetings.map(({ meeting, bodyName }) => ({
      id: meeting.id,
      bodyId: meeting.bodyId,
      bodyName,
      date: meeting.date,
      number: meeting.number,
      title: meeting.title,
      status: meeting.status,
    })),
    kpiSources: sources.flatMap((source): ActionEffects['kpiSources'] => {
      if (source.kind === 'bpr_project' && source.bprProjectId && source.projectTitle !== null) {
        return [
          {
            kpiKey: source.kpiKey,
            kind: 'bpr_project' as const,
            tableId: source.bprProjectId,
            tableTitle: source.projectTitle,
            detail: bprMetricLabels[source.bprMetric ?? 'hours_saved'],
          },
        ];
      }
      if (source.kind === 'series_column' && source.seriesId && source.seriesTitle !== null) {
        const column = source.seriesColumns?.find((candidate) => candidate.key === source.seriesColumnKey);
        return [
          {
            kpiKey: source.kpiKey,
            kind: 'series_column' as const,
            tableId: source.seriesId,
            tableTitle: source.seriesTitle,
            detail: column?.label ?? source.seriesColumnKey ?? '',
          },
        ];
      }
      return [];
    }),
  };
}

const auditSubjectOf: Record<EffectTableKind, string> = { bpr: 'bpr', series: 'series', funding: 'grant' };

/**
 * Publishes a table as open data on the public portal, or withdraws it. The DX office decides, as it
 * decides for the plan (`plan.publish`).
 */
export async function setTablePublished({
  db,
  actor,
  municipalityId,
  tableKind,
  tableId,
  input,
}: {
  db: Database;
  actor: Actor;
  municipalityId: string;
  tableKind: EffectTableKind;
  tableId: string;
  input: { published: boolean; version: number };
}): Promise<{ published: boolean; version: number }> {
  ensureCan(actor, 'plan.publish', { municipalityId });
  return db.transaction(async (tx) => {
    const values = { publishedAt: input.published ? new Date() : null };
    let title: string;
    let updated: { version: number; publishedAt: Date | null } | null;
    let current: { version: number; publishedAt: Date | null } | null;
    if (tableKind === 'bpr') {
      const before = await findBprProject({ db: tx, municipalityId, projectId: tableId });
      if (!before) throw new AppError({ code: 'bpr_project.not_found' });
      title = before.title;
      current = before;
      updated = await updateBprProject({
        db: tx,
        municipalityId,
        projectId: tableId,
        version: input.version,
        values,
      });
    } else if (tableKind === 'series') {
      const before = await findSeries({ db: tx, municipalityId, seriesId: tableId });
      if (!before) throw new AppError({ code: 'series.not_found' });
      title = before.title;
      current = before;
      updated = await updateSeries({
        db: tx,
        municipalityId,
        seriesId: tableId,
        version: input.version,
        values,
      });
    } else {
      const before = await findFundingList({ db: tx, municipalityId, listId: tableId });
      if (!before) throw new AppError({ code: 'funding_list.not_found' });
      title = before.title;
      current = before;
      updated = await updateFundingList({
        db: tx,
        municipalityId,
        listId: tableId,
        version: input.version,
        values,
      });
    }
    if (!updated) throwConflict({ published: current.publishedAt !== null, version: current.version });
    await recordAudit({
      db: tx,
      actor,
      entry: {
        municipalityId,
        subjectType: auditSubjectOf[tableKind],
        subjectId: tableId,
        operation: input.published ? 'publish' : 'unpublish',
        summary: `「${title}」を${input.published ? 'オープンデータとして公開' : '非公開に'}`,
        before: { published: current.publishedAt !== null },
        after: { published: input.published },
      },
    });
    return { published: updated.publishedAt !== null, version: updated.version };
  });
}

/** One effects table as a report section, read without a permission check: callers check first. */
async function sectionOfTable({
  db,
  municipalityId,
  tableKind,
  tableId,
  unit,
}: {
  db: Database;
  municipalityId: string;
  tableKind: EffectTableKind;
  tableId: string;
  unit: AmountUnit;
}): Promise<ReportSection> {
  if (tableKind === 'bpr')
    return buildBprSection(await loadBprProjectDetail({ db, municipalityId, projectId: tableId }));
  if (tableKind === 'series')
    return buildSeriesSection(await loadSeriesDetail({ db, municipalityId, seriesId: tableId }));
  return buildFundingSection({
    ...(await loadFundingListDetail({ db, municipalityId, listId: tableId })),
    unit,
  });
}

/** One effects table as a report section (also the source of its CSV). */
export async function buildTableSection({
  db,
  actor,
  municipalityId,
  tableKind,
  tableId,
  unit,
}: {
  db: Database;
  actor: Actor;
  municipalityId: string;
  tableKind: EffectTableKind;
  tableId: string;
  unit: AmountUnit;
}): Promise<ReportSection> {
  ensureCan(actor, 'plan.read', { municipalityId });
  return sectionOfTable({ db, municipalityId, tableKind, tableId, unit });
}

/**
 * Every effects table of the municipality as report sections, for the council report: BPR projects,
 * series, grant and budget lists, and the totals by year and type.
 */
export async function buildEffectsReportSections({
  db,
  actor,
  municipalityId,
  unit,
}: {
  db: Database;
  actor: Actor;
  municipalityId: string;
  unit: AmountUnit;
}): Promise<ReportSection[]> {
  ensureCan(actor, 'plan.read', { municipalityId });
  const sections: ReportSection[] = [];
  for (const project of await listBprProjects({ db, municipalityId })) {
    sections.push(await sectionOfTable({ db, municipalityId, tableKind: 'bpr', tableId: project.id, unit }));
  }
  for (const series of await listSeries({ db, municipalityId })) {
    sections.push(
      await sectionOfTable({ db, municipalityId, tableKind: 'series', tableId: series.id, unit }),
    );
  }
  const funding = await findFundingLists({ db, actor, municipalityId });
  for (const list of funding.lists) {
    sections.push(await sectionOfTable({ db, municipalityId, tableKind: 'funding', tableId: list.id, unit }));
  }
  if (funding.lists.length > 0)
    sections.push(buildFundingSummarySection({ byYearAndType: funding.byYearAndType, unit }));
  return sections;
}

/* Open data: the published tables, for anyone (the public portal, a citizen, a program). */

export interface PublishedTable {
  kind: EffectTableKind;
  id: string;
  title: string;
  fy: number | null;
  publishedAt: string;
  section: ReportSection;
}

async function ensureMunicipalityByCode({ db, code }: { db: Database; code: string }) {
  const municipality = await findMunicipalityByCode({ db, code });
  if (!municipality) throw new AppError({ code: 'municipality.not_found' });
  return municipality;
}

/** The municipality's published effects tables with their data, in yen (open data is not rounded). */
export async function findPublishedTables({
  db,
  municipalityCode,
}: {
  db: Database;
  municipalityCode: string;
}): Promise<{
  municipality: { code: string; name: string; prefecture: string };
  tables: PublishedTable[];
}> {
  const municipality = await ensureMunicipalityByCode({ db, code: municipalityCode });
  const municipalityId = municipality.id;
  const headers: {
    kind: EffectTableKind;
    row: Pick<BprProjectRow, 'id' | 'title' | 'publishedAt'>;
    fy: number | null;
  }[] = [
    ...(await listBprProjects({ db, municipalityId, publishedOnly: true })).map((row) => ({
      kind: 'bpr' as const,
      row,
      fy: row.fy,
    })),
    ...(await listSeries({ db, municipalityId, publishedOnly: true })).map((row) => ({
      kind: 'series' as const,
      row,
      fy: null,
    })),
    ...(await listFundingLists({ db, municipalityId, publishedOnly: true })).map((row) => ({
      kind: 'funding' as const,
      row,
      fy: row.fy,
    })),
  ];
  const tables: PublishedTable[] = [];
  for (const header of headers) {
    tables.push({
      kind: header.kind,
      id: header.row.id,
      title: header.row.title,
      fy: header.fy,
      publishedAt: header.row.publishedAt!.toISOString(),
      section: await sectionOfTable({
        db,
        municipalityId,
        tableKind: header.kind,
        tableId: header.row.id,
        unit: 'yen',
      }),
    });
  }
  const { id: _id, ...rest } = municipality;
  return { municipality: rest, tables };
}

/** One published table's section; a table that is not published is not found. */
export async function getPublishedTableSection({
  db,
  municipalityCode,
  tableKind,
  tableId,
}: {
  db: Database;
  municipalityCode: string;
  tableKind: EffectTableKind;
  tableId: string;
}): Promise<ReportSection> {
  const municipality = await ensureMunicipalityByCode({ db, code: municipalityCode });
  const municipalityId = municipality.id;
  const header =
    tableKind === 'bpr'
      ? await findBprProject({ db, municipalityId, projectId: tableId })
      : tableKind === 'series'
        ? await findSeries({ db, municipalityId, seriesId: tableId })
        : await findFundingList({ db, municipalityId, listId: tableId });
  if (!header || header.publishedAt === null) throw new AppError({ code: 'effects_table.not_found' });
  return sectionOfTable({ db, municipalityId, tableKind, tableId, unit: 'yen' });
}
