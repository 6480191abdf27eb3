import { z } from 'zod';
import { roundStatuses, submissionStatuses } from '../../domain/progress-round.js';
import { uuidSchema } from '../accounts/accounts.schemas.js';
import { planDetailResponseSchema, ratingSchema } from '../plans/plans.schemas.js';

/**
 * Request parameters and response bodies of the round endpoints; the request bodies are the domain's
 * (src/domain/progress-round.schemas.ts), shared with the web forms. The web UI imports these types.
 */

export const planRoundsParamsSchema = z.object({ planId: uuidSchema });
export const roundParamsSchema = planRoundsParamsSchema.extend({ roundId: uuidSchema });
export const departmentRoundParamsSchema = roundParamsSchema.extend({ departmentId: uuidSchema });
export const taskParamsSchema = departmentRoundParamsSchema.extend({ taskId: uuidSchema });
export const kpiParamsSchema = departmentRoundParamsSchema.extend({ kpiId: uuidSchema });
export const kpiActualParamsSchema = kpiParamsSchema.extend({ actualId: uuidSchema });
export const assessmentParamsSchema = departmentRoundParamsSchema.extend({
  actionKey: z.string().min(1).max(64),
});

export const roundSchema = z.object({
  id: z.string(),
  planId: z.string(),
  fy: z.number(),
  month: z.number(),
  /** 令和7年度 9月の進捗確認 */
  title: z.string(),
  dueDate: z.string(),
  /** The date the round's figures are as of (the end of its month); new KPI actuals default to it. */
  referenceDate: z.string(),
  status: z.enum(roundStatuses),
  note: z.string().nullable(),
  openedAt: z.string(),
  closedAt: z.string().nullable(),
  version: z.number(),
});
export type RoundView = z.infer<typeof roundSchema>;

export const submissionSchema = z.object({
  id: z.string(),
  departmentId: z.string(),
  departmentName: z.string(),
  status: z.enum(submissionStatuses),
  submittedAt: z.string().nullable(),
  submittedByName: z.string().nullable(),
  reviewedAt: z.string().nullable(),
  reviewedByName: z.string().nullable(),
  /** The office's comment on its last return or acceptance. */
  reviewComment: z.string().nullable(),
  lastEditedAt: z.string().nullable(),
  lastEditedByName: z.string().nullable(),
  version: z.number(),
});
export type SubmissionView = z.infer<typeof submissionSchema>;

export const roundListResponseSchema = z.object({
  rounds: z.array(
    roundSchema.extend({
      submissions: z.array(
        z.object({
          departmentId: z.string(),
          departmentName: z.string(),
          status: z.enum(submissionStatuses),
        }),
      ),
    }),
  ),
});
export type RoundListResponse = z.infer<typeof roundListResponseSchema>;

const planHeaderSchema = z.object({
  id: z.string(),
  title: z.string(),
  actionLevel: z.string(),
  period: z.object({ startFy: z.number(), endFy: z.number() }),
  municipality: z.object({ id: z.string(), name: z.string() }),
});

export const roundBoardResponseSchema = z.object({
  plan: planHeaderSchema,
  round: roundSchema,
  submissions: z.array(submissionSchema),
  /** Today in Japan, as the server sees it: what "overdue" is measured against. */
  today: z.string(),
});
export type RoundBoardResponse = z.infer<typeof roundBoardResponseSchema>;

export const roundEvaluationResponseSchema = z.object({
  round: roundSchema,
  /** The plan page as it stood when the round closed, computed from the round's snapshot. */
  detail: planDetailResponseSchema,
});
export type RoundEvaluationResponse = z.infer<typeof roundEvaluationResponseSchema>;

export const taskCommentSchema = z.object({
  body: z.string(),
  version: z.number(),
  updatedAt: z.string(),
  updatedByName: z.string().nullable(),
});

/** A task as a department edits it: its figures and this round's comment, with their versions. */
export const taskRowSchema = z.object({
  id: z.string(),
  planText: z.string(),
  progress: z.number().nullable(),
  expected: z.boolean(),
  version: z.number(),
  /** This round's comment; null when none was written. */
  comment: taskCommentSchema.nullable(),
});
export type TaskRowView = z.infer<typeof taskRowSchema>;

/** What `error.details.current` holds when a task's save meets someone else's change. */
export type TaskConflictCurrent = TaskRowView & {
  lastChange: { byName: string; at: string } | null;
};

export const departmentTaskSchema = taskRowSchema.extend({
  /** The progress at the close of the previous round, where there was one. */
  previousProgress: z.number().nullable(),
});
export type DepartmentTaskView = z.infer<typeof departmentTaskSchema>;

