import { describe, expect, test } from 'vitest';
import { describeHistoryChanges, formatHistoryValue } from './history.js';

describe('the history in words', () => {
  test('a progress correction reads 進捗 80% → 100%', () => {
    expect(
      describeHistoryChanges({
        before: { progress: 80, planText: '導入' },
        after: { progress: 100, planText: '導入' },
      }),
    ).toEqual([{ field: 'progress', label: '進捗', before: '80%', after: '100%' }]);
  });

  test('fiscal years, dates, flags and choices are written as a clerk writes them', () => {
    expect(formatHistoryValue('fy', 2024)).toBe('令和6年度');
    expect(formatHistoryValue('targetFy', 2019)).toBe('令和元年度');
    expect(formatHistoryValue('date', '2025-03-31')).toBe('令和7年3月31日');
    // 2026-11-23 15:05 UTC is already the next day in Japan.
    expect(formatHistoryValue('archivedAt', '2026-11-23T15:05:00.000Z')).toBe('令和8年11月24日 00:05');
    expect(formatHistoryValue('expected', true)).toBe('はい');
    expect(formatHistoryValue('direction', 'decrease')).toBe('減らす');
    expect(formatHistoryValue('status', 'not_started')).toBe('未着手');
    expect(formatHistoryValue('owners', ['市民課', '税務課'])).toBe('市民課・税務課');
    expect(formatHistoryValue('basisOrder', ['kpi', 'tasks'])).toBe(
      '目標(値)に対する達成率・各年度タスクの平均進捗率',
    );
    expect(formatHistoryValue('period', { startFy: 2024, endFy: 2026 })).toBe('令和6年度〜令和8年度');
    expect(formatHistoryValue('note', null)).toBe('（なし）');
  });

  test('an addition lists the values given, an archiving the values it had, leaving out empty ones', () => {
    expect(describeHistoryChanges({ before: null, after: { name: '件数', unit: '', weight: null } })).toEqual(
      [{ field: 'name', label: '名称', before: null, after: '件数' }],
    );
    expect(describeHistoryChanges({ before: { body: '確認します' }, after: null })).toEqual([
      { field: 'body', label: 'コメント', before: '確認します', after: null },
    ]);
  });

  test('a field nobody named is shown by its own name, and an entry without values has no changes', () => {
    expect(describeHistoryChanges({ before: { colour: 'red' }, after: { colour: 'blue' } })).toEqual([
      { field: 'colour', label: 'colour', before: 'red', after: 'blue' },
    ]);
    expect(describeHistoryChanges({ before: null, after: null })).toEqual([]);
  });
});
