import { describe, expect, test } from 'vitest';
import {
  type BprResultInput,
  computeBprResult,
  computeBprTotals,
  computeFundingTotals,
  computeGrantShare,
  computeSeriesTable,
  deriveActualsFromBpr,
  deriveActualsFromSeries,
  formatAmount,
  planDerivedActualChanges,
  type SeriesColumn,
  summarizeFunding,
} from './effects.js';
import { checkStatedFigure, formatSignedChange } from './stated-figures.js';

/** 鹿島市 BPRプロジェクトの実証結果（評価）, seed 002: before, after (null = 未測定), the row's stated 削減時間. */
const kashimaBprRows: [number, number | null, number | null][] = [
  [27, 17.5, 9.5],
  [17.5, 4.8, 12.7],
  [288, 204, 84],
  [31, 1, 30],
  [320, 144, 176],
  [7, 2, 5],
  [200, null, null],
  [50, 10, 40],
  [756, 504, 252],
  [124, null, null],
  [213, 201, 12],
  [870, 450, 420],
  [330, null, null],
  [42, 1, 41],
  [24, 8, 16],
  [52, null, null],
  [7, 3, 4],
  [177.5, 170, 7.5],
  [88, 19.5, 68.5],
  [48, 16, 32],
];

const kashimaResults: BprResultInput[] = kashimaBprRows.map(
  ([hoursBefore, hoursAfter, statedHoursSaved]) => ({
    hoursBefore,
    hoursAfter,
    statedHoursSaved,
  }),
);

describe('BPR totals', () => {
  test('鹿島市: 1210.2 h saved over 2966 h measured is 40.8 %, and the stated 1203.2 h and 40 % are flagged', () => {
    const totals = computeBprTotals({
      results: kashimaResults,
      stated: { hoursSaved: 1203.2, reductionRate: 40 },
    });

    expect(totals.processCount).toBe(20);
    expect(totals.measuredCount).toBe(16);
    expect(totals.unmeasuredCount).toBe(4);
    expect(totals.hoursBefore).toBe(2966);
    expect(totals.hoursAfter).toBe(1755.8);
    expect(totals.hoursSaved).toBe(1210.2);
    expect(totals.reductionRateShown).toBe(40.8);
    expect(totals.checks.map((check) => [check.label, check.stated, check.differs])).toEqual([
      ['削減時間の合計（未測定を除く）', 1203.2, true],
      ['削減率（未測定を除く）', 40, true],
    ]);
    expect(totals.checks[0]!.message).toBe(
      '資料の削減時間の合計（未測定を除く） 1,203.2時間 は、各行から計算した 1,210.2時間 と一致しません',
    );
  });

  test('every row of 鹿島市 agrees with its own stated hours saved', () => {
    const figures = kashimaResults.map(computeBprResult);

    expect(figures.flatMap((figure) => figure.checks).filter((check) => check.differs)).toEqual([]);
    expect(figures.filter((figure) => !figure.measured)).toHaveLength(4);
  });

  test('放課後児童クラブ入所申込受付業務: 68.5 h of 88 h is the 77.8 % the document prints', () => {
    const figure = computeBprResult({ hoursBefore: 88, hoursAfter: 19.5, statedReductionRate: 77.8 });

    expect(figure.hoursSaved).toBe(68.5);
    expect(figure.reductionRateShown).toBe(77.8);
    expect(figure.checks.every((check) => !check.differs)).toBe(true);
  });

  test('with nothing measured the totals are zero, the rate is empty, and a stated total cannot be confirmed', () => {
    const totals = computeBprTotals({
      results: [{ hoursBefore: 200, hoursAfter: null }],
      stated: { hoursSaved: 10 },
    });

    expect(totals.hoursSaved).toBe(0);
    expect(totals.reductionRate).toBeNull();
    expect(totals.checks[0]).toMatchObject({ computed: null, differs: true });
  });
});

/** 嘉麻市 パフォーマンスチャージ料（印刷にかかる費用）の推移, seed 000. */
const printingColumns: SeriesColumn[] = [
  { key: 'mono', label: 'モノクロ印刷枚数', unit: '枚' },
  { key: 'colour', label: 'カラー印刷枚数', unit: '枚' },
  { key: 'sheets', label: '印刷枚数計', unit: '枚', sumOf: ['mono', 'colour'], changeLabel: '前年増減数' },
  { key: 'budget', label: '予算額', unit: '円' },
  { key: 'spend', label: '執行額', unit: '円', changeLabel: '前年増減額' },
];

