import { parseTypedDate, parseTypedFiscalYear, parseTypedNumber } from '../../domain/japanese-input.js';
import {
  type Action,
  type ActionDirection,
  type ActionStatus,
  type Department,
  type Kpi,
  type KpiActual,
  type KpiBasis,
  type PlanDocument,
  type PlanDocumentInput,
  type PlanNode,
  planDocumentSchema,
  type Task,
} from '../../domain/plan.schemas.js';
import type { ValidationIssue } from '../../domain/validation.js';
import {
  CONFIRMED_LABEL,
  type ColumnSpec,
  DEPARTMENT_COLUMNS,
  DIRECTION_LABELS,
  DONE_LABEL,
  EXPECTED_LABEL,
  HYPOTHETICAL_LABEL,
  INFO_ROWS,
  KPI_BASIS_ALIASES,
  KPI_BASIS_LABELS,
  KPI_COLUMNS,
  KPI_DIRECTION_LABELS,
  MEASURED_LABEL,
  REPORT_COLUMNS,
  SHEETS,
  STATUS_LABELS,
  STRUCTURE_COLUMNS,
  TASK_COLUMNS,
} from './workbook.columns.js';
import type { GridCell, GridSheet, WorkbookGrid } from './workbook.reader.js';

/** Enough to fix a file in one sitting; the rest are counted. */
const MAX_ISSUES = 300;

export type WorkbookParseResult =
  | { ok: true; document: PlanDocument }
  | { ok: false; issues: ValidationIssue[] };

/** Where a value came from, so that every problem names its sheet, row and column. */
interface CellRef {
  sheet: string;
  /** 1-based, as Excel numbers rows. */
  row: number;
  /** 0-based column index; null for a problem with the whole row. */
  column: number | null;
  header?: string | undefined;
}

export function toColumnLetter(index: number): string {
  let letters = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) {
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  }
  return letters;
}

function describeCell(cell: GridCell | null): string {
  if (!cell) return '（空欄）';
  switch (cell.kind) {
    case 'text':
      return cell.text;
    case 'number':
      return cell.percent ? `${fromPercentFraction(cell.value)}%` : String(cell.value);
    case 'date':
      return cell.iso;
    case 'boolean':
      return cell.value ? 'TRUE' : 'FALSE';
    case 'error':
      return cell.text;
  }
}

class IssueList {
  readonly issues: ValidationIssue[] = [];
  #dropped = 0;

  add(ref: CellRef, message: string, cell?: GridCell | null): void {
    if (this.issues.length >= MAX_ISSUES) {
      this.#dropped++;
      return;
    }
    const where =
      ref.column === null
        ? `シート「${ref.sheet}」の${ref.row}行目`
        : `シート「${ref.sheet}」の${ref.row}行目・${toColumnLetter(ref.column)}列${ref.header ? `「${ref.header}」` : ''}`;
    const given = cell === undefined ? '' : `（入力: ${describeCell(cell)}）`;
    this.issues.push({
      path:
        ref.column === null
          ? `${ref.sheet}!${ref.row}`
          : `${ref.sheet}!${toColumnLetter(ref.column)}${ref.row}`,
      message: `${where}：${message}${given}`,
    });
  }

  addSheet(sheet: string, message: string): void {
    if (this.issues.length >= MAX_ISSUES) {
      this.#dropped++;
      return;
    }
    this.issues.push({ path: sheet, message: `シート「${sheet}」：${message}` });
  }

  finish(): ValidationIssue[] {
    if (this.#dropped === 0) return this.issues;
    return [...this.issues, { path: '', message: `ほかに ${this.#dropped} 件の誤りがあります` }];
  }
}

/** One data row of a table sheet, read by column id. */
class TableRow<C extends Record<string, ColumnSpec>> {
  constructor(
    readonly sheet: string,
    readonly row: number,
    private readonly cells: (GridCell | null)[],
    private readonly columns: Map<keyof C, number>,
    private readonly specs: C,
  ) {}

  ref(id: keyof C): CellRef {
    const column = this.columns.get(id);
    return { sheet: this.sheet, row: this.row, column: column ?? null, header: this.specs[id]?.header };
  }

  rowRef(): CellRef {
    return { sheet: this.sheet, row: this.row, column: null };
  }

  cell(id: keyof C): GridCell | null {
    const column = this.columns.get(id);
    return column === undefined ? null : (this.cells[column] ?? null);
  }

  has(id: keyof C): boolean {
    return this.columns.has(id);
  }

  /** The cell as text (numbers as written), or undefined when empty. */
  text(id: keyof C): string | undefined {
    const cell = this.cell(id);
    if (!cell) return undefined;
    switch (cell.kind) {
      case 'text':
        return cell.text;
      case 'number':
        return String(cell.value);
      case 'date':
        return cell.iso;
      case 'boolean':
        return cell.value ? 'TRUE' : 'FALSE';
      case 'error':
        return undefined;
    }
  }

