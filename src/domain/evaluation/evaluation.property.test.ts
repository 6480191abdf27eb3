import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Action, Plan, RatingBand } from '../plan.schemas.js';
import { evaluatePlan } from './evaluate-plan.js';
import { computeKpiRawRate } from './kpi-rate.js';
import { buildRateResult } from './rate-result.js';
import { DEFAULT_RATING_SCALE } from './settings.js';

const finite = fc.double({ min: -1e9, max: 1e9, noNaN: true, noDefaultInfinity: true });
const percent = fc.double({ min: 0, max: 100, noNaN: true });

const taskArbitrary = fc.record({
  fy: fc.integer({ min: 2023, max: 2026 }),
  department: fc.constantFrom('d1', 'd2', 'd3'),
  planText: fc.string({ minLength: 1, maxLength: 5 }),
  progress: fc.option(percent, { nil: null }),
  expected: fc.boolean(),
  weight: fc.option(fc.double({ min: 0.001, max: 1000, noNaN: true }), { nil: undefined }),
});

const kpiArbitrary = fc.record({
  key: fc.constantFrom('k1', 'k2', 'k3'),
  name: fc.string({ minLength: 1, maxLength: 5 }),
  unit: fc.constant('件'),
  direction: fc.constantFrom('increase' as const, 'decrease' as const),
  basis: fc.option(fc.constantFrom('ratio' as const, 'baseline' as const), { nil: undefined }),
  baseline: fc.option(fc.record({ value: finite }), { nil: undefined }),
  target: fc.record({ value: finite, fy: fc.constant(2026) }),
  actuals: fc.array(
    fc.record({
      value: finite,
      date: fc.constantFrom('2024-03-31', '2025-03-31', '2026-03-31'),
      hypothetical: fc.boolean(),
    }),
    { maxLength: 4 },
  ),
  weight: fc.option(fc.double({ min: 0.001, max: 1000, noNaN: true }), { nil: undefined }),
});

const actionArbitrary = (key: string) =>
  fc.record({
    key: fc.constant(key),
    number: fc.constant(key),
    title: fc.constant('t'),
    owners: fc.constant([]),
    tasks: fc.array(taskArbitrary, { maxLength: 12 }),
    kpis: fc.array(kpiArbitrary, { maxLength: 3 }),
    assessment: fc.option(fc.record({ rate: percent, reason: fc.constant('理由') }), { nil: undefined }),
    status: fc.option(
      fc.constantFrom(
        'active' as const,
        'not_started' as const,
        'cancelled' as const,
        'unassessable' as const,
      ),
      {
        nil: undefined,
      },
    ),
  }) satisfies fc.Arbitrary<Action>;

const planArbitrary: fc.Arbitrary<Plan> = fc
  .tuple(
    fc.array(actionArbitrary('x'), { maxLength: 4 }),
    fc.array(actionArbitrary('y'), { maxLength: 4 }),
    fc.boolean(),
    fc.boolean(),
  )
  .map(([nodeActions, rootActions, tasksFirst, minKpis]) => ({
    slug: 'p',
    title: 'p',
    period: { startFy: 2023, endFy: 2026 },
    levels: ['柱'],
    actionLevel: 'アクション',
    evaluation: {
      ratingScale: DEFAULT_RATING_SCALE,
      basisOrder: tasksFirst ? ['tasks', 'kpi'] : ['kpi', 'assessment', 'tasks'],
      defaultKpiBasis: 'baseline',
      kpiAggregation: minKpis ? 'min' : 'mean',
      taskAggregation: tasksFirst ? 'department_mean' : 'task_mean',
    },
    nodes: [
      {
        key: 'n',
        title: 'n',
        children: [],
        actions: nodeActions.map((action, i) => ({ ...action, key: `n${i}` })),
      },
    ],
    actions: rootActions.map((action, i) => ({ ...action, key: `r${i}` })),
  }));

function bandIndex(label: string, scale: RatingBand[]): number {
  return scale.findIndex((band) => band.label === label);
}

describe('properties of the evaluation', () => {
  it('keeps every capped KPI rate within 0–100 % for any figures', () => {
    fc.assert(
      fc.property(
        finite,
        finite,
        fc.option(finite, { nil: undefined }),
        fc.constantFrom('ratio' as const, 'baseline' as const),
        fc.constantFrom('increase' as const, 'decrease' as const),
        (actual, target, baseline, basis, direction) => {
          const rate = computeKpiRawRate({ actual, target, baseline, basis, direction });
          if ('notice' in rate) return;
          const result = buildRateResult({
            raw: rate.raw,
            formula: rate.formula,
            scale: DEFAULT_RATING_SCALE,
          });
          expect(result.capped).toBeGreaterThanOrEqual(0);
          expect(result.capped).toBeLessThanOrEqual(100);
          expect(result.shown).toBeGreaterThanOrEqual(0);
          expect(result.shown).toBeLessThanOrEqual(100);
        },
      ),
    );
  });

  it('never lowers the label when the rate rises', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -50, max: 200, noNaN: true }),
        fc.double({ min: 0, max: 50, noNaN: true }),
        (rate, rise) => {
          const lower = buildRateResult({ raw: rate, formula: 'x', scale: DEFAULT_RATING_SCALE });
          const higher = buildRateResult({ raw: rate + rise, formula: 'x', scale: DEFAULT_RATING_SCALE });
          expect(bandIndex(higher.rating.label, DEFAULT_RATING_SCALE)).toBeLessThanOrEqual(
            bandIndex(lower.rating.label, DEFAULT_RATING_SCALE),
          );
        },
      ),
    );
  });

  it('evaluates any well-typed plan without throwing, with rates in range and counts that add up', () => {
    fc.assert(
      fc.property(planArbitrary, (plan) => {
        const evaluation = evaluatePlan(plan);
        const actionCount = plan.nodes[0]!.actions.length + plan.actions.length;
        expect(evaluation.total.actionCount).toBe(actionCount);
        expect(Object.values(evaluation.total.counts).reduce((a, b) => a + b, 0)).toBe(actionCount);
        for (const action of evaluation.actions.values()) {
          if (action.result) {
            expect(action.result.shown).toBeGreaterThanOrEqual(0);
            expect(action.result.shown).toBeLessThanOrEqual(100);
            expect(action.result.explanation.length).toBeGreaterThan(0);
          } else {
            expect(['unrated', 'status']).toContain(action.rating.kind);
          }
        }
      }),
      { numRuns: 300 },
    );
  });
});
