import { describe, expect, test } from 'vitest';
import { buildPlanDocument } from '../plans/plans.test-fixtures.js';
import { createRoundSnapshotCache } from './round-snapshots.js';

describe('the closed rounds’ snapshots', () => {
  test('a snapshot is read and evaluated once, however often it is asked for', async () => {
    const snapshots = createRoundSnapshotCache();
    let reads = 0;
    const load = async () => {
      reads++;
      return buildPlanDocument();
    };

    const first = await snapshots.get({ roundId: 'r1', load });
    const second = await snapshots.get({ roundId: 'r1', load });

    expect(reads).toBe(1);
    expect(second).toBe(first);
    expect(second?.evaluation).toBe(first?.evaluation);
    expect(first?.evaluation.actions.get('a1')?.assessment.result?.shown).toBe(70);
    expect(snapshots.stats()).toEqual({ loads: 1, hits: 1 });
  });

  test('a round without a snapshot is not kept, so that it is read again once it has one', async () => {
    const snapshots = createRoundSnapshotCache();
    expect(await snapshots.get({ roundId: 'r2', load: async () => null })).toBeNull();
    expect(await snapshots.get({ roundId: 'r2', load: async () => buildPlanDocument() })).not.toBeNull();
  });

  test('beyond its size the least recently used round is dropped', async () => {
    const snapshots = createRoundSnapshotCache({ maxRounds: 2 });
    for (const roundId of ['a', 'b', 'c', 'a']) {
      await snapshots.get({ roundId, load: async () => buildPlanDocument() });
    }
    expect(snapshots.stats()).toEqual({ loads: 4, hits: 0 });
  });
});
