import type { Database } from '../../db/database.js';
import { AppError } from '../../domain/app-error.js';
import { formatFiscalYear, formatJapaneseDate } from '../../domain/fiscal-year.js';
import type { Actor } from '../../domain/policy.js';
import { formatRoundTitle } from '../../domain/progress-round.js';
import type {
  AssessmentInput,
  KpiActualInput,
  TaskProgressInput,
} from '../../domain/progress-round.schemas.js';
import { recordAudit } from '../audit/audit.repository.js';
import { type DepartmentEditContext, runDepartmentEdit } from './department-edit.js';
import {
  archiveKpiActual,
  bumpKpiVersion,
  findKpiActual,
  findLastChange,
  insertKpiActual,
  isActionOwnedBy,
  listKpiActuals,
  lockAction,
  lockKpi,
  lockTask,
  updateAssessment,
  updateKpiActual,
  updateTask,
} from './progress.repository.js';
import { toAssessmentView, toKpiView } from './rounds.models.js';
import { findTaskComment, saveTaskComment, type TaskCommentRecord } from './rounds.repository.js';
import type {
  AssessmentSaveResponse,
  KpiSaveResponse,
  TaskConflictCurrent,
  TaskRowView,
  TaskSaveResponse,
} from './rounds.schemas.js';

interface DepartmentTarget {
  db: Database;
  actor: Actor;
  planId: string;
  roundId: string;
  departmentId: string;
}

function formatPercent(value: number | null): string {
  return value === null ? '未記録' : `${value}%`;
}

function formatAction({
  plan,
  number,
  title,
}: {
  plan: { actionLevel: string };
  number: string;
  title: string;
}) {
  return `${plan.actionLevel}${number}「${title}」`;
}

function toTaskRow({
  task,
  comment,
}: {
  task: { id: string; planText: string; progress: number | null; expected: boolean | null; version: number };
  comment: TaskCommentRecord | null;
}): TaskRowView {
  return {
    id: task.id,
    planText: task.planText,
    progress: task.progress,
    expected: task.expected === true,
    version: task.version,
    comment: comment
      ? {
          body: comment.body,
          version: comment.version,
          updatedAt: comment.updatedAt.toISOString(),
          updatedByName: comment.updatedByName,
        }
      : null,
  };
}

/**
 * Saves one task row of the department's page: its progress, this round's comment and (in the June
 * round, which fixes the year's plan) its plan text. The row names the versions it read of the task and
 * of the comment; if either moved on, the save is refused with both as they are now.
 */
export async function updateTaskProgress({
  taskId,
  input,
  ...target
}: DepartmentTarget & { taskId: string; input: TaskProgressInput }): Promise<TaskSaveResponse> {
  const { result, submission } = await runDepartmentEdit({
    ...target,
    edit: async ({ tx, actor, plan, round, department }) => {
      const task = await lockTask({ db: tx, planId: plan.id, taskId });
      if (!task || task.departmentId !== department.id || task.fy !== round.fy) {
        throw new AppError({
          code: 'task.not_found',
          message: `指定されたタスクは、${department.name}の${formatFiscalYear(round.fy)}のタスクではありません`,
        });
      }
      const comment = await findTaskComment({ db: tx, roundId: round.id, taskId, lock: true });
      if (task.version !== input.version || (comment?.version ?? 0) !== input.commentVersion) {
        const lastChange = await findLastChange({
          db: tx,
          planId: plan.id,
          subjectType: 'task',
          subjectId: taskId,
        });
        const current: TaskConflictCurrent = {
          ...toTaskRow({ task, comment }),
          lastChange: lastChange ? { byName: lastChange.actorName, at: lastChange.at.toISOString() } : null,
        };
        throw new AppError({
          code: 'record.conflict',
          message: `${lastChange?.actorName ?? 'ほかの人'}が先にこのタスクを更新しました。相手の内容を確認して、自分の入力をもう一度反映するか、相手の内容を使うかを選んでください`,
          details: { current },
        });
      }

      const planText = input.planText ?? task.planText;
      if (planText !== task.planText && round.month !== 6) {
        throw new AppError({
          code: 'request.invalid',
          message: '計画の内容は、6月（年度計画）の進捗確認でのみ変更できます',
          issues: [
            { path: 'planText', message: '計画の内容は、6月（年度計画）の進捗確認でのみ変更できます' },
          ],
        });
      }
      const body = input.comment.trim();
      const progressChanged = input.progress !== task.progress;
      const planTextChanged = planText !== task.planText;
      const commentChanged = body !== (comment?.body ?? '');
      if (!progressChanged && !planTextChanged && !commentChanged) {
        return { result: toTaskRow({ task, comment }), changed: false };
      }

      const version =
        progressChanged || planTextChanged
          ? await updateTask({ db: tx, taskId, values: { progress: input.progress, planText } })
          : task.version;
      if (commentChanged) await saveTaskComment({ db: tx, round, taskId, body, userId: actor.userId });

      const changes = [
        progressChanged && `進捗 ${formatPercent(task.progress)} → ${formatPercent(input.progress)}`,
        planTextChanged && '計画の内容を変更',
        commentChanged && (body === '' ? 'コメントを削除' : 'コメントを更新'),
      ].filter(Boolean);
      await recordAudit({
        db: tx,
        actor,
        entry: {
          municipalityId: plan.municipalityId,
          planId: plan.id,
          actionKey: task.actionKey,
          subjectType: 'task',
          subjectId: taskId,
          operation: 'progress',
          summary: `${department.name}：${formatAction({ plan, number: task.actionNumber, title: task.actionTitle })}のタスク「${task.planText}」の${changes.join('、')}（${formatRoundTitle(round)}）`,
          before: { progress: task.progress, planText: task.planText, comment: comment?.body ?? '' },
          after: { progress: input.progress, planText, comment: body },
        },
      });
      const savedComment = commentChanged
        ? await findTaskComment({ db: tx, roundId: round.id, taskId })
        : comment;
      return {
        result: toTaskRow({
          task: { ...task, progress: input.progress, planText, version },
          comment: savedComment,
        }),
        changed: true,
      };
    },
  });
  return { task: result, submission };
}

