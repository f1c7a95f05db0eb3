#!/usr/bin/env node
// Browser check of the paged fleet list against a real server holding 120 nodes page-000 … page-119, run by a JUnit test:
//
//   node ui/e2e/check-fleet-paging.mjs --url URL --email E --password P [--screenshots DIR]
//
// Signs in; the fleet list shows the first 50 nodes by name with the total; Next and Previous walk the pages the server
// gives; clicking the Host header sorts by name descending; a search narrows the list on the server.

import { readArgs, startCheck } from './harness.mjs';

const args = readArgs(process.argv.slice(2), ['url', 'email', 'password'], 'check-fleet-paging.mjs --url URL --email E --password P [--screenshots DIR]');
const { page, step, screenshot, finish, signIn } = await startCheck({ screenshots: args.screenshots, timeoutMs: 30_000 });

const range = page.getByTestId('fleet-range');
const rows = page.getByTestId('node-row');

/** Waits until the pager says `expected` and the first row is `host`, with `count` rows. @param {string} expected @param {string} host @param {number} count */
async function shows(expected, host, count) {
  await page.waitForFunction(
    /** @param {[string, string, number]} want */
    ([text, first, n]) => {
      const r = document.querySelector('[data-testid="fleet-range"]')?.textContent ?? '';
      const list = document.querySelectorAll('[data-testid="node-row"]');
      return r === text && list.length === n && list[0]?.querySelector('a')?.textContent === first;
    },
    /** @type {[string, string, number]} */ ([expected, host, count]),
  );
}

/**
 * Clicks a pager button once the list is not loading (it reloads every 5 s) and waits for the page it leads to. A click
 * that changed nothing within 10 s is tried once more and reported on the console, so a lost click under load shows up
 * in the output without failing the check; a second miss fails it.
 * @param {string} testId @param {string} expected @param {string} host @param {number} count
 */
async function go(testId, expected, host, count) {
  for (let attempt = 1; ; attempt++) {
    await page.locator('[data-testid="fleet-pager"]:not([aria-busy="true"])').waitFor();
    await page.getByTestId(testId).click();
    try {
      await page.waitForFunction(
        /** @param {[string, string, number]} want */
        ([text, first, n]) => {
          const r = document.querySelector('[data-testid="fleet-range"]')?.textContent ?? '';
          const list = document.querySelectorAll('[data-testid="node-row"]');
          return r === text && list.length === n && list[0]?.querySelector('a')?.textContent === first;
        },
        /** @type {[string, string, number]} */ ([expected, host, count]),
        { timeout: 10_000 },
      );
      return;
    } catch (e) {
      if (attempt >= 2) throw e;
      console.log(`note: the ${testId} click did not lead to "${expected}" within 10 s (range: ${await range.textContent()}); clicking again`);
    }
  }
}

await signIn(args.url, args.email, args.password);
await step('the fleet list shows the first 50 of 120 nodes by name, with Previous off', async () => {
  await page.goto(new URL('/fleet', args.url).toString());
  await shows('1–50 of 120 nodes', 'page-000', 50);
  if (!(await page.getByTestId('fleet-previous').isDisabled())) throw new Error('Previous is on for the first page');
  await screenshot('first-page');
});
await step('Next walks to the second and the last page, where Next is off; Previous comes back', async () => {
  await go('fleet-next', '51–100 of 120 nodes', 'page-050', 50);
  await go('fleet-next', '101–120 of 120 nodes', 'page-100', 20);
  if (!(await page.getByTestId('fleet-next').isDisabled())) throw new Error('Next is on for the last page');
  await go('fleet-previous', '51–100 of 120 nodes', 'page-050', 50);
});
await step('clicking the Host header sorts by name descending from the first page', async () => {
  await page.getByTestId('sort-name').click();
  await shows('1–50 of 120 nodes', 'page-119', 50);
  const th = page.locator('th', { has: page.getByTestId('sort-name') });
  if ((await th.getAttribute('aria-sort')) !== 'descending') throw new Error('the Host header does not say descending');
  await page.getByTestId('sort-name').click();
  await shows('1–50 of 120 nodes', 'page-000', 50);
  await screenshot('sorted');
});
await step('a search narrows the list on the server, with its own total', async () => {
  await page.getByTestId('fleet-search').fill('11');
  await shows('1–11 of 11 nodes', 'page-011', 11);
  if (!(await page.getByTestId('fleet-next').isDisabled())) throw new Error('Next is on with 11 nodes');
  if ((await rows.count()) !== 11 || !(await range.isVisible())) throw new Error('the list is not the 11 matches');
});
await finish();
