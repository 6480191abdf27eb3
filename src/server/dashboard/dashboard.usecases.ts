import type { Database } from '../../db/database.js';
import { AppError } from '../../domain/app-error.js';
import { buildPlanDashboard, type RoundTaskActivity } from '../../domain/dashboard.js';
import { formatRate } from '../../domain/evaluation/numbers.js';
import { resolveEvaluationSettings } from '../../domain/evaluation/settings.js';
import { fiscalYearEnd } from '../../domain/fiscal-year.js';
import { assessKpiPace, forecastKpi } from '../../domain/forecast.js';
import type { EvaluationSettings } from '../../domain/plan.schemas.js';
import { listActions } from '../../domain/plan-tree.js';
import type { Actor } from '../../domain/policy.js';
import { buildPlanSchedule } from '../../domain/schedule.js';
import type { ValidationIssue } from '../../domain/validation.js';
import {
  buildWhatIfSettings,
  compareWhatIf,
  describeWhatIfOptions,
  type WhatIfOptions,
} from '../../domain/what-if.js';
import { recordAudit } from '../audit/audit.repository.js';
import { ensureCan } from '../authorization.js';
import { listDepartments } from '../departments/departments.repository.js';
import type { PlanViewCache } from '../plans/plans.cache.js';
import { bumpPlanRevision } from '../plans/plans.repository.js';
import { getPlanViews } from '../plans/plans.usecases.js';
import { getPublicPlanUrlPath } from '../portal/portal.paths.js';
import { buildPlanHeader, evaluateSnapshot, findLatestActualDate, getJapanDate } from './dashboard.models.js';
import {
  findLatestClosedRound,
  findLatestProgressAt,
  findOpenRound,
  findPlanState,
  listRoundSubmissions,
  listTaskActivity,
  updateEvaluationSettings,
  updateKpiBasisForPlan,
} from './dashboard.repository.js';
import type {
  DashboardResponse,
  DepartmentViewResponse,
  KpiChartsResponse,
  ScheduleResponse,
  WhatIfAdoptResponse,
  WhatIfResponse,
} from './dashboard.schemas.js';

/**
 * The plan dashboard: label counts overall, per level and per department, with the last closed round to
 * compare with; mean rates; the year heat map; actions at risk; data-quality alerts; and the open
 * round's submissions. Computed from the plan's cached evaluation and the round tables.
 */
export async function getPlanDashboard({
  db,
  cache,
  actor,
  planId,
  now = new Date(),
}: {
  db: Database;
  cache: PlanViewCache;
  actor: Actor;
  planId: string;
  now?: Date;
}): Promise<DashboardResponse> {
  const views = await getPlanViews({ db, cache, planId });
  const municipalityId = views.stored.municipality.id;
  ensureCan(actor, 'plan.read', { municipalityId });
  const state = await findPlanState({ db, planId });
  if (!state) throw new AppError({ code: 'plan.not_found' });
  const today = getJapanDate(now);
  const { plan, departments } = views.stored.document;

  const [openRound, closedRound, departmentRecords, latestProgressAt] = await Promise.all([
    findOpenRound({ db, planId, municipalityId }),
    findLatestClosedRound({ db, planId, municipalityId }),
    listDepartments({ db, municipalityId }),
    findLatestProgressAt({ db, planId }),
  ]);
  const departmentIds = new Map(departmentRecords.map((department) => [department.key, department.id]));
  const roundTasks: RoundTaskActivity[] = openRound
    ? await listTaskActivity({ db, planId, municipalityId, fy: openRound.fy })
    : [];
  const submissions = openRound
    ? await listRoundSubmissions({ db, roundId: openRound.id, municipalityId })
    : [];
  const previous = closedRound
    ? evaluateSnapshot({ roundId: closedRound.id, snapshot: closedRound.snapshot })
    : null;

  const dashboard = buildPlanDashboard({
    plan,
    departments,
    evaluation: views.evaluation,
    settings: views.settings,
    today,
    previous,
    round: openRound ? { fy: openRound.fy, openedAt: openRound.openedAt, tasks: roundTasks } : null,
  });

  return {
    plan: {
      ...buildPlanHeader(views),
      updatedAt: state.updatedAt,
      publishedAt: state.publishedAt,
      publicPath: getPublicPlanUrlPath({ municipalityCode: views.stored.municipality.code, slug: plan.slug }),
    },
    today,
    generatedAt: now.toISOString(),
    freshness: {
      planUpdatedAt: state.updatedAt,
      latestActualDate: findLatestActualDate(plan),
      latestProgressAt,
    },
    ratings: dashboard.ratings,
    total: dashboard.total,
    comparison:
      closedRound && dashboard.previousTotal
        ? {
            round: {
              id: closedRound.id,
              fy: closedRound.fy,
              month: closedRound.month,
              dueDate: closedRound.dueDate,
              openedAt: closedRound.openedAt,
              closedAt: closedRound.closedAt,
            },
            total: dashboard.previousTotal,
          }
        : null,
    levels: dashboard.levels,
    departments: dashboard.departments.map((row) => ({
      ...row,
      departmentId: row.departmentKey === null ? null : (departmentIds.get(row.departmentKey) ?? null),
    })),
    heatmap: dashboard.heatmap,
    atRisk: dashboard.atRisk,
    alerts: dashboard.alerts,
    round: openRound
      ? {
          id: openRound.id,
          fy: openRound.fy,
          month: openRound.month,
          dueDate: openRound.dueDate,
          openedAt: openRound.openedAt,
          submissions: submissions.map((submission) => ({
            departmentId: submission.departmentId,
            departmentKey: submission.departmentKey,
            name: submission.departmentName,
            status: submission.status,
            submittedAt: submission.submittedAt,
            reviewedAt: submission.reviewedAt,
          })),
        }
      : null,
    whatIf: { current: describeWhatIfOptions({ settings: views.settings, plan }) },
  };
}