/** The KPI, checked to be one of the department's (an action it owns) and still at the version read. */
async function lockOwnedKpi({
  context,
  kpiId,
  kpiVersion,
}: {
  context: DepartmentEditContext;
  kpiId: string;
  kpiVersion: number;
}) {
  const { tx, plan, department } = context;
  const kpi = await lockKpi({ db: tx, planId: plan.id, kpiId });
  if (!kpi || !(await isActionOwnedBy({ db: tx, actionId: kpi.actionId, departmentId: department.id }))) {
    throw new AppError({
      code: 'kpi.not_found',
      message: `指定された指標は、${department.name}が担い手の${plan.actionLevel}の指標ではありません`,
    });
  }
  if (kpi.version !== kpiVersion) {
    const actuals = await listKpiActuals({ db: tx, kpiIds: [kpi.id] });
    throw new AppError({
      code: 'record.conflict',
      message: `ほかの人が先に指標「${kpi.name}」の実績値を更新しました。最新の実績値を確認してから、もう一度入力してください`,
      details: { current: toKpiViewWithActuals({ kpi, actuals }) },
    });
  }
  return kpi;
}

function toKpiViewWithActuals({
  kpi,
  actuals,
}: {
  kpi: Parameters<typeof toKpiView>[0]['kpi'];
  actuals: Awaited<ReturnType<typeof listKpiActuals>>;
}) {
  return toKpiView({
    kpi,
    actuals: actuals.map((actual) => ({
      id: actual.id,
      value: actual.value,
      date: actual.date,
      hypothetical: actual.hypothetical === true,
      note: actual.note,
    })),
  });
}

function formatActual({ value, date, unit }: { value: number; date: string; unit: string }): string {
  return `${value.toLocaleString('ja-JP', { maximumFractionDigits: 6 })}${unit}（${formatJapaneseDate(date)}時点）`;
}

async function finishKpiChange({
  context,
  kpi,
  audit,
}: {
  context: DepartmentEditContext;
  kpi: NonNullable<Awaited<ReturnType<typeof lockKpi>>>;
  audit: { subjectId: string; operation: string; change: string; before: unknown; after: unknown };
}) {
  const { tx, actor, plan, round, department } = context;
  const version = await bumpKpiVersion({ db: tx, kpiId: kpi.id });
  await recordAudit({
    db: tx,
    actor,
    entry: {
      municipalityId: plan.municipalityId,
      planId: plan.id,
      actionKey: kpi.actionKey,
      subjectType: 'kpi_actual',
      subjectId: audit.subjectId,
      operation: audit.operation,
      summary: `${department.name}：${formatAction({ plan, number: kpi.actionNumber, title: kpi.actionTitle })}の指標「${kpi.name}」の${audit.change}（${formatRoundTitle(round)}）`,
      before: audit.before,
      after: audit.after,
    },
  });
  const actuals = await listKpiActuals({ db: tx, kpiIds: [kpi.id] });
  return { result: toKpiViewWithActuals({ kpi: { ...kpi, version }, actuals }), changed: true };
}

/** Adds a measured value (実績値, with its date) to one of the department's KPIs. */
export async function addKpiActual({
  kpiId,
  input,
  ...target
}: DepartmentTarget & { kpiId: string; input: KpiActualInput }): Promise<KpiSaveResponse> {
  const { result, submission } = await runDepartmentEdit({
    ...target,
    edit: async (context) => {
      const kpi = await lockOwnedKpi({ context, kpiId, kpiVersion: input.kpiVersion });
      const values = { value: input.value, date: input.date, note: input.note || null };
      const actual = await insertKpiActual({
        db: context.tx,
        kpi,
        municipalityId: context.plan.municipalityId,
        planId: context.plan.id,
        values,
      });
      return finishKpiChange({
        context,
        kpi,
        audit: {
          subjectId: actual.id,
          operation: 'create',
          change: `実績値 ${formatActual({ ...values, unit: kpi.unit })}を登録`,
          before: null,
          after: values,
        },
      });
    },
  });
  return { kpi: result, submission };
}

