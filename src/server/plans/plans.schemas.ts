import { z } from 'zod';
import {
  actionSchema,
  departmentSchema,
  evaluationSettingsSchema,
  municipalitySchema,
  phaseSchema,
} from '../../domain/plan.schemas.js';

/**
 * Request and response schemas of the plan endpoints. The web UI imports the inferred types, so the
 * screens and the API can never disagree on a field.
 */

export const planIdParamsSchema = z.object({
  planId: z.string().uuid('計画IDの形式が正しくありません'),
});

export const actionParamsSchema = planIdParamsSchema.extend({
  actionKey: z.string().min(1).max(64),
});

export const ratingSchema = z.object({
  key: z.string(),
  label: z.string(),
  kind: z.enum(['band', 'unrated', 'status']),
});

export const rateResultSchema = z.object({
  raw: z.number().nullable(),
  capped: z.number(),
  shown: z.number(),
  rating: ratingSchema,
  explanation: z.string(),
  projection: z.boolean(),
  hypothetical: z.boolean(),
});

export const flagSchema = z.object({ code: z.string(), message: z.string() });

export const kpiActualViewSchema = z.object({
  value: z.number(),
  date: z.string(),
  hypothetical: z.boolean().optional(),
  note: z.string().optional(),
});

export const kpiEvaluationSchema = z.object({
  kpiKey: z.string(),
  name: z.string(),
  unit: z.string(),
  basis: z.enum(['ratio', 'baseline']),
  direction: z.enum(['increase', 'decrease']),
  latestActual: kpiActualViewSchema.nullable(),
  result: rateResultSchema.nullable(),
  notice: z.string().nullable(),
});

export const actionEvaluationSchema = z.object({
  actionKey: z.string(),
  number: z.string(),
  title: z.string(),
  kpi: z.object({ result: rateResultSchema.nullable(), kpis: z.array(kpiEvaluationSchema) }),
  tasks: z.object({
    result: rateResultSchema.nullable(),
    years: z.array(
      z.object({
        fy: z.number(),
        taskCount: z.number(),
        recordedCount: z.number(),
        result: rateResultSchema.nullable(),
      }),
    ),
  }),
  assessment: z.object({ result: rateResultSchema.nullable(), reason: z.string().nullable() }),
  basis: z.enum(['kpi', 'assessment', 'tasks']).nullable(),
  basisReason: z.string(),
  result: rateResultSchema.nullable(),
  rating: ratingSchema,
  flags: z.array(flagSchema),
});

export const nodeEvaluationSchema = z.object({
  actionCount: z.number(),
  counts: z.record(z.string(), z.number()),
  meanRate: z.number().nullable(),
});

/** One action as a row of the plan page: enough to list it with its rate, label and the three rates. */
export const actionSummarySchema = z.object({
  key: z.string(),
  number: z.string(),
  title: z.string(),
  owners: z.array(z.object({ key: z.string(), name: z.string() })),
  basis: z.enum(['kpi', 'assessment', 'tasks']).nullable(),
  rating: ratingSchema,
  result: rateResultSchema.nullable(),
  kpiShown: z.number().nullable(),
  tasksShown: z.number().nullable(),
  assessmentShown: z.number().nullable(),
  flagCount: z.number(),
});

export type PlanTreeNode = {
  key: string;
  number: string | null;
  title: string;
  description: string | null;
  /** Index into plan.levels. */
  depth: number;
  evaluation: z.infer<typeof nodeEvaluationSchema>;
  children: PlanTreeNode[];
  actions: z.infer<typeof actionSummarySchema>[];
};

export const planTreeNodeSchema: z.ZodType<PlanTreeNode> = z.lazy(() =>
  z.object({
    key: z.string(),
    number: z.string().nullable(),
    title: z.string(),
    description: z.string().nullable(),
    depth: z.number(),
    evaluation: nodeEvaluationSchema,
    children: z.array(planTreeNodeSchema),
    actions: z.array(actionSummarySchema),
  }),
);

export const planSummarySchema = z.object({
  id: z.string(),
  slug: z.string(),
  title: z.string(),
  period: z.object({ startFy: z.number(), endFy: z.number() }),
  actionCount: z.number(),
  actionLevel: z.string(),
  municipality: municipalitySchema.extend({ id: z.string() }),
});

export const planListResponseSchema = z.object({ plans: z.array(planSummarySchema) });

export const municipalityListResponseSchema = z.object({
  municipalities: z.array(municipalitySchema.extend({ id: z.string(), planCount: z.number() })),
});

export const planDetailResponseSchema = z.object({
  plan: planSummarySchema.extend({
    levels: z.array(z.string()),
    mission: z.string().nullable(),
    vision: z
      .object({
        statement: z.string().optional(),
        items: z.array(z.object({ group: z.string().optional(), text: z.string() })),
      })
      .nullable(),
    values: z.array(z.string()),
    phases: z.array(phaseSchema),
    sources: z.array(z.string()),
    evaluation: evaluationSettingsSchema,
    /** Changes whenever anything in the plan changes; the evaluation below is as of this revision. */
    revision: z.number(),
  }),
  ratings: z.array(ratingSchema),
  total: nodeEvaluationSchema,
  nodes: z.array(planTreeNodeSchema),
  /** Actions directly under the plan (a plan without grouping levels). */
  actions: z.array(actionSummarySchema),
});

export const actionDetailResponseSchema = z.object({
  plan: planSummarySchema.extend({
    levels: z.array(z.string()),
    revision: z.number(),
  }),
  /** Ancestors of the action, top first, for the breadcrumb. */
  path: z.array(
    z.object({ key: z.string(), number: z.string().nullable(), title: z.string(), level: z.string() }),
  ),
  action: actionSchema,
  departments: z.array(departmentSchema),
  evaluation: actionEvaluationSchema,
  ratings: z.array(ratingSchema),
});

export type PlanSummary = z.infer<typeof planSummarySchema>;
export type PlanListResponse = z.infer<typeof planListResponseSchema>;
export type MunicipalityListResponse = z.infer<typeof municipalityListResponseSchema>;
export type PlanDetailResponse = z.infer<typeof planDetailResponseSchema>;
export type ActionDetailResponse = z.infer<typeof actionDetailResponseSchema>;
export type ActionSummary = z.infer<typeof actionSummarySchema>;
export type RateResultView = z.infer<typeof rateResultSchema>;
export type ActionEvaluationView = z.infer<typeof actionEvaluationSchema>;
