import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { PlanDocument } from './plan.schemas.js';
import { diffPlanDocuments, isEmptyPlanDiff } from './plan-diff.js';
import { parsePlanDocumentText } from './plan-document.js';

const kama = parsePlanDocumentText(
  readFileSync(new URL('../../samples/kama-digital-plan-1.json', import.meta.url), 'utf8'),
);

function copy(document: PlanDocument): PlanDocument {
  return structuredClone(document);
}

function action6(document: PlanDocument) {
  return document.plan.nodes[0]!.children[0]!.actions[5]!;
}

describe('diffPlanDocuments', () => {
  it('finds nothing between a plan and itself', () => {
    expect(isEmptyPlanDiff(diffPlanDocuments({ before: kama, after: copy(kama) }))).toBe(true);
  });

  it('names a changed task progress by action, year, department and plan text, with before and after', () => {
    const after = copy(kama);
    action6(after).tasks[1]!.progress = 95;
    const diff = diffPlanDocuments({ before: kama, after });
    expect(diff.added).toEqual([]);
    expect(diff.removed).toEqual([]);
    expect(diff.changed).toEqual([
      {
        kind: 'task',
        key: 'action-06:2024:digital-strategy:1',
        actionKey: 'action-06',
        label: '6 令和6年度 デジタル戦略課「SNSの配信方法の整理」',
        changes: [{ field: 'progress', before: 80, after: 95 }],
      },
    ]);
  });

  it('lists an added action with its tasks, a removed KPI and a changed final-report field', () => {
    const after = copy(kama);
    const node = after.plan.nodes[0]!.children[0]!;
    node.actions.push({
      key: 'action-51',
      number: '51',
      title: '新しいアクション',
      owners: ['digital-strategy'],
      tasks: [{ fy: 2024, department: 'digital-strategy', planText: '調査', progress: null }],
      kpis: [],
    });
    action6(after).kpis = [];
    action6(after).report = { outcome: '公式ホームページ アクセス数25%' };
    const diff = diffPlanDocuments({ before: kama, after });
    expect(diff.added.map((item) => `${item.kind} ${item.key}`)).toEqual([
      'action action-51',
      'task action-51:2024:digital-strategy:0',
    ]);
    expect(diff.removed.map((item) => `${item.kind} ${item.key}`)).toEqual(['kpi action-06/website-access']);
    expect(diff.changed).toEqual([
      expect.objectContaining({
        kind: 'action',
        key: 'action-06',
        changes: [{ field: 'report', before: null, after: { outcome: '公式ホームページ アクセス数25%' } }],
      }),
    ]);
  });

  it('sees an action moved under another measure as a change of its parent', () => {
    const after = copy(kama);
    const moved = after.plan.nodes[0]!.children[0]!.actions.shift()!;
    after.plan.nodes[0]!.children[1]!.actions.push(moved);
    const diff = diffPlanDocuments({ before: kama, after });
    expect(diff.changed).toHaveLength(1);
    expect(diff.changed[0]!.changes).toEqual([
      {
        field: 'parent',
        before: kama.plan.nodes[0]!.children[0]!.key,
        after: kama.plan.nodes[0]!.children[1]!.key,
      },
    ]);
  });
});
