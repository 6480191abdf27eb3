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

console.log('');
console.log('5. Web UI bundle sizes (npm run build:web, gzip -9) and the public portal');
const { benchDashboardInChromium, describePortalCss, measureBundleSizes, summariseRuns } = await import(
  './dashboard.bench.js'
);
const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;
const bundles = measureBundleSizes();
const total = (assets: { gzipBytes: number }[]) => assets.reduce((sum, asset) => sum + asset.gzipBytes, 0);
for (const [label, assets] of [
  ['initial JS ', bundles.initialJs],
  ['initial CSS', bundles.initialCss],
  ['lazy JS    ', bundles.lazyJs],
] as const) {
  for (const asset of assets) {
    console.log(`   ${label} ${asset.file}: ${kib(asset.bytes)}, gzipped ${kib(asset.gzipBytes)}`);
  }
}
console.log(`   web UI initial JavaScript, gzipped: ${kib(total(bundles.initialJs))}`);
const portalCss = describePortalCss();
console.log(
  `   public portal stylesheet ${portalCss.file}: ${kib(portalCss.bytes)}, gzipped ${kib(portalCss.gzipBytes)}`,
);

console.log('');
console.log(
  '6. Dashboard of a fully populated fictional 50-action plan in Chromium (server: tsx + PGlite, own process)',
);
const browserResult = await benchDashboardInChromium();
if (!browserResult) {
  console.log('   skipped: /usr/bin/chromium is not installed (set CHROMIUM_PATH to another Chromium)');
} else {
  console.log(
    `   first render (content and tables on screen), fresh context each run: ${summariseRuns(browserResult.firstRenderMs)}`,
  );
  console.log(
    `   all ${browserResult.chartCount} charts drawn (ECharts loaded on demand): ${summariseRuns(browserResult.chartsDrawnMs)}`,
  );
  console.log(
    `   public portal initial JavaScript: ${kib(browserResult.portalScriptBytes)} (${browserResult.portalScriptTags} script tags; limit 150 KiB gzipped)`,
  );
  for (const page of browserResult.portalPageBytes) {
    console.log(`   public portal page ${page.path}: HTML gzipped ${kib(page.htmlGzipBytes)}`);
  }
}
