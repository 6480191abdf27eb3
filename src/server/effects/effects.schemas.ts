import { z } from 'zod';
import {
  amountUnitSchema,
  bprMetricSchema,
  fiscalYearSchema,
  fundingKindSchema,
  hoursSchema,
  noteSchema,
  seriesColumnSchema,
  seriesColumnsSchema,
  seriesValueSchema,
  shortTextSchema,
  statedFigureSchema,
  subsidyRateSchema,
  titleSchema,
  yenSchema,
} from '../../domain/effects.schemas.js';
import { uuidSchema } from '../accounts/accounts.schemas.js';

/**
 * Request and response schemas of the effects endpoints (BPR, series, grants and budgets, KPI sources).
 * The web UI imports the inferred types.
 */

export const municipalityParamsSchema = z.object({ municipalityId: uuidSchema });
export const bprProjectParamsSchema = municipalityParamsSchema.extend({ projectId: uuidSchema });
export const bprResultParamsSchema = bprProjectParamsSchema.extend({ resultId: uuidSchema });
export const seriesParamsSchema = municipalityParamsSchema.extend({ seriesId: uuidSchema });
export const seriesRowParamsSchema = seriesParamsSchema.extend({ rowId: uuidSchema });
export const fundingListParamsSchema = municipalityParamsSchema.extend({ listId: uuidSchema });
export const fundingItemParamsSchema = fundingListParamsSchema.extend({ itemId: uuidSchema });

export const effectTableKinds = ['bpr', 'series', 'funding'] as const;
export type EffectTableKind = (typeof effectTableKinds)[number];
export const effectTableKindSchema = z.enum(effectTableKinds, {
  error: '表の種類は bpr / series / funding です',
});
export const effectTableParamsSchema = municipalityParamsSchema.extend({
  tableKind: effectTableKindSchema,
  tableId: uuidSchema,
});

export const versionSchema = z.number({ error: '版（version）を数値で指定してください' }).int().min(1);
export const versionRequestSchema = z.object({ version: versionSchema });
export const actionIdsSchema = z.array(uuidSchema).max(50, '連携するアクションは50件までです');

export const amountUnitQuerySchema = z.object({ unit: amountUnitSchema.default('thousand') });

/* Shared views */

export const statedCheckSchema = z.object({
  label: z.string(),
  stated: z.number(),
  computed: z.number().nullable(),
  unit: z.string(),
  signed: z.boolean(),
  differs: z.boolean(),
  message: z.string().nullable(),
});

export const linkedActionSchema = z.object({
  id: z.string(),
  planId: z.string(),
  planTitle: z.string(),
  key: z.string(),
  number: z.string(),
  title: z.string(),
});
export type LinkedAction = z.infer<typeof linkedActionSchema>;

export const departmentRefSchema = z.object({ id: z.string(), key: z.string(), name: z.string() });

export const kpiLinkSchema = z.object({
  kpiId: z.string(),
  planId: z.string(),
  planTitle: z.string(),
  actionKey: z.string(),
  actionNumber: z.string(),
  actionTitle: z.string(),
  kpiKey: z.string(),
  name: z.string(),
  unit: z.string(),
  bprMetric: bprMetricSchema.nullable(),
  seriesColumnKey: z.string().nullable(),
  version: z.number(),
  /** The derived actuals now on the KPI, newest last. */
  actuals: z.array(z.object({ value: z.number(), date: z.string() })),
});
export type KpiLink = z.infer<typeof kpiLinkSchema>;

const tableHeaderFields = {
  id: z.string(),
  title: z.string(),
  source: z.string().nullable(),
  note: z.string().nullable(),
  published: z.boolean(),
  publishedAt: z.string().nullable(),
  version: z.number(),
  updatedAt: z.string(),
};

/* BPR */

export const bprProjectRequestSchema = z.object({
  title: titleSchema,
  fy: fiscalYearSchema,
  source: noteSchema,
  note: noteSchema,
  statedHoursSaved: statedFigureSchema,
  statedReductionRate: statedFigureSchema,
});
export const bprProjectUpdateRequestSchema = bprProjectRequestSchema.extend({ version: versionSchema });

