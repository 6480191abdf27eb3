import type { Database } from '../../db/database.js';
import { buildSuperAdminActor } from '../test-support.js';
import { createBprProject, createBprResult } from './bpr.usecases.js';
import { createFundingItem, createFundingList } from './funding.usecases.js';
import { createSeries, createSeriesRow } from './series.usecases.js';

/* Records the effects tests and the permission matrix build on, created as the system's super-admin. */

export async function createTestBprProject({
  db,
  municipalityId,
  departmentId,
  title = '令和5年度 BPRプロジェクト',
}: {
  db: Database;
  municipalityId: string;
  /** When given, one measured row of this department is added. */
  departmentId?: string;
  title?: string;
}) {
  const actor = buildSuperAdminActor();
  const created = await createBprProject({
    db,
    actor,
    municipalityId,
    input: { title, fy: 2023, source: null, note: null, statedHoursSaved: null, statedReductionRate: null },
  });
  if (!departmentId) return created;
  return createBprResult({
    db,
    actor,
    municipalityId,
    projectId: created.project.id,
    input: {
      number: '1',
      process: '健診アンケート入力業務',
      departmentId,
      hoursBefore: 288,
      hoursAfter: 204,
      statedHoursSaved: null,
      statedReductionRate: null,
      note: null,
      actionIds: [],
    },
  });
}

export const printingColumns = [
  { key: 'mono', label: 'モノクロ印刷枚数', unit: '枚' },
  { key: 'colour', label: 'カラー印刷枚数', unit: '枚' },
  { key: 'sheets', label: '印刷枚数計', unit: '枚', sumOf: ['mono', 'colour'], changeLabel: '前年増減数' },
  { key: 'budget', label: '予算額', unit: '円' },
  { key: 'spend', label: '執行額', unit: '円', changeLabel: '前年増減額' },
];

export async function createTestSeries({
  db,
  municipalityId,
  withRow = false,
}: {
  db: Database;
  municipalityId: string;
  withRow?: boolean;
}) {
  const actor = buildSuperAdminActor();
  const created = await createSeries({
    db,
    actor,
    municipalityId,
    input: {
      title: 'パフォーマンスチャージ料（印刷にかかる費用）の推移',
      description: null,
      columns: printingColumns,
      source: null,
      note: null,
    },
  });
  if (!withRow) return created;
  return createSeriesRow({
    db,
    actor,
    municipalityId,
    seriesId: created.series.id,
    input: {
      fy: 2021,
      values: { mono: 4_660_095, colour: 443_714, budget: 23_674_000, spend: 24_276_001 },
      statedValues: null,
      statedChanges: null,
      note: null,
    },
  });
}

export async function createTestFundingList({
  db,
  municipalityId,
  withItem = false,
}: {
  db: Database;
  municipalityId: string;
  withItem?: boolean;
}) {
  const actor = buildSuperAdminActor();
  const created = await createFundingList({
    db,
    actor,
    municipalityId,
    input: {
      kind: 'grant',
      title: 'デジタル田園都市国家構想交付金：採択結果一覧',
      fy: 2024,
      program: 'デジタル田園都市国家構想交付金',
      source: null,
      note: null,
      statedProjectCost: null,
      statedGrantAmount: null,
      statedBudgetAmount: null,
    },
  });
  if (!withItem) return created;
  return createFundingItem({
    db,
    actor,
    municipalityId,
    listId: created.list.id,
    input: {
      number: '2',
      name: '事業者向け行政サービスDX事業（入札契約システム導入）',
      summary: '電子入札・契約管理システム整備',
      type: 'デジタル実装タイプ TYPE1',
      projectCost: 7_198_000,
      grantAmount: 3_599_000,
      budgetAmount: null,
      subsidyRate: { numerator: 1, denominator: 2 },
      note: null,
      actionIds: [],
    },
  });
}
