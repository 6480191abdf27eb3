import type { Database } from '../../db/database.js';
import { AppError } from '../../domain/app-error.js';
import { type FundingKind, formatAmount, fundingKindLabels, summarizeFunding } from '../../domain/effects.js';
import { formatFiscalYear } from '../../domain/fiscal-year.js';
import type { Actor } from '../../domain/policy.js';
import type { ValidationIssue } from '../../domain/validation.js';
import { recordAudit } from '../audit/audit.repository.js';
import { ensureCan } from '../authorization.js';
import {
  describeLinkedActions,
  ensureActions,
  ensureCanEditWholeTable,
  ensureMunicipalityExists,
  throwConflict,
  toIsoString,
} from './effects.access.js';
import { computeListTotals, groupRows, toFundingItemView } from './effects.models.js';
import { listLinkedActions, replaceActionLinks } from './effects.repository.js';
import type { FundingListDetail, FundingListsResponse } from './effects.schemas.js';
import {
  type FundingItemRow,
  type FundingItemValues,
  type FundingListRow,
  type FundingListValues,
  findFundingItem,
  findFundingList,
  insertFundingItem,
  insertFundingList,
  listFundingItems,
  listFundingLists,
  updateFundingItem,
  updateFundingList,
} from './funding.repository.js';

export function toFundingListView(row: FundingListRow): FundingListDetail['list'] {
  return {
    id: row.id,
    kind: row.kind,
    title: row.title,
    fy: row.fy,
    program: row.program,
    source: row.source,
    note: row.note,
    statedProjectCost: row.statedProjectCost,
    statedGrantAmount: row.statedGrantAmount,
    statedBudgetAmount: row.statedBudgetAmount,
    published: row.publishedAt !== null,
    publishedAt: toIsoString(row.publishedAt),
    version: row.version,
    updatedAt: row.updatedAt.toISOString(),
  };
}

function describeList(row: Pick<FundingListRow, 'title' | 'fy'>): string {
  return `「${row.title}」（${formatFiscalYear(row.fy)}）`;
}

function describeItemAmounts(
  row: Pick<FundingItemRow, 'projectCost' | 'grantAmount' | 'budgetAmount'>,
): string {
  const parts: string[] = [];
  if (row.projectCost !== null) parts.push(`事業費 ${formatAmount(row.projectCost, 'thousand')}`);
  if (row.grantAmount !== null) parts.push(`採択額 ${formatAmount(row.grantAmount, 'thousand')}`);
  if (row.budgetAmount !== null) parts.push(`予算額 ${formatAmount(row.budgetAmount, 'thousand')}`);
  return parts.join('、');
}

/** The municipality's grant and budget lists with their totals, and totals by year and type across them. */
export async function findFundingLists({
  db,
  actor,
  municipalityId,
}: {
  db: Database;
  actor: Actor;
  municipalityId: string;
}): Promise<FundingListsResponse> {
  ensureCan(actor, 'plan.read', { municipalityId });
  const lists = await listFundingLists({ db, municipalityId });
  const items = groupRows(
    await listFundingItems({ db, municipalityId, listIds: lists.map((list) => list.id) }),
    (row) => row.listId,
  );
  const summary = summarizeFunding(
    lists.map((list) => ({ fy: list.fy, kind: list.kind, items: items.get(list.id) ?? [] })),
  );
  return {
    lists: lists.map((list) => ({
      ...toFundingListView(list),
      totals: computeListTotals(list, items.get(list.id) ?? []),
    })),
    byYear: summary.byYear,
    byYearAndType: summary.byYearAndType,
  };
}

export async function getFundingListDetail({
  db,
  actor,
  municipalityId,
  listId,
}: {
  db: Database;
  actor: Actor;
  municipalityId: string;
  listId: string;
}): Promise<FundingListDetail> {
  ensureCan(actor, 'plan.read', { municipalityId });
  return loadFundingListDetail({ db, municipalityId, listId });
}

