#!/usr/bin/env node
// Browser check of the VectorFlow home page, run as a real process by a JUnit test:
//
//   node ui/e2e/check-home.mjs --url http://127.0.0.1:PORT
//        [--email E --password P [--check-wrong-password]] [--expect-env NAME]...
//        [--expect-version V] [--screenshot PATH] [--timeout SECONDS]
//
// Starts headless Chromium (CHROMIUM_PATH, default /usr/bin/chromium) and opens
// the page. With --email it first expects the sign-in form (optionally checking
// that a wrong password is refused there) and signs in through it. Then it waits
// for the server to show as ready, the expected version and every expected
// environment, checks that a deep link into the app loads it, that an unknown path
// answers 404 with the app's not-found screen, and that the pages logged
// no errors (the 401 of the deliberate wrong-password attempt excepted).
// Prints one "ok: ..." or "FAIL: ..." line per check, then a "summary: ..."
// line. Exit status 0 when every check passed, 1 when one failed, 2 for bad
// arguments.

import { mkdtemp, mkdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { USAGE, UsageError, deepLinkUrl, parseArgs, wrongPasswordFor } from './args.mjs';
import { describeProblem, separateExpected, sessionUrlFor } from './console-errors.mjs';

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const LAUNCH_TIMEOUT_MS = 30_000;
const POLL_INTERVAL_MS = 200;

class Report {
  passed = 0;
  failed = 0;

  /** @param {string} message */
  ok(message) {
    this.passed++;
    console.log(`ok: ${message}`);
  }

  /** @param {string} message */
  fail(message) {
    this.failed++;
    console.log(`FAIL: ${message}`);
  }

  /** @param {boolean} passed @param {string} okMessage @param {string} failMessage */
  check(passed, okMessage, failMessage) {
    if (passed) this.ok(okMessage);
    else this.fail(failMessage);
    return passed;
  }
}

/**
 * @typedef {object} PageState
 * @property {boolean} brand
 * @property {string | null} readinessState
 * @property {string | null} readinessText
 * @property {string | null} readinessMessage
 * @property {string | null} version
 * @property {string[]} envNames
 * @property {string | null} envError
 * @property {boolean} envEmpty
 * @property {boolean} sessionLoading  still waiting for GET /api/session
 * @property {string | null} sessionError  GET /api/session failed
 * @property {boolean} signInForm
 * @property {string | null} signInError
 * @property {boolean} signInBusy  the submit button is disabled
 * @property {boolean} setupForm
 * @property {boolean} passwordForm
 * @property {string | null} currentUser
 */

/** @param {import('playwright-core').Page} page @returns {Promise<PageState>} */
function readState(page) {
  return page.evaluate(() => {
    /** @param {string} id */
    const byTestId = (id) => document.querySelector(`[data-testid="${id}"]`);
    /** @param {string} id */
    const text = (id) => {
      const element = byTestId(id);
      if (!element) return null;
      // innerText keeps the breaks between a problem's title, status and detail; textContent would glue them.
      const raw = element instanceof HTMLElement ? element.innerText : element.textContent;
      return (raw ?? '').replace(/\s+/g, ' ').trim();
    };
    /** Like text(), leaving out decorations hidden from assistive technology (avatar, caret). @param {string} id */
    const visibleText = (id) => {
      const element = byTestId(id);
      if (!element) return null;
      const copy = /** @type {Element} */ (element.cloneNode(true));
      copy.querySelectorAll('[aria-hidden="true"]').forEach((hidden) => hidden.remove());
      return (copy.textContent ?? '').replace(/\s+/g, ' ').trim();
    };
    const readiness = byTestId('server-readiness');
    return {
      brand: (document.querySelector('header')?.textContent ?? '').includes('VectorFlow'),
      readinessState: readiness?.getAttribute('data-state') ?? null,
      readinessText: text('server-readiness'),
      readinessMessage: text('server-readiness-message') ?? text('server-readiness-error'),
      version: text('server-version'),
      envNames: Array.from(document.querySelectorAll('[data-testid="environment-name"]')).map((cell) =>
        (cell.textContent ?? '').trim(),
      ),
      envError: text('environments-error'),
      envEmpty: byTestId('environments-empty') !== null,
      sessionLoading: byTestId('session-loading') !== null,
      sessionError: text('session-error'),
      signInForm: byTestId('signin-form') !== null,
      signInError: text('signin-error'),
      signInBusy: byTestId('signin-submit')?.hasAttribute('disabled') ?? false,
      setupForm: byTestId('setup-form') !== null,
      passwordForm: byTestId('password-form') !== null,
      currentUser: visibleText('current-user'),
    };
  });
}

/** @type {PageState} */
const EMPTY_STATE = {
  brand: false,
  readinessState: null,
  readinessText: null,
  readinessMessage: null,
  version: null,
  envNames: [],
  envError: null,
  envEmpty: false,
  sessionLoading: false,
  sessionError: null,
  signInForm: false,
  signInError: null,
  signInBusy: false,
  setupForm: false,
  passwordForm: false,
  currentUser: null,
};

/** @param {PageState} state */
function isReady(state) {
  return state.readinessState === 'ready' && state.readinessText === 'Ready';
}

/** @param {PageState} state */
function versionShown(state) {
  return state.version !== null && state.version !== '' && state.version !== '…' && state.version !== 'unavailable';
}

/**
 * Polls the page until `done(state)` holds or the time is up; returns the last state.
 * @param {import('playwright-core').Page} page
 * @param {(state: PageState) => boolean} done
 * @param {number} timeoutMs
 */
async function waitForState(page, done, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  /** @type {PageState | undefined} */
  let state;
  for (;;) {
    try {
      state = await readState(page);
      if (done(state)) return state;
    } catch {
      // The page may be navigating; try again.
    }
    if (Date.now() >= deadline) break;
    await new Promise((r) => setTimeout(r, POLL_INTERVAL_MS));
  }
  return state ?? EMPTY_STATE;
}

/**
 * A screen other than the overview that the page settled on, or undefined.
 * @param {PageState} state
 */
function blockingScreen(state) {
  if (state.signInForm) return 'the sign-in form';
  if (state.passwordForm) return 'the change-password form (the user must change their password)';
  if (state.setupForm) return 'the first-run setup form';
  if (state.sessionError !== null) return `an error (${state.sessionError})`;
  return undefined;
}

/** What the page shows, for failure messages about signing in. @param {PageState} state */
function describePage(state) {
  if (state.signInForm) {
    return state.signInError === null
      ? 'the page shows the sign-in form'
      : `the page shows the sign-in form with signin-error ${JSON.stringify(state.signInError)}`;
  }
  if (state.currentUser !== null) {
    const screen = blockingScreen(state);
    return `current-user shows ${JSON.stringify(state.currentUser)}${screen ? ` and the page shows ${screen}` : ''}`;
  }
  const screen = blockingScreen(state);
  if (screen) return `the page shows ${screen}`;
  if (state.sessionLoading) return 'the page is still loading the session';
  if (!state.brand) return 'no VectorFlow header on the page';
  return 'neither a sign-in form nor a signed-in user on the page';
}

/** @param {PageState} state */
function describeReadiness(state) {
  if (state.readinessText === null) {
    const screen = blockingScreen(state);
    return screen ? `the page shows ${screen} instead of the overview` : 'no server-readiness element on the page';
  }
  const message = state.readinessMessage ? ` (${state.readinessMessage})` : '';
  return `server-readiness shows "${state.readinessText}" [${state.readinessState}]${message}`;
}

/** @param {PageState} state */
function describeEnvironments(state) {
  if (state.envError) return `the page shows an error: ${state.envError}`;
  if (state.envEmpty) return 'the page shows no environments';
  if (state.envNames.length === 0) return 'no environment-name cells on the page';
  return `listed: ${state.envNames.map((n) => JSON.stringify(n)).join(', ')}`;
}

/**
 * Opens the URL and checks the HTTP answer is an HTML page.
 * @param {Report} report
 * @param {import('playwright-core').Page} page
 * @param {string} url
 * @param {number} timeoutMs
 * @param {number} [status] the status the answer must have
 */
async function open(report, page, url, timeoutMs, status = 200) {
  let response;
  try {
    response = await page.goto(url, { waitUntil: 'domcontentloaded', timeout: timeoutMs });
  } catch (error) {
    report.fail(`GET ${url}: ${errorMessage(error)}`);
    return false;
  }
  if (!response) {
    report.fail(`GET ${url}: no response`);
    return false;
  }
  const type = response.headers()['content-type'] ?? '';
  return report.check(
    response.status() === status && type.includes('text/html'),
    `GET ${url} answered ${response.status()} ${type}`,
    `GET ${url} answered ${response.status()} ${type || '(no content type)'}, expected ${status} text/html`,
  );
}

/** @param {unknown} error */
function errorMessage(error) {
  const text = error instanceof Error ? error.message : String(error);
  return text.split('\n')[0] ?? text;
}

/**
 * @typedef {object} SignInAttempt
 * @property {number | undefined} status  the HTTP status of POST /api/session
 * @property {string | undefined} error   why the form could not be used
 * @property {PageState} state            what the page showed afterwards
 */

/**
 * Fills in the sign-in form, submits it and waits for the answer and for the page to settle.
 * @param {import('playwright-core').Page} page
 * @param {string} email
 * @param {string} password
 * @param {string} sessionUrl
 * @param {number} timeoutMs
 * @returns {Promise<SignInAttempt>}
 */
async function submitSignIn(page, email, password, sessionUrl, timeoutMs) {
  let status;
  try {
    await page.getByTestId('signin-email').fill(email, { timeout: timeoutMs });
    await page.getByTestId('signin-password').fill(password, { timeout: timeoutMs });
    const [response] = await Promise.all([
      page.waitForResponse(
        (r) => r.request().method() === 'POST' && r.url().split('?')[0] === sessionUrl,
        { timeout: timeoutMs },
      ),
      page.getByTestId('signin-submit').click({ timeout: timeoutMs }),
    ]);
    status = response.status();
  } catch (error) {
    return { status, error: errorMessage(error), state: await waitForState(page, () => true, 0) };
  }
  const state = await waitForState(
    page,
    (s) => s.currentUser !== null || (s.signInError !== null && !s.signInBusy) || s.sessionError !== null,
    timeoutMs,
  );
  return { status, error: undefined, state };
}

/** @param {SignInAttempt} attempt */
function describeAttempt(attempt) {
  const answer = attempt.status === undefined ? '' : `POST /api/session answered ${attempt.status}; `;
  const error = attempt.error === undefined ? '' : `${attempt.error}; `;
  return `${answer}${error}${describePage(attempt.state)}`;
}

/**
 * Signs in through the sign-in form (after the optional wrong-password check).
 * Returns whether a user is signed in afterwards.
 * @param {Report} report
 * @param {import('playwright-core').Page} page
 * @param {import('./args.mjs').CheckOptions & { email: string, password: string }} options
 * @param {{ rejectedSignIns: number }} counters
 */
async function signIn(report, page, options, counters) {
  const sessionUrl = sessionUrlFor(options.url);
  const first = await waitForState(
    page,
    (s) => s.signInForm || s.currentUser !== null || blockingScreen(s) !== undefined,
    options.timeoutMs,
  );
  if (!report.check(first.signInForm, 'the sign-in form is shown', `the sign-in form is not shown; ${describePage(first)}`)) {
    return false;
  }

  if (options.checkWrongPassword) {
    const attempt = await submitSignIn(page, options.email, wrongPasswordFor(options.password), sessionUrl, options.timeoutMs);
    if (attempt.status === 401) counters.rejectedSignIns++;
    const s = attempt.state;
    report.check(
      attempt.status === 401 && s.signInForm && s.signInError !== null && s.currentUser === null,
      `a wrong password is refused: signin-error shows ${JSON.stringify(s.signInError)} and the sign-in form stays`,
      `a wrong password was not refused as expected (401, signin-error, sign-in form): ${describeAttempt(attempt)}`,
    );
  }

  const attempt = await submitSignIn(page, options.email, options.password, sessionUrl, options.timeoutMs);
  const user = attempt.state.currentUser;
  if (user === null) {
    report.fail(`sign in as ${JSON.stringify(options.email)}: ${describeAttempt(attempt)}`);
    return false;
  }
  return report.check(
    user.toLowerCase().includes(options.email.toLowerCase()),
    `signed in as ${JSON.stringify(options.email)}: current-user shows ${JSON.stringify(user)}`,
    `signed in, but current-user shows ${JSON.stringify(user)}, not ${JSON.stringify(options.email)}`,
  );
}

/**
 * @param {Report} report
 * @param {import('playwright-core').BrowserContext} context
 * @param {import('./args.mjs').CheckOptions} options
 * @param {import('./console-errors.mjs').PageProblem[]} pageProblems
 * @param {{ rejectedSignIns: number }} counters
 */
async function runChecks(report, context, options, pageProblems, counters) {
  /**
   * @param {import('playwright-core').Page} page @param {string} label
   * @param {(text: string, url: string) => boolean} [expected] console errors this page causes on purpose
   */
  const watch = (page, label, expected = () => false) => {
    page.on('console', (message) => {
      if (message.type() !== 'error') return;
      const url = message.location().url ?? '';
      if (expected(message.text(), url)) return;
      pageProblems.push({ label, kind: 'console', text: message.text(), url });
    });
    page.on('pageerror', (error) => pageProblems.push({ label, kind: 'page', text: errorMessage(error), url: '' }));
  };

  // ---- Home page ----
  const home = context.pages()[0] ?? (await context.newPage());
  watch(home, 'home');
  if (await open(report, home, options.url, options.timeoutMs)) {
    let signedIn = true;
    if (options.email !== undefined && options.password !== undefined) {
      signedIn = await signIn(report, home, { ...options, email: options.email, password: options.password }, counters);
    }
    if (signedIn) checkOverview(report, options, await waitForOverview(home, options));
  }

  if (options.screenshot) {
    const file = resolve(options.screenshot);
    try {
      await mkdir(dirname(file), { recursive: true });
      await home.screenshot({ path: file, fullPage: true, timeout: options.timeoutMs });
      report.ok(`screenshot written to ${file}`);
    } catch (error) {
      report.fail(`screenshot to ${file}: ${errorMessage(error)}`);
    }
  }

  // ---- Deep links: a route of the app loads the app; any other path is a 404 that still shows the app's not-found screen ----
  const routeUrl = new URL('/audit', options.url).toString();
  const route = await context.newPage();
  watch(route, 'deep link');
  if (await open(report, route, routeUrl, options.timeoutMs)) {
    const loaded = await appLoaded(route, '[data-testid="nav-pipelines"]', options.timeoutMs);
    report.check(loaded !== false, `the app loads at ${routeUrl} (${loaded})`, `the app does not load at ${routeUrl}`);
  }
  await route.close();

  const deepUrl = deepLinkUrl(options.url);
  const deep = await context.newPage();
  watch(deep, 'unknown path', (text, url) => url === deepUrl && /status of 404/.test(text));
  if (await open(report, deep, deepUrl, options.timeoutMs, 404)) {
    // Signed in, an unknown path shows the app's "no page here" screen; otherwise the sign-in form proves the app loaded.
    const found = await appLoaded(deep, '[data-testid="not-found"]', options.timeoutMs);
    report.check(
      found !== false,
      `an unknown path answers 404 and the app shows ${found === 'sign-in' ? 'the sign-in form' : 'its not-found screen'} at ${deepUrl}`,
      `the app does not load at ${deepUrl}: neither its not-found screen nor the sign-in form`,
    );
  }
  await deep.close();
}

/**
 * What the page shows once the app ran: 'screen' (the element wanted), 'sign-in' (the form), or false after the timeout.
 * @param {import('playwright-core').Page} page @param {string} selector @param {number} timeoutMs
 * @returns {Promise<'screen' | 'sign-in' | false>}
 */
function appLoaded(page, selector, timeoutMs) {
  return page
    .waitForFunction(
      (wanted) => (document.querySelector(wanted) ? 'screen' : document.querySelector('[data-testid="signin-email"]') ? 'sign-in' : false),
      selector,
      { timeout: timeoutMs },
    )
    .then((handle) => /** @type {Promise<'screen' | 'sign-in'>} */ (handle.jsonValue()))
    .catch(() => false);
}

/**
 * Waits for the overview to show everything expected, or for a screen that will not go away by itself.
 * @param {import('playwright-core').Page} page
 * @param {import('./args.mjs').CheckOptions} options
 */
function waitForOverview(page, options) {
  return waitForState(
    page,
    (s) =>
      blockingScreen(s) !== undefined ||
      (isReady(s) &&
        (options.expectVersion === undefined ? versionShown(s) : s.version === options.expectVersion) &&
        options.expectEnvs.every((name) => s.envNames.includes(name))),
    options.timeoutMs,
  );
}

/**
 * @param {Report} report
 * @param {import('./args.mjs').CheckOptions} options
 * @param {PageState} state
 */
function checkOverview(report, options, state) {
  const screen = blockingScreen(state);
  if (screen) {
    const hint = state.signInForm && options.email === undefined ? '; the server requires sign-in: pass --email and --password' : '';
    report.fail(`the home page shows ${screen} instead of the overview${hint}`);
    return;
  }

  report.check(isReady(state), 'server-readiness shows Ready', describeReadiness(state));
  if (options.expectVersion === undefined) {
    report.check(
      versionShown(state),
      `server-version shows ${JSON.stringify(state.version)}`,
      `server-version shows no version (${JSON.stringify(state.version)})`,
    );
  } else {
    report.check(
      state.version === options.expectVersion,
      `server-version is ${JSON.stringify(options.expectVersion)}`,
      `server-version is ${JSON.stringify(state.version)}, expected ${JSON.stringify(options.expectVersion)}`,
    );
  }
  for (const name of options.expectEnvs) {
    report.check(
      state.envNames.includes(name),
      `environment ${JSON.stringify(name)} is listed`,
      `environment ${JSON.stringify(name)} is not listed; ${describeEnvironments(state)}`,
    );
  }
}

async function main() {
  let options;
  try {
    options = parseArgs(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(`error: ${error.message}\n\n${USAGE}`);
    return 2;
  }
  if (options.help) {
    console.log(USAGE);
    return 0;
  }

  const executablePath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
  const report = new Report();
  /** @type {import('./console-errors.mjs').PageProblem[]} */
  const pageProblems = [];
  const counters = { rejectedSignIns: 0 };
  const userDataDir = await mkdtemp(join(tmpdir(), 'vectorflow-check-home-'));
  /** @type {import('playwright-core').BrowserContext | undefined} */
  let context;

  // Last resort if something hangs: fail rather than block the caller forever.
  const watchdog = setTimeout(
    () => {
      console.log('FAIL: the check did not finish in time');
      process.exit(1);
    },
    LAUNCH_TIMEOUT_MS + 10 * options.timeoutMs + 30_000,
  );
  watchdog.unref();

  try {
    try {
      context = await chromium.launchPersistentContext(userDataDir, {
        executablePath,
        headless: true,
        args: CHROMIUM_ARGS,
        viewport: { width: 1280, height: 800 },
        timeout: LAUNCH_TIMEOUT_MS,
      });
      report.ok(`launched Chromium (${executablePath})`);
    } catch (error) {
      report.fail(`launch Chromium (${executablePath}): ${errorMessage(error)}`);
    }

    if (context) {
      try {
        await runChecks(report, context, options, pageProblems, counters);
      } catch (error) {
        report.fail(`unexpected error: ${errorMessage(error)}`);
      }
      const { reported, ignored } = separateExpected(
        pageProblems,
        sessionUrlFor(options.url),
        counters.rejectedSignIns,
      );
      if (reported.length === 0) {
        const note =
          ignored.length === 0
            ? ''
            : ` (ignored ${ignored.length === 1 ? 'the expected 401' : `${ignored.length} expected 401s`} of the wrong-password sign-in)`;
        report.ok(`no console errors or page errors${note}`);
      } else {
        for (const problem of reported) report.fail(describeProblem(problem));
      }
    }
  } finally {
    if (context) await context.close().catch(() => {});
    await rm(userDataDir, { recursive: true, force: true }).catch(() => {});
    clearTimeout(watchdog);
  }

  const total = report.passed + report.failed;
  console.log(
    report.failed === 0
      ? `summary: all ${total} checks passed`
      : `summary: ${report.failed} of ${total} checks failed`,
  );
  return report.failed === 0 ? 0 : 1;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    console.log(`FAIL: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exitCode = 1;
  },
);