async function ensureActual({
  context,
  kpiId,
  actualId,
}: {
  context: DepartmentEditContext;
  kpiId: string;
  actualId: string;
}) {
  const actual = await findKpiActual({ db: context.tx, kpiId, actualId });
  if (!actual) {
    throw new AppError({
      code: 'kpi.not_found',
      message: '指定された実績値は見つかりません（削除された可能性があります）',
    });
  }
  return actual;
}

/** Corrects a measured value of one of the department's KPIs. */
export async function updateKpiActualValue({
  kpiId,
  actualId,
  input,
  ...target
}: DepartmentTarget & { kpiId: string; actualId: string; input: KpiActualInput }): Promise<KpiSaveResponse> {
  const { result, submission } = await runDepartmentEdit({
    ...target,
    edit: async (context) => {
      const kpi = await lockOwnedKpi({ context, kpiId, kpiVersion: input.kpiVersion });
      const actual = await ensureActual({ context, kpiId, actualId });
      const values = { value: input.value, date: input.date, note: input.note || null };
      if (actual.value === values.value && actual.date === values.date && actual.note === values.note) {
        const actuals = await listKpiActuals({ db: context.tx, kpiIds: [kpi.id] });
        return { result: toKpiViewWithActuals({ kpi, actuals }), changed: false };
      }
      await updateKpiActual({ db: context.tx, actualId, values });
      return finishKpiChange({
        context,
        kpi,
        audit: {
          subjectId: actualId,
          operation: 'update',
          change: `実績値を ${formatActual({ ...actual, unit: kpi.unit })} → ${formatActual({ ...values, unit: kpi.unit })}に修正`,
          before: { value: actual.value, date: actual.date, note: actual.note },
          after: values,
        },
      });
    },
  });
  return { kpi: result, submission };
}

/** Removes a measured value (archived: it stays in the history). */
export async function archiveKpiActualValue({
  kpiId,
  actualId,
  kpiVersion,
  ...target
}: DepartmentTarget & { kpiId: string; actualId: string; kpiVersion: number }): Promise<KpiSaveResponse> {
  const { result, submission } = await runDepartmentEdit({
    ...target,
    edit: async (context) => {
      const kpi = await lockOwnedKpi({ context, kpiId, kpiVersion });
      const actual = await ensureActual({ context, kpiId, actualId });
      await archiveKpiActual({ db: context.tx, actualId });
      return finishKpiChange({
        context,
        kpi,
        audit: {
          subjectId: actualId,
          operation: 'archive',
          change: `実績値 ${formatActual({ ...actual, unit: kpi.unit })}を削除`,
          before: { value: actual.value, date: actual.date, note: actual.note },
          after: null,
        },
      });
    },
  });
  return { kpi: result, submission };
}

/** Sets (or removes, with a null rate) the overall assessment of an action the department owns. */
export async function saveAssessment({
  actionKey,
  input,
  ...target
}: DepartmentTarget & { actionKey: string; input: AssessmentInput }): Promise<AssessmentSaveResponse> {
  const { result, submission } = await runDepartmentEdit({
    ...target,
    edit: async ({ tx, actor, plan, round, department }) => {
      const action = await lockAction({ db: tx, planId: plan.id, actionKey });
      if (!action || !(await isActionOwnedBy({ db: tx, actionId: action.id, departmentId: department.id }))) {
        throw new AppError({
          code: 'action.not_found',
          message: `指定された${plan.actionLevel}は、${department.name}が担い手ではありません`,
        });
      }
      if (action.version !== input.version) {
        const lastChange = await findLastChange({
          db: tx,
          planId: plan.id,
          subjectType: 'assessment',
          subjectId: action.id,
        });
        throw new AppError({
          code: 'record.conflict',
          message: `${lastChange?.actorName ?? 'ほかの人'}が先にこの${plan.actionLevel}を更新しました。最新の内容を確認してから、もう一度入力してください`,
          details: {
            current: {
              ...toAssessmentView(action),
              lastChange: lastChange
                ? { byName: lastChange.actorName, at: lastChange.at.toISOString() }
                : null,
            },
          },
        });
      }
      const reason = input.rate === null ? null : input.reason;
      const before = toAssessmentView(action);
      if (before.rate === input.rate && before.reason === reason) return { result: before, changed: false };
      const version = await updateAssessment({ db: tx, actionId: action.id, rate: input.rate, reason });
      await recordAudit({
        db: tx,
        actor,
        entry: {
          municipalityId: plan.municipalityId,
          planId: plan.id,
          actionKey,
          subjectType: 'assessment',
          subjectId: action.id,
          operation: input.rate === null ? 'archive' : 'update',
          summary: `${department.name}：${formatAction({ plan, number: action.number, title: action.title })}の総括評価を ${formatPercent(before.rate)} → ${formatPercent(input.rate)} に${input.rate === null ? '削除' : '更新'}（${formatRoundTitle(round)}）`,
          before: { rate: before.rate, reason: before.reason },
          after: { rate: input.rate, reason },
        },
      });
      return {
        result: { rate: input.rate, reason, hypothetical: false, version },
        changed: true,
      };
    },
  });
  return { assessment: result, submission };
}