  isEmpty(): boolean {
    return this.cells.every((cell) => cell === null || cell === undefined);
  }
}

function headerText(cell: GridCell | null | undefined): string {
  if (cell?.kind !== 'text') return '';
  return cell.text.normalize('NFKC').replace(/\s+/g, '');
}

function readTable<C extends Record<string, ColumnSpec>>({
  grid,
  name,
  specs,
  required,
  issues,
}: {
  grid: WorkbookGrid;
  name: string;
  specs: C;
  required: (keyof C)[];
  issues: IssueList;
}): TableRow<C>[] | null {
  const sheet = grid.sheets.find((candidate) => candidate.name.trim() === name);
  if (!sheet) {
    issues.addSheet(name, 'このシートがありません。Kiseki からダウンロードした入力用シートをお使いください');
    return null;
  }
  const headerRow = sheet.rows[0] ?? [];
  const columns = new Map<keyof C, number>();
  const byHeader = new Map(
    (Object.keys(specs) as (keyof C)[]).map((id) => [
      specs[id]!.header.normalize('NFKC').replace(/\s+/g, ''),
      id,
    ]),
  );
  headerRow.forEach((cell, index) => {
    const id = byHeader.get(headerText(cell));
    if (id !== undefined && !columns.has(id)) columns.set(id, index);
  });
  const missing = required.filter((id) => !columns.has(id));
  if (missing.length > 0) {
    issues.addSheet(
      name,
      `1行目に見出し ${missing.map((id) => `「${specs[id]!.header}」`).join('、')} がありません（見出しの文字は変えずにお使いください）`,
    );
    return null;
  }
  return readRows(sheet)
    .map(({ cells, row }) => new TableRow(name, row, cells, columns, specs))
    .filter((row) => !row.isEmpty());
}

function readRows(sheet: GridSheet): { cells: (GridCell | null)[]; row: number }[] {
  const rows: { cells: (GridCell | null)[]; row: number }[] = [];
  for (let index = 1; index < sheet.rows.length; index++)
    rows.push({ cells: sheet.rows[index] ?? [], row: index + 1 });
  return rows;
}

/**
 * 0.8 in a percentage cell → 80. The shortest decimal whose hundredth is exactly the stored fraction:
 * 0.575 × 100 is 57.49999999999999 in binary, but 57.5 / 100 gives back 0.575, so 57.5 it is.
 */
export function fromPercentFraction(fraction: number): number {
  const percent = fraction * 100;
  for (let digits = 12; digits <= 17; digits++) {
    const candidate = Number(percent.toPrecision(digits));
    if (candidate / 100 === fraction) return candidate;
  }
  return percent;
}

/** Reads the row's cell as a number: 全角, "80%", a percentage-formatted cell (0.8 → 80 when `percent`). */
function readNumber<C extends Record<string, ColumnSpec>>(
  row: TableRow<C>,
  id: keyof C,
  issues: IssueList,
  expected: string,
): number | undefined | null {
  const cell = row.cell(id);
  if (!cell) return undefined;
  if (cell.kind === 'number') return cell.percent ? fromPercentFraction(cell.value) : cell.value;
  if (cell.kind === 'text') {
    const parsed = parseTypedNumber(cell.text);
    if (parsed) return parsed.value;
  }
  issues.add(row.ref(id), expected, cell);
  return null;
}

/** Excel keeps a date as a day count from 1899-12-30 when the cell is not formatted as a date. */
function fromExcelSerial(serial: number): string | null {
  if (!Number.isFinite(serial) || serial < 1 || serial > 2958465) return null;
  const date = new Date(Date.UTC(1899, 11, 30) + Math.round(serial) * 86_400_000);
  return date.toISOString().slice(0, 10);
}

function readDate<C extends Record<string, ColumnSpec>>(
  row: TableRow<C>,
  id: keyof C,
  issues: IssueList,
): string | undefined | null {
  const cell = row.cell(id);
  if (!cell) return undefined;
  if (cell.kind === 'date') return cell.iso;
  if (cell.kind === 'number' && !cell.percent) {
    const iso = fromExcelSerial(cell.value);
    if (iso) return iso;
  }
  if (cell.kind === 'text') {
    const iso = parseTypedDate(cell.text);
    if (iso) return iso;
  }
  issues.add(row.ref(id), '日付を入力してください（例: 令和8年2月8日、R8.2.8、2026/2/8）', cell);
  return null;
}

function readFiscalYear(
  cell: GridCell | null,
  onError: (message: string) => void,
): number | undefined | null {
  if (!cell) return undefined;
  if (cell.kind === 'number' && Number.isInteger(cell.value) && cell.value >= 1900 && cell.value <= 2100) {
    return cell.value;
  }
  if (cell.kind === 'text') {
    const fy = parseTypedFiscalYear(cell.text);
    if (fy !== null) return fy;
  }
  onError('年度を入力してください（例: 令和6年度、R6、2024）');
  return null;
}

function readChoice<C extends Record<string, ColumnSpec>, T extends string>(
  row: TableRow<C>,
  id: keyof C,
  choices: Record<string, T>,
  issues: IssueList,
): T | undefined | null {
  const text = row.text(id)?.normalize('NFKC').trim();
  if (text === undefined || text === '') return undefined;
  const found = choices[text];
  if (found !== undefined) return found;
  const names = [...new Set(Object.keys(choices).filter((choice) => /[^\x20-\x7e]/.test(choice)))];
  issues.add(
    row.ref(id),
    `${names.map((choice) => `「${choice}」`).join('・')} のどれかを入力してください`,
    row.cell(id),
  );
  return null;
}

function invert<T extends string>(labels: Record<T, string>): Record<string, T> {
  const choices: Record<string, T> = {};
  for (const [value, label] of Object.entries(labels) as [T, string][]) {
    choices[label] = value;
    choices[value] = value;
  }
  return choices;
}

const STATUS_CHOICES = invert<ActionStatus>(STATUS_LABELS);
const DIRECTION_CHOICES = invert<ActionDirection>(DIRECTION_LABELS);
const KPI_BASIS_CHOICES: Record<string, KpiBasis> = {
  ...invert<KpiBasis>(KPI_BASIS_LABELS),
  ...KPI_BASIS_ALIASES,
};
const KPI_DIRECTION_CHOICES = invert<'increase' | 'decrease'>(KPI_DIRECTION_LABELS);
const EXPECTED_CHOICES: Record<string, boolean> = {
  [EXPECTED_LABEL]: true,
  想定: true,
  見込み: true,
  [DONE_LABEL]: false,
};
const HYPOTHETICAL_CHOICES: Record<string, boolean> = { [HYPOTHETICAL_LABEL]: true, [MEASURED_LABEL]: false };
const ASSESSMENT_KIND_CHOICES: Record<string, boolean> = {
  [HYPOTHETICAL_LABEL]: true,
  [CONFIRMED_LABEL]: false,
};

function readBooleanChoice<C extends Record<string, ColumnSpec>>(
  row: TableRow<C>,
  id: keyof C,
  choices: Record<string, boolean>,
  issues: IssueList,
): boolean | undefined {
  const text = row.text(id)?.normalize('NFKC').trim();
  if (text === undefined || text === '') return undefined;
  if (text in choices) return choices[text];
  issues.add(
    row.ref(id),
    `${Object.keys(choices)
      .map((choice) => `「${choice}」`)
      .join('・')} のどれか（または空欄）を入力してください`,
    row.cell(id),
  );
  return undefined;
}

const KEY_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_-]*$/;

