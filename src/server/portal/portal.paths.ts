import type { Locale } from '../../domain/locale.js';

/*
 * The public portal's addresses. They are the same on the server (under /public/) and in a static
 * export (under its folder), so that a city can link to /public/<code>/<slug>/ from its homepage and
 * carry the exported files to its web server unchanged. Pages link to each other relatively.
 */

/** Where the portal lives on the Kiseki server. */
export const PORTAL_PREFIX = '/public/';

/** The folder of a plan inside the portal: `402273/kama-digital-plan-1/`, English under `en/`. */
export function getPlanFolder({
  municipalityCode,
  slug,
  locale = 'ja',
}: {
  municipalityCode: string;
  slug: string;
  locale?: Locale;
}): string {
  return `${locale === 'en' ? 'en/' : ''}${municipalityCode}/${slug}/`;
}

export type PortalPage =
  | { kind: 'index'; locale: Locale }
  | { kind: 'plan'; locale: Locale; municipalityCode: string; slug: string }
  | { kind: 'schedule'; locale: Locale; municipalityCode: string; slug: string }
  | { kind: 'action'; locale: Locale; municipalityCode: string; slug: string; actionKey: string };

export const OPEN_DATA_FILES = ['actions.csv', 'kpis.csv', 'kpi-actuals.csv', 'plan.json'] as const;
export type OpenDataFile = (typeof OPEN_DATA_FILES)[number];

/** A page's path inside the portal, as a file name: `402273/kama-digital-plan-1/actions/action-06.html`. */
export function getPortalPagePath(page: PortalPage): string {
  const prefix = page.locale === 'en' ? 'en/' : '';
  if (page.kind === 'index') return `${prefix}index.html`;
  const folder = getPlanFolder(page);
  if (page.kind === 'plan') return `${folder}index.html`;
  if (page.kind === 'schedule') return `${folder}schedule.html`;
  return `${folder}actions/${page.actionKey}.html`;
}

/** An open-data file of a plan; the files are the same for both languages. */
export function getOpenDataPath({
  municipalityCode,
  slug,
  file,
}: {
  municipalityCode: string;
  slug: string;
  file: OpenDataFile;
}): string {
  return `${getPlanFolder({ municipalityCode, slug })}data/${file}`;
}

/** A published effects table (BPR, series, funding) of the plan's municipality, as CSV. */
export function getEffectsDataPath({
  municipalityCode,
  slug,
  tableKind,
  tableId,
}: {
  municipalityCode: string;
  slug: string;
  tableKind: string;
  tableId: string;
}): string {
  return `${getPlanFolder({ municipalityCode, slug })}data/effects-${tableKind}-${tableId}.csv`;
}

export const PORTAL_STYLESHEET_PATH = 'assets/portal.css';

/** The link from one portal file to another, relative, so that it works under any folder and from disk. */
export function getRelativeHref({ from, to }: { from: string; to: string }): string {
  const fromParts = from.split('/').slice(0, -1);
  const toParts = to.split('/');
  let common = 0;
  while (common < fromParts.length && common < toParts.length - 1 && fromParts[common] === toParts[common]) {
    common++;
  }
  const up = fromParts.length - common;
  const rest = toParts.slice(common).join('/');
  return `${'../'.repeat(up)}${rest}` || './';
}

/** The plan's public address on the Kiseki server, the one a city links to. */
export function getPublicPlanUrlPath({
  municipalityCode,
  slug,
  locale = 'ja',
}: {
  municipalityCode: string;
  slug: string;
  locale?: Locale;
}): string {
  return `${PORTAL_PREFIX}${getPlanFolder({ municipalityCode, slug, locale })}`;
}

/**
 * Reads a path inside the portal (after /public/) back into the page it names; null for anything else.
 * `402273/kama-digital-plan-1/` and `…/index.html` are the same page.
 */
export function parsePortalPath(
  path: string,
):
  | PortalPage
  | { kind: 'data'; municipalityCode: string; slug: string; file: OpenDataFile }
  | { kind: 'effectsData'; municipalityCode: string; slug: string; tableKind: string; tableId: string }
  | { kind: 'stylesheet' }
  | null {
  if (path === PORTAL_STYLESHEET_PATH) return { kind: 'stylesheet' };
  let rest = path;
  let locale: Locale = 'ja';
  if (rest === 'en' || rest.startsWith('en/')) {
    locale = 'en';
    rest = rest.slice(3);
  }
  if (rest === '' || rest === 'index.html') return { kind: 'index', locale };
  const match = /^(\d{6})\/([A-Za-z0-9][A-Za-z0-9_-]*)\/(.*)$/.exec(rest);
  if (!match) return null;
  const [, municipalityCode, slug, tail] = match as unknown as [string, string, string, string];
  if (tail === '' || tail === 'index.html') return { kind: 'plan', locale, municipalityCode, slug };
  if (tail === 'schedule.html') return { kind: 'schedule', locale, municipalityCode, slug };
  const action = /^actions\/([A-Za-z0-9][A-Za-z0-9_-]*)\.html$/.exec(tail);
  if (action) return { kind: 'action', locale, municipalityCode, slug, actionKey: action[1]! };
  const effects =
    /^data\/effects-([a-z]+)-([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\.csv$/.exec(tail);
  if (locale === 'ja' && effects) {
    return { kind: 'effectsData', municipalityCode, slug, tableKind: effects[1]!, tableId: effects[2]! };
  }
  const data = /^data\/([a-z-]+\.(?:csv|json))$/.exec(tail);
  if (locale === 'ja' && data && (OPEN_DATA_FILES as readonly string[]).includes(data[1]!)) {
    return { kind: 'data', municipalityCode, slug, file: data[1] as OpenDataFile };
  }
  return null;
}
