import type { PlanEvaluation } from '../../domain/evaluation/index.js';
import type { Action, Kpi, PlanDocument, Task } from '../../domain/plan.schemas.js';
import { listActions } from '../../domain/plan-tree.js';
import { formatRoundTitle, getRoundReferenceDate } from '../../domain/progress-round.js';
import type { EvidenceRecord } from '../evidence/evidence.repository.js';
import type { KpiActualRow, KpiRow, OwnedActionRow } from './progress.repository.js';
import type { RoundRecord, SubmissionRecord, TaskCommentRecord } from './rounds.repository.js';
import type {
  AssessmentView,
  DepartmentActionView,
  DepartmentKpiView,
  DepartmentTaskView,
  EvidenceView,
  RoundView,
  SubmissionView,
} from './rounds.schemas.js';

export function toRoundView(round: RoundRecord): RoundView {
  return {
    id: round.id,
    planId: round.planId,
    fy: round.fy,
    month: round.month,
    title: formatRoundTitle(round),
    dueDate: round.dueDate,
    referenceDate: getRoundReferenceDate(round),
    status: round.status,
    note: round.note,
    openedAt: round.openedAt.toISOString(),
    closedAt: round.closedAt?.toISOString() ?? null,
    version: round.version,
  };
}

export function toSubmissionView(submission: SubmissionRecord): SubmissionView {
  return {
    id: submission.id,
    departmentId: submission.departmentId,
    departmentName: submission.departmentName,
    status: submission.status,
    submittedAt: submission.submittedAt?.toISOString() ?? null,
    submittedByName: submission.submittedByName,
    reviewedAt: submission.reviewedAt?.toISOString() ?? null,
    reviewedByName: submission.reviewedByName,
    reviewComment: submission.reviewComment,
    lastEditedAt: submission.lastEditedAt?.toISOString() ?? null,
    lastEditedByName: submission.lastEditedByName,
    version: submission.version,
  };
}

export function toEvidenceView({
  evidence,
  planId,
}: {
  evidence: EvidenceRecord;
  planId: string;
}): EvidenceView {
  return {
    id: evidence.id,
    kind: evidence.kind,
    fileName: evidence.fileName,
    contentType: evidence.contentType,
    size: evidence.size,
    caption: evidence.caption,
    uploadedAt: evidence.uploadedAt.toISOString(),
    uploadedByName: evidence.uploadedByName,
    departmentName: evidence.departmentName,
    roundTitle:
      evidence.roundFy !== null && evidence.roundMonth !== null
        ? formatRoundTitle({ fy: evidence.roundFy, month: evidence.roundMonth })
        : null,
    taskId: evidence.taskId,
    url: `/api/plans/${planId}/evidence/${evidence.id}`,
  };
}

/**
 * A closed round's plan, looked up by what identifies a row across rounds. The plan document carries
 * no row ids, so a task is found by its key where it has one, else by its action, department, year and
 * its place among that department's tasks of the year (the same order the rows are stored in).
 */
export interface SnapshotIndex {
  tasks: Map<string, Task>;
  kpis: Map<string, Kpi>;
  actions: Map<string, Action>;
}

function taskKeyOf(actionKey: string, key: string): string {
  return `${actionKey}|key:${key}`;
}

function taskPlaceOf({
  actionKey,
  departmentKey,
  fy,
  ordinal,
}: {
  actionKey: string;
  departmentKey: string;
  fy: number;
  ordinal: number;
}): string {
  return `${actionKey}|${departmentKey}|${fy}|${ordinal}`;
}

