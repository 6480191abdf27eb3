import { describe, expect, it } from 'vitest';
import { parsePlanWorkbook } from './workbook.parser.js';
import { loadSample, readGrid, writeSampleWorkbook } from './workbook.test-support.js';

describe('parsePlanWorkbook', () => {
  for (const slug of ['kama-digital-plan-1', 'ichikikushikino-dx-plan', 'kashima-dx-strategy']) {
    it(`reads the workbook written for ${slug} back as the same plan`, async () => {
      const { $schema, ...document } = loadSample(slug);
      const grid = await readGrid(await writeSampleWorkbook(document));
      expect(parsePlanWorkbook({ grid, base: document })).toEqual({ ok: true, document });
      expect($schema).toBeDefined();
    });
  }

  it('creates a plan from a workbook alone, without the fields only the plan file holds', async () => {
    const document = loadSample('kama-digital-plan-1');
    const result = parsePlanWorkbook({
      grid: await readGrid(await writeSampleWorkbook(document)),
      base: null,
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.document.plan.mission).toBeUndefined();
    expect(result.document.plan.nodes[0]!.children[0]!.actions[5]!.stated).toBeUndefined();
    expect(result.document.plan.nodes[0]!.children[0]!.actions[5]!.kpis[0]!.actuals[0]!.value).toBe(125);
  });
});
