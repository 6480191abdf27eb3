import { describe, expect, it } from 'vitest';
import {
  fiscalYearEnd,
  fiscalYearOfDate,
  formatFiscalYear,
  formatFiscalYearShort,
  formatJapaneseDate,
  formatJapaneseDateOrYearEnd,
} from './fiscal-year.js';
import { isValidMunicipalityCode } from './municipality-code.js';

describe('fiscal years and 和暦', () => {
  it('puts January–March in the fiscal year that began the April before', () => {
    expect(fiscalYearOfDate('2026-02-08')).toBe(2025);
    expect(fiscalYearOfDate('2026-04-01')).toBe(2026);
    expect(fiscalYearOfDate('2025-03-31')).toBe(2024);
    expect(fiscalYearEnd(2023)).toBe('2024-03-31');
  });

  it('names fiscal years in 和暦, FY2019 as 令和元年度', () => {
    expect(formatFiscalYear(2024)).toBe('令和6年度');
    expect(formatFiscalYear(2026)).toBe('令和8年度');
    expect(formatFiscalYear(2019)).toBe('令和元年度');
    expect(formatFiscalYear(2018)).toBe('平成30年度');
    expect(formatFiscalYear(2029)).toBe('令和11年度');
    expect(formatFiscalYear(2039)).toBe('令和21年度');
    expect(formatFiscalYearShort(2024)).toBe('R6');
  });

  it('writes dates in 和暦 and a fiscal year end as 年度末', () => {
    expect(formatJapaneseDate('2026-02-08')).toBe('令和8年2月8日');
    expect(formatJapaneseDate('2019-05-01')).toBe('令和元年5月1日');
    expect(formatJapaneseDateOrYearEnd('2024-03-31')).toBe('令和5年度末');
    expect(formatJapaneseDateOrYearEnd('2024-03-30')).toBe('令和6年3月30日');
  });
});

describe('全国地方公共団体コード', () => {
  it('accepts the codes of the three sample cities and rejects a wrong check digit', () => {
    expect(isValidMunicipalityCode('402273')).toBe(true); // 嘉麻市
    expect(isValidMunicipalityCode('412074')).toBe(true); // 鹿島市
    expect(isValidMunicipalityCode('462195')).toBe(true); // いちき串木野市
    expect(isValidMunicipalityCode('402274')).toBe(false);
    expect(isValidMunicipalityCode('40227')).toBe(false);
  });
});
