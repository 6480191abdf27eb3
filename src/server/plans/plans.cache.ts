import { createHash } from 'node:crypto';
import type { z } from 'zod';
import type { DatabaseConnection } from '../../db/database.js';
import type { EvaluatedPlan } from './plans.models.js';
import type { ActionDetailResponse, PlanDetailResponse } from './plans.schemas.js';

/** A response body validated against its schema once, serialised once, with its ETag. */
export interface RenderedView<T> {
  body: T;
  json: string;
  etag: string;
}

/** Everything computed from one revision of a plan; the views are filled in as they are asked for. */
export interface PlanViews extends EvaluatedPlan {
  revision: number;
  detail: RenderedView<PlanDetailResponse> | null;
  actions: Map<string, RenderedView<ActionDetailResponse>>;
}

export interface PlanViewCache {
  /**
   * The views of the plan at `revision`; `load` runs only when the cache holds another revision (or
   * none). Concurrent requests for the same revision share one load.
   */
  getViews: (args: {
    planId: string;
    revision: number;
    load: () => Promise<PlanViews>;
  }) => Promise<PlanViews>;
  /**
   * The cached views of a plan when the cache is told of every change (see watchPlanChanges), so that
   * the request needs no revision query; null otherwise, or when nothing is cached.
   */
  getWatchedViews: (planId: string) => Promise<PlanViews> | null;
  /** Whether change notifications keep the cache current (set by watchPlanChanges). */
  setWatched: (watched: boolean) => void;
  /**
   * Drops the cached views of a plan — unless `revision` is given and the cache already holds that
   * revision or a later one (it read the plan after the change it is told about).
   */
  forget: (planId: string, revision?: number) => void;
  /** How many times a plan was loaded and evaluated, and how many requests were served from memory. */
  stats: () => { loads: number; hits: number; plans: number };
}

/**
 * "A plan's evaluation is computed once per change, not once per request": an in-process cache keyed by
 * plan id and revision. Unwatched, each request reads the revision from the database (one query), so a
 * change made by another process is seen at once; watched, the database announces every change and a
 * request is answered from memory alone. The least recently used plans are dropped first.
 */
export function createPlanViewCache({ maxPlans = 50 }: { maxPlans?: number } = {}): PlanViewCache {
  const slots = new Map<string, { revision: number; views: Promise<PlanViews> }>();
  let loads = 0;
  let hits = 0;
  let watched = false;

  return {
    getViews: ({ planId, revision, load }) => {
      const cached = slots.get(planId);
      if (cached && cached.revision === revision) {
        hits++;
        slots.delete(planId);
        slots.set(planId, cached);
        return cached.views;
      }
      loads++;
      const slot = { revision, views: load() };
      slots.delete(planId);
      slots.set(planId, slot);
      while (slots.size > maxPlans) {
        const oldest = slots.keys().next().value;
        if (oldest === undefined) break;
        slots.delete(oldest);
      }
      slot.views.then(
        (views) => {
          // The load may have seen a newer revision than the one asked for; key the slot by what it holds.
          slot.revision = views.revision;
        },
        () => {
          if (slots.get(planId) === slot) slots.delete(planId);
        },
      );
      return slot.views;
    },
    getWatchedViews: (planId) => {
      if (!watched) return null;
      const cached = slots.get(planId);
      if (!cached) return null;
      hits++;
      return cached.views;
    },
    setWatched: (value) => {
      watched = value;
      // Notifications may have been missed while unwatched: start again from the database.
      if (!value) slots.clear();
    },
    forget: (planId, revision) => {
      const cached = slots.get(planId);
      if (cached && revision !== undefined && revision > 0 && cached.revision >= revision) return;
      slots.delete(planId);
    },
    stats: () => ({ loads, hits, plans: slots.size }),
  };
}

export function renderView<T>(schema: z.ZodType<T>, value: T): RenderedView<T> {
  const body = schema.parse(value);
  const json = JSON.stringify(body);
  const etag = `"${createHash('sha256').update(json).digest('base64url').slice(0, 32)}"`;
  return { body, json, etag };
}

/**
 * Subscribes the cache to the database's change notifications. Should the listening connection break,
 * the cache falls back to checking the revision on every request, which is always correct.
 */
export async function watchPlanChanges({
  connection,
  cache,
  onLost,
}: {
  connection: Pick<DatabaseConnection, 'listenForPlanChanges'>;
  cache: PlanViewCache;
  onLost?: (error: Error) => void;
}): Promise<() => Promise<void>> {
  const unlisten = await connection.listenForPlanChanges({
    onChange: ({ planId, revision }) => cache.forget(planId, revision),
    onLost: (error) => {
      cache.setWatched(false);
      onLost?.(error);
    },
  });
  cache.setWatched(true);
  return async () => {
    cache.setWatched(false);
    await unlisten();
  };
}
