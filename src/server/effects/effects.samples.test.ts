import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { DatabaseConnection } from '../../db/database.js';
import { createTestDatabase } from '../../db/test-database.js';
import { parseEffectsDocument } from '../../domain/effects-document.js';
import { findBodies, getBodyDetail } from '../organisation/organisation.usecases.js';
import { buildPlanDocumentInput } from '../plans/plans.test-fixtures.js';
import { importPlanDocument } from '../plans/plans.usecases.js';
import { buildSuperAdminActor } from '../test-support.js';
import { findBprProjects, getBprProjectDetail } from './bpr.usecases.js';
import { importEffectsDocument, importEffectsSamples } from './effects.samples.js';
import { getActionEffects } from './effects.usecases.js';
import { findFundingLists } from './funding.usecases.js';
import { findSeriesList, getSeriesDetail } from './series.usecases.js';

/*
 * The samples under samples/effects/ hold only what seeds 000 (嘉麻市) and 002 (鹿島市) state; these tests
 * load them as the first start does and check every figure the documents print against Kiseki's own.
 */

const samplesDir = fileURLToPath(new URL('../../../samples/', import.meta.url));
const actor = buildSuperAdminActor();

let connection: DatabaseConnection;
let kashimaId: string;
let kamaId: string;

beforeAll(async () => {
  connection = await createTestDatabase();
  for (const file of readdirSync(samplesDir).filter((name) => name.endsWith('.json'))) {
    await importPlanDocument({
      db: connection.db,
      input: JSON.parse(readFileSync(`${samplesDir}${file}`, 'utf8')),
    });
  }
  const results = await importEffectsSamples({ db: connection.db, directory: `${samplesDir}effects` });
  expect(results.filter((result) => result.error)).toEqual([]);
  const municipalities = await connection.db.query.municipalitiesTable.findMany();
  kashimaId = municipalities.find((municipality) => municipality.code === '412074')!.id;
  kamaId = municipalities.find((municipality) => municipality.code === '402273')!.id;
});

afterAll(async () => {
  await connection?.close();
});

describe('the effects sample files', () => {
  test('every file is a valid kiseki-effects@1 document', () => {
    for (const file of readdirSync(`${samplesDir}effects`)) {
      const parsed = parseEffectsDocument(JSON.parse(readFileSync(`${samplesDir}effects/${file}`, 'utf8')));
      expect(parsed.ok ? [] : parsed.issues).toEqual([]);
    }
  });

  test('no roster member carries a personal name', () => {
    for (const file of readdirSync(`${samplesDir}effects`)) {
      const text = readFileSync(`${samplesDir}effects/${file}`, 'utf8');
      for (const name of [
        '川原',
        '高松',
        '岡本',
        '有光',
        '深町',
        '長野',
        '原田',
        '角 ',
        '松岡',
        '新開',
        '山口',
        '大塚',
        '松尾',
        '水戸',
        '森川',
      ]) {
        expect(text).not.toContain(name);
      }
    }
  });
});

describe('鹿島市 (seed 002)', () => {
  test('its 20 BPR rows give 1210.2 h saved of 2966 h measured, 40.8 %, and the stated 1203.2 h and 40 % are flagged', async () => {
    const { projects } = await findBprProjects({ db: connection.db, actor, municipalityId: kashimaId });
    const detail = await getBprProjectDetail({
      db: connection.db,
      actor,
      municipalityId: kashimaId,
      projectId: projects[0]!.id,
    });

    expect(detail.results).toHaveLength(20);
    expect(detail.results.filter((row) => !row.measured).map((row) => row.number)).toEqual([
      '7',
      '10',
      '13',
      '16',
    ]);
    expect(detail.totals).toMatchObject({
      processCount: 20,
      measuredCount: 16,
      hoursBefore: 2966,
      hoursSaved: 1210.2,
      reductionRateShown: 40.8,
    });
    expect(detail.totals.checks.map((check) => [check.stated, check.differs])).toEqual([
      [1203.2, true],
      [40, true],
    ]);
    expect(detail.results.flatMap((row) => row.checks).filter((check) => check.differs)).toEqual([]);
    expect(detail.results[0]!.department.name).toBe('保険健康課予防係');
  });

  test('its grant table adds up to the stated 219,541 千円 and 118,948 千円, and its 9 budget lines to 155,673 千円', async () => {
    const funding = await findFundingLists({ db: connection.db, actor, municipalityId: kashimaId });
    const grants = funding.lists.find((list) => list.kind === 'grant')!;
    const budget = funding.lists.find((list) => list.kind === 'budget')!;

    expect(grants.totals).toMatchObject({ itemCount: 4, projectCost: 219_541_000, grantAmount: 118_948_000 });
    expect(grants.totals.checks.map((check) => check.differs)).toEqual([false, false]);
    expect(budget.totals).toMatchObject({ itemCount: 9, budgetAmount: 155_673_000 });
    expect(
      funding.byYearAndType.filter((total) => total.kind === 'grant').map((total) => total.type),
    ).toEqual(['デジタル実装タイプ TYPE1', 'デジタル実装タイプ 地方創生テレワーク型', '地方創生推進タイプ']);
  });
});