/** A what-if the engine refuses (thresholds out of order …) is the clerk's input to fix: 400, by field. */
function ensureValidSettings<T extends { ok: true }>(
  result: T | { ok: false; issues: ValidationIssue[] },
): T {
  if (result.ok) return result;
  throw new AppError({
    code: 'request.invalid',
    message: '評価方法の設定に誤りがあります',
    issues: result.issues.map((issue) => ({ ...issue, path: `body.${issue.path}` })),
  });
}

/** Every action's rating with the plan's settings and with the what-if's, side by side; nothing is saved. */
export async function comparePlanWhatIf({
  db,
  cache,
  actor,
  planId,
  options,
}: {
  db: Database;
  cache: PlanViewCache;
  actor: Actor;
  planId: string;
  options: WhatIfOptions;
}): Promise<WhatIfResponse> {
  const views = await getPlanViews({ db, cache, planId });
  ensureCan(actor, 'plan.read', { municipalityId: views.stored.municipality.id });
  const result = ensureValidSettings(compareWhatIf({ plan: views.stored.document.plan, options }));
  return {
    revision: views.revision,
    options,
    settings: result.settings,
    rows: result.rows,
    counts: result.counts,
    changedCount: result.changedCount,
  };
}

function describeSettings(settings: EvaluationSettings, kpiBasis: WhatIfOptions['kpiBasis']): string {
  const order = settings.basisOrder
    .map((basis) => ({ kpi: '目標(値)', assessment: '総括評価', tasks: 'タスク平均' })[basis])
    .join(' → ');
  const basis = { per_kpi: '指標ごと', ratio: 'すべて実績÷目標', baseline: 'すべて基準値から' }[kpiBasis];
  const bands = settings.ratingScale.map((band) => `${band.label} ${formatRate(band.min)}`).join('・');
  return `評価根拠の順序 ${order}、指標の算定基準 ${basis}、評価区分の下限 ${bands}`;
}

/**
 * Adopts a what-if's settings for the plan: its evaluation settings, and the KPI basis of every KPI when
 * the what-if set one for all. One transaction with its history entry and a new plan revision; refused
 * (409) when the plan changed since the what-if was looked at.
 */
