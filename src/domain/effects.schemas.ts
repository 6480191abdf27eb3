import { z } from 'zod';
import { amountUnits, bprMetrics, fundingKinds } from './effects.js';
import { bodyKinds, meetingStatuses, memberRoles } from './organisation.js';
import { fiscalYearSchema, isoDateSchema } from './plan.schemas.js';

/*
 * Field rules of effects, money and organisation: one definition for the API, the sample files and the
 * web forms (the limits a clerk meets are the same everywhere). Messages are Japanese and name the fix.
 */

export const effectKeySchema = z
  .string()
  .min(1, 'キーを入力してください')
  .max(32, 'キーは32文字以内にしてください')
  .regex(/^[A-Za-z][A-Za-z0-9_-]*$/, 'キーは半角英字で始め、半角英数字と - _ で書いてください');

export const titleSchema = z.string().trim().min(1, '入力してください').max(200, '200文字以内にしてください');

export const shortTextSchema = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `${max}文字以内にしてください`)
    .transform((value) => (value === '' ? null : value))
    .nullable();

/** An optional free text; an empty string is stored as nothing. */
export const noteSchema = shortTextSchema(2000);

export const hoursSchema = z
  .number({ error: '時間は数値で入力してください' })
  .min(0, '時間は0以上にしてください')
  .max(10_000_000, '時間が大きすぎます')
  .refine(Number.isFinite, '有限の数値にしてください');

export const statedFigureSchema = z
  .number({ error: '数値で入力してください' })
  .min(-1e13, '数値が小さすぎます')
  .max(1e13, '数値が大きすぎます')
  .nullable();

/** An amount in yen (a 千円 figure from a document is multiplied by 1,000 on entry). */
export const yenSchema = z
  .number({ error: '金額は数値（円）で入力してください' })
  .int('金額は円単位の整数で入力してください')
  .min(0, '金額は0以上にしてください')
  .max(1e13, '金額が大きすぎます');

export const seriesValueSchema = z
  .number({ error: '数値で入力してください' })
  .min(-1e13, '数値が小さすぎます')
  .max(1e13, '数値が大きすぎます')
  .nullable();

export const seriesColumnSchema = z.object({
  key: effectKeySchema,
  label: z.string().trim().min(1, '列名を入力してください').max(50, '列名は50文字以内にしてください'),
  unit: z.string().trim().max(10, '単位は10文字以内にしてください'),
  sumOf: z.array(effectKeySchema).min(2, '合計する列を2つ以上選んでください').max(12).optional(),
  changeLabel: z.string().trim().min(1).max(50, '前年増減の見出しは50文字以内にしてください').optional(),
});

/** Keys unique; a sum column adds up entered columns only (not another sum, not itself). */
export const seriesColumnsSchema = z
  .array(seriesColumnSchema)
  .min(1, '列を1つ以上定義してください')
  .max(12, '列は12個までです')
  .superRefine((columns, ctx) => {
    const keys = columns.map((column) => column.key);
    const entered = new Set(columns.filter((column) => !column.sumOf).map((column) => column.key));
    columns.forEach((column, index) => {
      if (keys.indexOf(column.key) !== index) {
        ctx.addIssue({
          code: 'custom',
          path: [index, 'key'],
          message: `列のキー "${column.key}" が重複しています`,
        });
      }
      for (const part of column.sumOf ?? []) {
        if (!entered.has(part)) {
          ctx.addIssue({
            code: 'custom',
            path: [index, 'sumOf'],
            message: `合計する列 "${part}" は、入力する列（合計列以外）のキーにしてください`,
          });
        }
      }
    });
  });

export const subsidyRateSchema = z
  .object({
    numerator: z.number().int('補助率の分子は整数にしてください').min(1, '補助率の分子は1以上にしてください'),
    denominator: z
      .number()
      .int('補助率の分母は整数にしてください')
      .min(1, '補助率の分母は1以上にしてください'),
  })
  .refine((rate) => rate.numerator <= rate.denominator, {
    message: '補助率は1以下（分子 ≦ 分母）にしてください',
    path: ['numerator'],
  })
  .nullable();

export const fundingKindSchema = z.enum(fundingKinds, { error: '種類は grant か budget です' });
export const amountUnitSchema = z.enum(amountUnits, { error: '単位は yen か thousand です' });
export const bprMetricSchema = z.enum(bprMetrics, { error: '指標に使う値の種類が正しくありません' });
export const bodyKindSchema = z.enum(bodyKinds, { error: '会議体の種類が正しくありません' });
export const memberRoleSchema = z.enum(memberRoles, {
  error: '役割は leader / deputy / member のいずれかです',
});
export const meetingStatusSchema = z.enum(meetingStatuses, { error: '状態は held か planned です' });

export const timeOfDaySchema = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, '時刻は HH:MM（例: 11:00）で入力してください')
  .nullable();

export const statedMeetingCountSchema = z
  .object({
    from: isoDateSchema,
    to: isoDateSchema,
    count: z.number().int('回数は整数にしてください').min(0, '回数は0以上にしてください').max(10_000),
    source: shortTextSchema(500),
  })
  .refine((entry) => entry.from <= entry.to, {
    message: '期間の終わりは始まり以降にしてください',
    path: ['to'],
  });

export { fiscalYearSchema, isoDateSchema };
