import { describe, expect, it } from 'vitest';
import { parseTypedDate, parseTypedFiscalYear, parseTypedNumber } from './japanese-input.js';

describe('parseTypedNumber', () => {
  it('reads 全角数字, a percent sign in either width, thousands separators and △ as minus', () => {
    expect(parseTypedNumber('80')).toEqual({ value: 80, percent: false });
    expect(parseTypedNumber('８０')).toEqual({ value: 80, percent: false });
    expect(parseTypedNumber('80%')).toEqual({ value: 80, percent: true });
    expect(parseTypedNumber('８０％')).toEqual({ value: 80, percent: true });
    expect(parseTypedNumber(' 42.5 % ')).toEqual({ value: 42.5, percent: true });
    expect(parseTypedNumber('１，２３４．５')).toEqual({ value: 1234.5, percent: false });
    expect(parseTypedNumber('△5')).toEqual({ value: -5, percent: false });
    expect(parseTypedNumber('−3')).toEqual({ value: -3, percent: false });
  });

  it('answers null for text that is not a number', () => {
    for (const text of ['', '約80', '80点', 'abc', '1.2.3', '%']) expect(parseTypedNumber(text)).toBeNull();
  });
});

describe('parseTypedDate', () => {
  it('reads the 和暦 forms of seed 001 and the western ones', () => {
    expect(parseTypedDate('令和8年2月8日')).toBe('2026-02-08');
    expect(parseTypedDate('令和８年２月８日')).toBe('2026-02-08');
    expect(parseTypedDate('R8.2.8')).toBe('2026-02-08');
    expect(parseTypedDate('r08/02/08')).toBe('2026-02-08');
    expect(parseTypedDate('Ｒ８．２．８')).toBe('2026-02-08');
    expect(parseTypedDate('令和元年5月1日')).toBe('2019-05-01');
    expect(parseTypedDate('H31.4.30')).toBe('2019-04-30');
    expect(parseTypedDate('平成31年4月30日')).toBe('2019-04-30');
    expect(parseTypedDate('2026-02-08')).toBe('2026-02-08');
    expect(parseTypedDate('2026/2/8')).toBe('2026-02-08');
    expect(parseTypedDate('2026年2月8日')).toBe('2026-02-08');
  });

  it('reads the end of a fiscal year, as KPI baselines are dated (令和5年度末)', () => {
    expect(parseTypedDate('令和5年度末')).toBe('2024-03-31');
    expect(parseTypedDate('R5年度末')).toBe('2024-03-31');
    expect(parseTypedDate('2023年度末')).toBe('2024-03-31');
  });

  it('answers null for a day that does not exist or text that is not a date', () => {
    for (const text of ['令和8年2月30日', 'R8.13.1', '2026-02-29', '令和0年1月1日', '来年', '8.2.8', '']) {
      expect(parseTypedDate(text)).toBeNull();
    }
  });
});

describe('parseTypedFiscalYear', () => {
  it('reads 令和6年度, 令和元年度, R6, 2024 and FY2024', () => {
    expect(parseTypedFiscalYear('令和6年度')).toBe(2024);
    expect(parseTypedFiscalYear('令和６年度')).toBe(2024);
    expect(parseTypedFiscalYear('令和元年度')).toBe(2019);
    expect(parseTypedFiscalYear('R6')).toBe(2024);
    expect(parseTypedFiscalYear('R6年度')).toBe(2024);
    expect(parseTypedFiscalYear('2024')).toBe(2024);
    expect(parseTypedFiscalYear('２０２４年度')).toBe(2024);
    expect(parseTypedFiscalYear('FY2024')).toBe(2024);
  });

  it('answers null for anything else', () => {
    for (const text of ['6', '令和', '24年度', '2024-04-01']) expect(parseTypedFiscalYear(text)).toBeNull();
  });
});
