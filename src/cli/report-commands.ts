import { readFile, writeFile } from 'node:fs/promises';
import { createDatabase, type DatabaseConnection } from '../db/database.js';
import { readOpenDataLicense } from '../server/opendata/opendata.license.js';
import { buildOpenDataFiles } from '../server/opendata/opendata.models.js';
import { createPlanViewCache } from '../server/plans/plans.cache.js';
import { getPlanViews, resolvePlanReference } from '../server/plans/plans.usecases.js';
import type { ReportFormat, ReportKind } from '../server/reports/reports.models.js';
import { exportPlanStratml, generatePlanReport } from '../server/reports/reports.usecases.js';
import { exportPlanWorkbook, importWorkbookFile } from '../server/workbook/workbook.usecases.js';
import { exportPlanFile, importPlanFile } from './database-commands.js';

export const EXPORT_FORMATS = ['json', 'xlsx', 'csv', 'stratml'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** The open-data tables `--format csv` can write (docs/open-data.md). */
export const CSV_TABLES = ['actions', 'kpis', 'kpi-actuals'] as const;
export type CsvTable = (typeof CSV_TABLES)[number];

/** The same database the server uses: DATABASE_URL, else PGlite in KISEKI_DATA_DIR (default ./data). */
async function withDatabase<T>(work: (connection: DatabaseConnection) => Promise<T>): Promise<T> {
  const connection = await createDatabase({ dataDir: process.env.KISEKI_DATA_DIR ?? './data' });
  try {
    return await work(connection);
  } finally {
    await connection.close();
  }
}

async function writeOutput({
  output,
  bytes,
}: {
  output: string | undefined;
  bytes: Uint8Array | string;
}): Promise<void> {
  if (output) await writeFile(output, bytes);
  else process.stdout.write(bytes);
}

/**
 * `kiseki export PLAN --format json|xlsx|csv|stratml`: the plan file, the plan workbook, one open-data
 * table (UTF-8 with BOM, the same columns as the public portal's) or StratML XML.
 */
export async function exportPlan({
  reference,
  format,
  table = 'actions',
  output,
}: {
  reference: string;
  format: ExportFormat;
  table?: CsvTable;
  output?: string | undefined;
}): Promise<void> {
  if (format === 'json') return exportPlanFile({ reference, output });
  const bytes = await withDatabase(async ({ db }) => {
    const planId = await resolvePlanReference({ db, reference });
    const cache = createPlanViewCache();
    switch (format) {
      case 'xlsx':
        return (await exportPlanWorkbook({ db, cache, actor: null, planId })).bytes;
      case 'stratml':
        return (await exportPlanStratml({ db, cache, actor: null, planId })).xml;
      case 'csv': {
        const views = await getPlanViews({ db, cache, planId });
        const now = new Date().toISOString();
        const files = buildOpenDataFiles({
          source: {
            municipality: views.stored.municipality,
            document: views.stored.document,
            evaluation: views.evaluation,
            settings: views.settings,
            asOf: now,
            license: readOpenDataLicense(),
          },
          generatedAt: now,
        });
        return files[`${table}.csv`];
      }
    }
  });
  await writeOutput({ output, bytes });
}

const ZIP_MAGIC = 'PK\u0003\u0004';

/**
 * `kiseki import FILE`: a plan file (kiseki-plan@1 JSON) or a plan workbook (xlsx), told apart by the
 * content. All of it or, on any error, nothing.
 */
export async function importPlanOrWorkbook({
  file,
  replace,
}: {
  file: string;
  replace: boolean;
}): Promise<string> {
  const bytes = await readFile(file);
  const isWorkbook =
    bytes.subarray(0, 4).toString('latin1') === ZIP_MAGIC || file.toLowerCase().endsWith('.xlsx');
  if (!isWorkbook) return importPlanFile({ file, replace });
  return withDatabase(async ({ db, location }) => {
    const saved = await importWorkbookFile({ db, bytes, replace });
    const verb = saved.replaced ? '入力用シートで置き換えました' : '入力用シートから取り込みました';
    const changes = saved.diff
      ? `、追加${saved.diff.added.length}件・変更${saved.diff.changed.length}件・削除${saved.diff.removed.length}件`
      : '';
    return `${verb}: ${saved.document.municipality.name}「${saved.document.plan.title}」（計画ID ${saved.planId}${changes}、${location}）`;
  });
}

/** `kiseki report PLAN --kind final|round --format xlsx|docx|pdf [--round ID]`. */
export async function writeReport({
  reference,
  kind,
  format,
  roundId,
  output,
}: {
  reference: string;
  kind: ReportKind;
  format: ReportFormat;
  roundId?: string | undefined;
  output?: string | undefined;
}): Promise<void> {
  const file = await withDatabase(async ({ db }) => {
    const planId = await resolvePlanReference({ db, reference });
    return generatePlanReport({
      db,
      cache: createPlanViewCache(),
      actor: null,
      planId,
      kind,
      format,
      roundId,
      offThread: false,
    });
  });
  await writeOutput({ output, bytes: file.bytes });
}