export const bprResultRequestSchema = z.object({
  number: shortTextSchema(20),
  process: z.string().trim().min(1, '対象業務名を入力してください').max(300, '300文字以内にしてください'),
  departmentId: uuidSchema,
  hoursBefore: hoursSchema,
  /** null: 未測定. */
  hoursAfter: hoursSchema.nullable(),
  statedHoursSaved: statedFigureSchema,
  statedReductionRate: statedFigureSchema,
  note: noteSchema,
  actionIds: actionIdsSchema,
});
export const bprResultUpdateRequestSchema = bprResultRequestSchema.extend({ version: versionSchema });

export const bprTotalsSchema = z.object({
  processCount: z.number(),
  measuredCount: z.number(),
  unmeasuredCount: z.number(),
  hoursBefore: z.number(),
  hoursAfter: z.number(),
  hoursSaved: z.number(),
  reductionRate: z.number().nullable(),
  reductionRateShown: z.number().nullable(),
  checks: z.array(statedCheckSchema),
});

export const bprProjectSchema = z.object({
  ...tableHeaderFields,
  fy: z.number(),
  statedHoursSaved: z.number().nullable(),
  statedReductionRate: z.number().nullable(),
});

export const bprResultSchema = z.object({
  id: z.string(),
  number: z.string().nullable(),
  process: z.string(),
  department: departmentRefSchema,
  hoursBefore: z.number(),
  hoursAfter: z.number().nullable(),
  measured: z.boolean(),
  hoursSaved: z.number().nullable(),
  reductionRateShown: z.number().nullable(),
  statedHoursSaved: z.number().nullable(),
  statedReductionRate: z.number().nullable(),
  checks: z.array(statedCheckSchema),
  note: z.string().nullable(),
  position: z.number(),
  version: z.number(),
  actions: z.array(linkedActionSchema),
});

export const bprProjectDetailSchema = z.object({
  project: bprProjectSchema,
  results: z.array(bprResultSchema),
  totals: bprTotalsSchema,
  kpiLinks: z.array(kpiLinkSchema),
});

export const bprProjectListSchema = z.object({
  projects: z.array(bprProjectSchema.extend({ totals: bprTotalsSchema })),
});

/* Series */

export const seriesRequestSchema = z.object({
  title: titleSchema,
  description: noteSchema,
  columns: seriesColumnsSchema,
  source: noteSchema,
  note: noteSchema,
});
export const seriesUpdateRequestSchema = seriesRequestSchema.extend({ version: versionSchema });

const figureRecordSchema = z.record(z.string().max(32), z.number().min(-1e13).max(1e13));

export const seriesRowRequestSchema = z.object({
  fy: fiscalYearSchema,
  values: z.record(z.string().max(32), seriesValueSchema),
  statedValues: figureRecordSchema.nullable(),
  statedChanges: figureRecordSchema.nullable(),
  note: noteSchema,
});
export const seriesRowUpdateRequestSchema = seriesRowRequestSchema.extend({ version: versionSchema });

export const seriesSchema = z.object({
  ...tableHeaderFields,
  description: z.string().nullable(),
  columns: z.array(seriesColumnSchema),
  /** The fiscal years covered, for a list. */
  years: z.array(z.number()),
});

export const seriesRowSchema = z.object({
  id: z.string(),
  fy: z.number(),
  /** As entered. */
  entered: z.record(z.string(), z.number().nullable()),
  statedValues: z.record(z.string(), z.number()).nullable(),
  statedChanges: z.record(z.string(), z.number()).nullable(),
  note: z.string().nullable(),
  version: z.number(),
  /** Every column's value, sum columns computed. */
  values: z.record(z.string(), z.number().nullable()),
  changes: z.record(z.string(), z.number().nullable()),
  checks: z.array(statedCheckSchema),
});

export const seriesDetailSchema = z.object({
  series: seriesSchema,
  rows: z.array(seriesRowSchema),
  checks: z.array(statedCheckSchema),
  kpiLinks: z.array(kpiLinkSchema),
});

