import { z } from 'zod';
import { planDocumentSchema } from '../src/domain/plan.schemas.js';

/**
 * The JSON Schema of the plan interchange format, derived from the zod schema that validates it, so that
 * the published schema and the validator cannot drift apart (a test compares the committed file).
 * Cross-references (department keys, unique keys, the period) are checked by the validator only.
 */
export function buildPlanFormatJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(planDocumentSchema, { io: 'input', unrepresentable: 'any' }) as Record<
    string,
    unknown
  >;
  return {
    ...schema,
    $id: 'https://kiseki.example/schemas/kiseki-plan-1.schema.json',
    title: 'Kiseki plan interchange format (kiseki-plan@1)',
    description:
      '自治体DX推進計画とその進捗（年度タスク・指標・総括評価）を一つのJSONで表す形式。キーの参照（課・重複・計画期間）は kiseki のバリデータが検査します。',
  };
}

export const PLAN_FORMAT_SCHEMA_PATH = new URL('../docs/plan-format.schema.json', import.meta.url);

if (import.meta.url === `file://${process.argv[1]}`) {
  const { writeFile } = await import('node:fs/promises');
  await writeFile(PLAN_FORMAT_SCHEMA_PATH, `${JSON.stringify(buildPlanFormatJsonSchema(), null, 2)}\n`);
  console.log(`wrote ${PLAN_FORMAT_SCHEMA_PATH.pathname}`);
}
