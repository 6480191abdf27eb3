import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { evaluatePlan } from './evaluation/evaluate-plan.js';
import { DEFAULT_EVALUATION_SETTINGS } from './evaluation/settings.js';
import type { Plan } from './plan.schemas.js';
import { parsePlanDocument } from './plan-document.js';
import {
  applyKpiBasisToAll,
  buildWhatIfSettings,
  compareWhatIf,
  describeWhatIfOptions,
  type WhatIfOptions,
} from './what-if.js';

function loadKama(): Plan {
  const text = readFileSync(new URL('../../samples/kama-digital-plan-1.json', import.meta.url), 'utf8');
  return parsePlanDocument(JSON.parse(text)).plan;
}

const kama = loadKama();
const current = describeWhatIfOptions({ settings: DEFAULT_EVALUATION_SETTINGS, plan: kama });

function compare(options: Partial<WhatIfOptions>) {
  const result = compareWhatIf({ plan: kama, options: { ...current, ...options } });
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return result;
}

describe('the evaluation what-if', () => {
  it('describes the default settings as KPI first, the assessment replacing the task mean, the seed’s thresholds', () => {
    expect(current).toEqual({
      basisOrder: 'kpi_first',
      assessmentReplacesTasks: true,
      kpiBasis: 'per_kpi',
      thresholds: [100, 90, 80, 60, 0],
    });
  });

  it('changes nothing with the plan’s own settings', () => {
    const result = compare({});
    expect(result.changedCount).toBe(0);
    expect(result.counts.every((count) => count.before === count.after)).toBe(true);
  });

  it('rates 嘉麻市 action 6 ほぼ達成 by the task mean 90.0 % when the task mean comes first, and back', () => {
    const tasksFirst = compare({ basisOrder: 'tasks_first' });
    const row = tasksFirst.rows.find((candidate) => candidate.actionKey === 'action-06')!;
    expect(row.before).toMatchObject({ shown: 83.3, basis: 'kpi', rating: { label: '概ね達成' } });
    expect(row.after).toMatchObject({ shown: 90, basis: 'tasks', rating: { label: 'ほぼ達成' } });
    expect(row.changed).toBe(true);
    const count = (label: string) => tasksFirst.counts.find((entry) => entry.rating.label === label)!;
    expect(count('概ね達成').after).toBe(count('概ね達成').before - 1);
    expect(count('ほぼ達成').after).toBe(count('ほぼ達成').before + 1);

    const back = compare({ basisOrder: 'kpi_first' });
    const again = back.rows.find((candidate) => candidate.actionKey === 'action-06')!;
    expect(again.after).toMatchObject({ shown: 83.3, basis: 'kpi', rating: { label: '概ね達成' } });
    expect(again.changed).toBe(false);
  });

  it('rates action 13 by its task mean 54.2 % (課題あり) when the assessment no longer replaces it', () => {
    const result = compare({ assessmentReplacesTasks: false });
    const row = result.rows.find((candidate) => candidate.actionKey === 'action-13')!;
    expect(row.before).toMatchObject({ shown: 70, basis: 'assessment', rating: { label: 'やや未達' } });
    expect(row.after).toMatchObject({ shown: 54.2, basis: 'tasks', rating: { label: '課題あり' } });
  });

  it('rates every KPI by actual ÷ target when the KPI basis is set to ratio for all', () => {
    const result = compare({ kpiBasis: 'ratio' });
    const row = result.rows.find((candidate) => candidate.actionKey === 'action-06')!;
    // 125 ÷ 130 = 96.2 % ほぼ達成, where the baseline basis gives 83.3 %.
    expect(row.after).toMatchObject({ shown: 96.2, rating: { label: 'ほぼ達成' } });
    expect(result.settings.defaultKpiBasis).toBe('ratio');
  });

  it('moves a label with the thresholds: 83.3 % is ほぼ達成 when ほぼ達成 starts at 80 %', () => {
    const result = compare({ thresholds: [100, 80, 70, 50, 0] });
    const row = result.rows.find((candidate) => candidate.actionKey === 'action-06')!;
    expect(row.after.rating.label).toBe('ほぼ達成');
    expect(result.settings.ratingScale.map((band) => band.label)).toEqual(
      DEFAULT_EVALUATION_SETTINGS.ratingScale.map((band) => band.label),
    );
  });

  it('refuses thresholds that do not fall from the top band to 0, naming the threshold', () => {
    const result = compareWhatIf({ plan: kama, options: { ...current, thresholds: [100, 90, 95, 60, 0] } });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues).toContainEqual({
      path: 'thresholds[2]',
      message: '評価区分の下限は上から順に小さくしてください',
    });
    const wrongLength = buildWhatIfSettings({
      settings: DEFAULT_EVALUATION_SETTINGS,
      options: { ...current, thresholds: [100, 0] },
    });
    expect(wrongLength.ok).toBe(false);
  });

  it('matches a plain evaluation of the plan with the same settings (the same engine)', () => {
    const result = compare({ basisOrder: 'tasks_first', assessmentReplacesTasks: false });
    const direct = evaluatePlan(kama, result.settings);
    for (const row of result.rows) {
      expect(row.after.rating.key).toBe(direct.actions.get(row.actionKey)!.rating.key);
    }
    expect(result.settings.basisOrder).toEqual(['tasks', 'assessment', 'kpi']);
  });

  it('leaves the plan itself untouched when every KPI is given one basis', () => {
    const before = JSON.stringify(kama);
    const changed = applyKpiBasisToAll(kama, 'ratio');
    expect(JSON.stringify(kama)).toBe(before);
    const kpis = changed.nodes.flatMap((node) =>
      node.children.flatMap((child) => child.actions.flatMap((action) => action.kpis)),
    );
    expect(kpis.length).toBeGreaterThan(0);
    expect(kpis.every((kpi) => kpi.basis === 'ratio')).toBe(true);
  });

  it('describes a plan whose KPIs all use one basis as that basis', () => {
    const allRatio = applyKpiBasisToAll(kama, 'ratio');
    expect(describeWhatIfOptions({ settings: DEFAULT_EVALUATION_SETTINGS, plan: allRatio }).kpiBasis).toBe(
      'ratio',
    );
    const tasksOnly = describeWhatIfOptions({
      settings: { ...DEFAULT_EVALUATION_SETTINGS, basisOrder: ['tasks', 'kpi'] },
      plan: kama,
    });
    expect(tasksOnly).toMatchObject({ basisOrder: 'tasks_first', assessmentReplacesTasks: false });
  });
});
