#!/usr/bin/env node
// Browser check of the VectorFlow home page, run as a real process by a JUnit test:
//
//   node ui/e2e/check-home.mjs --url http://127.0.0.1:PORT [--expect-env NAME]...
//        [--expect-version V] [--screenshot PATH] [--timeout SECONDS]
//
// Starts headless Chromium (CHROMIUM_PATH, default /usr/bin/chromium), opens the
// page, waits for the server to show as ready, the expected version and every
// expected environment, checks the SPA fallback on a deep link and that the page
// logged no errors. Prints one "ok: ..." or "FAIL: ..." line per check, then a
// "summary: ..." line. Exit status 0 when every check passed, 1 when one failed,
// 2 for bad arguments.

import { mkdtemp, mkdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { USAGE, UsageError, deepLinkUrl, parseArgs } from './args.mjs';

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
 */

/** @param {import('playwright-core').Page} page @returns {Promise<PageState>} */
function readState(page) {
  return page.evaluate(() => {
    /** @param {string} id */
    const byTestId = (id) => document.querySelector(`[data-testid="${id}"]`);
    /** @param {string} id */
    const text = (id) => byTestId(id)?.textContent?.replace(/\s+/g, ' ').trim() ?? null;
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
    };
  });
}

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
  return (
    state ?? {
      brand: false,
      readinessState: null,
      readinessText: null,
      readinessMessage: null,
      version: null,
      envNames: [],
      envError: null,
      envEmpty: false,
    }
  );
}

/** @param {PageState} state */
function describeReadiness(state) {
  if (state.readinessText === null) return 'no server-readiness element on the page';
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
 */
async function open(report, page, url, timeoutMs) {
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
    response.status() === 200 && type.includes('text/html'),
    `GET ${url} answered ${response.status()} ${type}`,
    `GET ${url} answered ${response.status()} ${type || '(no content type)'}, expected 200 text/html`,
  );
}

/** @param {unknown} error */
function errorMessage(error) {
  const text = error instanceof Error ? error.message : String(error);
  return text.split('\n')[0] ?? text;
}

/**
 * @param {Report} report
 * @param {import('playwright-core').BrowserContext} context
 * @param {import('./args.mjs').CheckOptions} options
 * @param {string[]} pageErrors
 */
async function runChecks(report, context, options, pageErrors) {
  /** @param {import('playwright-core').Page} page @param {string} label */
  const watch = (page, label) => {
    page.on('console', (message) => {
      if (message.type() !== 'error') return;
      const where = message.location().url ? ` at ${message.location().url}` : '';
      pageErrors.push(`${label}: console error: ${message.text()}${where}`);
    });
    page.on('pageerror', (error) => pageErrors.push(`${label}: page error: ${errorMessage(error)}`));
  };

  // ---- Home page ----
  const home = context.pages()[0] ?? (await context.newPage());
  watch(home, 'home');
  if (await open(report, home, options.url, options.timeoutMs)) {
    const state = await waitForState(
      home,
      (s) =>
        isReady(s) &&
        (options.expectVersion === undefined ? versionShown(s) : s.version === options.expectVersion) &&
        options.expectEnvs.every((name) => s.envNames.includes(name)),
      options.timeoutMs,
    );

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

  // ---- Deep link: the server must answer with the app (SPA fallback) ----
  const deepUrl = deepLinkUrl(options.url);
  const deep = await context.newPage();
  watch(deep, 'deep link');
  if (await open(report, deep, deepUrl, options.timeoutMs)) {
    const state = await waitForState(deep, (s) => s.brand && isReady(s), options.timeoutMs);
    report.check(
      state.brand && isReady(state),
      `the app loads at ${deepUrl}`,
      `the app does not load at ${deepUrl}: ${state.brand ? describeReadiness(state) : 'no VectorFlow header'}`,
    );
  }
  await deep.close();
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
  /** @type {string[]} */
  const pageErrors = [];
  const userDataDir = await mkdtemp(join(tmpdir(), 'vectorflow-check-home-'));
  /** @type {import('playwright-core').BrowserContext | undefined} */
  let context;

  // Last resort if something hangs: fail rather than block the caller forever.
  const watchdog = setTimeout(
    () => {
      console.log('FAIL: the check did not finish in time');
      process.exit(1);
    },
    LAUNCH_TIMEOUT_MS + 4 * options.timeoutMs + 30_000,
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
        await runChecks(report, context, options, pageErrors);
      } catch (error) {
        report.fail(`unexpected error: ${errorMessage(error)}`);
      }
      if (pageErrors.length === 0) {
        report.ok('no console errors or page errors');
      } else {
        for (const line of pageErrors) report.fail(line);
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
