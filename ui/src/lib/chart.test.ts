import { describe, expect, it } from 'vitest';
import { emptyChartNote, firstPointDue, RANGES, rangeSpan, rangeWindow } from './Chart.tsx';

describe('rangeSpan', () => {
  it('spans the same window the metrics are asked for', () => {
    const now = Date.parse('2026-11-27T22:00:00Z');
    expect(rangeSpan('15m', now)).toEqual({ from: now - 15 * 60_000, to: now });
    const w = rangeWindow('1h', now);
    expect(rangeSpan('1h', now)).toEqual({ from: Date.parse(w.from), to: Date.parse(w.to) });
    expect(rangeSpan('nonsense', now)).toEqual(rangeSpan('1h', now));
  });
});

describe('emptyChartNote', () => {
  const at = (hhmmss: string) => Date.parse(`2026-11-27T${hhmmss}`);
  it('says when the first per-minute point arrives: after the minute following the one data started in', () => {
    expect(firstPointDue(at('14:03:20'))).toBe(at('14:05:00'));
    expect(firstPointDue(at('14:03:00'))).toBe(at('14:05:00'));
    const note = emptyChartNote(at('14:03:20'), at('14:03:25'));
    const hhmm = new Date(at('14:05:00')).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
    expect(note).toBe(`Live values are arriving. The first per-minute point arrives at ${hhmm} (rollups are written once a minute).`);
  });
  it('says nothing special without live values, and "any moment" once the point is late', () => {
    expect(emptyChartNote(undefined, at('14:03:25'))).toBeUndefined();
    expect(emptyChartNote(at('14:03:20'), at('14:06:00'))).toContain('due any moment');
  });
});

describe('chart ranges', () => {
  it('ask the server for steps it accepts: at least a minute (metrics are kept per minute), at most 2,000 points', () => {
    for (const r of RANGES) {
      expect(r.step, r.id).toBeGreaterThanOrEqual(60);
      expect((r.minutes * 60) / r.step, r.id).toBeLessThanOrEqual(2000);
    }
  });
});
