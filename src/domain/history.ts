import { formatFiscalYear, formatJapaneseDate, getJapanDateAndTime } from './fiscal-year.js';

/*
 * The history in words a clerk reads: "進捗 80% → 100%", "担当課 市民課 → 税務課". An audit entry keeps
 * its before and after as flat records of plain values (names rather than ids, as they were at the
 * time); this module names the fields and writes the values in Japanese. Pure: the server, the web UI
 * and the reports read history the same way.
 */

/** The kinds of record the history filters by (the audit entries' `subjectType`), in Japanese. */
export const HISTORY_SUBJECT_LABELS: Record<string, string> = {
  plan: '計画',
  node: '階層',
  action: 'アクション',
  task: '年度タスク',
  kpi: '指標',
  kpi_actual: '実績値',
  assessment: '総括評価',
  report: '最終報告',
  evidence: '写真・資料',
  comment: 'コメント',
  round: '進捗確認',
  submission: '提出',
  department: '課',
  user: '利用者',
  invitation: '招待',
  settings: '設定',
  municipality: '自治体',
  bpr: 'BPR',
  series: '推移',
  grant: '交付金',
  body: '会議体',
  meeting: '会議',
};

export const HISTORY_OPERATION_LABELS: Record<string, string> = {
  create: '追加',
  update: '変更',
  archive: 'アーカイブ',
  restore: '復元',
  move: '移動',
  import: '取り込み',
  replace: '計画ファイルで更新',
  progress: '進捗の更新',
  submit: '提出',
  return: '差し戻し',
  accept: '承認',
  open: '開始',
  close: '締め切り',
  password: 'パスワード変更',
  password_reset: 'パスワード再設定',
  revoke: '取り消し',
};

/** Field names in Japanese; a field not listed here is shown by its own name. */
export const HISTORY_FIELD_LABELS: Record<string, string> = {
  archivedAt: 'アーカイブ日時',
  title: '名称',
  name: '名称',
  number: '番号',
  key: 'キー',
  description: '説明',
  parent: '上位',
  node: '所属',
  position: '並び順',
  aim: '目指すこと',
  approach: 'やること',
  target: '目標(値)',
  owners: '担い手',
  schedule: '実施スケジュール',
  status: '状態',
  note: '備考',
  departmentWeights: '課ごとの重み',
  fy: '年度',
  department: '担当課',
  planText: '計画',
  progress: '進捗',
  expected: '予定（見込み）',
  weight: '重み',
  unit: '単位',
  direction: '目標の向き',
  basis: '算定基準',
  baselineValue: '基準値',
  baselineDate: '基準値の日付',
  baselineLabel: '基準値の時点',
  targetValue: '目標値',
  targetFy: '目標年度',
  value: '実績値',
  date: '日付',
  hypothetical: '仮定値',
  body: 'コメント',
  slug: 'スラッグ',
  period: '計画期間',
  levels: '階層の名称',
  actionLevel: '評価する単位の名称',
  ratingScale: '評価区分',
  basisOrder: '評価根拠の順序',
  defaultKpiBasis: '指標の算定基準（既定）',
  kpiAggregation: '複数の指標のまとめ方',
  taskAggregation: '複数のタスクのまとめ方',
  rate: '総括評価',
  reason: '総括評価の理由',
  assessmentRate: '総括評価',
  assessmentReason: '総括評価の理由',
  code: '全国地方公共団体コード',
  prefecture: '都道府県',
  role: '役割',
  displayName: '表示名',
};

export const ACTION_STATUS_LABELS: Record<string, string> = {
  active: '実施中',
  not_started: '未着手',
  cancelled: '中止',
  unassessable: '評価困難',
};

export const KPI_DIRECTION_LABELS: Record<string, string> = { increase: '増やす', decrease: '減らす' };

export const KPI_BASIS_LABELS: Record<string, string> = {
  ratio: '実績 ÷ 目標（ゼロから）',
  baseline: '基準値からの伸び',
};

export const RATE_BASIS_LABELS: Record<string, string> = {
  kpi: '目標(値)に対する達成率',
  assessment: '総括評価',
  tasks: '各年度タスクの平均進捗率',
};

export const KPI_AGGREGATION_LABELS: Record<string, string> = {
  mean: '平均（重みがあれば加重平均）',
  min: '最も低いもの',
};

export const TASK_AGGREGATION_LABELS: Record<string, string> = {
  task_mean: 'すべてのタスクの平均',
  department_mean: '課ごとの平均の平均',
};