function createKeyMaker(prefix: string, taken: Set<string>): (hint: string) => string {
  return (hint: string) => {
    const ascii = hint.normalize('NFKC').replace(/[^A-Za-z0-9_-]/g, '');
    let candidate = ascii && KEY_PATTERN.test(`${prefix}-${ascii}`) ? `${prefix}-${ascii}` : '';
    for (let n = 1; candidate === '' || taken.has(candidate); n++)
      candidate = `${prefix}-${ascii || 'new'}-${n}`;
    taken.add(candidate);
    return candidate;
  };
}

interface ParsedInfo {
  code: string;
  prefecture: string;
  municipalityName: string;
  title: string;
  slug: string;
  startFy: number;
  endFy: number;
  levels: string[];
  actionLevel: string;
  /** The row of each label, for problems found later. */
  rows: Map<string, number>;
}

function readInfo(grid: WorkbookGrid, issues: IssueList): ParsedInfo | null {
  const sheet = grid.sheets.find((candidate) => candidate.name.trim() === SHEETS.info);
  if (!sheet) {
    issues.addSheet(
      SHEETS.info,
      'このシートがありません。Kiseki からダウンロードした入力用シートをお使いください',
    );
    return null;
  }
  const values = new Map<string, { cells: (GridCell | null)[]; row: number }>();
  sheet.rows.forEach((cells, index) => {
    const label = headerText(cells[0]);
    if (label !== '') values.set(label, { cells: cells.slice(1), row: index + 1 });
  });
  const find = (label: string) => values.get(label.normalize('NFKC').replace(/\s+/g, ''));
  const text = (label: string, required: boolean): string => {
    const entry = find(label);
    const cell = entry?.cells[0] ?? null;
    const value =
      cell?.kind === 'text' ? cell.text.trim() : cell?.kind === 'number' ? String(cell.value) : '';
    if (required && value === '') {
      if (entry)
        issues.add({ sheet: SHEETS.info, row: entry.row, column: 1, header: label }, '入力してください');
      else issues.addSheet(SHEETS.info, `A列に「${label}」の行がありません`);
    }
    return value;
  };
  const fiscalYear = (label: string): number => {
    const entry = find(label);
    if (!entry) {
      issues.addSheet(SHEETS.info, `A列に「${label}」の行がありません`);
      return 0;
    }
    const cell = entry.cells[0] ?? null;
    const fy = readFiscalYear(cell, (message) =>
      issues.add({ sheet: SHEETS.info, row: entry.row, column: 1, header: label }, message, cell),
    );
    if (fy === undefined)
      issues.add({ sheet: SHEETS.info, row: entry.row, column: 1, header: label }, '入力してください');
    return fy ?? 0;
  };
  const levelsEntry = find(INFO_ROWS.levels);
  const levels = (levelsEntry?.cells ?? [])
    .map((cell) => (cell?.kind === 'text' ? cell.text.trim() : ''))
    .filter((level) => level !== '');
  const code = text(INFO_ROWS.municipalityCode, true).normalize('NFKC');
  const rows = new Map<string, number>();
  for (const label of Object.values(INFO_ROWS)) {
    const entry = find(label);
    if (entry) rows.set(label, entry.row);
  }
  return {
    rows,
    code: /^\d{1,6}$/.test(code) ? code.padStart(6, '0') : code,
    prefecture: text(INFO_ROWS.prefecture, true),
    municipalityName: text(INFO_ROWS.municipalityName, true),
    title: text(INFO_ROWS.title, true),
    slug: text(INFO_ROWS.slug, true),
    startFy: fiscalYear(INFO_ROWS.startFy),
    endFy: fiscalYear(INFO_ROWS.endFy),
    levels,
    actionLevel: text(INFO_ROWS.actionLevel, true),
  };
}