export const seriesListSchema = z.object({
  series: z.array(seriesSchema.extend({ flagCount: z.number() })),
});

/* Grants and budget lines */

export const fundingListRequestSchema = z.object({
  kind: fundingKindSchema,
  title: titleSchema,
  fy: fiscalYearSchema,
  program: shortTextSchema(200),
  source: noteSchema,
  note: noteSchema,
  statedProjectCost: yenSchema.nullable(),
  statedGrantAmount: yenSchema.nullable(),
  statedBudgetAmount: yenSchema.nullable(),
});
export const fundingListUpdateRequestSchema = fundingListRequestSchema
  .omit({ kind: true })
  .extend({ version: versionSchema });

export const fundingItemRequestSchema = z.object({
  number: shortTextSchema(20),
  name: z.string().trim().min(1, '事業名を入力してください').max(300, '300文字以内にしてください'),
  summary: noteSchema,
  type: shortTextSchema(100),
  projectCost: yenSchema.nullable(),
  grantAmount: yenSchema.nullable(),
  budgetAmount: yenSchema.nullable(),
  subsidyRate: subsidyRateSchema,
  note: noteSchema,
  actionIds: actionIdsSchema,
});
export const fundingItemUpdateRequestSchema = fundingItemRequestSchema.extend({ version: versionSchema });

export const fundingTotalsSchema = z.object({
  itemCount: z.number(),
  projectCost: z.number(),
  grantAmount: z.number(),
  budgetAmount: z.number(),
  checks: z.array(statedCheckSchema),
});

export const fundingListSchema = z.object({
  ...tableHeaderFields,
  kind: fundingKindSchema,
  fy: z.number(),
  program: z.string().nullable(),
  statedProjectCost: z.number().nullable(),
  statedGrantAmount: z.number().nullable(),
  statedBudgetAmount: z.number().nullable(),
});

export const fundingItemSchema = z.object({
  id: z.string(),
  number: z.string().nullable(),
  name: z.string(),
  summary: z.string().nullable(),
  type: z.string().nullable(),
  projectCost: z.number().nullable(),
  grantAmount: z.number().nullable(),
  budgetAmount: z.number().nullable(),
  subsidyRate: z.object({ numerator: z.number(), denominator: z.number() }).nullable(),
  /** 採択額 ÷ 事業費, in percent. */
  grantShare: z.number().nullable(),
  note: z.string().nullable(),
  position: z.number(),
  version: z.number(),
  actions: z.array(linkedActionSchema),
});

export const fundingListDetailSchema = z.object({
  list: fundingListSchema,
  items: z.array(fundingItemSchema),
  totals: fundingTotalsSchema,
});

const fundingYearTypeTotalSchema = z.object({
  fy: z.number(),
  kind: fundingKindSchema,
  type: z.string().nullable(),
  itemCount: z.number(),
  projectCost: z.number(),
  grantAmount: z.number(),
  budgetAmount: z.number(),
});

export const fundingListsResponseSchema = z.object({
  lists: z.array(fundingListSchema.extend({ totals: fundingTotalsSchema })),
  byYear: z.array(fundingYearTypeTotalSchema),
  byYearAndType: z.array(fundingYearTypeTotalSchema),
});

/* Publishing, options, KPI sources, the action's effects */

export const publishRequestSchema = z.object({ published: z.boolean(), version: versionSchema });
export const publishResponseSchema = z.object({ published: z.boolean(), version: z.number() });

export const effectOptionsSchema = z.object({
  departments: z.array(departmentRefSchema.extend({ parentId: z.string().nullable() })),
  actions: z.array(linkedActionSchema),
  kpis: z.array(
    z.object({
      kpiId: z.string(),
      planId: z.string(),
      planTitle: z.string(),
      actionKey: z.string(),
      actionNumber: z.string(),
      actionTitle: z.string(),
      kpiKey: z.string(),
      name: z.string(),
      unit: z.string(),
      source: z
        .object({
          kind: z.enum(['bpr_project', 'series_column']),
          bprProjectId: z.string().nullable(),
          bprMetric: bprMetricSchema.nullable(),
          seriesId: z.string().nullable(),
          seriesColumnKey: z.string().nullable(),
          version: z.number(),
        })
        .nullable(),
    }),
  ),
  /** Grant types already in use, offered as suggestions. */
  fundingTypes: z.array(z.string()),
});
export type EffectOptions = z.infer<typeof effectOptionsSchema>;

