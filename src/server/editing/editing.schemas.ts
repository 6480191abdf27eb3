import { z } from 'zod';
import {
  actionStatusSchema,
  kpiBasisSchema,
  rateBasisSchema,
  scheduleRowSchema,
} from '../../domain/plan.schemas.js';
import {
  actionFieldsObjectSchema,
  idSchema,
  kpiActualFieldsSchema,
  kpiFieldsSchema,
  newKeySchema,
  nodeFieldsSchema,
  placementSchema,
  planSettingsFieldsSchema,
  refineActionFields,
  taskFieldsSchema,
  versionSchema,
} from '../../domain/plan-editing.schemas.js';

/**
 * Requests and responses of plan editing. Requests are the domain's field schemas (shared with the
 * forms) plus the version the form was read at; responses describe records as stored, loosely typed,
 * so that a record imported before a rule was tightened can still be shown and corrected.
 */

export const planParamsSchema = z.object({ planId: idSchema });
export const municipalityParamsSchema = z.object({ municipalityId: idSchema });
export const actionKeyParamsSchema = planParamsSchema.extend({ actionKey: z.string().min(1).max(64) });
export const nodeParamsSchema = planParamsSchema.extend({ nodeId: idSchema });
export const taskParamsSchema = planParamsSchema.extend({ taskId: idSchema });
export const kpiParamsSchema = planParamsSchema.extend({ kpiId: idSchema });
export const actualParamsSchema = planParamsSchema.extend({ actualId: idSchema });

export const versionBodySchema = z.object({ version: versionSchema });

/* Requests */

export const planCreateRequestSchema = planSettingsFieldsSchema;
export const planSettingsUpdateRequestSchema = planSettingsFieldsSchema.extend({ version: versionSchema });

export const nodeCreateRequestSchema = nodeFieldsSchema.extend({
  key: newKeySchema,
  parentId: idSchema.nullable(),
});
export const nodeUpdateRequestSchema = nodeFieldsSchema.extend({ version: versionSchema });
export const moveRequestSchema = placementSchema.extend({ version: versionSchema });

export const actionCreateRequestSchema = refineActionFields(
  actionFieldsObjectSchema.extend({ key: newKeySchema, nodeId: idSchema.nullable() }),
);
export const actionUpdateRequestSchema = refineActionFields(
  actionFieldsObjectSchema.extend({ version: versionSchema }),
);

export const taskCreateRequestSchema = taskFieldsSchema;
export const taskUpdateRequestSchema = taskFieldsSchema.extend({ version: versionSchema });

export const kpiCreateRequestSchema = kpiFieldsSchema.extend({ key: newKeySchema });
export const kpiUpdateRequestSchema = kpiFieldsSchema.extend({ version: versionSchema });

export const actualCreateRequestSchema = kpiActualFieldsSchema;
export const actualUpdateRequestSchema = kpiActualFieldsSchema.extend({ version: versionSchema });

/* Records */

export const ratingBandRecordSchema = z.object({ key: z.string(), label: z.string(), min: z.number() });

export const planSettingsRecordSchema = z.object({
  id: z.string(),
  municipalityId: z.string(),
  slug: z.string(),
  title: z.string(),
  period: z.object({ startFy: z.number(), endFy: z.number() }),
  levels: z.array(z.string()),
  actionLevel: z.string(),
  evaluation: z.object({
    ratingScale: z.array(ratingBandRecordSchema),
    basisOrder: z.array(rateBasisSchema),
    defaultKpiBasis: kpiBasisSchema,
    kpiAggregation: z.enum(['mean', 'min']),
    taskAggregation: z.enum(['task_mean', 'department_mean']),
  }),
  version: z.number(),
  revision: z.number(),
});
export type PlanSettingsRecord = z.infer<typeof planSettingsRecordSchema>;

export const nodeRecordSchema = z.object({
  id: z.string(),
  parentId: z.string().nullable(),
  key: z.string(),
  number: z.string().optional(),
  title: z.string(),
  description: z.string().optional(),
  position: z.number(),
  version: z.number(),
});
export type NodeRecord = z.infer<typeof nodeRecordSchema>;

export const actionOutlineSchema = z.object({
  id: z.string(),
  nodeId: z.string().nullable(),
  key: z.string(),
  number: z.string(),
  title: z.string(),
  owners: z.array(z.string()),
  position: z.number(),
  version: z.number(),
});
export type ActionOutline = z.infer<typeof actionOutlineSchema>;

export const departmentOptionSchema = z.object({
  id: z.string(),
  key: z.string(),
  name: z.string(),
  parentId: z.string().nullable(),
  archived: z.boolean(),
});

export const planOutlineResponseSchema = z.object({
  plan: planSettingsRecordSchema,
  nodes: z.array(nodeRecordSchema),
  actions: z.array(actionOutlineSchema),
  departments: z.array(departmentOptionSchema),
});
export type PlanOutlineResponse = z.infer<typeof planOutlineResponseSchema>;

export const actionRecordSchema = z.object({
  id: z.string(),
  key: z.string(),
  nodeId: z.string().nullable(),
  position: z.number(),
  version: z.number(),
  number: z.string(),
  title: z.string(),
  aim: z.string().optional(),
  approach: z.string().optional(),
  target: z.string().optional(),
  /** Department keys, in order. */
  owners: z.array(z.string()),
  schedule: z.array(scheduleRowSchema).optional(),
  status: actionStatusSchema.optional(),
  note: z.string().optional(),
  departmentWeights: z.record(z.string(), z.number()).optional(),
});
export type ActionRecord = z.infer<typeof actionRecordSchema>;

export const taskRecordSchema = z.object({
  id: z.string(),
  key: z.string().optional(),
  fy: z.number(),
  /** Department key. */
  department: z.string(),
  planText: z.string(),
  progress: z.number().nullable(),
  expected: z.boolean().optional(),
  weight: z.number().optional(),
  position: z.number(),
  version: z.number(),
});
export type TaskRecord = z.infer<typeof taskRecordSchema>;

export const actualRecordSchema = z.object({
  id: z.string(),
  value: z.number(),
  date: z.string(),
  hypothetical: z.boolean().optional(),
  note: z.string().optional(),
  position: z.number(),
  version: z.number(),
});
export type ActualRecord = z.infer<typeof actualRecordSchema>;

export const kpiRecordSchema = z.object({
  id: z.string(),
  key: z.string(),
  name: z.string(),
  unit: z.string(),
  direction: z.enum(['increase', 'decrease']),
  basis: kpiBasisSchema.optional(),
  baseline: z
    .object({ value: z.number(), date: z.string().optional(), label: z.string().optional() })
    .optional(),
  target: z.object({ value: z.number(), fy: z.number() }),
  weight: z.number().optional(),
  position: z.number(),
  version: z.number(),
  actuals: z.array(actualRecordSchema),
});
export type KpiRecord = z.infer<typeof kpiRecordSchema>;

export const actionEditingResponseSchema = z.object({
  plan: planSettingsRecordSchema,
  /** The nodes the action may be placed under (for its 所属). */
  nodes: z.array(nodeRecordSchema),
  action: actionRecordSchema,
  tasks: z.array(taskRecordSchema),
  kpis: z.array(kpiRecordSchema),
  departments: z.array(departmentOptionSchema),
});
export type ActionEditingResponse = z.infer<typeof actionEditingResponseSchema>;
