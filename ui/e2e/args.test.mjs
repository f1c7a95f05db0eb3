import { describe, expect, it } from 'vitest';
import { DEFAULT_TIMEOUT_MS, UsageError, deepLinkUrl, parseArgs } from './args.mjs';

describe('check-home arguments', () => {
  it('parses every option, with repeated --expect-env', () => {
    expect(
      parseArgs([
        '--url',
        'http://127.0.0.1:8080',
        '--expect-env',
        'production',
        '--expect-env=staging',
        '--expect-version',
        '0.1.0-SNAPSHOT',
        '--screenshot',
        '/tmp/home.png',
        '--timeout=5',
      ]),
    ).toEqual({
      help: false,
      url: 'http://127.0.0.1:8080',
      expectEnvs: ['production', 'staging'],
      expectVersion: '0.1.0-SNAPSHOT',
      screenshot: '/tmp/home.png',
      timeoutMs: 5000,
    });
  });

  it('needs only --url', () => {
    const options = parseArgs(['--url=https://example.test/']);
    expect(options.url).toBe('https://example.test/');
    expect(options.expectEnvs).toEqual([]);
    expect(options.expectVersion).toBeUndefined();
    expect(options.timeoutMs).toBe(DEFAULT_TIMEOUT_MS);
  });

  it.each([
    [[], '--url is required'],
    [['--url'], '--url needs a value'],
    [['--url', '--expect-env', 'x'], '--url needs a value'],
    [['--url', 'ftp://host'], 'must be http or https'],
    [['--url', 'not a url'], 'not a valid URL'],
    [['--url', 'http://a', '--url', 'http://b'], 'more than once'],
    [['--url', 'http://a', '--bogus'], 'unknown argument: --bogus'],
    [['--url', 'http://a', 'stray'], 'unknown argument: stray'],
    [['--url', 'http://a', '--expect-env='], 'non-empty'],
    [['--url', 'http://a', '--timeout', '0'], 'positive number'],
  ])('rejects %j', (argv, message) => {
    expect(() => parseArgs(argv)).toThrow(UsageError);
    expect(() => parseArgs(argv)).toThrow(message);
  });

  it('accepts --help without --url', () => {
    expect(parseArgs(['--help']).help).toBe(true);
  });

  it('builds the deep link from the base URL', () => {
    expect(deepLinkUrl('http://127.0.0.1:8080')).toBe('http://127.0.0.1:8080/some/deep/link');
    expect(deepLinkUrl('http://127.0.0.1:8080/')).toBe('http://127.0.0.1:8080/some/deep/link');
    expect(deepLinkUrl('http://host/ui/?x=1#top')).toBe('http://host/ui/some/deep/link');
  });
});
