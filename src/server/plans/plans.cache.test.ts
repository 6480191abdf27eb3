import { describe, expect, test } from 'vitest';
import { z } from 'zod';
import { parsePlanChange } from '../../db/database.js';
import { createPlanViewCache, type PlanViews, renderView } from './plans.cache.js';

function fakeViews(revision: number): PlanViews {
  return { revision, detail: null, actions: new Map() } as unknown as PlanViews;
}

describe('createPlanViewCache', () => {
  test('a change notice for a revision the cache already holds keeps it; a later one drops it', async () => {
    const cache = createPlanViewCache();
    cache.setWatched(true);
    await cache.getViews({ planId: 'p', revision: 3, load: async () => fakeViews(3) });

    cache.forget('p', 3);
    expect(cache.getWatchedViews('p')).not.toBeNull();
    cache.forget('p', 4);
    expect(cache.getWatchedViews('p')).toBeNull();
  });

  test('a deleted plan (revision 0) or a notice without a revision always drops the cached views', async () => {
    const cache = createPlanViewCache();
    cache.setWatched(true);
    await cache.getViews({ planId: 'p', revision: 3, load: async () => fakeViews(3) });
    cache.forget('p', 0);
    expect(cache.getWatchedViews('p')).toBeNull();

    await cache.getViews({ planId: 'q', revision: 1, load: async () => fakeViews(1) });
    cache.forget('q');
    expect(cache.getWatchedViews('q')).toBeNull();
  });

  test('the trigger’s payload names the plan and its new revision', () => {
    expect(parsePlanChange('0b6f…:12')).toEqual({ planId: '0b6f…', revision: 12 });
    expect(parsePlanChange('0b6f…')).toEqual({ planId: '0b6f…', revision: 0 });
  });

  test('requests for the same revision share one load, even while it is still running', async () => {
    const cache = createPlanViewCache();
    let loads = 0;
    const load = async () => {
      loads++;
      return fakeViews(1);
    };

    const [a, b] = await Promise.all([
      cache.getViews({ planId: 'p', revision: 1, load }),
      cache.getViews({ planId: 'p', revision: 1, load }),
    ]);

    expect(loads).toBe(1);
    expect(a).toBe(b);
    expect(cache.stats()).toMatchObject({ loads: 1, hits: 1 });
  });

  test('a new revision is loaded again', async () => {
    const cache = createPlanViewCache();

    await cache.getViews({ planId: 'p', revision: 1, load: async () => fakeViews(1) });
    const views = await cache.getViews({ planId: 'p', revision: 2, load: async () => fakeViews(2) });

    expect(views.revision).toBe(2);
    expect(cache.stats().loads).toBe(2);
  });

  test('a failed load is not kept, so the next request tries again', async () => {
    const cache = createPlanViewCache();

    await expect(
      cache.getViews({ planId: 'p', revision: 1, load: async () => Promise.reject(new Error('boom')) }),
    ).rejects.toThrow('boom');
    const views = await cache.getViews({ planId: 'p', revision: 1, load: async () => fakeViews(1) });

    expect(views.revision).toBe(1);
  });

  test('beyond its size the least recently used plan is dropped', async () => {
    const cache = createPlanViewCache({ maxPlans: 2 });
    const load = async () => fakeViews(1);

    await cache.getViews({ planId: 'a', revision: 1, load });
    await cache.getViews({ planId: 'b', revision: 1, load });
    await cache.getViews({ planId: 'a', revision: 1, load });
    await cache.getViews({ planId: 'c', revision: 1, load });
    await cache.getViews({ planId: 'a', revision: 1, load });
    await cache.getViews({ planId: 'b', revision: 1, load });

    expect(cache.stats()).toMatchObject({ loads: 4, hits: 2, plans: 2 });
  });
});

describe('renderView', () => {
  test('the body is checked against its schema and the ETag follows the bytes', () => {
    const schema = z.object({ a: z.number() });

    const one = renderView(schema, { a: 1 });
    const same = renderView(schema, { a: 1 });
    const other = renderView(schema, { a: 2 });

    expect(one.json).toBe('{"a":1}');
    expect(one.etag).toBe(same.etag);
    expect(one.etag).not.toBe(other.etag);
    expect(() => renderView(schema, { a: 'x' } as unknown as { a: number })).toThrow();
  });
});
