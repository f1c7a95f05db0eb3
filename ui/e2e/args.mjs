// Command-line parsing for check-home.mjs, kept apart so it can be unit-tested.

export const USAGE = `usage: node ui/e2e/check-home.mjs --url http://127.0.0.1:PORT
         [--email EMAIL --password PASSWORD [--check-wrong-password]]
         [--expect-env NAME]... [--expect-version VERSION] [--screenshot PATH] [--timeout SECONDS]

  --url                   where the VectorFlow server serves the UI (required, http or https)
  --email                 sign in through the sign-in form as this user first (needs --password)
  --password              that user's password (needs --email)
  --check-wrong-password  before signing in, check that a wrong password shows signin-error
                          and keeps the sign-in form (needs --email)
  --expect-env            an environment name that must be listed (repeatable)
  --expect-version        the server version the page must show
  --screenshot            write a full-page PNG of the home page there
  --timeout               how long to wait for the page to settle, in seconds (default 20)

Without --email the home page must show the overview straight away; a sign-in
form there is a failure. Values may also be given as --name=value (needed for a
password that starts with "--").

Prints one "ok: ..." or "FAIL: ..." line per check.
Exit status: 0 all checks passed, 1 a check failed, 2 bad arguments.`;

export const DEFAULT_TIMEOUT_MS = 20_000;

export class UsageError extends Error {
  /** @param {string} message */
  constructor(message) {
    super(message);
    this.name = 'UsageError';
  }
}

const VALUE_OPTIONS = new Set([
  '--url',
  '--email',
  '--password',
  '--expect-env',
  '--expect-version',
  '--screenshot',
  '--timeout',
]);
const FLAG_OPTIONS = new Set(['--check-wrong-password']);

/**
 * @typedef {object} CheckOptions
 * @property {boolean} help
 * @property {string} url
 * @property {string | undefined} email
 * @property {string | undefined} password
 * @property {boolean} checkWrongPassword
 * @property {string[]} expectEnvs
 * @property {string | undefined} expectVersion
 * @property {string | undefined} screenshot
 * @property {number} timeoutMs
 */

/**
 * Parses the arguments (without node and the script path). Accepts "--name value"
 * and "--name=value". Throws UsageError on anything it does not understand.
 * @param {readonly string[]} argv
 * @returns {CheckOptions}
 */
export function parseArgs(argv) {
  /** @type {CheckOptions} */
  const options = {
    help: false,
    url: '',
    email: undefined,
    password: undefined,
    checkWrongPassword: false,
    expectEnvs: [],
    expectVersion: undefined,
    screenshot: undefined,
    timeoutMs: DEFAULT_TIMEOUT_MS,
  };
  const seen = new Set();

  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === '--help' || arg === '-h') {
      options.help = true;
      continue;
    }
    const eq = arg.indexOf('=');
    const name = arg.startsWith('--') && eq > 0 ? arg.slice(0, eq) : arg;
    if (FLAG_OPTIONS.has(name)) {
      if (name !== arg) throw new UsageError(`${name} takes no value`);
      if (seen.has(name)) throw new UsageError(`${name} given more than once`);
      seen.add(name);
      options.checkWrongPassword = true;
      continue;
    }
    if (!VALUE_OPTIONS.has(name)) throw new UsageError(`unknown argument: ${arg}`);

    let value;
    if (name !== arg) {
      value = arg.slice(eq + 1);
    } else {
      value = argv[i + 1];
      if (value === undefined || value.startsWith('--')) throw new UsageError(`${name} needs a value`);
      i++;
    }
    // A password is taken exactly as given (spaces included), but it must not be empty either.
    if (value.trim() === '' && name !== '--password') throw new UsageError(`${name} needs a non-empty value`);
    if (value === '') throw new UsageError(`${name} needs a non-empty value`);
    if (name !== '--expect-env' && seen.has(name)) throw new UsageError(`${name} given more than once`);
    seen.add(name);

    switch (name) {
      case '--url':
        options.url = checkUrl(value);
        break;
      case '--email':
        options.email = value.trim();
        break;
      case '--password':
        options.password = value;
        break;
      case '--expect-env':
        options.expectEnvs.push(value);
        break;
      case '--expect-version':
        options.expectVersion = value;
        break;
      case '--screenshot':
        options.screenshot = value;
        break;
      case '--timeout': {
        const seconds = Number(value);
        if (!Number.isFinite(seconds) || seconds <= 0) {
          throw new UsageError(`--timeout must be a positive number of seconds, not ${value}`);
        }
        options.timeoutMs = Math.round(seconds * 1000);
        break;
      }
    }
  }

  if (options.help) return options;
  if (options.url === '') throw new UsageError('--url is required');
  if (options.email !== undefined && options.password === undefined) {
    throw new UsageError('--email needs --password');
  }
  if (options.password !== undefined && options.email === undefined) {
    throw new UsageError('--password needs --email');
  }
  if (options.checkWrongPassword && options.email === undefined) {
    throw new UsageError('--check-wrong-password needs --email and --password');
  }
  return options;
}

/** @param {string} value */
function checkUrl(value) {
  let url;
  try {
    url = new URL(value);
  } catch {
    throw new UsageError(`--url is not a valid URL: ${value}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new UsageError(`--url must be http or https: ${value}`);
  }
  return value;
}

/**
 * The deep link checked for the SPA fallback: the given URL's path plus
 * "/some/deep/link", without query or fragment.
 * @param {string} base
 */
export function deepLinkUrl(base) {
  const url = new URL(base);
  url.pathname = `${url.pathname.replace(/\/+$/, '')}/some/deep/link`;
  url.search = '';
  url.hash = '';
  return url.toString();
}

/**
 * A password that is certainly not the right one, for the wrong-password check.
 * @param {string} password
 */
export function wrongPasswordFor(password) {
  return `${password}-not-the-password`;
}
