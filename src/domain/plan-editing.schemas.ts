import { z } from 'zod';
import {
  actionSchema,
  departmentSchema,
  evaluationSettingsSchema,
  keySchema,
  kpiActualSchema,
  kpiSchema,
  municipalitySchema,
  planNodeFieldsSchema,
  planSchema,
  taskSchema,
} from './plan.schemas.js';

/**
 * What the editing screens send: the plan format's own rules (plan.schemas.ts), cut to the fields one
 * form edits. The API validates every request with these and the forms validate with the same schemas
 * before sending, so that a clerk sees the same Japanese message next to the field either way. An
 * update sends every field of the form (a field left out is cleared) and the version it was read at.
 */

export const versionSchema = z
  .number({ error: '版数（version）を指定してください' })
  .int()
  .positive('版数（version）は1以上です');

export const idSchema = z.uuid('IDの形式が正しくありません');

export const municipalityFieldsSchema = municipalitySchema;
export type MunicipalityFields = z.infer<typeof municipalityFieldsSchema>;

/** A plan's settings: what a plan is created with and what its settings form edits. */
export const planSettingsFieldsSchema = planSchema
  .pick({ slug: true, title: true, period: true, levels: true, actionLevel: true })
  .extend({ evaluation: evaluationSettingsSchema });
export type PlanSettingsFields = z.infer<typeof planSettingsFieldsSchema>;

export const nodeFieldsSchema = planNodeFieldsSchema.omit({ key: true });
export type NodeFields = z.infer<typeof nodeFieldsSchema>;

/** A new record's key: left out, one is made up (a key is an identity, not something a clerk chooses). */
export const newKeySchema = keySchema.optional();

/** Where a node or an action goes: its parent and its place among its siblings (0 = first). */
export const placementSchema = z.object({
  parentId: idSchema.nullable(),
  position: z.number().int().min(0, '0以上にしてください').max(10_000),
});

/** An action's own fields, as one object (see `actionFieldsSchema` for the rules across fields). */
export const actionFieldsObjectSchema = actionSchema.pick({
  number: true,
  title: true,
  aim: true,
  approach: true,
  target: true,
  owners: true,
  schedule: true,
  status: true,
  note: true,
  departmentWeights: true,
});

/** Adds the rules across an action's fields to a schema that has them (the form's, a request's). */
export function refineActionFields<Schema extends z.ZodType<{ owners: string[] }>>(schema: Schema) {
  return schema.superRefine((action, ctx) => {
    if (new Set(action.owners).size !== action.owners.length) {
      ctx.addIssue({ code: 'custom', path: ['owners'], message: '同じ課が2回選ばれています' });
    }
  });
}

export const actionFieldsSchema = refineActionFields(actionFieldsObjectSchema);
export type ActionFields = z.infer<typeof actionFieldsObjectSchema>;

export const taskFieldsSchema = taskSchema.omit({ key: true });
export type TaskFields = z.infer<typeof taskFieldsSchema>;

export const kpiFieldsSchema = kpiSchema.omit({ key: true, actuals: true });
export type KpiFields = z.infer<typeof kpiFieldsSchema>;

export const kpiActualFieldsSchema = kpiActualSchema;
export type KpiActualFields = z.infer<typeof kpiActualFieldsSchema>;

export const departmentFieldsSchema = departmentSchema.pick({ name: true }).extend({
  /** The enclosing department (部 → 課 → 係); null at the top. */
  parentId: idSchema.nullable(),
});
export type DepartmentFields = z.infer<typeof departmentFieldsSchema>;