const printingRows = [
  {
    fy: 2021,
    values: { mono: 4_660_095, colour: 443_714, budget: 23_674_000, spend: 24_276_001 },
    statedValues: { sheets: 5_103_809 },
  },
  {
    fy: 2022,
    values: { mono: 4_485_691, colour: 501_844, budget: 24_149_000, spend: 24_498_502 },
    statedValues: { sheets: 4_987_535 },
    statedChanges: { sheets: -116_274, spend: 222_501 },
  },
  {
    fy: 2023,
    values: { mono: 3_897_822, colour: 338_760, budget: 21_117_000, spend: 19_210_836 },
    statedValues: { sheets: 4_236_582 },
    statedChanges: { sheets: -750_953, spend: -5_287_666 },
  },
  { fy: 2024, values: { budget: 19_976_000 } },
];

describe('series: changes from the previous year', () => {
  test('嘉麻市: △116,274 and △750,953 sheets; +222,501 and △5,287,666 円; every stated figure agrees', () => {
    const table = computeSeriesTable({ columns: printingColumns, rows: printingRows });

    expect(table.rows.map((row) => row.values.sheets)).toEqual([5_103_809, 4_987_535, 4_236_582, null]);
    expect(table.rows.map((row) => row.changes.sheets)).toEqual([null, -116_274, -750_953, null]);
    expect(table.rows.map((row) => row.changes.spend)).toEqual([null, 222_501, -5_287_666, null]);
    expect(table.rows.map((row) => formatSignedChange(row.changes.sheets ?? 0))).toEqual([
      '±0',
      '△116,274',
      '△750,953',
      '±0',
    ]);
    expect(formatSignedChange(222_501)).toBe('+222,501');
    expect(formatSignedChange(-5_287_666)).toBe('△5,287,666');
    expect(table.checks).toHaveLength(7);
    expect(table.checks.filter((check) => check.differs)).toEqual([]);
  });

  test('a year with only a budget (令和6年度) has no sheet total and no change, not a zero', () => {
    const table = computeSeriesTable({ columns: printingColumns, rows: printingRows });
    const fy2024 = table.rows.find((row) => row.fy === 2024)!;

    expect(fy2024.values).toMatchObject({ mono: null, colour: null, sheets: null, budget: 19_976_000 });
    expect(fy2024.changes).toEqual({ sheets: null, spend: null });
  });

  test('a missing year leaves the next change empty: the change is from the year before, not the row before', () => {
    const table = computeSeriesTable({
      columns: printingColumns,
      rows: [printingRows[0]!, printingRows[2]!],
    });

    expect(table.rows[1]!.changes.sheets).toBeNull();
  });

  test('a stated change that its figures do not give is flagged', () => {
    const table = computeSeriesTable({
      columns: printingColumns,
      rows: [printingRows[0]!, { ...printingRows[1]!, statedChanges: { sheets: -116_000 } }],
    });

    expect(table.checks.filter((check) => check.differs).map((check) => check.message)).toEqual([
      '資料の令和4年度の前年増減数（印刷枚数計） △116,000枚 は、各行から計算した △116,274枚 と一致しません',
    ]);
  });
});

/** 鹿島市 デジタル田園都市国家構想交付金：採択結果一覧, seed 002, in yen. */
const kashimaGrants = [
  { type: 'デジタル実装タイプ TYPE1', projectCost: 143_034_000, grantAmount: 71_517_000 },
  { type: 'デジタル実装タイプ TYPE1', projectCost: 7_198_000, grantAmount: 3_599_000 },
  { type: '地方創生推進タイプ', projectCost: 14_244_000, grantAmount: 7_122_000 },
  { type: 'デジタル実装タイプ 地方創生テレワーク型', projectCost: 55_065_000, grantAmount: 36_710_000 },
];

