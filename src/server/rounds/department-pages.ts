import type { RenderedView } from '../plans/plans.cache.js';
import type { DepartmentProgressResponse } from './rounds.schemas.js';

export interface DepartmentPageCache {
  get: (key: string) => RenderedView<DepartmentProgressResponse> | undefined;
  set: (key: string, view: RenderedView<DepartmentProgressResponse>) => void;
  stats: () => { hits: number; misses: number };
}

/**
 * The rendered department pages, keyed by round, department, the plan's revision and the day. Every
 * write that shows on such a page — a figure, a comment, a photo, a submission step, a change of the
 * round — bumps the plan's revision in its transaction, so a page is built once per change (and once a
 * day, for its "overdue" marks) however many clerks open it. The least recently used are dropped.
 */
export function createDepartmentPageCache({
  maxPages = 500,
}: {
  maxPages?: number;
} = {}): DepartmentPageCache {
  const pages = new Map<string, RenderedView<DepartmentProgressResponse>>();
  let hits = 0;
  let misses = 0;
  return {
    get: (key) => {
      const page = pages.get(key);
      if (!page) {
        misses++;
        return undefined;
      }
      hits++;
      pages.delete(key);
      pages.set(key, page);
      return page;
    },
    set: (key, view) => {
      pages.set(key, view);
      while (pages.size > maxPages) {
        const oldest = pages.keys().next().value;
        if (oldest === undefined) break;
        pages.delete(oldest);
      }
    },
    stats: () => ({ hits, misses }),
  };
}

/** The key of a department page: revision and day included, so that a changed plan is never served stale. */
export function getDepartmentPageKey({
  roundId,
  departmentId,
  revision,
  today,
}: {
  roundId: string;
  departmentId: string;
  revision: number;
  today: string;
}): string {
  return `${roundId}|${departmentId}|${revision}|${today}`;
}
