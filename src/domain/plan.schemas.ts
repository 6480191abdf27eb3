import { z } from 'zod';
import { isValidMunicipalityCode } from './municipality-code.js';

/**
 * The plan interchange format (kiseki-plan@1) and, at the same time, the validated shape of the domain
 * model: what the CLI reads and writes, what the database stores and what the evaluation engine reads.
 * Japanese messages: a clerk reads them, with the JSON path the loader adds.
 */

// Zod's own messages (a missing field, a wrong type) in Japanese too: a clerk reads every one of them.
const typeNames: Record<string, string> = {
  string: '文字列',
  number: '数値',
  boolean: 'true / false',
  array: '配列',
  object: 'オブジェクト',
};
z.config({
  ...z.locales.ja(),
  customError: (issue) => {
    if (issue.code !== 'invalid_type') return undefined;
    if (issue.input === undefined) return '必須の項目です（値がありません）';
    return `${typeNames[issue.expected] ?? issue.expected}で入力してください`;
  },
});

export const PLAN_FORMAT = 'kiseki-plan@1';

/** A key: the identity of a record in the plan format (and in the history), written once. */
export const keySchema = z
  .string()
  .min(1, 'キーを入力してください')
  .max(64, 'キーは64文字以内にしてください')
  .regex(/^[A-Za-z0-9][A-Za-z0-9_-]*$/, 'キーは半角英数字と - _ で書いてください');

const key = keySchema;

const text = (max: number) => z.string().max(max, `${max}文字以内にしてください`);
const requiredText = (max: number) => text(max).trim().min(1, '入力してください');

/** Fiscal year (年度) as the calendar year it starts in: 2024 = 令和6年度. */
export const fiscalYearSchema = z
  .number({ error: '年度は数値（例: 2024）で入力してください' })
  .int('年度は整数で入力してください')
  .min(1989, '年度は1989以降にしてください')
  .max(2100, '年度は2100以前にしてください');

export const isoDateSchema = z.iso.date({ error: '日付は YYYY-MM-DD 形式で入力してください' });

/** A progress or rate in percent; a progress is 0–100, an assessment too. */
const percent = z
  .number({ error: '0〜100 の数値で入力してください' })
  .min(0, '0以上にしてください')
  .max(100, '100以下にしてください');

const weight = z.number().positive('重みは正の数にしてください').max(1_000_000).optional();

const finiteNumber = z
  .number({ error: '数値で入力してください' })
  .refine(Number.isFinite, '有限の数値にしてください');

export const municipalitySchema = z.object({
  code: z
    .string()
    .regex(/^\d{6}$/, '全国地方公共団体コードは6桁の数字です')
    .refine(isValidMunicipalityCode, '全国地方公共団体コードの検査数字が一致しません'),
  name: requiredText(100),
  prefecture: requiredText(10),
});

export const departmentSchema = z.object({
  key,
  name: requiredText(100),
  /** Key of the enclosing department (部 → 課 → 係). */
  parent: key.nullish(),
});

export const ratingBandSchema = z.object({
  key,
  label: requiredText(20),
  /** Lower bound in percent, inclusive, compared with the rate as shown (one decimal). */
  min: percent,
});

export const rateBasisSchema = z.enum(['kpi', 'assessment', 'tasks']);
export const kpiBasisSchema = z.enum(['ratio', 'baseline']);