/** The detail without a permission check, for callers that have checked (or serve published data). */
export async function loadFundingListDetail({
  db,
  municipalityId,
  listId,
}: {
  db: Database;
  municipalityId: string;
  listId: string;
}): Promise<FundingListDetail> {
  const list = await findFundingList({ db, municipalityId, listId });
  if (!list) throw new AppError({ code: 'funding_list.not_found' });
  const items = await listFundingItems({ db, municipalityId, listIds: [list.id] });
  const links = await listLinkedActions({
    db,
    municipalityId,
    subjectType: 'funding_item',
    subjectIds: items.map((item) => item.id),
  });
  return {
    list: toFundingListView(list),
    items: items.map((row) => toFundingItemView({ row, actions: links.get(row.id) ?? [] })),
    totals: computeListTotals(list, items),
  };
}

function ensureStatedFitsKind(kind: FundingKind, values: Omit<FundingListValues, 'kind'>): void {
  if (kind === 'grant' && values.statedBudgetAmount !== null) {
    throw new AppError({
      code: 'request.invalid',
      message: '交付金の一覧には予算額の合計を記録できません',
      issues: [{ path: 'statedBudgetAmount', message: '交付金の一覧では空にしてください' }],
    });
  }
  if (kind === 'budget' && (values.statedProjectCost !== null || values.statedGrantAmount !== null)) {
    throw new AppError({
      code: 'request.invalid',
      message: '予算の一覧には事業費・採択額の合計を記録できません',
      issues: [
        ...(values.statedProjectCost !== null
          ? [{ path: 'statedProjectCost', message: '予算の一覧では空にしてください' }]
          : []),
        ...(values.statedGrantAmount !== null
          ? [{ path: 'statedGrantAmount', message: '予算の一覧では空にしてください' }]
          : []),
      ],
    });
  }
}

export async function createFundingList({
  db,
  actor,
  municipalityId,
  input,
}: {
  db: Database;
  actor: Actor;
  municipalityId: string;
  input: FundingListValues;
}): Promise<FundingListDetail> {
  ensureCanEditWholeTable(actor, municipalityId);
  await ensureMunicipalityExists({ db, municipalityId });
  ensureStatedFitsKind(input.kind, input);
  const list = await db.transaction(async (tx) => {
    const row = await insertFundingList({ db: tx, municipalityId, values: input });
    await recordAudit({
      db: tx,
      actor,
      entry: {
        municipalityId,
        subjectType: 'grant',
        subjectId: row.id,
        operation: 'create',
        summary: `${fundingKindLabels[row.kind]}の一覧${describeList(row)}を登録`,
        after: input,
      },
    });
    return row;
  });
  return loadFundingListDetail({ db, municipalityId, listId: list.id });
}

export async function updateFundingListHeader({
  db,
  actor,
  municipalityId,
  listId,
  input,
}: {
  db: Database;
  actor: Actor;
  municipalityId: string;
  listId: string;
  input: Omit<FundingListValues, 'kind'> & { version: number };
}): Promise<FundingListDetail> {
  ensureCanEditWholeTable(actor, municipalityId);
  const { version, ...values } = input;
  await db.transaction(async (tx) => {
    const before = await findFundingList({ db: tx, municipalityId, listId });
    if (!before) throw new AppError({ code: 'funding_list.not_found' });
    ensureStatedFitsKind(before.kind, values);
    const after = await updateFundingList({ db: tx, municipalityId, listId, version, values });
    if (!after) throwConflict(toFundingListView(before));
    await recordAudit({
      db: tx,
      actor,
      entry: {
        municipalityId,
        subjectType: 'grant',
        subjectId: listId,
        operation: 'update',
        summary: `${fundingKindLabels[after.kind]}の一覧${describeList(after)}の見出し・資料記載の合計を更新`,
        before: {
          title: before.title,
          fy: before.fy,
          program: before.program,
          source: before.source,
          note: before.note,
          statedProjectCost: before.statedProjectCost,
          statedGrantAmount: before.statedGrantAmount,
          statedBudgetAmount: before.statedBudgetAmount,
        },
        after: values,
      },
    });
  });
  return loadFundingListDetail({ db, municipalityId, listId });
}

