import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Database } from '../../db/database.js';
import { AppError } from '../../domain/app-error.js';
import {
  type EffectsDocument,
  parseEffectsDocument,
  parseSubsidyRate,
} from '../../domain/effects-document.js';
import { formatIssueLines } from '../../domain/validation.js';
import { recordAudit } from '../audit/audit.repository.js';
import { listDepartments, upsertDepartments } from '../departments/departments.repository.js';
import { upsertMunicipality } from '../municipalities/municipalities.repository.js';
import { insertBody, insertMeeting, insertRoster } from '../organisation/organisation.repository.js';
import { insertBprProject, insertBprResult, updateBprProject } from './bpr.repository.js';
import { findActionByKey, replaceActionLinks } from './effects.repository.js';
import { insertFundingItem, insertFundingList, updateFundingList } from './funding.repository.js';
import { findKpiByKeys, insertKpiSource } from './kpi-sources.repository.js';
import { refreshDerivedKpiActuals } from './kpi-sources.usecases.js';
import { insertSeries, insertSeriesRow, updateSeries } from './series.repository.js';

/*
 * Loads a kiseki-effects@1 document (docs/effects-format.md) into the database in one transaction: the
 * departments it names that the municipality lacks, then its tables, bodies and meetings, each with a
 * history entry by the system. Used for the samples on the first start and by tests.
 */

type Tx = Database;

async function ensureDocumentDepartments({
  db,
  municipalityId,
  document,
}: {
  db: Tx;
  municipalityId: string;
  document: EffectsDocument;
}): Promise<Map<string, string>> {
  const existing = (await listDepartments({ db, municipalityId })).filter(
    (department) => !department.archived,
  );
  const byId = new Map(existing.map((department) => [department.id, department]));
  const known = new Set(existing.map((department) => department.key));
  const missing = (document.departments ?? []).filter((department) => !known.has(department.key));
  // Existing departments keep their order and names; the new ones follow them.
  return upsertDepartments({
    db,
    municipalityId,
    departments: [
      ...existing.map((department) => ({
        key: department.key,
        name: department.name,
        parent: department.parentId ? (byId.get(department.parentId)?.key ?? null) : null,
      })),
      ...missing,
    ],
  });
}

function requireKey(map: Map<string, string>, key: string, what: string): string {
  const id = map.get(key);
  if (!id) throw new AppError({ code: 'request.invalid', message: `${what} "${key}" がありません` });
  return id;
}

async function resolveActions({
  db,
  municipalityId,
  refs,
}: {
  db: Tx;
  municipalityId: string;
  refs: readonly { plan: string; action: string }[] | undefined;
}): Promise<{ id: string; planId: string }[]> {
  const actions: { id: string; planId: string }[] = [];
  for (const ref of refs ?? []) {
    const action = await findActionByKey({ db, municipalityId, planSlug: ref.plan, actionKey: ref.action });
    if (!action) {
      throw new AppError({
        code: 'action.not_found',
        message: `計画 "${ref.plan}" にアクション "${ref.action}" がありません`,
      });
    }
    actions.push(action);
  }
  return actions;
}

