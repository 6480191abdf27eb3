import { describe, expect, it } from 'vitest';
import { formatFigure, formatRate, roundToOneDecimal } from './numbers.js';

describe('number display', () => {
  it('rounds half up to one decimal, also where binary floats fall a hair short', () => {
    expect(roundToOneDecimal(54.1666)).toBe(54.2);
    expect(roundToOneDecimal(54.25)).toBe(54.3);
    expect(roundToOneDecimal((0.1 + 0.7) * 100 - 79.95)).toBe(0.1);
    expect(roundToOneDecimal(-25.05)).toBe(-25.1);
  });

  it('writes figures with thousands separators and without trailing zeros', () => {
    expect(formatFigure(12500)).toBe('12,500');
    expect(formatFigure(1.8)).toBe('1.8');
    expect(formatFigure(1234567.25)).toBe('1,234,567.25');
    expect(formatFigure(-1100)).toBe('−1,100');
    expect(formatRate(83.333)).toBe('83.3 %');
    expect(formatRate(100)).toBe('100.0 %');
  });
});
