import { type PlanDocument, type PlanDocumentInput, planDocumentSchema } from '../../domain/plan.schemas.js';

/** Valid 全国地方公共団体コード for test municipalities. */
export const TEST_MUNICIPALITY_CODES = ['402290', '412066', '462161', '131016', '271004'] as const;

/**
 * A small plan that uses every field of the format: two levels, nested departments, several owners,
 * expected and unrecorded tasks, KPIs on both bases, an assessment, a status, stated figures, and
 * numbers that a careless store would round (0.1 + 0.2, 1e-7, 2^53 − 1).
 */
export function buildPlanDocumentInput({
  code = TEST_MUNICIPALITY_CODES[0],
  municipalityName = '試験市',
  slug = 'test-plan',
  title = '試験市DX推進計画',
}: {
  code?: string;
  municipalityName?: string;
  slug?: string;
  title?: string;
} = {}): PlanDocumentInput {
  return {
    format: 'kiseki-plan@1',
    municipality: { code, name: municipalityName, prefecture: '福岡県' },
    departments: [
      { key: 'general-affairs', name: '総務部' },
      { key: 'digital', name: 'デジタル戦略課', parent: 'general-affairs' },
      { key: 'citizens', name: '市民課' },
      { key: 'tax', name: '税務課' },
    ],
    plan: {
      slug,
      title,
      period: { startFy: 2023, endFy: 2026 },
      levels: ['テーマ', '重点施策'],
      actionLevel: 'アクション',
      mission: '市民が誇れるまちへ。\n二行目の説明。',
      vision: {
        statement: 'だれ一人取り残さないデジタル化',
        items: [{ group: 'くらし', text: '手続きがオンラインで完結する' }, { text: '職員の働き方が変わる' }],
      },
      values: ['市民中心', 'データに基づく判断'],
      phases: [
        { name: '第1期', startFy: 2023, endFy: 2024 },
        { name: '第2期', startFy: 2025, endFy: 2026 },
      ],
      evaluation: {
        ratingScale: [
          { key: 'achieved', label: '達成', min: 100 },
          { key: 'mostly', label: '概ね達成', min: 80 },
          { key: 'short', label: '未達', min: 0 },
        ],
        basisOrder: ['kpi', 'assessment', 'tasks'],
        defaultKpiBasis: 'baseline',
        kpiAggregation: 'min',
        taskAggregation: 'department_mean',
      },
      sources: ['試験用に作成した架空の計画'],
      nodes: [
        {
          key: 'life',
          number: '1',
          title: 'くらし',
          description: '市民のくらしのDX',
          children: [
            {
              key: 'life-online',
              number: '1-1',
              title: '行かない窓口',
              actions: [
                {
                  key: 'a1',
                  number: '1',
                  title: 'オンライン申請の拡充',
                  aim: '窓口に来なくても手続きできる',
                  approach: '電子申請システムで申請できる手続きを増やす',
                  target: 'オンライン申請数 2倍',
                  owners: ['digital', 'citizens'],
                  schedule: [
                    {
                      item: '電子申請',
                      entries: [
                        { fy: 2023, text: '試験導入' },
                        { fy: 2024, text: '本格導入' },
                      ],
                    },
                  ],
                  tasks: [
                    {
                      key: 't1',
                      fy: 2023,
                      department: 'digital',
                      planText: '対象手続きの洗い出し',
                      progress: 75,
                    },
                    {
                      fy: 2023,
                      department: 'citizens',
                      planText: '様式の見直し',
                      progress: 0.30000000000000004,
                    },
                    {
                      fy: 2024,
                      department: 'digital',
                      planText: '申請フォーム作成',
                      progress: 97.5,
                      weight: 2,
                    },
                    { fy: 2025, department: 'digital', planText: '対象拡大', progress: 50, expected: true },
                    {
                      fy: 2026,
                      department: 'citizens',
                      planText: '効果検証',
                      progress: null,
                      expected: false,
                    },
                  ],
                  kpis: [
                    {
                      key: 'applications',
                      name: 'オンライン申請数',
                      unit: '件',
                      direction: 'increase',
                      basis: 'baseline',
                      baseline: { value: 1000, date: '2023-03-31', label: '令和4年度末' },
                      target: { value: 2000, fy: 2026 },
                      actuals: [
                        { value: 1500, date: '2024-03-31' },
                        { value: 1800.5, date: '2025-03-31', hypothetical: true, note: '見込み値' },
                      ],
                      weight: 0.1,
                    },
                    {
                      key: 'paperless',
                      name: '紙の申請書の枚数',
                      unit: '枚',
                      direction: 'decrease',
                      target: { value: 1e-7, fy: 2026 },
                      actuals: [{ value: 9007199254740991, date: '2024-09-30', hypothetical: false }],
                    },
                  ],
                  assessment: { rate: 70, reason: '対象手続きの拡大が遅れた', hypothetical: false },
                  departmentWeights: { digital: 2, citizens: 1 },
                  stated: { yearMeans: { '2023': 37.5, '2024': 97.5 }, taskMean: 56.5, rating: '概ね達成' },
                  note: '備考',
                  report: {
                    outcome: '申請件数 1.5倍',
                    workDone: '対象手続きを拡大した',
                    direction: 'continue',
                  },
                },
                {
                  key: 'a2',
                  number: '2',
                  title: 'キャッシュレス決済',
                  owners: ['tax'],
                  tasks: [{ fy: 2024, department: 'tax', planText: '導入', progress: 100 }],
                  kpis: [],
                  status: 'not_started',
                },
              ],
            },
          ],
          actions: [],
        },
        {
          key: 'work',
          number: '2',
          title: 'しごと',
          children: [],
          actions: [
            {
              key: 'a3',
              number: '3',
              title: 'テレワークの推進',
              owners: [],
              tasks: [],
              kpis: [],
              assessment: { rate: 88.8, reason: '計画どおり' },
            },
          ],
        },
      ],
      actions: [
        {
          key: 'a4',
          number: '4',
          title: '計画直下のアクション',
          owners: ['general-affairs'],
          tasks: [{ fy: 2023, department: 'general-affairs', planText: '体制整備', progress: 0 }],
          kpis: [],
        },
      ],
    },
  };
}

export function buildPlanDocument(options: Parameters<typeof buildPlanDocumentInput>[0] = {}): PlanDocument {
  return planDocumentSchema.parse(buildPlanDocumentInput(options));
}
