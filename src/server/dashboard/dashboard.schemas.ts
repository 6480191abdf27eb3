import { z } from 'zod';
import { evaluationSettingsSchema, kpiBasisSchema } from '../../domain/plan.schemas.js';
import { whatIfOptionsSchema } from '../../domain/what-if.js';
import {
  actionParamsSchema,
  planIdParamsSchema,
  planSummarySchema,
  rateResultSchema,
  ratingSchema,
} from '../plans/plans.schemas.js';

/**
 * Request and response schemas of the dashboard, the what-if, the schedule, the department view and
 * the KPI charts. The web UI imports the inferred types.
 */

export { actionParamsSchema, planIdParamsSchema };

export const departmentParamsSchema = planIdParamsSchema.extend({
  departmentId: z.string().uuid('課IDの形式が正しくありません'),
});

const tallySchema = z.object({
  actionCount: z.number(),
  counts: z.record(z.string(), z.number()),
  meanRate: z.number().nullable(),
  ratedCount: z.number(),
});

const submissionStatusSchema = z.enum(['not_started', 'draft', 'submitted', 'returned', 'accepted']);

const roundSchema = z.object({
  id: z.string(),
  fy: z.number(),
  month: z.number(),
  dueDate: z.string(),
  openedAt: z.string(),
});

const alertSchema = z.object({
  code: z.enum(['kpi.no_owner', 'kpi.missing_actual', 'task.not_updated', 'rating.no_improvement_plan']),
  actionKey: z.string(),
  number: z.string(),
  title: z.string(),
  departmentKeys: z.array(z.string()),
  message: z.string(),
});

const atRiskSchema = z.object({
  actionKey: z.string(),
  number: z.string(),
  title: z.string(),
  rating: ratingSchema,
  shown: z.number().nullable(),
  reasons: z.array(z.object({ code: z.enum(['rating', 'pace']), message: z.string() })),
});

const planHeaderSchema = planSummarySchema.extend({
  levels: z.array(z.string()),
  revision: z.number(),
  evaluation: evaluationSettingsSchema,
});

export const dashboardResponseSchema = z.object({
  plan: planHeaderSchema.extend({
    /** When anything in the plan last changed. */
    updatedAt: z.string(),
    publishedAt: z.string().nullable(),
    /** Where the public portal shows the plan, while it is published. */
    publicPath: z.string(),
  }),
  /** The date the dashboard was computed for (Japan), YYYY-MM-DD. */
  today: z.string(),
  generatedAt: z.string(),
  freshness: z.object({
    planUpdatedAt: z.string(),
    latestActualDate: z.string().nullable(),
    latestProgressAt: z.string().nullable(),
  }),
  ratings: z.array(ratingSchema),
  total: tallySchema,
  /** The last closed round, whose label counts the dashboard compares with. */
  comparison: z
    .object({ round: roundSchema.extend({ closedAt: z.string().nullable() }), total: tallySchema })
    .nullable(),
  levels: z.array(
    z.object({
      depth: z.number(),
      name: z.string(),
      groups: z.array(
        tallySchema.extend({ key: z.string(), number: z.string().nullable(), title: z.string() }),
      ),
    }),
  ),
  departments: z.array(
    tallySchema.extend({
      departmentId: z.string().nullable(),
      departmentKey: z.string().nullable(),
      name: z.string(),
    }),
  ),
  heatmap: z.object({
    years: z.array(z.number()),
    rows: z.array(
      z.object({
        actionKey: z.string(),
        number: z.string(),
        title: z.string(),
        cells: z.array(
          z.object({
            fy: z.number(),
            shown: z.number().nullable(),
            projection: z.boolean(),
            taskCount: z.number(),
          }),
        ),
      }),
    ),
  }),
  atRisk: z.array(atRiskSchema),
  alerts: z.array(alertSchema),
  round: roundSchema
    .extend({
      submissions: z.array(
        z.object({
          departmentId: z.string(),
          departmentKey: z.string(),
          name: z.string(),
          status: submissionStatusSchema,
          submittedAt: z.string().nullable(),
          reviewedAt: z.string().nullable(),
        }),
      ),
    })
    .nullable(),
  whatIf: z.object({ current: whatIfOptionsSchema }),
});

export const whatIfRequestSchema = whatIfOptionsSchema;

const whatIfSideSchema = z.object({
  rating: ratingSchema,
  shown: z.number().nullable(),
  basis: z.enum(['kpi', 'assessment', 'tasks']).nullable(),
});

