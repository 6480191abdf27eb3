import { describe, expect, it } from 'vitest';
import { DEFAULT_EVALUATION_SETTINGS } from './evaluation/settings.js';
import { assessKpiPace, forecastKpi } from './forecast.js';
import type { Kpi } from './plan.schemas.js';

const settings = DEFAULT_EVALUATION_SETTINGS;

function buildKpi(overrides: Partial<Kpi> = {}): Kpi {
  return {
    key: 'k',
    name: 'オンライン申請・申込対応数',
    unit: '手続',
    direction: 'increase',
    target: { value: 200, fy: 2026 },
    actuals: [],
    ...overrides,
  };
}

describe('the KPI forecast', () => {
  it('projects the linear trend of the actuals to the end of the target fiscal year and rates it', () => {
    const forecast = forecastKpi({
      kpi: buildKpi({
        actuals: [
          { value: 125, date: '2025-03-31' },
          { value: 150, date: '2026-03-31' },
        ],
      }),
      settings,
    });
    if (!forecast.available) throw new Error(forecast.reason);
    expect(forecast.date).toBe('2027-03-31');
    expect(forecast.projectedValue).toBeCloseTo(175, 6);
    expect(forecast.result.shown).toBe(87.5);
    expect(forecast.result.rating.label).toBe('概ね達成');
    expect(forecast.result.projection).toBe(true);
    expect(forecast.sentence).toBe('このペースでは令和8年度末に 87.5 %（概ね達成）の見込み');
  });

  it('gives no forecast with fewer than two actuals', () => {
    expect(forecastKpi({ kpi: buildKpi(), settings })).toEqual({
      available: false,
      reason: '実績値が2時点以上ないため、見込みは計算しません',
    });
    const one = forecastKpi({ kpi: buildKpi({ actuals: [{ value: 120, date: '2025-03-31' }] }), settings });
    expect(one.available).toBe(false);
  });

  it('gives no forecast when two actuals share one date, since they give no direction', () => {
    const forecast = forecastKpi({
      kpi: buildKpi({
        actuals: [
          { value: 120, date: '2025-03-31' },
          { value: 130, date: '2025-03-31' },
        ],
      }),
      settings,
    });
    expect(forecast.available).toBe(false);
  });

  it('fits the least-squares line through more than two actuals, whatever order they were entered in', () => {
    const forecast = forecastKpi({
      kpi: buildKpi({
        target: { value: 100, fy: 2026 },
        actuals: [
          { value: 60, date: '2026-03-31' },
          { value: 40, date: '2024-03-31' },
          { value: 50, date: '2025-03-31' },
        ],
      }),
      settings,
    });
    if (!forecast.available) throw new Error(forecast.reason);
    // About 10 a year on a line through all three: 70 at the end of FY2026.
    expect(forecast.projectedValue).toBeCloseTo(70, 0);
    expect(forecast.result.shown).toBe(70);
    expect(forecast.result.rating.label).toBe('やや未達');
    expect(forecast.line.from.date).toBe('2024-03-31');
  });

  it('rates the projection on the KPI basis from the baseline when the KPI says so', () => {
    const forecast = forecastKpi({
      kpi: buildKpi({
        basis: 'baseline',
        baseline: { value: 30, date: '2024-03-31' },
        actuals: [
          { value: 60, date: '2025-03-31' },
          { value: 90, date: '2026-03-31' },
        ],
      }),
      settings,
    });
    if (!forecast.available) throw new Error(forecast.reason);
    // 120 projected: (120 − 30) ÷ (200 − 30) = 52.9 %.
    expect(forecast.result.shown).toBe(52.9);
    expect(forecast.result.rating.label).toBe('課題あり');
  });

  it('caps a projection beyond the target at 100 % 達成', () => {
    const forecast = forecastKpi({
      kpi: buildKpi({
        actuals: [
          { value: 150, date: '2025-03-31' },
          { value: 190, date: '2026-03-31' },
        ],
      }),
      settings,
    });
    if (!forecast.available) throw new Error(forecast.reason);
    expect(forecast.result.raw).toBeGreaterThan(100);
    expect(forecast.result.shown).toBe(100);
    expect(forecast.sentence).toBe('このペースでは令和8年度末に 100.0 %（達成）の見込み');
  });

  it('gives no forecast once an actual lies past the target year', () => {
    const forecast = forecastKpi({
      kpi: buildKpi({
        target: { value: 200, fy: 2024 },
        actuals: [
          { value: 150, date: '2025-03-31' },
          { value: 190, date: '2025-06-30' },
        ],
      }),
      settings,
    });
    expect(forecast.available).toBe(false);
  });

  it('marks a projection built on an assumed figure (仮定値) as such', () => {
    const forecast = forecastKpi({
      kpi: buildKpi({
        actuals: [
          { value: 125, date: '2025-03-31', hypothetical: true },
          { value: 150, date: '2026-03-31' },
        ],
      }),
      settings,
    });
    if (!forecast.available) throw new Error(forecast.reason);
    expect(forecast.result.hypothetical).toBe(true);
  });
});