export function buildSnapshotIndex(document: PlanDocument): SnapshotIndex {
  const tasks = new Map<string, Task>();
  const kpis = new Map<string, Kpi>();
  const actions = new Map<string, Action>();
  for (const { action } of listActions(document.plan)) {
    actions.set(action.key, action);
    const ordinals = new Map<string, number>();
    for (const task of action.tasks) {
      const group = `${task.department}|${task.fy}`;
      const ordinal = ordinals.get(group) ?? 0;
      ordinals.set(group, ordinal + 1);
      if (task.key) tasks.set(taskKeyOf(action.key, task.key), task);
      tasks.set(
        taskPlaceOf({ actionKey: action.key, departmentKey: task.department, fy: task.fy, ordinal }),
        task,
      );
    }
    for (const kpi of action.kpis) kpis.set(`${action.key}|${kpi.key}`, kpi);
  }
  return { tasks, kpis, actions };
}

export function findSnapshotTask({
  index,
  actionKey,
  key,
  departmentKey,
  fy,
  ordinal,
}: {
  index: SnapshotIndex;
  actionKey: string;
  key: string | null;
  departmentKey: string;
  fy: number;
  ordinal: number;
}): Task | undefined {
  if (key) {
    const byKey = index.tasks.get(taskKeyOf(actionKey, key));
    if (byKey) return byKey;
  }
  return index.tasks.get(taskPlaceOf({ actionKey, departmentKey, fy, ordinal }));
}

export interface DepartmentPageRows {
  departmentKey: string;
  /** The department's tasks of the round's year, in stored order. */
  tasks: {
    id: string;
    actionId: string;
    actionKey: string;
    actionNumber: string;
    actionTitle: string;
    key: string | null;
    fy: number;
    planText: string;
    progress: number | null;
    expected: boolean | null;
    version: number;
  }[];
  ownedActions: OwnedActionRow[];
  kpis: KpiRow[];
  actuals: KpiActualRow[];
  comments: TaskCommentRecord[];
  evidence: EvidenceRecord[];
}

/**
 * The department's page of a round: its tasks of the round's year grouped by action, in the plan's
 * reading order, and for the actions it owns their KPIs and overall assessment. An open round shows the
 * live figures; a closed one the figures as they stood at its close (`asOf`), so that a later round's
 * changes never rewrite what was submitted. `previous` is the round before, for the previous-value column.
 */
