import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Database } from '../../db/database.js';
import { locales } from '../../domain/locale.js';
import { listActions } from '../../domain/plan-tree.js';
import { getJapanDate } from '../dashboard/dashboard.models.js';
import { readOpenDataLicense } from '../opendata/opendata.license.js';
import type { OpenDataLicense } from '../opendata/opendata.models.js';
import { createPlanViewCache } from '../plans/plans.cache.js';
import {
  getEffectsDataPath,
  getOpenDataPath,
  getPortalPagePath,
  OPEN_DATA_FILES,
  PORTAL_STYLESHEET_PATH,
} from './portal.paths.js';
import {
  renderActionPage,
  renderIndexPage,
  renderNotFoundPage,
  renderPlanPage,
  renderSchedulePage,
} from './portal.render.js';
import { readPortalStylesheet } from './portal.routes.js';
import {
  buildPortalEffectsCsv,
  buildPortalOpenData,
  findPortalPlans,
  getPortalPlan,
} from './portal.usecases.js';

export interface StaticExportResult {
  plans: { municipalityCode: string; slug: string; title: string }[];
  /** Every file written, relative to the directory. */
  files: string[];
}

/**
 * Writes the whole public portal — every published plan, in Japanese and English, with its open data —
 * as plain HTML + CSS files, for carrying from LGWAN to the internet web server. The pages are the ones
 * the server renders, with the same relative links, so the folder works from any web server and from disk.
 */
export async function writeStaticPortal({
  db,
  directory,
  baseUrl = null,
  license = readOpenDataLicense(),
  now = new Date(),
}: {
  db: Database;
  directory: string;
  baseUrl?: string | null;
  license?: OpenDataLicense;
  now?: Date;
}): Promise<StaticExportResult> {
  const files = new Map<string, string>();
  const cache = createPlanViewCache();
  const today = getJapanDate(now);
  const listed = await findPortalPlans({ db });
  const exported: StaticExportResult['plans'] = [];
  for (const item of listed) {
    const plan = await getPortalPlan({
      db,
      cache,
      municipalityCode: item.municipality.code,
      slug: item.slug,
    });
    if (!plan) continue;
    exported.push({ municipalityCode: item.municipality.code, slug: item.slug, title: item.title });
    const page = { municipalityCode: item.municipality.code, slug: item.slug };
    for (const locale of locales) {
      const options = { locale, baseUrl };
      files.set(
        getPortalPagePath({ ...page, kind: 'plan', locale }),
        renderPlanPage({ plan, options, license }),
      );
      files.set(
        getPortalPagePath({ ...page, kind: 'schedule', locale }),
        renderSchedulePage({ plan, options, today }),
      );
      for (const { action } of listActions(plan.document.plan)) {
        const html = renderActionPage({ plan, actionKey: action.key, options, today });
        if (html)
          files.set(getPortalPagePath({ ...page, kind: 'action', locale, actionKey: action.key }), html);
      }
    }
    const openData = buildPortalOpenData({ plan, license, now });
    for (const file of OPEN_DATA_FILES) files.set(getOpenDataPath({ ...page, file }), openData[file]);
    for (const table of plan.effects) {
      const csv = buildPortalEffectsCsv({ plan, tableKind: table.kind, tableId: table.id });
      if (csv) files.set(getEffectsDataPath({ ...page, tableKind: table.kind, tableId: table.id }), csv.csv);
    }
  }
  for (const locale of locales) {
    const options = { locale, baseUrl };
    files.set(getPortalPagePath({ kind: 'index', locale }), renderIndexPage({ plans: listed, options }));
    const notFound = locale === 'ja' ? '404.html' : 'en/404.html';
    files.set(notFound, renderNotFoundPage({ options, path: notFound }));
  }
  files.set(PORTAL_STYLESHEET_PATH, readPortalStylesheet());

  for (const [path, content] of files) {
    const target = join(directory, path);
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, content);
  }
  return { plans: exported, files: [...files.keys()].sort() };
}
