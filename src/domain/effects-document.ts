import { z } from 'zod';
import {
  bodyKindSchema,
  bprMetricSchema,
  effectKeySchema,
  fiscalYearSchema,
  fundingKindSchema,
  hoursSchema,
  isoDateSchema,
  meetingStatusSchema,
  memberRoleSchema,
  seriesColumnsSchema,
  statedMeetingCountSchema,
  timeOfDaySchema,
  titleSchema,
  yenSchema,
} from './effects.schemas.js';
import { departmentSchema, municipalitySchema } from './plan.schemas.js';
import { formatZodIssues, type ValidationIssue } from './validation.js';

/**
 * The effects interchange format (kiseki-effects@1): a municipality's BPR projects, cost and volume
 * series, grant and budget lists, bodies with their rosters, and meetings, as one JSON file. The samples
 * under samples/effects/ are written in it; docs/effects-format.md describes it. Departments, bodies and
 * actions are named by key, as in the plan format; amounts are in yen.
 */

export const EFFECTS_FORMAT = 'kiseki-effects@1';

const text = (max: number) => z.string().max(max, `${max}文字以内にしてください`);
const optionalText = (max: number) => text(max).nullish();

/** A department's key as the plan format writes it. */
const departmentKeySchema = z
  .string()
  .max(64, 'キーは64文字以内にしてください')
  .regex(/^[A-Za-z0-9][A-Za-z0-9_-]*$/, 'キーは半角英数字と - _ で書いてください');

const actionRefSchema = z.object({ plan: z.string().min(1).max(100), action: z.string().min(1).max(64) });

const bprResultDocumentSchema = z.object({
  number: optionalText(20),
  process: text(300).min(1, '対象業務名を入力してください'),
  department: departmentKeySchema,
  hoursBefore: hoursSchema,
  /** null: 未測定. */
  hoursAfter: hoursSchema.nullable(),
  statedHoursSaved: z.number().nullish(),
  statedReductionRate: z.number().nullish(),
  note: optionalText(2000),
  actions: z.array(actionRefSchema).max(50).optional(),
});

const bprProjectDocumentSchema = z.object({
  title: titleSchema,
  fy: fiscalYearSchema,
  source: optionalText(2000),
  note: optionalText(2000),
  stated: z.object({ hoursSaved: z.number().nullish(), reductionRate: z.number().nullish() }).optional(),
  published: z.boolean().optional(),
  results: z.array(bprResultDocumentSchema).max(1000),
  /** KPIs that take their actual from this project. */
  kpis: z
    .array(actionRefSchema.extend({ kpi: z.string().min(1).max(64), metric: bprMetricSchema }))
    .optional(),
});

const seriesDocumentSchema = z.object({
  title: titleSchema,
  description: optionalText(2000),
  columns: seriesColumnsSchema,
  source: optionalText(2000),
  note: optionalText(2000),
  published: z.boolean().optional(),
  rows: z
    .array(
      z.object({
        fy: fiscalYearSchema,
        values: z.record(z.string(), z.number().nullable()),
        statedValues: z.record(z.string(), z.number()).optional(),
        statedChanges: z.record(z.string(), z.number()).optional(),
        note: optionalText(2000),
      }),
    )
    .max(200),
});

const subsidyRateTextSchema = z
  .string()
  .regex(/^\d+\/\d+$/, '補助率は 1/2 のように「分子/分母」で書いてください')
  .refine((rate) => {
    const [numerator, denominator] = rate.split('/').map(Number) as [number, number];
    return numerator >= 1 && denominator >= numerator;
  }, '補助率は1以下（分子 ≦ 分母、分子は1以上）にしてください');

const fundingListDocumentSchema = z.object({
  kind: fundingKindSchema,
  title: titleSchema,
  fy: fiscalYearSchema,
  program: optionalText(200),
  source: optionalText(2000),
  note: optionalText(2000),
  stated: z
    .object({
      projectCost: yenSchema.nullish(),
      grantAmount: yenSchema.nullish(),
      budgetAmount: yenSchema.nullish(),
    })
    .optional(),
  published: z.boolean().optional(),
  items: z
    .array(
      z.object({
        number: optionalText(20),
        name: text(300).min(1, '事業名を入力してください'),
        summary: optionalText(2000),
        type: optionalText(100),
        projectCost: yenSchema.nullish(),
        grantAmount: yenSchema.nullish(),
        budgetAmount: yenSchema.nullish(),
        subsidyRate: subsidyRateTextSchema.nullish(),
        note: optionalText(2000),
        actions: z.array(actionRefSchema).max(50).optional(),
      }),
    )
    .max(1000),
});

const memberDocumentSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('internal'),
    department: departmentKeySchema.nullish(),
    post: optionalText(100),
    role: memberRoleSchema,
    note: optionalText(500),
  }),
  z.object({
    kind: z.literal('external'),
    organisation: text(200).min(1, '団体名を入力してください'),
    category: optionalText(50),
    role: memberRoleSchema,
    note: optionalText(500),
  }),
]);

const bodyDocumentSchema = z.object({
  key: effectKeySchema,
  kind: bodyKindSchema,
  name: titleSchema,
  number: optionalText(20),
  parent: effectKeySchema.nullish(),
  remit: optionalText(2000),
  composition: optionalText(2000),
  establishedOn: isoDateSchema.nullish(),
  secretariat: departmentKeySchema.nullish(),
  statedMeetingCounts: z.array(statedMeetingCountSchema).max(20).optional(),
  source: optionalText(2000),
  note: optionalText(2000),
  rosters: z
    .array(
      z.object({
        asOf: isoDateSchema,
        source: optionalText(2000),
        note: optionalText(2000),
        members: z.array(memberDocumentSchema).max(300),
      }),
    )
    .max(100)
    .optional(),
});

const meetingDocumentSchema = z.object({
  body: effectKeySchema,
  date: isoDateSchema,
  startTime: timeOfDaySchema.optional(),
  endTime: timeOfDaySchema.optional(),
  number: optionalText(20),
  title: optionalText(200),
  place: optionalText(100),
  status: meetingStatusSchema,
  agenda: optionalText(10_000),
  minutes: optionalText(50_000),
  decisions: optionalText(10_000),
  note: optionalText(2000),
  actions: z.array(actionRefSchema).max(50).optional(),
});

export const effectsDocumentSchema = z
  .object({
    format: z.literal(EFFECTS_FORMAT, { error: `format は "${EFFECTS_FORMAT}" にしてください` }),
    municipality: municipalitySchema,
    /** The documents the figures come from (shown nowhere else: each table names its own source). */
    sources: z.array(text(500)).max(50).optional(),
    /** Departments to add by key when the municipality lacks them (existing ones are left as they are). */
    departments: z.array(departmentSchema).max(1000).optional(),
    bprProjects: z.array(bprProjectDocumentSchema).max(100).optional(),
    series: z.array(seriesDocumentSchema).max(100).optional(),
    fundingLists: z.array(fundingListDocumentSchema).max(100).optional(),
    bodies: z.array(bodyDocumentSchema).max(200).optional(),
    meetings: z.array(meetingDocumentSchema).max(5000).optional(),
  })
  .superRefine((document, ctx) => {
    const bodyKeys = new Set<string>();
    document.bodies?.forEach((body, index) => {
      if (bodyKeys.has(body.key)) {
        ctx.addIssue({
          code: 'custom',
          path: ['bodies', index, 'key'],
          message: `会議体のキー "${body.key}" が重複しています`,
        });
      }
      bodyKeys.add(body.key);
    });
    document.bodies?.forEach((body, index) => {
      if (body.parent && !bodyKeys.has(body.parent)) {
        ctx.addIssue({
          code: 'custom',
          path: ['bodies', index, 'parent'],
          message: `会議体 "${body.parent}" がありません`,
        });
      }
    });
    document.meetings?.forEach((meeting, index) => {
      if (!bodyKeys.has(meeting.body)) {
        ctx.addIssue({
          code: 'custom',
          path: ['meetings', index, 'body'],
          message: `会議体 "${meeting.body}" がありません`,
        });
      }
    });
  });

export type EffectsDocument = z.output<typeof effectsDocumentSchema>;

export function parseEffectsDocument(
  input: unknown,
): { ok: true; document: EffectsDocument } | { ok: false; issues: ValidationIssue[] } {
  const parsed = effectsDocumentSchema.safeParse(input);
  if (parsed.success) return { ok: true, document: parsed.data };
  return { ok: false, issues: formatZodIssues(parsed.error.issues) };
}

export function parseSubsidyRate(rate: string): { numerator: number; denominator: number } {
  const [numerator, denominator] = rate.split('/').map(Number) as [number, number];
  return { numerator, denominator };
}