export function buildDepartmentActions({
  planId,
  actionOrder,
  rows,
  evaluation,
  asOf,
  previous,
}: {
  planId: string;
  /** Position of each action key in the plan's reading order. */
  actionOrder: Map<string, number>;
  rows: DepartmentPageRows;
  evaluation: PlanEvaluation;
  asOf: SnapshotIndex | null;
  previous: SnapshotIndex | null;
}): DepartmentActionView[] {
  const commentByTask = new Map(rows.comments.map((comment) => [comment.taskId, comment]));
  const ownedById = new Map(rows.ownedActions.map((action) => [action.id, action]));
  const actualsByKpi = groupBy(rows.actuals, (actual) => actual.kpiId);
  const kpisByAction = groupBy(rows.kpis, (kpi) => kpi.actionId);
  const evidenceByAction = groupBy(rows.evidence, (evidence) => evidence.actionId);

  const actions = new Map<string, { id: string; key: string; number: string; title: string }>();
  for (const task of rows.tasks) {
    actions.set(task.actionId, {
      id: task.actionId,
      key: task.actionKey,
      number: task.actionNumber,
      title: task.actionTitle,
    });
  }
  for (const action of rows.ownedActions) actions.set(action.id, action);

  const tasksByAction = groupBy(rows.tasks, (task) => task.actionId);
  const sorted = [...actions.values()]
    .filter((action) => !asOf || asOf.actions.has(action.key))
    .sort(
      (a, b) =>
        (actionOrder.get(a.key) ?? Number.MAX_SAFE_INTEGER) -
        (actionOrder.get(b.key) ?? Number.MAX_SAFE_INTEGER),
    );

  return sorted.map((action) => {
    const owned = ownedById.get(action.id);
    const actionEvaluation = evaluation.actions.get(action.key);
    const tasks: DepartmentTaskView[] = [];
    (tasksByAction.get(action.id) ?? []).forEach((task, ordinal) => {
      const place = {
        actionKey: action.key,
        key: task.key,
        departmentKey: rows.departmentKey,
        fy: task.fy,
        ordinal,
      };
      const frozen = asOf ? findSnapshotTask({ index: asOf, ...place }) : undefined;
      // A task added after the round closed was not part of it.
      if (asOf && !frozen) return;
      const comment = commentByTask.get(task.id);
      const before = previous ? findSnapshotTask({ index: previous, ...place }) : undefined;
      tasks.push({
        id: task.id,
        planText: frozen ? frozen.planText : task.planText,
        progress: frozen ? frozen.progress : task.progress,
        expected: (frozen ? frozen.expected : task.expected) === true,
        version: task.version,
        comment: comment
          ? {
              body: comment.body,
              version: comment.version,
              updatedAt: comment.updatedAt.toISOString(),
              updatedByName: comment.updatedByName,
            }
          : null,
        previousProgress: before?.progress ?? null,
      });
    });

    const kpis: DepartmentKpiView[] = owned
      ? (kpisByAction.get(action.id) ?? []).flatMap((kpi) => {
          const frozen = asOf?.kpis.get(`${action.key}|${kpi.key}`);
          if (asOf && !frozen) return [];
          const actuals = frozen
            ? frozen.actuals.map((actual) => ({
                id: null,
                value: actual.value,
                date: actual.date,
                hypothetical: actual.hypothetical === true,
                note: actual.note ?? null,
              }))
            : (actualsByKpi.get(kpi.id) ?? []).map((actual) => ({
                id: actual.id,
                value: actual.value,
                date: actual.date,
                hypothetical: actual.hypothetical === true,
                note: actual.note,
              }));
          return [toKpiView({ kpi, actuals })];
        })
      : [];

    let assessment: AssessmentView | null = null;
    if (owned) {
      const frozen = asOf?.actions.get(action.key);
      assessment = frozen
        ? {
            rate: frozen.assessment?.rate ?? null,
            reason: frozen.assessment?.reason ?? null,
            hypothetical: frozen.assessment?.hypothetical === true,
            version: owned.version,
          }
        : toAssessmentView(owned);
    }

    return {
      id: action.id,
      key: action.key,
      number: action.number,
      title: action.title,
      owned: owned !== undefined,
      evaluation: {
        rating: actionEvaluation?.rating ?? { key: 'unrated', label: '未評価', kind: 'unrated' },
        shown: actionEvaluation?.result?.shown ?? null,
        basis: actionEvaluation?.basis ?? null,
        projection: actionEvaluation?.result?.projection ?? false,
      },
      tasks,
      kpis,
      assessment,
      evidence: (evidenceByAction.get(action.id) ?? []).map((evidence) =>
        toEvidenceView({ evidence, planId }),
      ),
    };
  });
}

export function toKpiView({
  kpi,
  actuals,
}: {
  kpi: KpiRow;
  actuals: DepartmentKpiView['actuals'];
}): DepartmentKpiView {
  return {
    id: kpi.id,
    key: kpi.key,
    name: kpi.name,
    unit: kpi.unit,
    direction: kpi.direction,
    baseline:
      kpi.baselineValue === null
        ? null
        : { value: kpi.baselineValue, date: kpi.baselineDate, label: kpi.baselineLabel },
    target: { value: kpi.targetValue, fy: kpi.targetFy },
    version: kpi.version,
    actuals,
  };
}

export function toAssessmentView(action: OwnedActionRow): AssessmentView {
  return {
    rate: action.assessmentRate,
    reason: action.assessmentRate === null ? null : action.assessmentReason,
    hypothetical: action.assessmentHypothetical === true,
    version: action.version,
  };
}

function groupBy<T, K>(rows: readonly T[], keyOf: (row: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const row of rows) {
    const key = keyOf(row);
    const group = groups.get(key);
    if (group) group.push(row);
    else groups.set(key, [row]);
  }
  return groups;
}
