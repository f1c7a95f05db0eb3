// What the browser checks (check-editor, check-admin, check-fleet-agent) share: arguments,
// Chromium, console watching, named steps printing "ok:"/"FAIL:", screenshots and the summary.

import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

/**
 * Reads "--name value" pairs; exits with status 2 and the usage when a required one is missing.
 * @param {string[]} argv @param {string[]} required @param {string} usage
 * @returns {Record<string, string>}
 */
export function readArgs(argv, required, usage) {
  /** @type {Record<string, string>} */
  const args = {};
  for (let i = 0; i < argv.length; i += 2) {
    const name = String(argv[i]).replace(/^--/, '');
    const value = argv[i + 1];
    if (value === undefined) {
      console.log(`usage: ${usage} (no value for --${name})`);
      process.exit(2);
    }
    args[name] = value;
  }
  for (const name of required) {
    if (!args[name]) {
      console.log(`usage: ${usage} (missing --${name})`);
      process.exit(2);
    }
  }
  return args;
}

/**
 * @typedef {object} CheckOptions
 * @property {string} [screenshots] folder for screenshots (none when absent)
 * @property {number} [timeoutMs] default timeout of every page action
 * @property {(text: string, url: string) => boolean} [expected] console errors the check causes on purpose
 * @property {string} [foreignOrigin] another site the check visits (an identity provider's login page): what its pages log
 *   and whether they come with our Content-Security-Policy is not ours to check
 */

/** Starts Chromium with one 1280×800 page and returns the helpers of a check. @param {CheckOptions} options */
export async function startCheck(options = {}) {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 }, acceptDownloads: true });
  page.setDefaultTimeout(options.timeoutMs ?? 15_000);
  /** @type {string[]} */
  const problems = [];
  /** @param {string} url */
  const foreign = (url) => !!options.foreignOrigin && url.startsWith(options.foreignOrigin);
  page.on('console', (m) => {
    if (m.type() !== 'error' && m.type() !== 'warning') return;
    if (foreign(page.url())) return;
    const url = m.location()?.url ?? '';
    if (options.expected?.(m.text(), url)) return;
    problems.push(`${m.type()}: ${m.text()} ${url}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  // The UI must work under the server's Content-Security-Policy: every page arrives with it, nothing violates it.
  /** @type {string[]} */
  const pagesWithoutCsp = [];
  let pagesWithCsp = 0;
  page.on('response', (r) => {
    if (r.request().resourceType() !== 'document' || foreign(r.url())) return;
    if (/script-src 'self'/.test(r.headers()['content-security-policy'] ?? '')) pagesWithCsp++;
    else pagesWithoutCsp.push(r.url());
  });
  await page.exposeBinding('vfCspViolation', (_source, /** @type {string} */ what) => problems.push(`CSP violation: ${what}`));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) =>
      /** @type {any} */ (window).vfCspViolation(`${e.violatedDirective} blocked ${e.blockedURI || 'inline'} at ${e.sourceFile}:${e.lineNumber}`));
  });

  let passed = 0;
  let failed = 0;
  let shot = 0;
  /** @param {string} name @param {boolean} [fullPage] */
  async function screenshot(name, fullPage = false) {
    if (!options.screenshots) return;
    await mkdir(options.screenshots, { recursive: true });
    await page.screenshot({ path: join(options.screenshots, `${String(++shot).padStart(2, '0')}-${name}.png`), fullPage });
  }
  /** Runs one named check; a failure is printed with a screenshot and the next step still runs. @param {string} name @param {() => Promise<unknown>} fn */
  async function step(name, fn) {
    try {
      await fn();
      passed++;
      console.log(`ok: ${name}`);
      return true;
    } catch (e) {
      failed++;
      console.log(`FAIL: ${name}: ${e instanceof Error ? e.message.split('\n')[0] : e}`);
      await screenshot(`failed-${name.replace(/[^a-z0-9]+/gi, '-').slice(0, 40)}`).catch(() => {});
      return false;
    }
  }
  /** Checks the console, closes Chromium, prints the summary and exits 0 only when everything passed. */
  async function finish() {
    await step('no console errors or warnings', async () => {
      if (problems.length > 0) throw new Error(problems.join(' | '));
    });
    await step('every page came with the Content-Security-Policy (and nothing violated it, above)', async () => {
      if (pagesWithoutCsp.length > 0 || pagesWithCsp === 0) throw new Error(`pages without CSP: ${pagesWithoutCsp.join(', ') || 'no page at all'}`);
    });
    await browser.close();
    console.log(`summary: ${passed} passed, ${failed} failed`);
    process.exit(failed === 0 ? 0 : 1);
  }
  /** Signs in through the form; without a session nothing else can pass, so the check ends there. @param {string} url @param {string} email @param {string} password */
  async function signIn(url, email, password) {
    const signedIn = await step('sign in', async () => {
      await page.goto(url);
      await page.getByTestId('signin-email').fill(email);
      await page.getByTestId('signin-password').fill(password);
      await page.getByTestId('signin-submit').click();
      await page.getByTestId('nav-pipelines').waitFor();
    });
    if (!signedIn) await finish();
  }
  return { browser, page, step, screenshot, finish, signIn };
}