export async function adoptWhatIfSettings({
  db,
  actor,
  planId,
  revision,
  options,
}: {
  db: Database;
  actor: Actor;
  planId: string;
  revision: number;
  options: WhatIfOptions;
}): Promise<WhatIfAdoptResponse> {
  return db.transaction(async (tx) => {
    const state = await findPlanState({ db: tx, planId, forUpdate: true });
    if (!state) throw new AppError({ code: 'plan.not_found' });
    ensureCan(actor, 'plan.edit', { municipalityId: state.municipalityId });
    if (state.revision !== revision) {
      throw new AppError({
        code: 'record.conflict',
        message:
          'この計画は、比較を表示した後に更新されています。最新の内容でもう一度比較してから採用してください',
        details: { current: { revision: state.revision } },
      });
    }
    const before = resolveEvaluationSettings({ evaluation: state.evaluationSettings ?? undefined });
    const built = ensureValidSettings(buildWhatIfSettings({ settings: before, options })).settings;
    await updateEvaluationSettings({ db: tx, planId, municipalityId: state.municipalityId, settings: built });
    const kpiChanges =
      options.kpiBasis === 'per_kpi'
        ? []
        : await updateKpiBasisForPlan({
            db: tx,
            planId,
            municipalityId: state.municipalityId,
            basis: options.kpiBasis,
          });
    const newRevision = await bumpPlanRevision({ db: tx, planId, municipalityId: state.municipalityId });
    await recordAudit({
      db: tx,
      actor,
      entry: {
        municipalityId: state.municipalityId,
        planId,
        subjectType: 'plan',
        subjectId: planId,
        operation: 'evaluation_settings',
        summary: `評価方法の設定を変更（${describeSettings(built, options.kpiBasis)}${kpiChanges.length > 0 ? `、算定基準を変えた指標 ${kpiChanges.length}件` : ''}）`,
        before: {
          settings: before,
          kpiBasis: kpiChanges.map(({ actionKey, kpiKey, before: basis }) => ({ actionKey, kpiKey, basis })),
        },
        after: {
          settings: built,
          kpiBasis: kpiChanges.map(({ actionKey, kpiKey }) => ({
            actionKey,
            kpiKey,
            basis: options.kpiBasis,
          })),
          revision: newRevision,
        },
      },
    });
    return {
      revision: newRevision ?? state.revision + 1,
      settings: built,
      kpiBasisChanged: kpiChanges.length,
    };
  });
}

/** The plan's year schedule with today's fiscal year marked. */
export async function getPlanSchedule({
  db,
  cache,
  actor,
  planId,
  now = new Date(),
}: {
  db: Database;
  cache: PlanViewCache;
  actor: Actor;
  planId: string;
  now?: Date;
}): Promise<ScheduleResponse> {
  const views = await getPlanViews({ db, cache, planId });
  ensureCan(actor, 'plan.read', { municipalityId: views.stored.municipality.id });
  const today = getJapanDate(now);
  return {
    plan: buildPlanHeader(views),
    today,
    schedule: buildPlanSchedule({ plan: views.stored.document.plan, today }),
  };
}

/**
 * One department's page: the actions it owns or has tasks in, with their ratings and its own tasks; what
 * is at risk or missing among them; and its part of the open round, with the link to its editing page.
 */
