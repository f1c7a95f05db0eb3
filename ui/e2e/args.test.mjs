import { describe, expect, it } from 'vitest';
import { DEFAULT_TIMEOUT_MS, UsageError, deepLinkUrl, parseArgs, wrongPasswordFor } from './args.mjs';

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
      email: undefined,
      password: undefined,
      checkWrongPassword: false,
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
    expect(options.email).toBeUndefined();
    expect(options.password).toBeUndefined();
    expect(options.checkWrongPassword).toBe(false);
  });

  it('parses the sign-in options', () => {
    const options = parseArgs([
      '--url',
      'http://127.0.0.1:8080',
      '--email',
      ' admin@example.com ',
      '--password',
      'correct horse battery',
      '--check-wrong-password',
    ]);
    expect(options.email).toBe('admin@example.com');
    expect(options.password).toBe('correct horse battery');
    expect(options.checkWrongPassword).toBe(true);
  });

  it('takes a password exactly as given, also with --password=', () => {
    expect(parseArgs(['--url=http://a', '--email=a@b', '--password', ' spaced ']).password).toBe(' spaced ');
    expect(parseArgs(['--url=http://a', '--email=a@b', '--password=--dashes=and=equals']).password).toBe(
      '--dashes=and=equals',
    );
  });

  it('makes a wrong password that differs from the right one', () => {
    expect(wrongPasswordFor('correct horse battery')).not.toBe('correct horse battery');
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
    [['--url', 'http://a', '--email', 'a@b'], '--email needs --password'],
    [['--url', 'http://a', '--password', 'pw'], '--password needs --email'],
    [['--url', 'http://a', '--check-wrong-password'], '--check-wrong-password needs --email'],
    [['--url', 'http://a', '--email', 'a@b', '--password', ''], 'non-empty'],
    [['--url', 'http://a', '--email', 'a@b', '--password'], '--password needs a value'],
    [['--url', 'http://a', '--email', '  ', '--password', 'pw'], 'non-empty'],
    [['--url', 'http://a', '--email', 'a@b', '--password', 'p', '--check-wrong-password=yes'], 'takes no value'],
    [
      ['--url', 'http://a', '--email', 'a@b', '--password', 'p', '--check-wrong-password', '--check-wrong-password'],
      'more than once',
    ],
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
