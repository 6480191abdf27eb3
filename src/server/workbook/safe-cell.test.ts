import { describe, expect, it } from 'vitest';
import { evaluatePlan } from '../../domain/evaluation/index.js';
import { buildFinalReport, buildRoundReport } from '../reports/reports.models.js';
import { readOfficeParts } from '../reports/reports.test-support.js';
import { renderReportXlsx } from '../reports/reports.xlsx.js';
import { loadSample } from './workbook.test-support.js';
import { buildPlanWorkbook } from './workbook.writer.js';

const INJECTIONS = ['=HYPERLINK("http://example.invalid","x")', '+1+1', '-2+3', '@SUM(A1:A2)'];

/** A plan whose texts start like formulas, as a malicious or careless entry could. */
function buildHostilePlan() {
  const document = loadSample('kama-digital-plan-1');
  const action = document.plan.nodes[0]!.children[0]!.actions[5]!;
  action.title = INJECTIONS[0]!;
  action.tasks[0]!.planText = INJECTIONS[1]!;
  action.tasks[1]!.planText = INJECTIONS[2]!;
  action.report = { outcome: INJECTIONS[3]! };
  return document;
}

async function expectOnlyText(bytes: Uint8Array, texts: string[]): Promise<void> {
  const parts = await readOfficeParts(bytes);
  const sheets = [...parts].filter(([name]) => name.startsWith('xl/worksheets/'));
  expect(sheets.length).toBeGreaterThan(0);
  for (const [name, xml] of sheets) expect(`${name}: ${/<f[\s>]/.test(xml)}`).toBe(`${name}: false`);
  const strings = parts.get('xl/sharedStrings.xml') ?? '';
  for (const text of texts) {
    const escaped = text
      .replace(/&/g, '&amp;')
      .replace(/"/g, '&quot;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;');
    const stored = strings.includes(`>${escaped}<`) || strings.includes(`>${text}<`);
    expect(`${text}: ${stored}`).toBe(`${text}: true`);
  }
  // Text format (@, Excel's built-in format 49) on those cells, so that editing one keeps it text.
  expect(parts.get('xl/styles.xml')).toMatch(/numFmtId="49"/);
}

describe('cells that start like a formula (= + - @) are written as text in every xlsx', () => {
  const document = buildHostilePlan();
  const evaluation = evaluatePlan(document.plan);

  it('in the plan workbook', async () => {
    await expectOnlyText(await buildPlanWorkbook({ document, evaluation }), INJECTIONS);
  });

  it('in the final report and the progress report', async () => {
    await expectOnlyText(
      await renderReportXlsx(buildFinalReport({ document, evaluation, photos: [], today: '2026-02-08' })),
      [INJECTIONS[0]!, INJECTIONS[3]!],
    );
    await expectOnlyText(
      await renderReportXlsx(
        buildRoundReport({
          document,
          evaluation,
          fy: 2024,
          roundLabel: null,
          source: '試験',
          today: '2026-02-08',
        }),
      ),
      INJECTIONS.slice(0, 3),
    );
  });
});