export async function archiveFundingList({
  db,
  actor,
  municipalityId,
  listId,
  version,
}: {
  db: Database;
  actor: Actor;
  municipalityId: string;
  listId: string;
  version: number;
}): Promise<void> {
  ensureCanEditWholeTable(actor, municipalityId);
  await db.transaction(async (tx) => {
    const before = await findFundingList({ db: tx, municipalityId, listId });
    if (!before) throw new AppError({ code: 'funding_list.not_found' });
    const after = await updateFundingList({
      db: tx,
      municipalityId,
      listId,
      version,
      values: { archivedAt: new Date() },
    });
    if (!after) throwConflict(toFundingListView(before));
    await recordAudit({
      db: tx,
      actor,
      entry: {
        municipalityId,
        subjectType: 'grant',
        subjectId: listId,
        operation: 'archive',
        summary: `${fundingKindLabels[before.kind]}の一覧${describeList(before)}を削除（履歴は残ります）`,
        before: toFundingListView(before),
      },
    });
  });
}

type FundingItemInput = Omit<FundingItemValues, 'subsidyRateNumerator' | 'subsidyRateDenominator'> & {
  subsidyRate: { numerator: number; denominator: number } | null;
  actionIds: string[];
};

/** A grant has a project cost and a grant amount; a budget line has its budget amount, nothing else. */
function toItemValues(kind: FundingKind, input: FundingItemInput): FundingItemValues {
  const issues: ValidationIssue[] = [];
  if (kind === 'grant') {
    if (input.projectCost === null) issues.push({ path: 'projectCost', message: '事業費を入力してください' });
    if (input.grantAmount === null) issues.push({ path: 'grantAmount', message: '採択額を入力してください' });
    if (input.budgetAmount !== null)
      issues.push({ path: 'budgetAmount', message: '交付金の事業では空にしてください' });
    if (input.projectCost !== null && input.grantAmount !== null && input.grantAmount > input.projectCost) {
      issues.push({ path: 'grantAmount', message: '採択額は事業費以下にしてください' });
    }
  } else {
    if (input.budgetAmount === null)
      issues.push({ path: 'budgetAmount', message: '予算額を入力してください' });
    for (const field of ['projectCost', 'grantAmount'] as const) {
      if (input[field] !== null) issues.push({ path: field, message: '予算の事業では空にしてください' });
    }
    if (input.subsidyRate !== null)
      issues.push({ path: 'subsidyRate', message: '予算の事業では空にしてください' });
  }
  if (issues.length > 0) {
    throw new AppError({
      code: 'request.invalid',
      message: 'この一覧の種類に合わない項目があります',
      issues,
    });
  }
  const { subsidyRate, actionIds: _actionIds, ...values } = input;
  return {
    ...values,
    subsidyRateNumerator: subsidyRate?.numerator ?? null,
    subsidyRateDenominator: subsidyRate?.denominator ?? null,
  };
}

export async function createFundingItem({
  db,
  actor,
  municipalityId,
  listId,
  input,
}: {
  db: Database;
  actor: Actor;
  municipalityId: string;
  listId: string;
  input: FundingItemInput;
}): Promise<FundingListDetail> {
  ensureCanEditWholeTable(actor, municipalityId);
  const list = await findFundingList({ db, municipalityId, listId });
  if (!list) throw new AppError({ code: 'funding_list.not_found' });
  const values = toItemValues(list.kind, input);
  const actions = await ensureActions({ db, municipalityId, actionIds: input.actionIds });
  await db.transaction(async (tx) => {
    const row = await insertFundingItem({ db: tx, municipalityId, listId, values });
    await replaceActionLinks({
      db: tx,
      municipalityId,
      subjectType: 'funding_item',
      subjectId: row.id,
      actions,
    });
    await recordAudit({
      db: tx,
      actor,
      entry: {
        municipalityId,
        subjectType: 'grant',
        subjectId: row.id,
        operation: 'create',
        summary: `${describeList(list)}に「${row.name}」（${describeItemAmounts(row)}）を追加`,
        after: { ...values, actions: describeLinkedActions(actions) },
      },
    });
  });
  return loadFundingListDetail({ db, municipalityId, listId });
}