export async function importEffectsDocument({
  db,
  document,
}: {
  db: Database;
  document: EffectsDocument;
}): Promise<{ municipalityId: string; tables: number; bodies: number; meetings: number }> {
  return db.transaction(async (tx) => {
    const municipalityId = await upsertMunicipality({ db: tx, municipality: document.municipality });
    const departments = await ensureDocumentDepartments({ db: tx, municipalityId, document });
    const audit = (entry: { subjectType: string; subjectId: string; summary: string }) =>
      recordAudit({ db: tx, actor: null, entry: { municipalityId, operation: 'import', ...entry } });
    let tables = 0;

    for (const project of document.bprProjects ?? []) {
      let row = await insertBprProject({
        db: tx,
        municipalityId,
        values: {
          title: project.title,
          fy: project.fy,
          source: project.source ?? null,
          note: project.note ?? null,
          statedHoursSaved: project.stated?.hoursSaved ?? null,
          statedReductionRate: project.stated?.reductionRate ?? null,
        },
      });
      if (project.published) {
        row =
          (await updateBprProject({
            db: tx,
            municipalityId,
            projectId: row.id,
            version: row.version,
            values: { publishedAt: new Date() },
          })) ?? row;
      }
      for (const result of project.results) {
        const inserted = await insertBprResult({
          db: tx,
          municipalityId,
          projectId: row.id,
          values: {
            number: result.number ?? null,
            process: result.process,
            departmentId: requireKey(departments, result.department, '課'),
            hoursBefore: result.hoursBefore,
            hoursAfter: result.hoursAfter,
            statedHoursSaved: result.statedHoursSaved ?? null,
            statedReductionRate: result.statedReductionRate ?? null,
            note: result.note ?? null,
          },
        });
        const actions = await resolveActions({ db: tx, municipalityId, refs: result.actions });
        await replaceActionLinks({
          db: tx,
          municipalityId,
          subjectType: 'bpr_result',
          subjectId: inserted.id,
          actions,
        });
      }
      for (const link of project.kpis ?? []) {
        const action = await findActionByKey({
          db: tx,
          municipalityId,
          planSlug: link.plan,
          actionKey: link.action,
        });
        const kpi = action
          ? await findKpiByKeys({ db: tx, planId: action.planId, actionKey: link.action, kpiKey: link.kpi })
          : null;
        if (!kpi)
          throw new AppError({
            code: 'kpi.not_found',
            message: `指標 "${link.plan}/${link.action}/${link.kpi}" がありません`,
          });
        await insertKpiSource({
          db: tx,
          kpi,
          values: {
            kind: 'bpr_project',
            bprProjectId: row.id,
            bprMetric: link.metric,
            seriesId: null,
            seriesColumnKey: null,
          },
        });
      }
      await audit({
        subjectType: 'bpr',
        subjectId: row.id,
        summary: `BPRプロジェクト「${row.title}」を資料から取り込み（${project.results.length}業務）`,
      });
      await refreshDerivedKpiActuals({ db: tx, actor: null, municipalityId, bprProjectId: row.id });
      tables += 1;
    }

    for (const series of document.series ?? []) {
      let row = await insertSeries({
        db: tx,
        municipalityId,
        values: {
          title: series.title,
          description: series.description ?? null,
          columns: series.columns,
          source: series.source ?? null,
          note: series.note ?? null,
        },
      });
      if (series.published) {
        row =
          (await updateSeries({
            db: tx,
            municipalityId,
            seriesId: row.id,
            version: row.version,
            values: { publishedAt: new Date() },
          })) ?? row;
      }
      for (const entry of series.rows) {
        await insertSeriesRow({
          db: tx,
          municipalityId,
          seriesId: row.id,
          values: {
            fy: entry.fy,
            values: entry.values,
            statedValues: entry.statedValues ?? null,
            statedChanges: entry.statedChanges ?? null,
            note: entry.note ?? null,
          },
        });
      }
      await audit({
        subjectType: 'series',
        subjectId: row.id,
        summary: `推移表「${row.title}」を資料から取り込み（${series.rows.length}年度）`,
      });
      tables += 1;
    }

    for (const list of document.fundingLists ?? []) {
      let row = await insertFundingList({
        db: tx,
        municipalityId,
        values: {
          kind: list.kind,
          title: list.title,
          fy: list.fy,
          program: list.program ?? null,
          source: list.source ?? null,
          note: list.note ?? null,
          statedProjectCost: list.stated?.projectCost ?? null,
          statedGrantAmount: list.stated?.grantAmount ?? null,
          statedBudgetAmount: list.stated?.budgetAmount ?? null,
        },
      });
      if (list.published) {
        row =
          (await updateFundingList({
            db: tx,
            municipalityId,
            listId: row.id,
            version: row.version,
            values: { publishedAt: new Date() },
          })) ?? row;
      }
      for (const item of list.items) {
        const rate = item.subsidyRate ? parseSubsidyRate(item.subsidyRate) : null;
        const inserted = await insertFundingItem({
          db: tx,
          municipalityId,
          listId: row.id,
          values: {
            number: item.number ?? null,
            name: item.name,
            summary: item.summary ?? null,
            type: item.type ?? null,
            projectCost: item.projectCost ?? null,
            grantAmount: item.grantAmount ?? null,
            budgetAmount: item.budgetAmount ?? null,
            subsidyRateNumerator: rate?.numerator ?? null,
            subsidyRateDenominator: rate?.denominator ?? null,
            note: item.note ?? null,
          },
        });
        const actions = await resolveActions({ db: tx, municipalityId, refs: item.actions });
        await replaceActionLinks({
          db: tx,
          municipalityId,
          subjectType: 'funding_item',
          subjectId: inserted.id,
          actions,
        });
      }
      await audit({
        subjectType: 'grant',
        subjectId: row.id,
        summary: `「${row.title}」を資料から取り込み（${list.items.length}事業）`,
      });
      tables += 1;
    }

    const bodyIds = new Map<string, string>();
    const pending = [...(document.bodies ?? [])];
    // Parents before children, whatever the order in the file (the schema has checked every parent exists).
    while (pending.length > 0) {
      const index = pending.findIndex((body) => !body.parent || bodyIds.has(body.parent));
      if (index < 0)
        throw new AppError({ code: 'request.invalid', message: '会議体の上位関係が循環しています' });
      const [body] = pending.splice(index, 1);
      if (!body) break;
      const row = await insertBody({
        db: tx,
        municipalityId,
        values: {
          kind: body.kind,
          name: body.name,
          number: body.number ?? null,
          parentId: body.parent ? bodyIds.get(body.parent)! : null,
          remit: body.remit ?? null,
          composition: body.composition ?? null,
          establishedOn: body.establishedOn ?? null,
          secretariatDepartmentId: body.secretariat ? requireKey(departments, body.secretariat, '課') : null,
          statedMeetingCounts: (body.statedMeetingCounts ?? []).map((count) => ({
            ...count,
            source: count.source ?? null,
          })),
          source: body.source ?? null,
          note: body.note ?? null,
        },
      });
      bodyIds.set(body.key, row.id);
      for (const roster of body.rosters ?? []) {
        await insertRoster({
          db: tx,
          municipalityId,
          bodyId: row.id,
          values: {
            asOf: roster.asOf,
            source: roster.source ?? null,
            note: roster.note ?? null,
            members: roster.members.map((member) =>
              member.kind === 'internal'
                ? {
                    kind: 'internal',
                    departmentId: member.department ? requireKey(departments, member.department, '課') : null,
                    post: member.post ?? null,
                    role: member.role,
                    personName: null,
                    note: member.note ?? null,
                  }
                : {
                    kind: 'external',
                    organisation: member.organisation,
                    category: member.category ?? null,
                    role: member.role,
                    personName: null,
                    note: member.note ?? null,
                  },
            ),
          },
        });
      }
      await audit({
        subjectType: 'body',
        subjectId: row.id,
        summary: `会議体「${row.name}」を資料から取り込み（名簿${body.rosters?.length ?? 0}件）`,
      });
    }

    for (const meeting of document.meetings ?? []) {
      const row = await insertMeeting({
        db: tx,
        municipalityId,
        values: {
          bodyId: requireKey(bodyIds, meeting.body, '会議体'),
          date: meeting.date,
          startTime: meeting.startTime ?? null,
          endTime: meeting.endTime ?? null,
          number: meeting.number ?? null,
          title: meeting.title ?? null,
          place: meeting.place ?? null,
          status: meeting.status,
          agenda: meeting.agenda ?? null,
          minutes: meeting.minutes ?? null,
          decisions: meeting.decisions ?? null,
          note: meeting.note ?? null,
        },
      });
      const actions = await resolveActions({ db: tx, municipalityId, refs: meeting.actions });
      await replaceActionLinks({
        db: tx,
        municipalityId,
        subjectType: 'meeting',
        subjectId: row.id,
        actions,
      });
      await audit({
        subjectType: 'meeting',
        subjectId: row.id,
        summary: `会議（${row.date}）を資料から取り込み`,
      });
    }

    return {
      municipalityId,
      tables,
      bodies: document.bodies?.length ?? 0,
      meetings: document.meetings?.length ?? 0,
    };
  });
}

