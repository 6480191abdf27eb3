import { z } from 'zod';

export const planDiffItemSchema = z.object({
  kind: z.enum(['plan', 'department', 'node', 'action', 'task', 'kpi']),
  key: z.string(),
  label: z.string(),
  actionKey: z.string().optional(),
});

export const planDiffSchema = z.object({
  added: z.array(planDiffItemSchema),
  changed: z.array(
    planDiffItemSchema.extend({
      changes: z.array(z.object({ field: z.string(), before: z.unknown(), after: z.unknown() })),
    }),
  ),
  removed: z.array(planDiffItemSchema),
});

export const workbookPreviewResponseSchema = z.object({
  planId: z.string(),
  /** The plan's revision the preview compares with; the apply request names it. */
  revision: z.number(),
  diff: planDiffSchema,
});

export const workbookApplyQuerySchema = z.object({
  revision: z.coerce
    .number({ error: 'revision（プレビューした時点の版）を指定してください' })
    .int()
    .positive()
    .describe('プレビューした時点の計画の版（プレビューの応答の revision）'),
});

export const workbookApplyResponseSchema = z.object({
  planId: z.string(),
  revision: z.number(),
  diff: planDiffSchema,
});

export type PlanDiffView = z.infer<typeof planDiffSchema>;
export type WorkbookPreviewResponse = z.infer<typeof workbookPreviewResponseSchema>;
export type WorkbookApplyResponse = z.infer<typeof workbookApplyResponseSchema>;