describe('the pace a KPI target needs', () => {
  const kpi = buildKpi({
    baseline: { value: 30, date: '2024-03-31' },
    target: { value: 200, fy: 2026 },
    actuals: [{ value: 100, date: '2025-09-30' }],
  });

  it('expects the value on the straight line from the baseline to the target at today’s date', () => {
    // Halfway from 2024-03-31 to 2027-03-31 (548 of 1095 days): about 115.
    const pace = assessKpiPace({ kpi, today: '2025-09-30', planStartFy: 2024 });
    if (!pace.available) throw new Error(pace.reason);
    expect(pace.expectedValue).toBeCloseTo(30 + 170 * (548 / 1095), 6);
    expect(pace.behind).toBe(true);
  });

  it('is on pace when the latest actual is at or beyond the line', () => {
    const pace = assessKpiPace({
      kpi: { ...kpi, actuals: [{ value: 130, date: '2025-09-30' }] },
      today: '2025-09-30',
      planStartFy: 2024,
    });
    expect(pace.available && pace.behind).toBe(false);
  });

  it('reads a decrease target the other way round', () => {
    const decrease = buildKpi({
      direction: 'decrease',
      baseline: { value: 100, date: '2024-03-31' },
      target: { value: 40, fy: 2026 },
      actuals: [{ value: 90, date: '2025-09-30' }],
    });
    const pace = assessKpiPace({ kpi: decrease, today: '2025-09-30', planStartFy: 2024 });
    if (!pace.available) throw new Error(pace.reason);
    expect(pace.expectedValue).toBeLessThan(90);
    expect(pace.behind).toBe(true);
  });

  it('starts the line on the plan’s first day when the baseline has no date (計画策定時)', () => {
    const pace = assessKpiPace({
      kpi: { ...kpi, baseline: { value: 30, label: '計画策定時' } },
      today: '2024-04-01',
      planStartFy: 2024,
    });
    if (!pace.available) throw new Error(pace.reason);
    expect(pace.start.date).toBe('2024-04-01');
    expect(pace.expectedValue).toBe(30);
  });

  it('expects the target itself after the target year has ended', () => {
    const pace = assessKpiPace({ kpi, today: '2028-01-01', planStartFy: 2024 });
    expect(pace.available && pace.expectedValue).toBe(200);
  });

  it('cannot judge the pace without a baseline or without an actual', () => {
    expect(assessKpiPace({ kpi: buildKpi(), today: '2025-09-30', planStartFy: 2024 }).available).toBe(false);
    expect(
      assessKpiPace({ kpi: { ...kpi, actuals: [] }, today: '2025-09-30', planStartFy: 2024 }).available,
    ).toBe(false);
  });
});
