import { performance } from 'node:perf_hooks';
import type { PlanEvaluation } from '../src/domain/evaluation/index.js';
import { evaluatePlan } from '../src/domain/evaluation/index.js';
import { buildNationalDataSet, NATIONAL_SHAPE } from './national-data-set.js';

export interface EvaluationBenchResult {
  municipalities: number;
  actions: number;
  tasks: number;
  actuals: number;
  generateMs: number;
  /** Each plan evaluated and tallied, its per-action results then dropped (a batch run). */
  tallyMs: number[];
  /** Every action's result kept in memory at once (what a server holding every plan would keep). */
  retainMs: number[];
  peakRssMb: number;
  peakHeapMb: number;
}

/** Evaluates the whole synthetic national data set several times and reports each run and the peak memory. */
export function benchNationalEvaluation(runs = 3): EvaluationBenchResult {
  let peakRss = 0;
  let peakHeap = 0;
  const sample = () => {
    const usage = process.memoryUsage();
    peakRss = Math.max(peakRss, usage.rss);
    peakHeap = Math.max(peakHeap, usage.heapUsed);
  };
  const generateStart = performance.now();
  const plans = buildNationalDataSet();
  const generateMs = performance.now() - generateStart;
  sample();
  const expected = NATIONAL_SHAPE.municipalities * NATIONAL_SHAPE.actionsPerPlan;
  const check = (evaluated: number) => {
    if (evaluated !== expected) throw new Error(`evaluated ${evaluated} actions, expected ${expected}`);
  };

  const tallyMs: number[] = [];
  for (let run = 0; run < runs; run++) {
    const start = performance.now();
    let evaluated = 0;
    for (const plan of plans) evaluated += evaluatePlan(plan).total.actionCount;
    tallyMs.push(performance.now() - start);
    sample();
    check(evaluated);
  }

  const retainMs: number[] = [];
  for (let run = 0; run < runs; run++) {
    const start = performance.now();
    const evaluations: PlanEvaluation[] = plans.map((plan) => evaluatePlan(plan));
    retainMs.push(performance.now() - start);
    sample();
    check(evaluations.reduce((sum, evaluation) => sum + evaluation.actions.size, 0));
  }

  return {
    municipalities: plans.length,
    actions: expected,
    tasks: expected * NATIONAL_SHAPE.years.length * NATIONAL_SHAPE.tasksPerYear,
    actuals: expected * NATIONAL_SHAPE.kpisPerAction * NATIONAL_SHAPE.actualsPerKpi,
    generateMs,
    tallyMs,
    retainMs,
    peakRssMb: peakRss / 2 ** 20,
    peakHeapMb: peakHeap / 2 ** 20,
  };
}