describe('嘉麻市 (seed 000)', () => {
  test('its printing table gives the changes the document prints, and R6 has a budget only', async () => {
    const { series } = await findSeriesList({ db: connection.db, actor, municipalityId: kamaId });
    const detail = await getSeriesDetail({
      db: connection.db,
      actor,
      municipalityId: kamaId,
      seriesId: series[0]!.id,
    });

    expect(
      detail.rows.map((row) => [row.fy, row.values.sheets, row.changes.sheets, row.changes.spend]),
    ).toEqual([
      [2021, 5_103_809, null, null],
      [2022, 4_987_535, -116_274, 222_501],
      [2023, 4_236_582, -750_953, -5_287_666],
      [2024, null, null, null],
    ]);
    expect(detail.rows[3]!.values.budget).toBe(19_976_000);
    expect(detail.checks.filter((check) => check.differs)).toEqual([]);
  });

  test('its council roster (令和6年4月5日現在) has 12 members by category, with 会長 and 副会長', async () => {
    const { bodies } = await findBodies({ db: connection.db, actor, municipalityId: kamaId });
    const council = bodies.find((body) => body.kind === 'council')!;
    const detail = await getBodyDetail({
      db: connection.db,
      actor,
      municipalityId: kamaId,
      bodyId: council.id,
    });
    const roster = detail.rosters[0]!;

    expect(roster.asOf).toBe('2024-04-05');
    expect(roster.members).toHaveLength(12);
    expect(roster.members.slice(0, 2).map((member) => member.line)).toEqual([
      '1号委員 九州工業大学（会長）',
      '2号委員 嘉麻市PTA連合会（副会長）',
    ]);
    expect(
      roster.members.filter((member) => member.kind === 'external' && member.category === '3号委員'),
    ).toHaveLength(4);
    expect(roster.members.every((member) => member.personName === null)).toBe(true);
  });

  test('its 8 PTs sit under the HQ, each with its remit, a leader ◎ and a deputy ○', async () => {
    const { bodies } = await findBodies({ db: connection.db, actor, municipalityId: kamaId });
    const headquarters = bodies.find((body) => body.kind === 'headquarters')!;
    const teams = bodies.filter((body) => body.kind === 'team');

    expect(teams.map((team) => `${team.number}${team.name}`)).toEqual([
      '①デジタル推進計画PT',
      '②市民サービス向上PT',
      '③庁内業務改善PT',
      '④電子決裁、ペーパーレスPT',
      '⑤安心安全デジタル推進PT',
      '⑥子育て、教育デジタル推進PT',
      '⑦HP、SNS等広報活用PT',
      '⑧デジタル促進職員PT（U36）',
    ]);
    expect(teams.every((team) => team.parentId === headquarters.id && team.remit)).toBe(true);
    const fifth = await getBodyDetail({
      db: connection.db,
      actor,
      municipalityId: kamaId,
      bodyId: teams[4]!.id,
    });
    expect(fifth.rosters[0]!.members.slice(0, 3).map((member) => member.line)).toEqual([
      '◎防災対策課',
      '○技監',
      '・土木課',
    ]);
  });

  test('協議会 12回 and 本部 17回 stand as stated counts, and the three planned council meetings are not counted', async () => {
    const { bodies } = await findBodies({ db: connection.db, actor, municipalityId: kamaId });
    const council = bodies.find((body) => body.kind === 'council')!;
    const headquarters = bodies.find((body) => body.kind === 'headquarters')!;

    expect(council.statedMeetingCounts).toMatchObject([{ count: 12, recorded: null, differs: false }]);
    expect(headquarters.statedMeetingCounts).toMatchObject([{ count: 17, recorded: null, differs: false }]);
    expect(council.plannedCount).toBe(3);
    expect(council.meetingCounts).toEqual([]);
  });
});

describe('an effects document that links actions and KPIs', () => {
  test('links its rows to the actions it names and writes the KPI’s derived actual at once', async () => {
    const saved = await importPlanDocument({ db: connection.db, input: buildPlanDocumentInput() });
    const parsed = parseEffectsDocument({
      format: 'kiseki-effects@1',
      municipality: { code: '402290', name: '試験市', prefecture: '福岡県' },
      bprProjects: [
        {
          title: '試験用のBPR（架空）',
          fy: 2024,
          results: [
            {
              process: '架空の業務',
              department: 'digital',
              hoursBefore: 10,
              hoursAfter: 4,
              actions: [{ plan: 'test-plan', action: 'a2' }],
            },
          ],
          kpis: [{ plan: 'test-plan', action: 'a1', kpi: 'paperless', metric: 'hours_saved' }],
        },
      ],
    });
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));

    await importEffectsDocument({ db: connection.db, document: parsed.document });

    const a2 = await getActionEffects({ db: connection.db, actor, planId: saved.planId, actionKey: 'a2' });
    const a1 = await getActionEffects({ db: connection.db, actor, planId: saved.planId, actionKey: 'a1' });
    expect(a2.bprResults.map((result) => [result.process, result.hoursSaved])).toEqual([['架空の業務', 6]]);
    expect(a1.kpiSources).toEqual([
      {
        kpiKey: 'paperless',
        kind: 'bpr_project',
        tableId: expect.any(String),
        tableTitle: '試験用のBPR（架空）',
        detail: '削減時間の合計（未測定を除く）',
      },
    ]);
  });

  test('a document naming an action that does not exist is refused as a whole', async () => {
    const parsed = parseEffectsDocument({
      format: 'kiseki-effects@1',
      municipality: { code: '402290', name: '試験市', prefecture: '福岡県' },
      fundingLists: [
        {
          kind: 'budget',
          title: '存在しないアクションに連携する予算',
          fy: 2024,
          items: [{ name: '事業', budgetAmount: 1000, actions: [{ plan: 'test-plan', action: 'no-such' }] }],
        },
      ],
    });
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));

    await expect(importEffectsDocument({ db: connection.db, document: parsed.document })).rejects.toThrow(
      '計画 "test-plan" にアクション "no-such" がありません',
    );
    const testMunicipality = (await connection.db.query.municipalitiesTable.findMany()).find(
      (municipality) => municipality.code === '402290',
    )!;
    const funding = await findFundingLists({ db: connection.db, actor, municipalityId: testMunicipality.id });
    expect(funding.lists).toEqual([]);
  });
});
