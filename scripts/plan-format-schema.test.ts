import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildPlanFormatJsonSchema, PLAN_FORMAT_SCHEMA_PATH } from './plan-format-schema.js';

describe('the published JSON Schema of the plan format', () => {
  it('is the one derived from the validator (run `npx tsx scripts/plan-format-schema.ts` after a change)', () => {
    const committed = JSON.parse(readFileSync(PLAN_FORMAT_SCHEMA_PATH, 'utf8'));
    expect(committed).toEqual(JSON.parse(JSON.stringify(buildPlanFormatJsonSchema())));
  });

  it('requires the format marker, the municipality and the plan', () => {
    const schema = buildPlanFormatJsonSchema();
    expect(schema.required).toEqual(
      expect.arrayContaining(['format', 'municipality', 'departments', 'plan']),
    );
  });
});