export async function updateFundingItemRow({
  db,
  actor,
  municipalityId,
  listId,
  itemId,
  input,
}: {
  db: Database;
  actor: Actor;
  municipalityId: string;
  listId: string;
  itemId: string;
  input: FundingItemInput & { version: number };
}): Promise<FundingListDetail> {
  ensureCanEditWholeTable(actor, municipalityId);
  const list = await findFundingList({ db, municipalityId, listId });
  if (!list) throw new AppError({ code: 'funding_list.not_found' });
  const { version, ...rest } = input;
  const values = toItemValues(list.kind, rest);
  const actions = await ensureActions({ db, municipalityId, actionIds: input.actionIds });
  await db.transaction(async (tx) => {
    const before = await findFundingItem({ db: tx, municipalityId, listId, itemId });
    if (!before) throw new AppError({ code: 'funding_item.not_found' });
    const beforeLinks =
      (
        await listLinkedActions({ db: tx, municipalityId, subjectType: 'funding_item', subjectIds: [itemId] })
      ).get(itemId) ?? [];
    const after = await updateFundingItem({ db: tx, municipalityId, itemId, version, values });
    if (!after) throwConflict(toFundingItemView({ row: before, actions: beforeLinks }));
    await replaceActionLinks({
      db: tx,
      municipalityId,
      subjectType: 'funding_item',
      subjectId: itemId,
      actions,
    });
    await recordAudit({
      db: tx,
      actor,
      entry: {
        municipalityId,
        subjectType: 'grant',
        subjectId: itemId,
        operation: 'update',
        summary: `${describeList(list)}の「${after.name}」を更新（${describeItemAmounts(after)}）`,
        before: {
          ...toFundingItemView({ row: before, actions: [] }),
          actions: describeLinkedActions(beforeLinks),
        },
        after: { ...values, actions: describeLinkedActions(actions) },
      },
    });
  });
  return loadFundingListDetail({ db, municipalityId, listId });
}

export async function archiveFundingItem({
  db,
  actor,
  municipalityId,
  listId,
  itemId,
  version,
}: {
  db: Database;
  actor: Actor;
  municipalityId: string;
  listId: string;
  itemId: string;
  version: number;
}): Promise<FundingListDetail> {
  ensureCanEditWholeTable(actor, municipalityId);
  const list = await findFundingList({ db, municipalityId, listId });
  if (!list) throw new AppError({ code: 'funding_list.not_found' });
  await db.transaction(async (tx) => {
    const before = await findFundingItem({ db: tx, municipalityId, listId, itemId });
    if (!before) throw new AppError({ code: 'funding_item.not_found' });
    const after = await updateFundingItem({
      db: tx,
      municipalityId,
      itemId,
      version,
      values: { archivedAt: new Date() },
    });
    if (!after) throwConflict(toFundingItemView({ row: before, actions: [] }));
    await recordAudit({
      db: tx,
      actor,
      entry: {
        municipalityId,
        subjectType: 'grant',
        subjectId: itemId,
        operation: 'archive',
        summary: `${describeList(list)}から「${before.name}」を削除（履歴は残ります）`,
        before: toFundingItemView({ row: before, actions: [] }),
      },
    });
  });
  return loadFundingListDetail({ db, municipalityId, listId });
}
