import { z } from 'zod';
import { fiscalYearSchema, isoDateSchema } from './plan.schemas.js';
import { COMMENT_MAX_LENGTH, KPI_NOTE_MAX_LENGTH, type RoundMonth, roundMonths } from './progress-round.js';

/**
 * What a department and the DX office send during a progress round. The API validates every request
 * with these, and the web forms use the same limits, so that a clerk reads the same message either way.
 */

/** The version of the record the writer read; a stale one is a 409 with the current record. */
export const versionSchema = z
  .number({ error: '版数（version）は数値で指定してください' })
  .int('版数（version）は整数で指定してください')
  .positive('版数（version）は1以上で指定してください');

export const progressValueSchema = z
  .number({ error: '進捗率は 0〜100 の数値で入力してください' })
  .min(0, '進捗率は 0 以上にしてください')
  .max(100, '進捗率は 100 以下にしてください');

export const roundMonthSchema = z
  .number({ error: '確認月は 6・9・12・3 のいずれかで指定してください' })
  .refine((month): month is RoundMonth => (roundMonths as readonly number[]).includes(month), {
    message: '確認月は 6月（年度計画）・9月・12月・3月 から選んでください',
  });

const note = z.string().trim().max(COMMENT_MAX_LENGTH, `${COMMENT_MAX_LENGTH}文字以内にしてください`);

export const roundOpenInputSchema = z.object({
  fy: fiscalYearSchema,
  month: roundMonthSchema,
  dueDate: isoDateSchema,
  note: note.optional(),
});
export type RoundOpenInput = z.infer<typeof roundOpenInputSchema>;

export const roundUpdateInputSchema = z.object({
  dueDate: isoDateSchema,
  note: note.nullable(),
  version: versionSchema,
});
export type RoundUpdateInput = z.infer<typeof roundUpdateInputSchema>;

export const roundCloseInputSchema = z.object({ version: versionSchema });

export const taskProgressInputSchema = z.object({
  /** Null: not recorded yet. */
  progress: progressValueSchema.nullable(),
  /** The department's comment on the task for this round; empty removes it. */
  comment: z.string().max(COMMENT_MAX_LENGTH, `コメントは${COMMENT_MAX_LENGTH}文字以内にしてください`),
  /** The year's plan text (計画), which only the June round (年度計画) changes. */
  planText: z
    .string()
    .trim()
    .min(1, '計画の内容を入力してください')
    .max(1000, '計画は1000文字以内にしてください')
    .optional(),
  version: versionSchema,
  /** The version of this round's comment as read; 0 when there was none. */
  commentVersion: z.number().int().min(0),
});
export type TaskProgressInput = z.infer<typeof taskProgressInputSchema>;

export const kpiActualInputSchema = z.object({
  value: z
    .number({ error: '実績値は数値で入力してください' })
    .refine(Number.isFinite, '実績値は有限の数値にしてください'),
  date: isoDateSchema,
  note: z
    .string()
    .trim()
    .max(KPI_NOTE_MAX_LENGTH, `備考は${KPI_NOTE_MAX_LENGTH}文字以内にしてください`)
    .optional(),
  /** The KPI's version: the series of actuals belongs to the KPI and is guarded by it. */
  kpiVersion: versionSchema,
});
export type KpiActualInput = z.infer<typeof kpiActualInputSchema>;

export const kpiActualArchiveInputSchema = z.object({ kpiVersion: versionSchema });

export const assessmentInputSchema = z
  .object({
    /** Null removes the assessment. */
    rate: z
      .number({ error: '総括評価は 0〜100 の数値で入力してください' })
      .min(0, '総括評価は 0 以上にしてください')
      .max(100, '総括評価は 100 以下にしてください')
      .nullable(),
    reason: z.string().trim().max(COMMENT_MAX_LENGTH, `理由は${COMMENT_MAX_LENGTH}文字以内にしてください`),
    version: versionSchema,
  })
  .superRefine((input, ctx) => {
    if (input.rate !== null && input.reason === '') {
      ctx.addIssue({ code: 'custom', path: ['reason'], message: '総括評価の理由を入力してください（必須）' });
    }
  });
export type AssessmentInput = z.infer<typeof assessmentInputSchema>;

export const submitInputSchema = z.object({ version: versionSchema });

export const returnInputSchema = z.object({
  version: versionSchema,
  comment: z
    .string()
    .trim()
    .min(1, '差し戻しの理由（担当課へのコメント）を入力してください')
    .max(COMMENT_MAX_LENGTH, `コメントは${COMMENT_MAX_LENGTH}文字以内にしてください`),
});

export const acceptInputSchema = z.object({
  version: versionSchema,
  comment: z
    .string()
    .trim()
    .max(COMMENT_MAX_LENGTH, `コメントは${COMMENT_MAX_LENGTH}文字以内にしてください`)
    .optional(),
});

export const notificationSettingsInputSchema = z.object({
  reminderDaysBefore: z
    .number({ error: '日数は数値で入力してください' })
    .int('日数は整数で入力してください')
    .min(0, '日数は 0 以上にしてください')
    .max(30, '日数は 30 以下にしてください'),
  emailEnabled: z.boolean(),
  /** LoGoチャット or any Slack-compatible incoming webhook; null: none. */
  webhookUrl: z
    .url({
      protocol: /^https?$/,
      error: 'Webhook の URL は http:// または https:// で始まる URL にしてください',
    })
    .max(2000, 'URL は2000文字以内にしてください')
    .nullable(),
  version: versionSchema,
});
export type NotificationSettingsInput = z.infer<typeof notificationSettingsInputSchema>;