/** Reads the plan's departments, and answers a cell that names one (by name or key). */
function readDepartments(grid: WorkbookGrid, issues: IssueList) {
  const rows = readTable({
    grid,
    name: SHEETS.departments,
    specs: DEPARTMENT_COLUMNS,
    required: ['name'],
    issues,
  });
  const departments: Department[] = [];
  const byName = new Map<string, Department>();
  const byKey = new Map<string, Department>();
  const taken = new Set(
    (rows ?? []).map((row) => row.text('key')?.trim()).filter((key): key is string => !!key),
  );
  const makeKey = createKeyMaker('department', taken);
  const parents: { department: Department; parent: string; row: TableRow<typeof DEPARTMENT_COLUMNS> }[] = [];
  const accepted: TableRow<typeof DEPARTMENT_COLUMNS>[] = [];
  for (const row of rows ?? []) {
    const name = row.text('name')?.trim();
    if (!name) {
      issues.add(row.ref('name'), '課名を入力してください');
      continue;
    }
    if (byName.has(name)) {
      issues.add(row.ref('name'), `課名「${name}」が重複しています`);
      continue;
    }
    const department: Department = { key: row.text('key')?.trim() || makeKey(String(row.row)), name };
    departments.push(department);
    accepted.push(row);
    byName.set(name, department);
    byKey.set(department.key, department);
    const parent = row.text('parent')?.trim();
    if (parent) parents.push({ department, parent, row });
  }
  const resolve = (text: string): Department | undefined => byName.get(text) ?? byKey.get(text);
  for (const { department, parent, row } of parents) {
    const found = resolve(parent);
    if (!found)
      issues.add(row.ref('parent'), `上位の課「${parent}」が「${SHEETS.departments}」シートにありません`);
    else department.parent = found.key;
  }
  // Row i of the departments list came from rows[i] (rows with an error were left out of both).
  return { departments, resolve, rows: accepted };
}

/** "人事秘書課\nデジタル戦略課" (also 、 or , between names); a name may itself contain ・. */
function splitOwners(text: string, resolve: (name: string) => Department | undefined): Department[] | string {
  const parts = text
    .split(/[\n\r、,，]+/)
    .map((part) => part.trim())
    .filter((part) => part !== '');
  const owners: Department[] = [];
  for (const part of parts) {
    const whole = resolve(part);
    if (whole) {
      owners.push(whole);
      continue;
    }
    // 人事秘書課・デジタル戦略課, as the seed writes 担い手, when the whole is no department's name.
    const pieces = part.split('・').map((piece) => resolve(piece.trim()));
    if (pieces.length > 1 && pieces.every((piece) => piece !== undefined)) {
      owners.push(...(pieces as Department[]));
      continue;
    }
    return part;
  }
  return owners;
}

interface ActionSlot {
  action: Action;
  row: number;
}

/**
 * Turns the cells of a plan workbook into a plan document, or every problem found — each naming its
 * sheet, row and column and what was expected. Fields the workbook does not hold (mission, vision,
 * evaluation settings, schedules, stated figures, notes) are taken from `base`, the plan as stored, so
 * that a workbook written by `buildPlanWorkbook` reads back as the same plan.
 */