export const evaluationSettingsSchema = z
  .object({
    /** Bands from the highest to the lowest; the last one starts at 0 so that every rate has a label. */
    ratingScale: z.array(ratingBandSchema).min(2, '評価区分は2つ以上必要です').max(10),
    /** The seed's flowchart: a measured KPI first, then an overall assessment, then the task mean. */
    basisOrder: z.array(rateBasisSchema).min(1).max(3),
    defaultKpiBasis: kpiBasisSchema,
    /** Several KPIs on one action: their (weighted) mean, or the weakest one. */
    kpiAggregation: z.enum(['mean', 'min']),
    /** Several tasks in one year: mean of all tasks, or mean of each department's mean. */
    taskAggregation: z.enum(['task_mean', 'department_mean']),
  })
  .superRefine((settings, ctx) => {
    const bands = settings.ratingScale;
    for (let i = 1; i < bands.length; i++) {
      if (bands[i]!.min >= bands[i - 1]!.min) {
        ctx.addIssue({
          code: 'custom',
          path: ['ratingScale', i, 'min'],
          message: '評価区分の下限は上から順に小さくしてください',
        });
      }
    }
    if (bands.at(-1)?.min !== 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['ratingScale', bands.length - 1, 'min'],
        message: '最後の評価区分の下限は 0 にしてください',
      });
    }
    if (new Set(bands.map((band) => band.key)).size !== bands.length) {
      ctx.addIssue({ code: 'custom', path: ['ratingScale'], message: '評価区分のキーが重複しています' });
    }
    if (new Set(settings.basisOrder).size !== settings.basisOrder.length) {
      ctx.addIssue({ code: 'custom', path: ['basisOrder'], message: '評価根拠の順序に重複があります' });
    }
  });

export const taskSchema = z.object({
  key: key.optional(),
  fy: fiscalYearSchema,
  department: key,
  planText: requiredText(1000),
  /** Progress in percent; null while nothing has been recorded. */
  progress: percent.nullable(),
  /** 予定 / 想定: a value for a year not yet done. Counted in the means, but marks the result 見込み. */
  expected: z.boolean().optional(),
  weight,
});

export const kpiActualSchema = z.object({
  value: finiteNumber,
  date: isoDateSchema,
  /** 仮定値: a figure the source document gives as an assumption, not a measurement. */
  hypothetical: z.boolean().optional(),
  note: text(500).optional(),
});

export const kpiSchema = z.object({
  key,
  name: requiredText(200),
  unit: text(20),
  direction: z.enum(['increase', 'decrease']),
  /** Unset: the plan's default KPI basis applies. */
  basis: kpiBasisSchema.optional(),
  baseline: z
    .object({ value: finiteNumber, date: isoDateSchema.optional(), label: text(50).optional() })
    .optional(),
  target: z.object({ value: finiteNumber, fy: fiscalYearSchema }),
  actuals: z.array(kpiActualSchema).max(1000),
  weight,
});

export const assessmentSchema = z.object({
  rate: percent,
  reason: requiredText(2000).describe('総括評価の理由（必須）'),
  hypothetical: z.boolean().optional(),
});

export const actionStatusSchema = z.enum(['active', 'not_started', 'cancelled', 'unassessable']);

/** Figures a source document states, kept to be checked against what the engine computes. */
export const statedFiguresSchema = z.object({
  yearMeans: z.record(z.string().regex(/^\d{4}$/, '年度は西暦4桁で書いてください'), percent).optional(),
  taskMean: percent.optional(),
  kpiRate: percent.optional(),
  rating: text(20).optional(),
});

export const scheduleRowSchema = z.object({
  item: requiredText(200),
  entries: z.array(z.object({ fy: fiscalYearSchema, text: requiredText(200) })).max(20),
});

/** 今後の方向性 in the final report: what becomes of the action after the plan period. */
export const actionDirectionSchema = z.enum(['continue', 'complete', 'extend', 'merge', 'abolish']);

export const actionDirectionLabels: Record<z.output<typeof actionDirectionSchema>, string> = {
  continue: '継続',
  complete: '完了',
  extend: '延伸',
  merge: '統合',
  abolish: '廃止',
};

/** What the owner department writes for the final report (seed 001, 最終進捗率・達成率まとめ方). */
export const actionReportSchema = z.object({
  /** 成果: what came of it, e.g. "公式ホームページ アクセス数25%". */
  outcome: text(2000).optional(),
  /** やったこと（取り組んだこと）. */
  workDone: text(4000).optional(),
  /** 課題: what is left to do. */
  issuesAhead: text(4000).optional(),
  direction: actionDirectionSchema.optional(),
});

