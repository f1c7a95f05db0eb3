import { describe, expect, it } from 'vitest';
import { parseJson, stringifyJson } from './bigJson.ts';

describe('JSON with big integers', () => {
  const text = '{"buffer":{"max_events":18446744073709551615},"small":42,"neg":-9223372036854775808,"f":1.5e+300,"s":"18446744073709551615 \\" 99999999999999999999"}';

  it('reads whole numbers beyond 2^53 exactly, and leaves every other value as JSON.parse would', () => {
    const value = parseJson(text) as Record<string, unknown>;
    expect((value.buffer as Record<string, unknown>).max_events).toBe(18446744073709551615n);
    expect(value.neg).toBe(-9223372036854775808n);
    expect(value.small).toBe(42);
    expect(value.f).toBe(1.5e300);
    expect(value.s).toBe('18446744073709551615 " 99999999999999999999');
  });

  it('writes them back with every digit, as bare numbers: a round trip changes nothing', () => {
    expect(stringifyJson(parseJson(text))).toBe(text);
    expect(() => JSON.stringify({ copy: 18446744073709551615n })).not.toThrow();
    expect(stringifyJson({ n: 18446744073709551615n, list: [1n, 2] })).toBe('{"n":18446744073709551615,"list":[1,2]}');
  });

  it('costs nothing for JSON without big integers', () => {
    expect(parseJson('{"a":[1,2,{"b":"c"}]}')).toEqual({ a: [1, 2, { b: 'c' }] });
  });
});