export interface EffectsSampleResult {
  file: string;
  municipality?: string;
  summary?: string;
  error?: string;
}

/**
 * Loads every `*.json` effects document of the folder (samples/effects). Called on the first start, right
 * after the sample plans, so that their actions can be linked; a file that does not validate is
 * reported and skipped.
 */
export async function importEffectsSamples({
  db,
  directory,
}: {
  db: Database;
  directory: string;
}): Promise<EffectsSampleResult[]> {
  if (!existsSync(directory)) return [];
  const results: EffectsSampleResult[] = [];
  for (const file of readdirSync(directory)
    .filter((name) => name.endsWith('.json'))
    .sort()) {
    try {
      const parsed = parseEffectsDocument(JSON.parse(readFileSync(join(directory, file), 'utf8')));
      if (!parsed.ok) {
        results.push({ file, error: formatIssueLines(parsed.issues).slice(0, 10).join('\n') });
        continue;
      }
      const imported = await importEffectsDocument({ db, document: parsed.document });
      results.push({
        file,
        municipality: parsed.document.municipality.name,
        summary: `表${imported.tables}件・会議体${imported.bodies}件・会議${imported.meetings}件`,
      });
    } catch (error) {
      results.push({ file, error: error instanceof Error ? error.message : String(error) });
    }
  }
  return results;
}