export const actionSchema = z.object({
  key,
  number: requiredText(20),
  title: requiredText(200),
  aim: text(2000).optional(),
  approach: text(4000).optional(),
  /** 目標(値) as the plan writes it; may be text only. */
  target: text(1000).optional(),
  owners: z.array(key).max(50),
  schedule: z.array(scheduleRowSchema).max(50).optional(),
  tasks: z.array(taskSchema).max(1000),
  kpis: z.array(kpiSchema).max(50),
  assessment: assessmentSchema.optional(),
  status: actionStatusSchema.optional(),
  /** Used only when the plan aggregates tasks per department: weights per department key. */
  departmentWeights: z.record(key, z.number().positive()).optional(),
  stated: statedFiguresSchema.optional(),
  note: text(2000).optional(),
  report: actionReportSchema.optional(),
});

export type PlanNodeInput = {
  key: string;
  number?: string | undefined;
  title: string;
  description?: string | undefined;
  children?: PlanNodeInput[] | undefined;
  actions?: z.input<typeof actionSchema>[] | undefined;
};

export type PlanNodeData = {
  key: string;
  number?: string | undefined;
  title: string;
  description?: string | undefined;
  children: PlanNodeData[];
  actions: z.output<typeof actionSchema>[];
};

/** A node's own fields, without what it contains (for the editing forms). */
export const planNodeFieldsSchema = z.object({
  key,
  number: text(20).optional(),
  title: requiredText(200),
  description: text(4000).optional(),
});

export const planNodeSchema: z.ZodType<PlanNodeData, PlanNodeInput> = z.lazy(() =>
  planNodeFieldsSchema.extend({
    children: z.array(planNodeSchema).max(200).default([]),
    actions: z.array(actionSchema).max(500).default([]),
  }),
);

export const phaseSchema = z.object({
  name: requiredText(50),
  startFy: fiscalYearSchema,
  endFy: fiscalYearSchema,
});

export const planSchema = z.object({
  slug: key,
  title: requiredText(200),
  period: z
    .object({ startFy: fiscalYearSchema, endFy: fiscalYearSchema })
    .refine((period) => period.endFy >= period.startFy, '計画期間の終わりは始まり以降にしてください'),
  /** Names of the grouping levels, top first (嘉麻市: テーマ, 重点施策). Level names are data. */
  levels: z.array(requiredText(30)).max(5),
  /** Name of the evaluated unit (アクション, 取組項目 …). */
  actionLevel: requiredText(30),
  mission: text(4000).optional(),
  vision: z
    .object({
      statement: text(2000).optional(),
      items: z.array(z.object({ group: text(100).optional(), text: requiredText(500) })).max(100),
    })
    .optional(),
  values: z.array(requiredText(500)).max(50).optional(),
  phases: z.array(phaseSchema).max(20).optional(),
  evaluation: evaluationSettingsSchema.optional(),
  /** Where the plan's content comes from, and what in it is an example or an assumption. */
  sources: z.array(requiredText(500)).max(20).optional(),
  nodes: z.array(planNodeSchema).max(200),
  /** Actions directly under the plan, for a plan without grouping levels. */
  actions: z.array(actionSchema).max(500).default([]),
});