export async function getDepartmentView({
  db,
  cache,
  actor,
  planId,
  departmentId,
  now = new Date(),
}: {
  db: Database;
  cache: PlanViewCache;
  actor: Actor;
  planId: string;
  departmentId: string;
  now?: Date;
}): Promise<DepartmentViewResponse> {
  const views = await getPlanViews({ db, cache, planId });
  const municipalityId = views.stored.municipality.id;
  ensureCan(actor, 'plan.read', { municipalityId });
  const department = (await listDepartments({ db, municipalityId })).find(
    (record) => record.id === departmentId,
  );
  if (!department) throw new AppError({ code: 'department.not_found' });
  const today = getJapanDate(now);
  const { plan, departments } = views.stored.document;

  const openRound = await findOpenRound({ db, planId, municipalityId });
  const roundTasks = openRound
    ? await listTaskActivity({ db, planId, municipalityId, fy: openRound.fy })
    : [];
  const dashboard = buildPlanDashboard({
    plan,
    departments,
    evaluation: views.evaluation,
    settings: views.settings,
    today,
    previous: null,
    round: openRound ? { fy: openRound.fy, openedAt: openRound.openedAt, tasks: roundTasks } : null,
  });

  const actions = listActions(plan)
    .map(({ action }) => action)
    .filter(
      (action) =>
        action.owners.includes(department.key) ||
        action.tasks.some((task) => task.department === department.key),
    );
  const actionKeys = new Set(actions.map((action) => action.key));
  const submission = openRound
    ? (await listRoundSubmissions({ db, roundId: openRound.id, municipalityId })).find(
        (record) => record.departmentId === department.id,
      )
    : undefined;
  const actionsByKey = new Map(actions.map((action) => [action.key, action]));

  return {
    plan: buildPlanHeader(views),
    today,
    department: { id: department.id, key: department.key, name: department.name },
    ratings: views.evaluation.ratings,
    actions: actions.map((action) => {
      const evaluation = views.evaluation.actions.get(action.key)!;
      return {
        key: action.key,
        number: action.number,
        title: action.title,
        owner: action.owners.includes(department.key),
        rating: evaluation.rating,
        result: evaluation.result,
        tasks: action.tasks
          .map((task, position) => ({ task, position }))
          .filter(({ task }) => task.department === department.key)
          .map(({ task, position }) => ({
            position,
            fy: task.fy,
            planText: task.planText,
            progress: task.progress,
            expected: task.expected ?? false,
          })),
      };
    }),
    atRisk: dashboard.atRisk.filter((entry) => actionKeys.has(entry.actionKey)),
    alerts: dashboard.alerts.filter(
      (alert) => actionKeys.has(alert.actionKey) && alert.departmentKeys.includes(department.key),
    ),
    round: openRound
      ? {
          id: openRound.id,
          fy: openRound.fy,
          month: openRound.month,
          dueDate: openRound.dueDate,
          openedAt: openRound.openedAt,
          submissionStatus: submission?.status ?? null,
          editPath: `/plans/${planId}/rounds/${openRound.id}/departments/${department.id}`,
          tasks: roundTasks
            .filter((task) => task.departmentId === department.id)
            .map((task) => {
              const action = actionsByKey.get(task.actionKey);
              return {
                taskId: task.taskId,
                actionKey: task.actionKey,
                actionNumber: action?.number ?? '',
                actionTitle: action?.title ?? task.actionKey,
                planText: task.planText,
                progress: task.progress,
                updated: task.lastProgressAt !== null && task.lastProgressAt >= openRound.openedAt,
              };
            }),
        }
      : null,
  };
}

/** Each KPI of an action with its series, baseline, target, forecast and pace, for its chart. */
export async function getKpiCharts({
  db,
  cache,
  actor,
  planId,
  actionKey,
  now = new Date(),
}: {
  db: Database;
  cache: PlanViewCache;
  actor: Actor;
  planId: string;
  actionKey: string;
  now?: Date;
}): Promise<KpiChartsResponse> {
  const views = await getPlanViews({ db, cache, planId });
  ensureCan(actor, 'plan.read', { municipalityId: views.stored.municipality.id });
  const { plan } = views.stored.document;
  const action = listActions(plan).find((placed) => placed.action.key === actionKey)?.action;
  if (!action) throw new AppError({ code: 'action.not_found' });
  const today = getJapanDate(now);
  return {
    today,
    kpis: action.kpis.map((kpi) => ({
      key: kpi.key,
      name: kpi.name,
      unit: kpi.unit,
      direction: kpi.direction,
      basis: kpi.basis ?? views.settings.defaultKpiBasis,
      baseline: kpi.baseline
        ? { value: kpi.baseline.value, date: kpi.baseline.date ?? null, label: kpi.baseline.label ?? null }
        : null,
      target: { value: kpi.target.value, fy: kpi.target.fy, date: fiscalYearEnd(kpi.target.fy) },
      actuals: [...kpi.actuals]
        .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0))
        .map((actual) => ({
          date: actual.date,
          value: actual.value,
          hypothetical: actual.hypothetical ?? false,
        })),
      forecast: forecastKpi({ kpi, settings: views.settings }),
      pace: assessKpiPace({ kpi, today, planStartFy: plan.period.startFy }),
    })),
  };
}
