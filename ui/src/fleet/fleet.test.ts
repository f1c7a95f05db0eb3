import { describe, expect, it } from 'vitest';
import { shortVersion } from './FleetScreen.tsx';

describe('shortVersion', () => {
  it('keeps the version number of what vector --version says', () => {
    expect(shortVersion('vector 0.57.0 (x86_64-unknown-linux-gnu standin 2026-07-14 00:00:00.000000000)')).toBe('0.57.0');
    expect(shortVersion('0.1.0-SNAPSHOT')).toBe('0.1.0-SNAPSHOT');
    expect(shortVersion('')).toBe('—');
    expect(shortVersion('unknown')).toBe('unknown');
  });
});