export const planDocumentSchema = z
  .object({
    $schema: z.string().optional(),
    format: z.literal(PLAN_FORMAT, { error: `format は "${PLAN_FORMAT}" にしてください` }),
    municipality: municipalitySchema,
    departments: z.array(departmentSchema).max(1000),
    plan: planSchema,
  })
  .superRefine((doc, ctx) => {
    const departmentKeys = new Set<string>();
    doc.departments.forEach((department, i) => {
      if (departmentKeys.has(department.key)) {
        ctx.addIssue({
          code: 'custom',
          path: ['departments', i, 'key'],
          message: `課のキー "${department.key}" が重複しています`,
        });
      }
      departmentKeys.add(department.key);
    });
    doc.departments.forEach((department, i) => {
      if (department.parent && !departmentKeys.has(department.parent)) {
        ctx.addIssue({
          code: 'custom',
          path: ['departments', i, 'parent'],
          message: `上位の課 "${department.parent}" がありません`,
        });
      }
    });

    const seenKeys = new Set<string>();
    const checkUnique = (kind: string, value: string, path: (string | number)[]) => {
      const scoped = `${kind}:${value}`;
      if (seenKeys.has(scoped))
        ctx.addIssue({ code: 'custom', path, message: `${kind}のキー "${value}" が重複しています` });
      seenKeys.add(scoped);
    };
    const checkDepartment = (value: string, path: (string | number)[]) => {
      if (!departmentKeys.has(value))
        ctx.addIssue({ code: 'custom', path, message: `課 "${value}" が departments にありません` });
    };
    const checkAction = (action: z.output<typeof actionSchema>, path: (string | number)[]) => {
      checkUnique('アクション', action.key, [...path, 'key']);
      action.owners.forEach((owner, i) => {
        checkDepartment(owner, [...path, 'owners', i]);
      });
      action.tasks.forEach((task, i) => {
        checkDepartment(task.department, [...path, 'tasks', i, 'department']);
        if (task.fy < doc.plan.period.startFy || task.fy > doc.plan.period.endFy) {
          ctx.addIssue({
            code: 'custom',
            path: [...path, 'tasks', i, 'fy'],
            message: '年度が計画期間の外です',
          });
        }
      });
      const kpiKeys = new Set<string>();
      action.kpis.forEach((kpi, i) => {
        if (kpiKeys.has(kpi.key))
          ctx.addIssue({
            code: 'custom',
            path: [...path, 'kpis', i, 'key'],
            message: `指標のキー "${kpi.key}" が重複しています`,
          });
        kpiKeys.add(kpi.key);
      });
      for (const department of Object.keys(action.departmentWeights ?? {})) {
        checkDepartment(department, [...path, 'departmentWeights', department]);
      }
    };
    const visit = (nodes: PlanNodeData[], path: (string | number)[], depth: number) => {
      nodes.forEach((node, i) => {
        const nodePath = [...path, i];
        checkUnique('階層', node.key, [...nodePath, 'key']);
        if (depth >= doc.plan.levels.length) {
          ctx.addIssue({
            code: 'custom',
            path: nodePath,
            message: `階層が levels（${doc.plan.levels.length}段）より深くなっています`,
          });
        }
        node.actions.forEach((action, j) => {
          checkAction(action, [...nodePath, 'actions', j]);
        });
        visit(node.children, [...nodePath, 'children'], depth + 1);
      });
    };
    visit(doc.plan.nodes, ['plan', 'nodes'], 0);
    doc.plan.actions.forEach((action, j) => {
      checkAction(action, ['plan', 'actions', j]);
    });
  });

export type PlanDocumentInput = z.input<typeof planDocumentSchema>;
export type PlanDocument = z.output<typeof planDocumentSchema>;
export type Plan = PlanDocument['plan'];
export type PlanNode = PlanNodeData;
export type Action = z.output<typeof actionSchema>;
export type Task = z.output<typeof taskSchema>;
export type Kpi = z.output<typeof kpiSchema>;
export type KpiActual = z.output<typeof kpiActualSchema>;
export type Assessment = z.output<typeof assessmentSchema>;
export type ActionStatus = z.output<typeof actionStatusSchema>;
export type ActionReport = z.output<typeof actionReportSchema>;
export type ActionDirection = z.output<typeof actionDirectionSchema>;
export type EvaluationSettings = z.output<typeof evaluationSettingsSchema>;
export type RatingBand = z.output<typeof ratingBandSchema>;
export type RateBasis = z.output<typeof rateBasisSchema>;
export type KpiBasis = z.output<typeof kpiBasisSchema>;
export type Department = z.output<typeof departmentSchema>;
export type Municipality = z.output<typeof municipalitySchema>;
