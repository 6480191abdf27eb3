import { z } from 'zod';
import { actionDirectionSchema, actionReportSchema } from '../../domain/plan.schemas.js';
import { REPORT_FORMATS, REPORT_KINDS } from './reports.models.js';

export const reportParamsSchema = z.object({
  planId: z.string().uuid('計画IDの形式が正しくありません'),
  kind: z.enum(REPORT_KINDS, { error: '報告書の種類は final（最終報告書）か round（進捗状況報告）です' }),
});

export const reportQuerySchema = z.object({
  format: z.enum(REPORT_FORMATS, { error: '形式は xlsx・docx・pdf のどれかを指定してください' }),
  round: z
    .string()
    .uuid('進捗確認IDの形式が正しくありません')
    .optional()
    .describe('進捗確認のID（round のみ）'),
});

export const reportOptionsResponseSchema = z.object({
  rounds: z.array(
    z.object({
      id: z.string(),
      label: z.string(),
      status: z.enum(['open', 'closed']),
      closedOn: z.string().nullable(),
    }),
  ),
});

const reportFieldsSchema = z.object({
  outcome: z.string().nullable(),
  workDone: z.string().nullable(),
  issuesAhead: z.string().nullable(),
  direction: actionDirectionSchema.nullable(),
});

export const actionReportResponseSchema = z.object({
  actionKey: z.string(),
  version: z.number(),
  report: reportFieldsSchema,
  editable: z.boolean(),
});

/** The same limits as the plan format's `action.report`, shared with the form. */
const shape = actionReportSchema.shape;
export const actionReportUpdateSchema = z.object({
  version: z.number({ error: 'version（読み込んだときの版）を指定してください' }).int().positive(),
  outcome: shape.outcome.unwrap().nullable().optional(),
  workDone: shape.workDone.unwrap().nullable().optional(),
  issuesAhead: shape.issuesAhead.unwrap().nullable().optional(),
  direction: actionDirectionSchema.nullable().optional(),
});

export type ReportOptionsResponse = z.infer<typeof reportOptionsResponseSchema>;
export type ActionReportResponse = z.infer<typeof actionReportResponseSchema>;
export type ActionReportUpdate = z.infer<typeof actionReportUpdateSchema>;