export const whatIfResponseSchema = z.object({
  /** The plan revision the comparison was computed on: adopting names it. */
  revision: z.number(),
  options: whatIfOptionsSchema,
  settings: evaluationSettingsSchema,
  rows: z.array(
    z.object({
      actionKey: z.string(),
      number: z.string(),
      title: z.string(),
      before: whatIfSideSchema,
      after: whatIfSideSchema,
      changed: z.boolean(),
    }),
  ),
  counts: z.array(z.object({ rating: ratingSchema, before: z.number(), after: z.number() })),
  changedCount: z.number(),
});

export const whatIfAdoptRequestSchema = z.object({
  /** The plan revision the what-if was looked at on; a newer plan refuses the adoption (409). */
  revision: z.number().int().min(1),
  options: whatIfOptionsSchema,
});

export const whatIfAdoptResponseSchema = z.object({
  revision: z.number(),
  settings: evaluationSettingsSchema,
  kpiBasisChanged: z.number(),
});

export const scheduleResponseSchema = z.object({
  plan: planHeaderSchema,
  today: z.string(),
  schedule: z.object({
    years: z.array(z.number()),
    currentFy: z.number(),
    rows: z.array(
      z.object({
        key: z.string(),
        actionKey: z.string(),
        number: z.string(),
        title: z.string(),
        source: z.enum(['schedule', 'tasks']),
        item: z.string().nullable(),
        cells: z.array(z.object({ fy: z.number(), texts: z.array(z.string()) })),
      }),
    ),
  }),
});

export const departmentViewResponseSchema = z.object({
  plan: planHeaderSchema,
  today: z.string(),
  department: z.object({ id: z.string(), key: z.string(), name: z.string() }),
  ratings: z.array(ratingSchema),
  actions: z.array(
    z.object({
      key: z.string(),
      number: z.string(),
      title: z.string(),
      /** The department is one of the action's owners (担い手), not only one with tasks in it. */
      owner: z.boolean(),
      rating: ratingSchema,
      result: rateResultSchema.nullable(),
      tasks: z.array(
        z.object({
          /** The task's place among the action's tasks. */
          position: z.number(),
          fy: z.number(),
          planText: z.string(),
          progress: z.number().nullable(),
          expected: z.boolean(),
        }),
      ),
    }),
  ),
  atRisk: z.array(atRiskSchema),
  alerts: z.array(alertSchema),
  round: roundSchema
    .extend({
      submissionStatus: submissionStatusSchema.nullable(),
      /** The editing page of the department's part of the round (the rounds feature's screen). */
      editPath: z.string(),
      tasks: z.array(
        z.object({
          taskId: z.string(),
          actionKey: z.string(),
          actionNumber: z.string(),
          actionTitle: z.string(),
          planText: z.string(),
          progress: z.number().nullable(),
          updated: z.boolean(),
        }),
      ),
    })
    .nullable(),
});

const forecastSchema = z.discriminatedUnion('available', [
  z.object({
    available: z.literal(true),
    date: z.string(),
    fy: z.number(),
    projectedValue: z.number(),
    slopePerYear: z.number(),
    line: z.object({
      from: z.object({ date: z.string(), value: z.number() }),
      to: z.object({ date: z.string(), value: z.number() }),
    }),
    result: rateResultSchema,
    sentence: z.string(),
  }),
  z.object({ available: z.literal(false), reason: z.string() }),
]);

const paceSchema = z.discriminatedUnion('available', [
  z.object({
    available: z.literal(true),
    start: z.object({ date: z.string(), value: z.number() }),
    end: z.object({ date: z.string(), value: z.number() }),
    expectedValue: z.number(),
    actual: z.object({ date: z.string(), value: z.number() }),
    behind: z.boolean(),
  }),
  z.object({ available: z.literal(false), reason: z.string() }),
]);

export const kpiChartsResponseSchema = z.object({
  today: z.string(),
  kpis: z.array(
    z.object({
      key: z.string(),
      name: z.string(),
      unit: z.string(),
      direction: z.enum(['increase', 'decrease']),
      basis: kpiBasisSchema,
      baseline: z
        .object({ value: z.number(), date: z.string().nullable(), label: z.string().nullable() })
        .nullable(),
      target: z.object({ value: z.number(), fy: z.number(), date: z.string() }),
      actuals: z.array(z.object({ date: z.string(), value: z.number(), hypothetical: z.boolean() })),
      forecast: forecastSchema,
      pace: paceSchema,
    }),
  ),
});

export type DashboardResponse = z.infer<typeof dashboardResponseSchema>;
export type WhatIfResponse = z.infer<typeof whatIfResponseSchema>;
export type WhatIfAdoptResponse = z.infer<typeof whatIfAdoptResponseSchema>;
export type ScheduleResponse = z.infer<typeof scheduleResponseSchema>;
export type DepartmentViewResponse = z.infer<typeof departmentViewResponseSchema>;
export type KpiChartsResponse = z.infer<typeof kpiChartsResponseSchema>;