export function parsePlanWorkbook({
  grid,
  base,
}: {
  grid: WorkbookGrid;
  base?: PlanDocument | null | undefined;
}): WorkbookParseResult {
  const issues = new IssueList();
  const info = readInfo(grid, issues);
  const {
    departments,
    resolve: resolveDepartment,
    rows: departmentRows,
    infoRows,
  } = {
    ...readDepartments(grid, issues),
    infoRows: info?.rows ?? new Map<string, number>(),
  };
  const origins: Origins = {
    info: infoRows,
    departments: departmentRows as unknown as AnyTableRow[],
    nodes: new Map(),
    actions: new Map(),
    reports: new Map(),
    tasks: new Map(),
    kpis: new Map(),
    actuals: new Map(),
  };
  const levels = info?.levels ?? [];
  const actionLevel = info?.actionLevel ?? '';
  const baseActions = new Map<string, Action>();
  const visitBase = (nodes: PlanNode[]) => {
    for (const node of nodes) {
      for (const action of node.actions) baseActions.set(action.key, action);
      visitBase(node.children);
    }
  };
  if (base) {
    visitBase(base.plan.nodes);
    for (const action of base.plan.actions) baseActions.set(action.key, action);
  }

  /* 計画の構成 */
  const structureRows =
    readTable({
      grid,
      name: SHEETS.structure,
      specs: STRUCTURE_COLUMNS,
      required: ['level', 'number', 'title', 'aim', 'approach', 'target', 'owners', 'key', 'parent'],
      issues,
    }) ?? [];
  const takenKeys = new Set(
    structureRows.map((row) => row.text('key')?.trim()).filter((key): key is string => !!key),
  );
  const makeNodeKey = createKeyMaker('node', takenKeys);
  const makeActionKey = createKeyMaker('action', takenKeys);
  const nodes = new Map<string, { node: PlanNode; depth: number; row: number }>();
  const topNodes: PlanNode[] = [];
  const topActions: Action[] = [];
  const actions = new Map<string, ActionSlot>();
  const actionsByNumber = new Map<string, ActionSlot[]>();
  /** The last node row seen at each depth: where a row without 上位のキー belongs. */
  const openNodes: (PlanNode | undefined)[] = [];
  const pendingParents: {
    row: TableRow<typeof STRUCTURE_COLUMNS>;
    parentKey: string;
    place: (parent: PlanNode) => void;
    depth: number | null;
  }[] = [];

  for (const row of structureRows) {
    const level = row.text('level')?.trim() ?? '';
    const depth = levels.indexOf(level);
    const isAction = level === actionLevel && depth === -1;
    if (!isAction && depth === -1) {
      const choices = [...levels, actionLevel].map((name) => `「${name}」`).join('・');
      issues.add(row.ref('level'), `区分には ${choices} のどれかを入力してください`, row.cell('level'));
      continue;
    }
    const title = row.text('title')?.trim();
    if (!title) issues.add(row.ref('title'), '名称を入力してください');
    const key =
      row.text('key')?.trim() ||
      (isAction ? makeActionKey(row.text('number') ?? '') : makeNodeKey(String(row.row)));
    const parentKey = row.text('parent')?.trim();
    const number = row.text('number')?.trim();

    if (!isAction) {
      const node: PlanNode = {
        key,
        ...(number && { number }),
        title: title ?? '',
        ...(row.text('aim') && { description: row.text('aim')! }),
        children: [],
        actions: [],
      };
      if (nodes.has(key)) issues.add(row.ref('key'), `キー「${key}」が重複しています`);
      nodes.set(key, { node, depth, row: row.row });
      origins.nodes.set(key, row as unknown as AnyTableRow);
      openNodes[depth] = node;
      openNodes.length = depth + 1;
      if (depth === 0) {
        if (parentKey) issues.add(row.ref('parent'), `${levels[0]}には上位のキーを入力しないでください`);
        topNodes.push(node);
      } else if (parentKey) {
        pendingParents.push({ row, parentKey, depth, place: (parent) => parent.children.push(node) });
      } else {
        const parent = openNodes[depth - 1];
        if (parent) parent.children.push(node);
        else
          issues.add(
            row.rowRef(),
            `この${level}より上に${levels[depth - 1]}の行がありません（上位のキーを入力してください）`,
          );
      }
      continue;
    }

    if (!number) issues.add(row.ref('number'), '番号を入力してください');
    const ownersText = row.text('owners') ?? '';
    const owners = splitOwners(ownersText, resolveDepartment);
    if (typeof owners === 'string') {
      issues.add(
        row.ref('owners'),
        `担い手「${owners}」が「${SHEETS.departments}」シートにありません（複数の課は改行で区切ってください）`,
      );
    }
    const status = readChoice(row, 'status', STATUS_CHOICES, issues);
    const previous = baseActions.get(key);
    const action: Action = {
      key,
      number: number ?? '',
      title: title ?? '',
      ...(row.text('aim') && { aim: row.text('aim')! }),
      ...(row.text('approach') && { approach: row.text('approach')! }),
      ...(row.text('target') && { target: row.text('target')! }),
      owners: typeof owners === 'string' ? [] : owners.map((owner) => owner.key),
      ...(previous?.schedule && { schedule: previous.schedule }),
      tasks: [],
      kpis: [],
      ...(status && { status }),
      ...(previous?.departmentWeights && { departmentWeights: previous.departmentWeights }),
      ...(previous?.stated && { stated: previous.stated }),
      ...(previous?.note && { note: previous.note }),
    };
    if (actions.has(key)) {
      issues.add(row.ref('key'), `キー「${key}」が重複しています`);
      continue;
    }
    const slot = { action, row: row.row };
    actions.set(key, slot);
    origins.actions.set(key, row as unknown as AnyTableRow);
    if (number) actionsByNumber.set(number, [...(actionsByNumber.get(number) ?? []), slot]);
    if (parentKey) {
      pendingParents.push({ row, parentKey, depth: null, place: (parent) => parent.actions.push(action) });
    } else {
      const parent = openNodes.at(-1);
      if (parent) parent.actions.push(action);
      else topActions.push(action);
    }
  }
  for (const pending of pendingParents) {
    const parent = nodes.get(pending.parentKey);
    if (!parent) {
      issues.add(
        pending.row.ref('parent'),
        `上位のキー「${pending.parentKey}」の行が「${SHEETS.structure}」シートにありません`,
      );
      continue;
    }
    if (pending.depth !== null && parent.depth !== pending.depth - 1) {
      issues.add(
        pending.row.ref('parent'),
        `上位のキーには${levels[pending.depth - 1]}のキーを入力してください`,
      );
      continue;
    }
    pending.place(parent.node);
  }

  /** The action a row of another sheet belongs to: by its key, else by its number. */
  const findAction = <C extends Record<string, ColumnSpec & object>>(
    row: TableRow<C>,
    keyId: keyof C,
    numberId: keyof C,
  ): Action | null => {
    const key = row.text(keyId)?.trim();
    if (key) {
      const slot = actions.get(key);
      if (slot) return slot.action;
      issues.add(row.ref(keyId), `アクションのキー「${key}」が「${SHEETS.structure}」シートにありません`);
      return null;
    }
    const number = row.text(numberId)?.trim();
    if (!number) {
      issues.add(row.ref(numberId), 'アクション番号を入力してください');
      return null;
    }
    const slots = actionsByNumber.get(number) ?? [];
    if (slots.length === 1) return slots[0]!.action;
    issues.add(
      row.ref(numberId),
      slots.length === 0
        ? `番号「${number}」の${actionLevel || 'アクション'}が「${SHEETS.structure}」シートにありません`
        : `番号「${number}」が複数あるため、アクションのキーを入力してください`,
    );
    return null;
  };

  /* 年度タスク */
  const taskRows =
    readTable({
      grid,
      name: SHEETS.tasks,
      specs: TASK_COLUMNS,
      required: ['actionNumber', 'department', 'fy', 'planText', 'progress'],
      issues,
    }) ?? [];
  for (const row of taskRows) {
    const action = findAction(row, 'actionKey', 'actionNumber');
    const departmentText = row.text('department')?.trim();
    const department = departmentText ? resolveDepartment(departmentText) : undefined;
    if (!departmentText) issues.add(row.ref('department'), '担当課を入力してください');
    else if (!department)
      issues.add(
        row.ref('department'),
        `担当課「${departmentText}」が「${SHEETS.departments}」シートにありません`,
      );
    const fy = readFiscalYear(row.cell('fy'), (message) =>
      issues.add(row.ref('fy'), message, row.cell('fy')),
    );
    if (fy === undefined) issues.add(row.ref('fy'), '年度を入力してください（例: 令和6年度）');
    const planText = row.text('planText')?.trim();
    if (!planText) issues.add(row.ref('planText'), '計画を入力してください');
    let progress = readNumber(
      row,
      'progress',
      issues,
      '0〜100 の割合を入力してください（例: 80%、８０％、80）',
    );
    if (typeof progress === 'number' && (progress < 0 || progress > 100)) {
      issues.add(row.ref('progress'), '0〜100 の割合を入力してください', row.cell('progress'));
      progress = null;
    }
    const expected = readBooleanChoice(row, 'expected', EXPECTED_CHOICES, issues);
    const weight = readNumber(row, 'weight', issues, '重みは正の数を入力してください');
    if (!action || !department || !fy || !planText || progress === null || weight === null) continue;
    const task: Task = {
      ...(row.text('key')?.trim() && { key: row.text('key')!.trim() }),
      fy,
      department: department.key,
      planText,
      progress: progress ?? null,
      ...(expected !== undefined && { expected }),
      ...(weight !== undefined && { weight }),
    };
    action.tasks.push(task);
    origins.tasks.set(task, row as unknown as AnyTableRow);
  }

  /* 指標 */
  const kpiRows =
    readTable({
      grid,
      name: SHEETS.kpis,
      specs: KPI_COLUMNS,
      required: [
        'actionNumber',
        'name',
        'unit',
        'baselineValue',
        'baselineDate',
        'targetValue',
        'targetFy',
        'actualValue',
        'actualDate',
        'basis',
      ],
      issues,
    }) ?? [];
  const kpiByIdentity = new Map<string, { kpi: Kpi; row: TableRow<typeof KPI_COLUMNS> }>();
  const kpiKeyMakers = new Map<string, (hint: string) => string>();
  for (const row of kpiRows) {
    const action = findAction(row, 'actionKey', 'actionNumber');
    const name = row.text('name')?.trim();
    if (!name) issues.add(row.ref('name'), '指標の名前を入力してください');
    const baselineValue = readNumber(
      row,
      'baselineValue',
      issues,
      '基準値は数値を入力してください（例: 100、80%）',
    );
    const baselineDate = readDate(row, 'baselineDate', issues);
    const baselineLabel = row.text('baselineLabel')?.trim();
    const targetValue = readNumber(
      row,
      'targetValue',
      issues,
      '目標値は数値を入力してください（例: 130、80%）',
    );
    const targetFy = readFiscalYear(row.cell('targetFy'), (message) =>
      issues.add(row.ref('targetFy'), message, row.cell('targetFy')),
    );
    const actualValue = readNumber(
      row,
      'actualValue',
      issues,
      '実績値は数値を入力してください（例: 125、96%）',
    );
    const actualDate = readDate(row, 'actualDate', issues);
    const basis = readChoice(row, 'basis', KPI_BASIS_CHOICES, issues);
    const direction = readChoice(row, 'direction', KPI_DIRECTION_CHOICES, issues);
    const actualKind = readBooleanChoice(row, 'actualKind', HYPOTHETICAL_CHOICES, issues);
    const weight = readNumber(row, 'weight', issues, '重みは正の数を入力してください');
    if (!action || !name) continue;
    const keyText = row.text('key')?.trim();
    const identity = `${action.key}\u0000${keyText ?? `name:${name}`}`;
    let entry = kpiByIdentity.get(identity);
    if (!entry) {
      if (targetValue === undefined) issues.add(row.ref('targetValue'), '目標値を入力してください');
      if (targetFy === undefined)
        issues.add(row.ref('targetFy'), '目標年度を入力してください（例: 令和8年度）');
      if ((baselineDate || baselineLabel) && baselineValue === undefined) {
        issues.add(row.ref('baselineValue'), '基準日・基準値の注記があるときは基準値も入力してください');
      }
      if (typeof targetValue !== 'number' || typeof targetFy !== 'number') continue;
      let makeKey = kpiKeyMakers.get(action.key);
      if (!makeKey) {
        makeKey = createKeyMaker('kpi', new Set(action.kpis.map((kpi) => kpi.key)));
        kpiKeyMakers.set(action.key, makeKey);
      }
      const kpi: Kpi = {
        key: keyText || makeKey(String(action.kpis.length + 1)),
        name,
        unit: row.text('unit')?.trim() ?? '',
        direction: direction ?? 'increase',
        ...(basis && { basis }),
        ...(typeof baselineValue === 'number' && {
          baseline: {
            value: baselineValue,
            ...(baselineDate && { date: baselineDate }),
            ...(baselineLabel && { label: baselineLabel }),
          },
        }),
        target: { value: targetValue, fy: targetFy },
        actuals: [],
        ...(typeof weight === 'number' && { weight }),
      };
      action.kpis.push(kpi);
      origins.kpis.set(kpi, row as unknown as AnyTableRow);
      entry = { kpi, row };
      kpiByIdentity.set(identity, entry);
    } else {
      // A further actual of the same KPI: what the row repeats must agree with the KPI's first row.
      const { kpi, row: first } = entry;
      const mismatch = (id: keyof typeof KPI_COLUMNS, same: boolean) => {
        if (!same) {
          issues.add(
            row.ref(id),
            `同じ指標の${first.row}行目と値が違います（同じ指標の行は同じ値にするか、空欄にしてください）`,
            row.cell(id),
          );
        }
      };
      if (row.cell('unit')) mismatch('unit', (row.text('unit')?.trim() ?? '') === kpi.unit);
      if (typeof baselineValue === 'number') mismatch('baselineValue', baselineValue === kpi.baseline?.value);
      if (baselineDate) mismatch('baselineDate', baselineDate === kpi.baseline?.date);
      if (baselineLabel) mismatch('baselineLabel', baselineLabel === kpi.baseline?.label);
      if (typeof targetValue === 'number') mismatch('targetValue', targetValue === kpi.target.value);
      if (typeof targetFy === 'number') mismatch('targetFy', targetFy === kpi.target.fy);
      if (basis) mismatch('basis', basis === kpi.basis);
      if (direction) mismatch('direction', direction === kpi.direction);
      if (typeof weight === 'number') mismatch('weight', weight === kpi.weight);
    }
    if (actualValue === null || actualDate === null) continue;
    if (actualValue !== undefined && !actualDate) {
      issues.add(
        row.ref('actualDate'),
        '実績値を入力したときは実績日も入力してください（例: 令和8年2月8日）',
      );
      continue;
    }
    if (actualValue === undefined && actualDate) {
      issues.add(row.ref('actualValue'), '実績日を入力したときは実績値も入力してください');
      continue;
    }
    if (actualValue === undefined || !actualDate) continue;
    const note = row.text('actualNote')?.trim();
    const actual: KpiActual = {
      value: actualValue,
      date: actualDate,
      ...(actualKind !== undefined && { hypothetical: actualKind }),
      ...(note && { note }),
    };
    entry.kpi.actuals.push(actual);
    origins.actuals.set(actual, row as unknown as AnyTableRow);
  }

  /* 最終報告 */
  const reportRows =
    readTable({
      grid,
      name: SHEETS.report,
      specs: REPORT_COLUMNS,
      required: ['actionNumber', 'outcome', 'workDone', 'issuesAhead', 'direction'],
      issues,
    }) ?? [];
  const reported = new Map<string, number>();
  for (const row of reportRows) {
    const action = findAction(row, 'actionKey', 'actionNumber');
    const direction = readChoice(row, 'direction', DIRECTION_CHOICES, issues);
    let rate = readNumber(
      row,
      'assessmentRate',
      issues,
      '総括評価は 0〜100 の割合を入力してください（例: 70%）',
    );
    if (typeof rate === 'number' && (rate < 0 || rate > 100)) {
      issues.add(
        row.ref('assessmentRate'),
        '総括評価は 0〜100 の割合を入力してください',
        row.cell('assessmentRate'),
      );
      rate = null;
    }
    const reason = row.text('assessmentReason')?.trim();
    const assessmentKind = readBooleanChoice(row, 'assessmentKind', ASSESSMENT_KIND_CHOICES, issues);
    if (rate === undefined && reason)
      issues.add(row.ref('assessmentRate'), '総括評価の理由を入力したときは総括評価(%)も入力してください');
    if (typeof rate === 'number' && !reason)
      issues.add(row.ref('assessmentReason'), '総括評価には理由が必要です');
    if (!action) continue;
    const earlier = reported.get(action.key);
    if (earlier !== undefined) {
      issues.add(row.rowRef(), `同じ${actionLevel || 'アクション'}の行が${earlier}行目にもあります`);
      continue;
    }
    reported.set(action.key, row.row);
    origins.reports.set(action.key, row as unknown as AnyTableRow);
    const outcome = row.text('outcome')?.trim();
    const workDone = row.text('workDone')?.trim();
    const issuesAhead = row.text('issuesAhead')?.trim();
    if (outcome || workDone || issuesAhead || direction) {
      action.report = {
        ...(outcome && { outcome }),
        ...(workDone && { workDone }),
        ...(issuesAhead && { issuesAhead }),
        ...(direction && { direction }),
      };
    }
    if (typeof rate === 'number' && reason) {
      action.assessment = {
        rate,
        reason,
        ...(assessmentKind !== undefined && { hypothetical: assessmentKind }),
      };
    }
  }

  if (!info) return { ok: false, issues: issues.finish() };

  const samePlan = base && base.plan.slug === info.slug ? base.plan : null;
  const input: PlanDocumentInput = {
    format: 'kiseki-plan@1',
    municipality: { code: info.code, name: info.municipalityName, prefecture: info.prefecture },
    departments,
    plan: {
      slug: info.slug,
      title: info.title,
      period: { startFy: info.startFy, endFy: info.endFy },
      levels,
      actionLevel: info.actionLevel,
      ...(samePlan?.mission !== undefined && { mission: samePlan.mission }),
      ...(samePlan?.vision !== undefined && { vision: samePlan.vision }),
      ...(samePlan?.values !== undefined && { values: samePlan.values }),
      ...(samePlan?.phases !== undefined && { phases: samePlan.phases }),
      ...(samePlan?.evaluation !== undefined && { evaluation: samePlan.evaluation }),
      ...(samePlan?.sources !== undefined && { sources: samePlan.sources }),
      nodes: topNodes,
      actions: topActions,
    },
  };
  const parsed = planDocumentSchema.safeParse(input);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const ref = locateIssue({ path: issue.path, document: input, origins });
      issues.add(ref, issue.message);
    }
  }
  const found = issues.finish();
  if (found.length > 0 || !parsed.success) return { ok: false, issues: found };
  return { ok: true, document: parsed.data };
}