describe('grants and budget lines', () => {
  test('鹿島市: 219,541 千円 of project cost and 118,948 千円 granted, which agree with the stated totals', () => {
    const totals = computeFundingTotals({
      items: kashimaGrants,
      stated: { projectCost: 219_541_000, grantAmount: 118_948_000 },
    });

    expect(totals.projectCost).toBe(219_541_000);
    expect(totals.grantAmount).toBe(118_948_000);
    expect(formatAmount(totals.projectCost, 'thousand')).toBe('219,541千円');
    expect(formatAmount(totals.grantAmount, 'yen')).toBe('118,948,000円');
    expect(totals.checks.map((check) => check.differs)).toEqual([false, false]);
  });

  test('the grant share of each project is its subsidy rate (1/2, 1/2, 1/2, 2/3)', () => {
    expect(kashimaGrants.map((grant) => computeGrantShare(grant)?.toFixed(1))).toEqual([
      '50.0',
      '50.0',
      '50.0',
      '66.7',
    ]);
  });

  test('totals by year and type add the TYPE1 projects together', () => {
    const summary = summarizeFunding([{ fy: 2024, kind: 'grant', items: kashimaGrants }]);

    expect(summary.byYear).toEqual([
      {
        fy: 2024,
        kind: 'grant',
        type: null,
        itemCount: 4,
        projectCost: 219_541_000,
        grantAmount: 118_948_000,
        budgetAmount: 0,
      },
    ]);
    expect(summary.byYearAndType.map((total) => [total.type, total.projectCost, total.grantAmount])).toEqual([
      ['デジタル実装タイプ TYPE1', 150_232_000, 75_116_000],
      ['デジタル実装タイプ 地方創生テレワーク型', 55_065_000, 36_710_000],
      ['地方創生推進タイプ', 14_244_000, 7_122_000],
    ]);
  });

  test('鹿島市 FY2024 DX budget lines add up to 155,673 千円', () => {
    const amounts = [7_975, 108_955, 3_703, 23_380, 7_199, 11, 250, 2_200, 2_000].map((thousand) => ({
      budgetAmount: thousand * 1000,
    }));

    expect(formatAmount(computeFundingTotals({ items: amounts }).budgetAmount, 'thousand')).toBe(
      '155,673千円',
    );
  });
});

describe('KPI actuals derived from effects', () => {
  test('a BPR project gives its hours saved, dated at the end of its fiscal year', () => {
    const totals = computeBprTotals({ results: kashimaResults });

    expect(deriveActualsFromBpr({ title: 'R5 BPR', fy: 2023, totals, metric: 'hours_saved' })).toEqual([
      {
        value: 1210.2,
        date: '2024-03-31',
        note: 'BPR実証結果「R5 BPR」の削減時間の合計（未測定を除く）から自動反映',
      },
    ]);
    expect(deriveActualsFromBpr({ title: 'R5', fy: 2023, totals, metric: 'reduction_rate' })[0]!.value).toBe(
      40.8,
    );
    expect(deriveActualsFromBpr({ title: 'R5', fy: 2023, totals, metric: 'process_count' })[0]!.value).toBe(
      20,
    );
  });

  test('a project with nothing measured gives no hours, but its processes still count', () => {
    const totals = computeBprTotals({ results: [{ hoursBefore: 10, hoursAfter: null }] });

    expect(deriveActualsFromBpr({ title: 'x', fy: 2024, totals, metric: 'hours_saved' })).toEqual([]);
    expect(deriveActualsFromBpr({ title: 'x', fy: 2024, totals, metric: 'process_count' })).toHaveLength(1);
  });

  test('a series column gives one actual per year with a value', () => {
    const table = computeSeriesTable({ columns: printingColumns, rows: printingRows });

    const actuals = deriveActualsFromSeries({ title: '印刷', table, column: printingColumns[2]! });

    expect(actuals.map((actual) => [actual.date, actual.value])).toEqual([
      ['2022-03-31', 5_103_809],
      ['2023-03-31', 4_987_535],
      ['2024-03-31', 4_236_582],
    ]);
  });

  test('derived actuals keep their rows on the same date, and the ones no longer derived are archived', () => {
    const existing = [
      { id: 'a', date: '2024-03-31', value: 100, note: 'n' },
      { id: 'b', date: '2025-03-31', value: 5, note: 'n' },
    ];

    const changes = planDerivedActualChanges({
      existing,
      derived: [
        { date: '2024-03-31', value: 120, note: 'n' },
        { date: '2026-03-31', value: 7, note: 'n' },
      ],
    });

    expect(changes.update.map((entry) => [entry.row.id, entry.next.value])).toEqual([['a', 120]]);
    expect(changes.insert.map((entry) => entry.date)).toEqual(['2026-03-31']);
    expect(changes.archive.map((row) => row.id)).toEqual(['b']);
  });
});

describe('stated figures', () => {
  test('a figure agrees when the computed one rounds to it at the stated precision', () => {
    expect(checkStatedFigure({ label: '率', stated: 40, computed: 40.4, unit: '%' }).differs).toBe(false);
    expect(checkStatedFigure({ label: '率', stated: 40, computed: 40.8, unit: '%' }).differs).toBe(true);
    expect(checkStatedFigure({ label: '率', stated: 77.8, computed: 77.84, unit: '%' }).differs).toBe(false);
  });
});
