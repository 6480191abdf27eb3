import type { ActionDirection, ActionStatus, KpiBasis } from '../../domain/plan.schemas.js';

/*
 * The plan workbook (計画の入力用シート): its sheets and columns, shared by the writer and the reader so
 * that what is written is exactly what is read back. Columns are found by their header text, so a clerk
 * may reorder them; the sheets are found by name.
 */

export const SHEETS = {
  info: '基本情報',
  departments: '担当課',
  structure: '計画の構成',
  tasks: '年度タスク',
  kpis: '指標',
  report: '最終報告',
} as const;

export type SheetId = keyof typeof SHEETS;

export interface ColumnSpec {
  header: string;
  width: number;
  /** Computed for the reader's benefit and never read back (shaded grey, header says 参考). */
  reference?: true;
  /** Long text: wrapped. */
  wrap?: true;
}

export const INFO_ROWS = {
  municipalityCode: '全国地方公共団体コード',
  prefecture: '都道府県',
  municipalityName: '自治体名',
  title: '計画名',
  slug: '計画のキー',
  startFy: '計画期間の始まり（年度）',
  endFy: '計画期間の終わり（年度）',
  levels: '階層の名前（上から順に右へ）',
  actionLevel: '評価する単位の名前',
  planId: '計画ID（参考）',
} as const;

export const DEPARTMENT_COLUMNS = {
  name: { header: '課名', width: 28 },
  parent: { header: '上位の課', width: 28 },
  key: { header: '課のキー', width: 20 },
} as const satisfies Record<string, ColumnSpec>;

export const STRUCTURE_COLUMNS = {
  level: { header: '区分', width: 12 },
  number: { header: '番号', width: 8 },
  title: { header: '名称', width: 36, wrap: true },
  aim: { header: '目指すこと・説明', width: 44, wrap: true },
  approach: { header: 'やること', width: 44, wrap: true },
  target: { header: '目標(値)', width: 30, wrap: true },
  owners: { header: '担い手', width: 24, wrap: true },
  status: { header: '状態', width: 10 },
  key: { header: 'キー', width: 16 },
  parent: { header: '上位のキー', width: 16 },
} as const satisfies Record<string, ColumnSpec>;

export const TASK_COLUMNS = {
  actionNumber: { header: 'アクション番号', width: 10 },
  actionTitle: { header: 'アクション名', width: 30, reference: true, wrap: true },
  department: { header: '担当課', width: 24 },
  fy: { header: '年度', width: 12 },
  planText: { header: '計画', width: 44, wrap: true },
  progress: { header: '実施/予定(%)', width: 12 },
  expected: { header: '実施・予定の別', width: 12 },
  weight: { header: '重み', width: 8 },
  key: { header: 'タスクのキー', width: 14 },
  actionKey: { header: 'アクションのキー', width: 16 },
} as const satisfies Record<string, ColumnSpec>;

export const KPI_COLUMNS = {
  actionNumber: { header: 'アクション番号', width: 10 },
  actionTitle: { header: 'アクション名', width: 30, reference: true, wrap: true },
  name: { header: '指標', width: 36, wrap: true },
  unit: { header: '単位', width: 8 },
  baselineValue: { header: '基準値', width: 10 },
  baselineDate: { header: '基準日', width: 18 },
  targetValue: { header: '目標値', width: 10 },
  targetFy: { header: '目標年度', width: 12 },
  actualValue: { header: '実績値', width: 10 },
  actualDate: { header: '実績日', width: 18 },
  basis: { header: '算定基準', width: 18 },
  direction: { header: '増減', width: 8 },
  baselineLabel: { header: '基準値の注記', width: 20, wrap: true },
  actualKind: { header: '実績の区分', width: 10 },
  actualNote: { header: '実績の注記', width: 30, wrap: true },
  weight: { header: '重み', width: 8 },
  key: { header: '指標のキー', width: 16 },
  actionKey: { header: 'アクションのキー', width: 16 },
} as const satisfies Record<string, ColumnSpec>;

export const REPORT_COLUMNS = {
  actionNumber: { header: 'アクション番号', width: 10 },
  actionTitle: { header: 'アクション名', width: 30, reference: true, wrap: true },
  rating: { header: '目標達成率（参考）', width: 18, reference: true },
  outcome: { header: '成果', width: 36, wrap: true },
  workDone: { header: 'やったこと', width: 44, wrap: true },
  issuesAhead: { header: '課題', width: 44, wrap: true },
  direction: { header: '今後の方向性', width: 12 },
  assessmentRate: { header: '総括評価(%)', width: 10 },
  assessmentReason: { header: '総括評価の理由', width: 44, wrap: true },
  assessmentKind: { header: '総括評価の区分', width: 12 },
  actionKey: { header: 'アクションのキー', width: 16 },
} as const satisfies Record<string, ColumnSpec>;

export const STATUS_LABELS: Record<ActionStatus, string> = {
  active: '実施中',
  not_started: '未着手',
  cancelled: '中止',
  unassessable: '評価困難',
};

export const DIRECTION_LABELS: Record<ActionDirection, string> = {
  continue: '継続',
  complete: '完了',
  extend: '延伸',
  merge: '統合',
  abolish: '廃止',
};

export const KPI_BASIS_LABELS: Record<KpiBasis, string> = {
  ratio: '実績÷目標',
  baseline: '基準値からの変化',
};

/** Other ways a clerk may write a KPI basis. */
export const KPI_BASIS_ALIASES: Record<string, KpiBasis> = {
  ratio: 'ratio',
  比率: 'ratio',
  '実績/目標': 'ratio',
  baseline: 'baseline',
  基準値: 'baseline',
  基準値からの伸び: 'baseline',
  基準値からの減少: 'baseline',
};

export const KPI_DIRECTION_LABELS = { increase: '増やす', decrease: '減らす' } as const;

export const EXPECTED_LABEL = '予定';
export const DONE_LABEL = '実施';
export const HYPOTHETICAL_LABEL = '仮定値';
export const MEASURED_LABEL = '実績';
export const CONFIRMED_LABEL = '確定';

/** Separates several owner departments in one cell (a name itself may contain ・, as 嘉穂・碓井・山田市民サービス課). */
export const OWNER_SEPARATOR = '\n';

/** Beyond this the server refuses the upload before reading it. */
export const MAX_WORKBOOK_BYTES = 10 * 1024 * 1024;

export const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