type AnyTableRow = TableRow<Record<string, ColumnSpec>>;

/** Where each part of the assembled document was read from. */
interface Origins {
  info: Map<string, number>;
  departments: AnyTableRow[];
  nodes: Map<string, AnyTableRow>;
  actions: Map<string, AnyTableRow>;
  reports: Map<string, AnyTableRow>;
  tasks: Map<Task, AnyTableRow>;
  kpis: Map<Kpi, AnyTableRow>;
  actuals: Map<KpiActual, AnyTableRow>;
}

/** Plan-format field → the column it is read from, per kind of row. */
const FIELD_COLUMNS: Record<string, Record<string, string>> = {
  node: { key: 'key', number: 'number', title: 'title', description: 'aim' },
  action: {
    key: 'key',
    number: 'number',
    title: 'title',
    aim: 'aim',
    approach: 'approach',
    target: 'target',
    owners: 'owners',
    status: 'status',
  },
  task: {
    key: 'key',
    fy: 'fy',
    department: 'department',
    planText: 'planText',
    progress: 'progress',
    weight: 'weight',
  },
  kpi: {
    key: 'key',
    name: 'name',
    unit: 'unit',
    baseline: 'baselineValue',
    target: 'targetValue',
    weight: 'weight',
  },
  actual: { value: 'actualValue', date: 'actualDate', note: 'actualNote' },
  report: {
    outcome: 'outcome',
    workDone: 'workDone',
    issuesAhead: 'issuesAhead',
    direction: 'direction',
    rate: 'assessmentRate',
    reason: 'assessmentReason',
  },
  department: { key: 'key', name: 'name', parent: 'parent' },
};

