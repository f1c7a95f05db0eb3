import { describe, expect, it } from 'vitest';
import { rangeSpan, rangeWindow } from './Chart.tsx';

describe('rangeSpan', () => {
  it('spans the same window the metrics are asked for', () => {
    const now = Date.parse('2026-11-27T22:00:00Z');
    expect(rangeSpan('15m', now)).toEqual({ from: now - 15 * 60_000, to: now });
    const w = rangeWindow('1h', now);
    expect(rangeSpan('1h', now)).toEqual({ from: Date.parse(w.from), to: Date.parse(w.to) });
    expect(rangeSpan('nonsense', now)).toEqual(rangeSpan('1h', now));
  });
});
