import {
  evaluatePlan,
  type PlanEvaluation,
  resolveEvaluationSettings,
} from '../../domain/evaluation/index.js';
import type { EvaluationSettings, PlanDocument } from '../../domain/plan.schemas.js';
import type { RenderedView } from '../plans/plans.cache.js';
import { buildSnapshotIndex, type SnapshotIndex } from './rounds.models.js';
import type { RoundEvaluationResponse } from './rounds.schemas.js';

/** A closed round's plan as it stood, evaluated once. A closed round never changes, so neither does this. */
export interface RoundSnapshot {
  document: PlanDocument;
  settings: EvaluationSettings;
  evaluation: PlanEvaluation;
  index: SnapshotIndex;
  /** The round's evaluation page, rendered on first request. */
  rendered: RenderedView<RoundEvaluationResponse> | null;
}

export interface RoundSnapshotCache {
  /** The snapshot of a closed round; `load` reads it from the database the first time only. */
  get: (args: { roundId: string; load: () => Promise<PlanDocument | null> }) => Promise<RoundSnapshot | null>;
  stats: () => { loads: number; hits: number };
}

/**
 * "Computed once": a closed round's snapshot is immutable, so its evaluation is computed the first time
 * it is asked for and kept (the least recently used rounds are dropped beyond `maxRounds`).
 */
export function createRoundSnapshotCache({
  maxRounds = 20,
}: {
  maxRounds?: number;
} = {}): RoundSnapshotCache {
  const slots = new Map<string, Promise<RoundSnapshot | null>>();
  let loads = 0;
  let hits = 0;
  return {
    get: ({ roundId, load }) => {
      const cached = slots.get(roundId);
      if (cached) {
        hits++;
        slots.delete(roundId);
        slots.set(roundId, cached);
        return cached;
      }
      loads++;
      const loading = load().then((document) => {
        if (!document) return null;
        return {
          document,
          settings: resolveEvaluationSettings(document.plan),
          evaluation: evaluatePlan(document.plan),
          index: buildSnapshotIndex(document),
          rendered: null,
        };
      });
      slots.set(roundId, loading);
      loading.then(
        (snapshot) => {
          if (!snapshot) slots.delete(roundId);
        },
        () => slots.delete(roundId),
      );
      while (slots.size > maxRounds) {
        const oldest = slots.keys().next().value;
        if (oldest === undefined) break;
        slots.delete(oldest);
      }
      return loading;
    },
    stats: () => ({ loads, hits }),
  };
}