export const kpiActualViewSchema = z.object({
  /** Null for a figure read from a closed round's snapshot. */
  id: z.string().nullable(),
  value: z.number(),
  date: z.string(),
  hypothetical: z.boolean(),
  note: z.string().nullable(),
});

export const departmentKpiSchema = z.object({
  id: z.string(),
  key: z.string(),
  name: z.string(),
  unit: z.string(),
  direction: z.enum(['increase', 'decrease']),
  baseline: z
    .object({ value: z.number(), date: z.string().nullable(), label: z.string().nullable() })
    .nullable(),
  target: z.object({ value: z.number(), fy: z.number() }),
  version: z.number(),
  actuals: z.array(kpiActualViewSchema),
});
export type DepartmentKpiView = z.infer<typeof departmentKpiSchema>;

export const evidenceSchema = z.object({
  id: z.string(),
  kind: z.enum(['photo', 'file']),
  fileName: z.string(),
  contentType: z.string(),
  size: z.number(),
  caption: z.string().nullable(),
  uploadedAt: z.string(),
  uploadedByName: z.string().nullable(),
  departmentName: z.string(),
  roundTitle: z.string().nullable(),
  taskId: z.string().nullable(),
  url: z.string(),
});
export type EvidenceView = z.infer<typeof evidenceSchema>;

export const assessmentViewSchema = z.object({
  rate: z.number().nullable(),
  reason: z.string().nullable(),
  hypothetical: z.boolean(),
  /** The action's version, which guards the assessment. */
  version: z.number(),
});
export type AssessmentView = z.infer<typeof assessmentViewSchema>;

export const departmentActionSchema = z.object({
  id: z.string(),
  key: z.string(),
  number: z.string(),
  title: z.string(),
  /** The department is one of the action's owners (担い手): it keeps the KPIs and the assessment. */
  owned: z.boolean(),
  evaluation: z.object({
    rating: ratingSchema,
    shown: z.number().nullable(),
    basis: z.enum(['kpi', 'assessment', 'tasks']).nullable(),
    projection: z.boolean(),
  }),
  tasks: z.array(departmentTaskSchema),
  /** The KPIs, for an owner department (empty otherwise). */
  kpis: z.array(departmentKpiSchema),
  /** The overall assessment, for an owner department (null otherwise). */
  assessment: assessmentViewSchema.nullable(),
  evidence: z.array(evidenceSchema),
});
export type DepartmentActionView = z.infer<typeof departmentActionSchema>;

export const departmentProgressResponseSchema = z.object({
  plan: planHeaderSchema,
  round: roundSchema,
  department: z.object({ id: z.string(), key: z.string(), name: z.string() }),
  submission: submissionSchema,
  /** The round whose closing figures the previous-value column shows. */
  previousRound: z.object({ id: z.string(), title: z.string() }).nullable(),
  /** The figures may change: the round is open and the submission is not locked. */
  editable: z.boolean(),
  today: z.string(),
  actions: z.array(departmentActionSchema),
});
export type DepartmentProgressResponse = z.infer<typeof departmentProgressResponseSchema>;

export const taskSaveResponseSchema = z.object({
  task: taskRowSchema,
  submission: submissionSchema,
});
export type TaskSaveResponse = z.infer<typeof taskSaveResponseSchema>;

export const kpiSaveResponseSchema = z.object({
  kpi: departmentKpiSchema,
  submission: submissionSchema,
});
export type KpiSaveResponse = z.infer<typeof kpiSaveResponseSchema>;

export const assessmentSaveResponseSchema = z.object({
  assessment: assessmentViewSchema,
  submission: submissionSchema,
});
export type AssessmentSaveResponse = z.infer<typeof assessmentSaveResponseSchema>;

export const submissionResponseSchema = z.object({ submission: submissionSchema });
export type SubmissionResponse = z.infer<typeof submissionResponseSchema>;

export const openRoundsResponseSchema = z.object({
  rounds: z.array(
    z.object({
      id: z.string(),
      planId: z.string(),
      planTitle: z.string(),
      municipalityId: z.string(),
      municipalityName: z.string(),
      title: z.string(),
      dueDate: z.string(),
      /** The departments the user keeps that this round asks (with their status). */
      departments: z.array(
        z.object({
          id: z.string(),
          name: z.string(),
          status: z.enum(submissionStatuses),
        }),
      ),
    }),
  ),
});
export type OpenRoundsResponse = z.infer<typeof openRoundsResponseSchema>;
