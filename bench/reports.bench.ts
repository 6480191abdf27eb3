import { performance } from 'node:perf_hooks';
import { createDatabase } from '../src/db/database.js';
import type { PlanDocument } from '../src/domain/plan.schemas.js';
import { listDepartments } from '../src/server/departments/departments.repository.js';
import { evidenceFilesTable } from '../src/server/evidence/evidence.table.js';
import { createPlanViewCache } from '../src/server/plans/plans.cache.js';
import { loadPlanDocument } from '../src/server/plans/plans.repository.js';
import { actionsTable } from '../src/server/plans/plans.table.js';
import { importPlanDocument } from '../src/server/plans/plans.usecases.js';
import {
  REPORT_FORMATS,
  REPORT_KINDS,
  type ReportFormat,
  type ReportKind,
} from '../src/server/reports/reports.models.js';
import { generatePlanReport } from '../src/server/reports/reports.usecases.js';
import { createTestPng } from '../src/server/reports/test-png.js';
import { exportPlanWorkbook, importWorkbookFile } from '../src/server/workbook/workbook.usecases.js';
import { buildSyntheticPlan } from './national-data-set.js';

export interface TimedRuns {
  label: string;
  runsMs: number[];
  bytes: number;
}

/** A fictional municipality (code 999997 passes the check digit; no real municipality has it). */
function buildSyntheticDocument(): PlanDocument {
  const plan = buildSyntheticPlan(0);
  // Final-report texts as a department would write them, so that the report pages are full.
  for (const node of plan.nodes) {
    for (const measure of node.children) {
      for (const action of measure.actions) {
        action.report = {
          outcome: `${action.title}の成果（架空の数値）`,
          workDone: '・手順の見直し\n・説明会の開催\n・利用状況の調査',
          issuesAhead: '利用の少ない地区への周知を続ける。',
          direction: 'continue',
        };
      }
    }
  }
  return {
    format: 'kiseki-plan@1',
    municipality: { code: '999997', name: '架空市（ベンチマーク用）', prefecture: '架空県' },
    departments: ['d0', 'd1', 'd2'].map((key, i) => ({ key, name: `架空課${i + 1}` })),
    plan: { ...plan, slug: 'bench-reports' },
  };
}

async function time<T>(runs: number, work: () => Promise<T>): Promise<{ runsMs: number[]; last: T }> {
  const runsMs: number[] = [];
  let last: T | undefined;
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    last = await work();
    runsMs.push(performance.now() - start);
  }
  return { runsMs, last: last as T };
}

/**
 * The plan workbook and the reports of a fully populated fictional 50-action plan (4 tasks × 3 years,
 * 2 KPIs × 12 actuals an action, a photo of 800 × 600 pixels that compresses like a photograph on each action), in this process on an
 * in-memory PGlite: importing the workbook (read, check, diff, replace in place) and generating each
 * report format. The server does the same work, the CPU-heavy part on its worker thread.
 */
export async function benchReports({ runs = 3 } = {}): Promise<TimedRuns[]> {
  const connection = await createDatabase({ dataDir: 'memory://' });
  try {
    const { db } = connection;
    const saved = await importPlanDocument({ db, input: buildSyntheticDocument() });
    const stored = await loadPlanDocument({ db, planId: saved.planId });
    const cache = createPlanViewCache();
    const workbook = await exportPlanWorkbook({ db, cache, actor: null, planId: saved.planId });
    const results: TimedRuns[] = [];
    const imported = await time(runs, () => importWorkbookFile({ db, bytes: workbook.bytes, replace: true }));
    if (imported.last.diff && imported.last.diff.changed.length > 0) {
      throw new Error('the workbook did not read back as the same plan');
    }
    // After the imports: until plan replace keeps row ids, replacing the plan drops its photos.
    const departments = await listDepartments({ db, municipalityId: saved.municipalityId });
    const actions = await db.select({ id: actionsTable.id }).from(actionsTable);
    await db.insert(evidenceFilesTable).values(
      actions.map((action, index) => ({
        municipalityId: saved.municipalityId,
        planId: saved.planId,
        actionId: action.id,
        departmentId: departments[0]!.id,
        kind: 'photo' as const,
        fileName: 'photo.png',
        contentType: 'image/png',
        size: 0,
        sha256: 'bench',
        // A different picture on each action: reports must not get away with storing one image once.
        data: createTestPng({ width: 800, height: 600, rgb: [index * 5, 88, 155], texture: true }),
        caption: '取組状況の写真（架空）',
      })),
    );
    results.push({
      label: `import the plan workbook (${stored?.document.plan.nodes.length ?? 0} pillars, 50 actions, 600 tasks, 1,200 actuals)`,
      runsMs: imported.runsMs,
      bytes: workbook.bytes.length,
    });
    for (const kind of REPORT_KINDS as readonly ReportKind[]) {
      for (const format of REPORT_FORMATS as readonly ReportFormat[]) {
        const generated = await time(runs, () =>
          generatePlanReport({
            db,
            cache,
            actor: null,
            planId: saved.planId,
            kind,
            format,
            offThread: false,
          }),
        );
        results.push({
          label: `${kind === 'final' ? 'final report' : 'progress report (round)'} as ${format}`,
          runsMs: generated.runsMs,
          bytes: generated.last.bytes.length,
        });
      }
    }
    return results;
  } finally {
    await connection.close();
  }
}