export const kpiSourceParamsSchema = z.object({
  planId: z.string().uuid('計画IDの形式が正しくありません'),
  actionKey: z.string().min(1).max(64),
  kpiKey: z.string().min(1).max(64),
});

export const kpiSourceSpecSchema = z.discriminatedUnion(
  'kind',
  [
    z.object({ kind: z.literal('bpr_project'), bprProjectId: uuidSchema, metric: bprMetricSchema }),
    z.object({
      kind: z.literal('series_column'),
      seriesId: uuidSchema,
      columnKey: z.string().min(1, '列を選んでください').max(32),
    }),
  ],
  { error: '連携元の種類は bpr_project か series_column です' },
);
export type KpiSourceSpec = z.infer<typeof kpiSourceSpecSchema>;

export const kpiSourceRequestSchema = z.object({
  /** null: the KPI stops taking its actual from a source (its derived actuals are archived). */
  source: kpiSourceSpecSchema.nullable(),
  /** The version of the link read; null when the KPI had none. */
  version: versionSchema.nullable(),
});

export const kpiSourceResponseSchema = z.object({
  kpiId: z.string(),
  source: kpiSourceSpecSchema.nullable(),
  version: z.number().nullable(),
  actuals: z.array(z.object({ value: z.number(), date: z.string(), note: z.string().nullable() })),
});

export const actionEffectsParamsSchema = z.object({
  planId: z.string().uuid('計画IDの形式が正しくありません'),
  actionKey: z.string().min(1).max(64),
});

export const actionEffectsSchema = z.object({
  municipalityId: z.string(),
  bprResults: z.array(
    z.object({
      id: z.string(),
      projectId: z.string(),
      projectTitle: z.string(),
      fy: z.number(),
      process: z.string(),
      departmentName: z.string(),
      hoursSaved: z.number().nullable(),
      measured: z.boolean(),
    }),
  ),
  fundingItems: z.array(
    z.object({
      id: z.string(),
      listId: z.string(),
      listTitle: z.string(),
      kind: fundingKindSchema,
      fy: z.number(),
      name: z.string(),
      projectCost: z.number().nullable(),
      grantAmount: z.number().nullable(),
      budgetAmount: z.number().nullable(),
    }),
  ),
  meetings: z.array(
    z.object({
      id: z.string(),
      bodyId: z.string(),
      bodyName: z.string(),
      date: z.string(),
      number: z.string().nullable(),
      title: z.string().nullable(),
      status: z.enum(['held', 'planned']),
    }),
  ),
  kpiSources: z.array(
    z.object({
      kpiKey: z.string(),
      kind: z.enum(['bpr_project', 'series_column']),
      tableId: z.string(),
      tableTitle: z.string(),
      detail: z.string(),
    }),
  ),
});
export type ActionEffects = z.infer<typeof actionEffectsSchema>;

export type BprProjectDetail = z.infer<typeof bprProjectDetailSchema>;
export type BprProjectList = z.infer<typeof bprProjectListSchema>;
export type BprResultView = z.infer<typeof bprResultSchema>;
export type SeriesDetail = z.infer<typeof seriesDetailSchema>;
export type SeriesList = z.infer<typeof seriesListSchema>;
export type SeriesRowView = z.infer<typeof seriesRowSchema>;
export type FundingListDetail = z.infer<typeof fundingListDetailSchema>;
export type FundingListsResponse = z.infer<typeof fundingListsResponseSchema>;
export type FundingItemView = z.infer<typeof fundingItemSchema>;
export type StatedCheckView = z.infer<typeof statedCheckSchema>;
export { amountUnitSchema };
