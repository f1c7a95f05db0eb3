import { describe, expect, it } from 'vitest';
import type { CatalogOption } from '../lib/client.ts';
import {
  currentVariant,
  fieldKind,
  getAt,
  isEnvironmentReference,
  isRelevant,
  missingRequired,
  noteOf,
  optionsForVariant,
  parseList,
  parseNumber,
  secretNameOf,
  secretRef,
  setAt,
  switchVariant,
  variantLabel,
  variantsOf,
  visibleOptions,
} from './options.ts';

const opt = (o: Partial<CatalogOption> & { name: string }): CatalogOption => ({
  types: ['STRING'],
  required: false,
  enumValues: [],
  aliases: [],
  hidden: false,
  deprecated: false,
  sensitive: false,
  boolShorthand: false,
  relevantWhen: null,
  options: [],
  items: null,
  templatable: false,
  ...o,
});

describe('fieldKind', () => {
  it('picks an input for each catalog option', () => {
    expect(fieldKind(opt({ name: 'password', sensitive: true }), 'http', ['auth', 'password'])).toBe('secret');
    expect(fieldKind(opt({ name: 'condition', types: ['CONDITION'] }), 'filter', ['condition'])).toBe('vrl');
    expect(fieldKind(opt({ name: 'source' }), 'remap', ['source'])).toBe('vrl');
    expect(fieldKind(opt({ name: 'codec', enumValues: ['json', 'text'] }), 'console', ['encoding', 'codec'])).toBe('enum');
    expect(fieldKind(opt({ name: 'x', types: ['BOOL'] }), 't', ['x'])).toBe('bool');
    expect(fieldKind(opt({ name: 'x', types: ['UINT'] }), 't', ['x'])).toBe('number');
    expect(fieldKind(opt({ name: 'x', types: ['ARRAY'], items: opt({ name: '*' }) }), 't', ['x'])).toBe('list');
    expect(fieldKind(opt({ name: 'x', types: ['OBJECT'], options: [opt({ name: 'a' })] }), 't', ['x'])).toBe('object');
    expect(fieldKind(opt({ name: 'route', types: ['OBJECT'], options: [opt({ name: '*', types: ['CONDITION'] })] }), 'route', ['route'])).toBe('map');
    expect(fieldKind(opt({ name: 'x', types: ['OBJECT'] }), 't', ['x'])).toBe('json');
  });
  it('treats route conditions as VRL', () => {
    expect(fieldKind(opt({ name: '*' }), 'route', ['route', '*'])).toBe('vrl');
  });
});

describe('visibleOptions', () => {
  const options = [
    opt({ name: 'b' }),
    opt({ name: 'a', required: true }),
    opt({ name: 'hidden', hidden: true }),
    opt({ name: 'old', deprecated: true }),
    opt({ name: 'codec', defaultValue: 'bytes' }),
    opt({ name: 'avro', relevantWhen: 'codec = "avro"' }),
    opt({ name: 'tcp_only', relevantWhen: 'mode = "tcp" or mode = "udp"' }),
  ];
  it('puts required first, hides hidden and deprecated, and honours relevantWhen with defaults', () => {
    expect(visibleOptions(options, {}).map((o) => o.name)).toEqual(['a', 'b', 'codec']);
    expect(visibleOptions(options, { codec: 'avro', mode: 'udp' }).map((o) => o.name)).toEqual(['a', 'avro', 'b', 'codec', 'tcp_only']);
    expect(visibleOptions(options, {}, true).map((o) => o.name)).toContain('old');
    expect(visibleOptions(options, { old: 1 }).map((o) => o.name)).toContain('old');
  });
  it('counts unreadable conditions as relevant', () => {
    expect(isRelevant('something odd(', {})).toBe(true);
  });
  it('lists missing required options without default', () => {
    expect(missingRequired([opt({ name: 'a', required: true }), opt({ name: 'b', required: true, defaultValue: 1 })], {})).toEqual(['a']);
  });
});

describe('values at option paths', () => {
  it('sets nested values and removes empty parents', () => {
    const v = setAt({}, ['encoding', 'codec'], 'json');
    expect(v).toEqual({ encoding: { codec: 'json' } });
    expect(getAt(v, ['encoding', 'codec'])).toBe('json');
    expect(setAt(v, ['encoding', 'codec'], undefined)).toEqual({});
    expect(setAt({ a: 1 }, ['b'], '')).toEqual({ a: 1 });
  });
  it('keeps false and 0', () => {
    expect(setAt({}, ['x'], false)).toEqual({ x: false });
    expect(setAt({}, ['x'], 0)).toEqual({ x: 0 });
  });
});

describe('secret references', () => {
  it('writes and reads SECRET[name]', () => {
    expect(secretRef('api_key')).toBe('SECRET[api_key]');
    expect(secretNameOf('SECRET[api_key]')).toBe('api_key');
    expect(secretNameOf('literal')).toBeUndefined();
    expect(secretNameOf(3)).toBeUndefined();
  });
});