const NONE = '（なし）';

const percentFields = new Set(['progress', 'rate', 'assessmentRate']);
const fiscalYearFields = new Set(['fy', 'targetFy', 'startFy', 'endFy']);
const dateFields = new Set(['date', 'baselineDate']);
/** Moments (timestamps), printed in Japan time. */
const momentFields = new Set(['archivedAt']);
const labelledFields: Record<string, Record<string, string>> = {
  status: ACTION_STATUS_LABELS,
  direction: KPI_DIRECTION_LABELS,
  basis: KPI_BASIS_LABELS,
  defaultKpiBasis: KPI_BASIS_LABELS,
  kpiAggregation: KPI_AGGREGATION_LABELS,
  taskAggregation: TASK_AGGREGATION_LABELS,
};

/** One value as the history prints it: 80%, 令和6年度, 令和7年3月31日, はい, 市民課・税務課. */
export function formatHistoryValue(field: string, value: unknown): string {
  if (value === null || value === undefined || value === '') return NONE;
  if (typeof value === 'boolean') return value ? 'はい' : 'いいえ';
  if (typeof value === 'number') {
    if (percentFields.has(field)) return `${value}%`;
    if (fiscalYearFields.has(field)) return formatFiscalYear(value);
    return String(value);
  }
  if (typeof value === 'string') {
    if (dateFields.has(field) && /^\d{4}-\d{2}-\d{2}$/.test(value)) return formatJapaneseDate(value);
    if (momentFields.has(field) && !Number.isNaN(Date.parse(value))) {
      const { isoDate, time } = getJapanDateAndTime(value);
      return `${formatJapaneseDate(isoDate)} ${time}`;
    }
    if (field === 'basisOrder') return RATE_BASIS_LABELS[value] ?? value;
    return labelledFields[field]?.[value] ?? value;
  }
  if (Array.isArray(value)) {
    if (value.length === 0) return NONE;
    return value.map((item) => formatHistoryValue(field, item)).join('・');
  }
  if (typeof value === 'object') {
    if (field === 'period') {
      const period = value as { startFy?: unknown; endFy?: unknown };
      if (typeof period.startFy === 'number' && typeof period.endFy === 'number') {
        return `${formatFiscalYear(period.startFy)}〜${formatFiscalYear(period.endFy)}`;
      }
    }
    const entries = Object.entries(value as Record<string, unknown>).filter(([, item]) => item !== undefined);
    if (entries.length === 0) return NONE;
    return entries
      .map(([key, item]) => `${HISTORY_FIELD_LABELS[key] ?? key}: ${formatHistoryValue(key, item)}`)
      .join('、');
  }
  return String(value);
}

export interface HistoryChange {
  field: string;
  label: string;
  /** Null: the record did not have the field before (it was added). */
  before: string | null;
  /** Null: the record no longer has the field (it was archived). */
  after: string | null;
}

/**
 * The fields an entry changed, each named and written in Japanese. For an update only the fields whose
 * value differs; for an addition the values given; for an archiving the values it had.
 */
export function describeHistoryChanges({
  before,
  after,
}: {
  before: unknown;
  after: unknown;
}): HistoryChange[] {
  const beforeRecord = toRecord(before);
  const afterRecord = toRecord(after);
  if (!beforeRecord && !afterRecord) return [];
  const fields = [...new Set([...Object.keys(beforeRecord ?? {}), ...Object.keys(afterRecord ?? {})])];
  const changes: HistoryChange[] = [];
  for (const field of fields) {
    const old = beforeRecord?.[field];
    const next = afterRecord?.[field];
    if (beforeRecord && afterRecord && isSameHistoryValue(old, next)) continue;
    if (!beforeRecord && isEmpty(next)) continue;
    if (!afterRecord && isEmpty(old)) continue;
    changes.push({
      field,
      label: HISTORY_FIELD_LABELS[field] ?? field,
      before: beforeRecord ? formatHistoryValue(field, old) : null,
      after: afterRecord ? formatHistoryValue(field, next) : null,
    });
  }
  return changes;
}

function toRecord(value: unknown): Record<string, unknown> | null {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return null;
  return value as Record<string, unknown>;
}

function isEmpty(value: unknown): boolean {
  return (
    value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0)
  );
}

function isSameHistoryValue(a: unknown, b: unknown): boolean {
  if (isEmpty(a) && isEmpty(b)) return true;
  return JSON.stringify(a) === JSON.stringify(b);
}