const INFO_FIELDS: Record<string, string> = {
  code: INFO_ROWS.municipalityCode,
  name: INFO_ROWS.municipalityName,
  prefecture: INFO_ROWS.prefecture,
  slug: INFO_ROWS.slug,
  title: INFO_ROWS.title,
  startFy: INFO_ROWS.startFy,
  endFy: INFO_ROWS.endFy,
  period: INFO_ROWS.endFy,
  levels: INFO_ROWS.levels,
  actionLevel: INFO_ROWS.actionLevel,
};

/** A problem the plan format found (a key's form, a length, a year outside the period), traced to its cell. */
function locateIssue({
  path,
  document,
  origins,
}: {
  path: readonly PropertyKey[];
  document: PlanDocumentInput;
  origins: Origins;
}): CellRef {
  let current: unknown = document;
  let located: { kind: string; row: AnyTableRow; rest: PropertyKey[] } | null = null;
  let actionKey: string | null = null;
  for (let i = 0; i < path.length; i++) {
    const segment = path[i]!;
    if (current === null || typeof current !== 'object') break;
    current = (current as Record<PropertyKey, unknown>)[segment];
    const rest = path.slice(i + 1);
    if (typeof segment === 'string') {
      if ((segment === 'report' || segment === 'assessment') && actionKey !== null) {
        const row = origins.reports.get(actionKey);
        if (row) located = { kind: 'report', row, rest };
      }
      continue;
    }
    const collection = path[i - 1];
    let row: AnyTableRow | undefined;
    let kind = '';
    if (collection === 'actions') {
      actionKey = String((current as Action | undefined)?.key ?? '');
      row = origins.actions.get(actionKey);
      kind = 'action';
    } else if (collection === 'nodes' || collection === 'children') {
      row = origins.nodes.get(String((current as PlanNode | undefined)?.key ?? ''));
      kind = 'node';
    } else if (collection === 'tasks') {
      row = origins.tasks.get(current as Task);
      kind = 'task';
    } else if (collection === 'kpis') {
      row = origins.kpis.get(current as Kpi);
      kind = 'kpi';
    } else if (collection === 'actuals') {
      row = origins.actuals.get(current as KpiActual);
      kind = 'actual';
    } else if (collection === 'departments') {
      row = typeof segment === 'number' ? origins.departments[segment] : undefined;
      kind = 'department';
    }
    if (row) located = { kind, row, rest };
  }
  if (!located) {
    const field = [...path]
      .reverse()
      .find((segment) => typeof segment === 'string' && segment in INFO_FIELDS);
    const label = field === undefined ? undefined : INFO_FIELDS[String(field)];
    const infoRow = label === undefined ? undefined : origins.info.get(label);
    return { sheet: SHEETS.info, row: infoRow ?? 1, column: infoRow === undefined ? null : 1, header: label };
  }
  const columnId = FIELD_COLUMNS[located.kind]?.[String(located.rest[0] ?? '')];
  return columnId ? located.row.ref(columnId) : located.row.rowRef();
}