describe('parsing typed text', () => {
  it('parses numbers, keeping bad text for the server to refuse', () => {
    expect(parseNumber('', true)).toBeUndefined();
    expect(parseNumber(' 42 ', true)).toBe(42);
    expect(parseNumber('2.5', false)).toBe(2.5);
    expect(parseNumber('2.5', true)).toBe('2.5');
    expect(parseNumber('abc', false)).toBe('abc');
  });
  it('keeps every digit of a whole number beyond 2^53 (a u64 limit)', () => {
    expect(parseNumber('18446744073709551615', true)).toBe(18446744073709551615n);
    expect(parseNumber('9007199254740991', true)).toBe(9007199254740991);
  });
  it('parses one list item per line', () => {
    expect(parseList('a\n\n b \n', false)).toEqual(['a', 'b']);
    expect(parseList('1\n2', true)).toEqual([1, 2]);
    expect(parseList('  ', false)).toBeUndefined();
  });
});

describe('describeDefault', () => {
  it('shows defaults, and the 64-bit maximum as no limit', async () => {
    const { describeDefault } = await import('./options.ts');
    expect(describeDefault(opt({ name: 'a', defaultValue: 'stdout' }))).toBe('stdout');
    expect(describeDefault(opt({ name: 'a', defaultValue: 1.5 }))).toBe('1.5');
    expect(describeDefault(opt({ name: 'a', defaultValue: 9223372036854775807 }))).toBe('no limit');
    expect(describeDefault(opt({ name: 'a' }))).toBeUndefined();
  });
});

describe('union objects (variants)', () => {
  const aws = opt({
    name: 'auth',
    types: ['OBJECT'],
    options: ['access_key_id', 'secret_access_key', 'session_token', 'assume_role', 'credentials_file', 'profile', 'imds', 'region'].map((n) =>
      opt({ name: n }),
    ),
  });
  const withVariants = {
    ...aws,
    variants: [
      { required: ['access_key_id', 'secret_access_key'], optional: ['session_token', 'assume_role', 'region'] },
      { required: ['credentials_file'], optional: ['profile', 'region'] },
      { required: ['assume_role'], optional: ['imds', 'region'] },
      { required: [], optional: ['imds', 'region'] },
    ],
    note: 'one of four shapes',
  } as CatalogOption;

  it('finds the shape the values are in, keys with a role included', () => {
    expect(currentVariant(withVariants, {})).toBe(3);
    expect(currentVariant(withVariants, { region: 'eu-west-1' })).toBe(3);
    expect(currentVariant(withVariants, { access_key_id: 'SECRET[k]', secret_access_key: 'SECRET[s]' })).toBe(0);
    expect(currentVariant(withVariants, { access_key_id: 'SECRET[k]', secret_access_key: 'SECRET[s]', assume_role: 'arn' })).toBe(0);
    expect(currentVariant(withVariants, { assume_role: 'arn', imds: {} })).toBe(2);
    expect(currentVariant(withVariants, { access_key_id: 'SECRET[k]' })).toBe(0);
    expect(noteOf(withVariants)).toBe('one of four shapes');
  });
  it('shows only the chosen shape, its fields required', () => {
    const names = (chosen: number) => optionsForVariant(withVariants, chosen).map((o) => `${o.name}${o.required ? '*' : ''}`);
    expect(names(0)).toEqual(['access_key_id*', 'secret_access_key*', 'session_token', 'assume_role', 'region']);
    expect(names(1)).toEqual(['credentials_file*', 'profile', 'region']);
    expect(names(3)).toEqual(['imds', 'region']);
    expect(variantLabel(variantsOf(withVariants)[0]!)).toBe('access_key_id + secret_access_key');
    expect(variantLabel(variantsOf(withVariants)[3]!)).toBe('none of these fields (default)');
  });
  it('drops the fields of the other shapes when switching', () => {
    expect(switchVariant(withVariants, { access_key_id: 'SECRET[k]', secret_access_key: 'SECRET[s]', region: 'x' }, 1)).toEqual({ region: 'x' });
    expect(switchVariant(withVariants, { credentials_file: '/c', profile: 'p' }, 1)).toEqual({ credentials_file: '/c', profile: 'p' });
  });
  it('gives an object value of a string-or-object option the object form', () => {
    const compression = opt({ name: 'compression', types: ['STRING', 'OBJECT'], enumValues: ['gzip', 'zstd'], options: [opt({ name: 'algorithm' })] });
    expect(fieldKind(compression, 'http', ['compression'], 'zstd')).toBe('enum');
    expect(fieldKind(compression, 'http', ['compression'], { algorithm: 'zstd', level: 6 })).toBe('object');
  });
  it('knows environment variable references', () => {
    expect(isEnvironmentReference('${BATCH}')).toBe(true);
    expect(isEnvironmentReference('${BATCH:-100}')).toBe(true);
    expect(isEnvironmentReference('$BATCH')).toBe(true);
    expect(isEnvironmentReference('100')).toBe(false);
    expect(isEnvironmentReference('https://${HOST}/x')).toBe(false);
  });
});
