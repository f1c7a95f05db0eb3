import { describe, expect, it } from 'vitest';
import { formatSelector, parseSelector } from './selector.ts';

describe('selectors', () => {
  it('parses key=value pairs separated by commas or lines', () => {
    expect(parseSelector('region=eu, role = edge\nteam=a')).toEqual({ labels: { region: 'eu', role: 'edge', team: 'a' }, errors: [] });
    expect(parseSelector('  ')).toEqual({ labels: {}, errors: [] });
  });
  it('reports malformed parts and conflicting keys', () => {
    expect(parseSelector('region').errors).toEqual(["'region' is not key=value"]);
    expect(parseSelector('=x').errors).toHaveLength(1);
    expect(parseSelector('a b=c').errors).toEqual(["'a b' is not a valid label key"]);
    expect(parseSelector('a=1,a=2').errors).toEqual(["'a' is given twice"]);
  });
  it('formats for the API query and back', () => {
    expect(formatSelector({ region: 'eu', role: 'edge' })).toBe('region=eu,role=edge');
    expect(formatSelector(null)).toBe('');
    expect(parseSelector(formatSelector({ k: 'v=w' })).labels).toEqual({ k: 'v=w' });
  });
});
