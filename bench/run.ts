import { cpus } from 'node:os';
import { benchNationalEvaluation } from './evaluation.bench.js';

const ms = (value: number) => `${Math.round(value).toLocaleString('en-US')} ms`;
const best = (values: number[]) => Math.min(...values);

console.log(
  `Kiseki benchmark — Node ${process.version}, ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown CPU'})`,
);
console.log('');
console.log('1. Evaluation of the synthetic national data set (fictional municipalities)');
const evaluation = benchNationalEvaluation();
console.log(
  `   ${evaluation.municipalities.toLocaleString('en-US')} municipalities × 50 actions = ${evaluation.actions.toLocaleString('en-US')} actions, ` +
    `${evaluation.tasks.toLocaleString('en-US')} tasks, ${evaluation.actuals.toLocaleString('en-US')} KPI actuals (generated in ${ms(evaluation.generateMs)})`,
);
console.log(
  `   evaluate + tally, plan by plan:     best ${ms(best(evaluation.tallyMs))}  (runs: ${evaluation.tallyMs.map(ms).join(', ')})`,
);
console.log(
  `   evaluate, keeping every result:     best ${ms(best(evaluation.retainMs))}  (runs: ${evaluation.retainMs.map(ms).join(', ')})`,
);
console.log(
  `   peak memory: RSS ${Math.round(evaluation.peakRssMb)} MB, heap ${Math.round(evaluation.peakHeapMb)} MB`,
);

console.log('');
console.log(
  '2. Plan page API of a fully populated fictional 50-action plan (server: tsx + PGlite, own process; 32 keep-alive connections from this process)',
);
const { benchPlanPageApi } = await import('./api.bench.js');
for (const result of await benchPlanPageApi()) {
  console.log(
    `   GET ${result.path.replace(/[0-9a-f-]{36}/, ':planId')}: ${Math.round(result.perSecond).toLocaleString('en-US')} req/s, ` +
      `p50 ${result.p50Ms.toFixed(2)} ms, p99 ${result.p99Ms.toFixed(2)} ms, ` +
      `${Math.round(result.bytes / Math.max(1, result.requests) / 1024)} KiB/response, ${result.errors} errors (${result.seconds.toFixed(1)} s)`,
  );
}

console.log('');
console.log(
  "3. A department's my-tasks page of the same plan, for the department that owns all 50 actions (server: tsx + PGlite, own process)",
);
const { benchDepartmentPageApi } = await import('./rounds.bench.js');
for (const result of await benchDepartmentPageApi()) {
  console.log(
    `   GET …/rounds/:roundId/departments/:departmentId (${result.actions} actions, ${result.tasks} tasks, ${result.kpis} KPIs), ` +
      (result.mode === 'cached'
        ? `unchanged plan, ${result.connections} connection${result.connections === 1 ? '' : 's'}: ${Math.round(result.perSecond).toLocaleString('en-US')} req/s, `
        : `loaded right after each of ${result.requests} saves: `) +
      `p50 ${result.p50Ms.toFixed(2)} ms, p99 ${result.p99Ms.toFixed(2)} ms, ` +
      `${Math.round(result.bytes / Math.max(1, result.requests) / 1024)} KiB/response, ${result.errors} errors (${result.seconds.toFixed(1)} s)`,
  );
}

console.log('');
console.log(
  '4. Plan workbook and reports of a fully populated fictional 50-action plan (in process, PGlite in memory; one photo per action)',
);
const { benchReports } = await import('./reports.bench.js');
for (const result of await benchReports()) {
  console.log(
    `   ${result.label}: best ${ms(best(result.runsMs))}  (runs: ${result.runsMs.map(ms).join(', ')}), ${Math.round(result.bytes / 1024).toLocaleString('en-US')} KiB`,
  );
}
