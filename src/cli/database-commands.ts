import { readFile, writeFile } from 'node:fs/promises';
import { createDatabase, type DatabaseConnection } from '../db/database.js';
import { parsePlanDocumentText } from '../domain/plan-document.js';
import {
  exportPlanDocument,
  importPlanDocument,
  resolvePlanReference,
} from '../server/plans/plans.usecases.js';

/** The same database the server uses: DATABASE_URL, else PGlite in KISEKI_DATA_DIR (default ./data). */
async function withDatabase<T>(work: (connection: DatabaseConnection) => Promise<T>): Promise<T> {
  const connection = await createDatabase({ dataDir: process.env.KISEKI_DATA_DIR ?? './data' });
  try {
    return await work(connection);
  } finally {
    await connection.close();
  }
}

/** Loads a plan file into the database: all of it or, on any error, nothing. */
export async function importPlanFile({ file, replace }: { file: string; replace: boolean }): Promise<string> {
  const document = parsePlanDocumentText(await readFile(file, 'utf8'));
  return withDatabase(async ({ db, location }) => {
    const saved = await importPlanDocument({ db, input: document, replace });
    const verb = saved.replaced ? '置き換えました' : '取り込みました';
    return `${verb}: ${document.municipality.name}「${document.plan.title}」（計画ID ${saved.planId}、${location}）`;
  });
}

/** Writes a plan, by ID or slug, as a kiseki-plan@1 file (or to standard output). */
export async function exportPlanFile({
  reference,
  output,
}: {
  reference: string;
  output?: string | undefined;
}): Promise<void> {
  const text = await withDatabase(async ({ db }) => {
    const planId = await resolvePlanReference({ db, reference });
    const document = await exportPlanDocument({ db, actor: null, planId });
    return `${JSON.stringify(document, null, 2)}\n`;
  });
  if (output) await writeFile(output, text);
  else process.stdout.write(text);
}
