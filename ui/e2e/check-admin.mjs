#!/usr/bin/env node
// Browser check of the administration screens against a real server, run by a JUnit test:
//
//   node ui/e2e/check-admin.mjs --url URL --email E --password P [--screenshots DIR]
//
// Signs in as a platform admin with no team yet; creates a team and an environment, a user,
// adds the user as a member, creates and revokes an API token (shown once), changes a secret's
// value, and filters and exports the audit log. Prints "ok: ..." / "FAIL: ..." and a summary.

import { readArgs, startCheck } from './harness.mjs';

const args = readArgs(process.argv.slice(2), ['url', 'email', 'password'], 'check-admin.mjs --url URL --email E --password P [--screenshots DIR]');
const run = Date.now().toString(36);
// The one refusal the script causes on purpose: creating a team whose name is taken.
let expectedConflicts = 1;
const { page, step, screenshot, finish, signIn } = await startCheck({
  screenshots: args.screenshots,
  expected: (text, url) => (/status of 409/.test(text) && url.endsWith('/api/teams') && expectedConflicts-- > 0),
});

await signIn(args.url, args.email, args.password);
{
  await step('without an environment, pipelines explain what to do', async () => {
    await page.getByTestId('nav-pipelines').click();
    await page.getByTestId('no-environment').waitFor();
  });
  await step('create a team and an environment; the switcher shows them', async () => {
    await page.getByTestId('nav-admin').click();
    await page.getByTestId('team-name').fill(`ops-${run}`);
    await page.getByTestId('create-team').click();
    const card = page.locator('[data-testid="team-card"]', { hasText: `ops-${run}` });
    await card.getByTestId('environment-name-input').fill('staging');
    await card.getByTestId('create-environment').click();
    await card.getByTestId('team-environments').getByText('staging').waitFor();
    await page.locator('[data-testid="env-switcher"] option', { hasText: 'staging' }).waitFor({ state: 'attached' });
  });
  await step('a refused name shows next to its field', async () => {
    await page.getByTestId('team-name').fill(`ops-${run}`);
    await page.getByTestId('create-team').click();
    await page.getByTestId('team-name-error').or(page.getByRole('alert')).first().waitFor();
  });
  await step('create a user and add them as an editor', async () => {
    await page.getByTestId('tab-users').click();
    await page.getByTestId('new-user').click();
    await page.getByTestId('user-email').fill(`dev-${run}@example.com`);
    await page.getByTestId('user-name').fill('Dev');
    await page.getByTestId('user-password').fill('a temporary password');
    await page.getByTestId('user-save').click();
    await page.getByTestId('user-list').getByText(`dev-${run}@example.com`).waitFor();
    await page.getByTestId('tab-teams').click();
    const card = page.locator('[data-testid="team-card"]', { hasText: `ops-${run}` });
    await card.getByTestId('member-email').fill(`dev-${run}@example.com`);
    await card.getByRole('combobox', { name: 'Role' }).selectOption('EDITOR');
    await card.getByRole('button', { name: 'Add', exact: true }).click();
    await card.getByTestId('member-list').getByText(`dev-${run}@example.com`).waitFor();
    await screenshot('teams');
  });
  await step('an API token is shown once and can be revoked', async () => {
    await page.getByTestId('nav-tokens').click();
    await page.getByTestId('my-tokens-name').fill(`ci-${run}`);
    await page.getByTestId('my-tokens-create').click();
    const token = await page.getByTestId('token-value').textContent();
    if (!token?.startsWith('vf_api_')) throw new Error(`token shown: ${token}`);
    const row = page.getByTestId('my-tokens').locator('tr', { hasText: `ci-${run}` });
    await row.getByRole('button', { name: 'Revoke' }).click();
    await page.getByTestId('confirm').click();
    await row.getByText('revoked').waitFor();
  });
  await step('a secret value can be replaced but never read', async () => {
    await page.getByTestId('env-switcher').selectOption({ label: 'staging' });
    await page.getByTestId('nav-secrets').click();
    await page.getByTestId('new-secret').click();
    await page.getByTestId('secret-name').fill('db_password');
    await page.getByTestId('secret-value').fill('first-value');
    await page.getByTestId('secret-save').click();
    const row = page.locator('[data-testid="secret-row"]', { hasText: 'db_password' });
    await row.getByRole('button', { name: 'Change value' }).click();
    await page.getByTestId('secret-value').fill('second-value');
    await page.getByTestId('secret-save').click();
    await page.getByTestId('secret-value').waitFor({ state: 'detached' });
    const html = await page.content();
    if (html.includes('first-value') || html.includes('second-value')) throw new Error('a secret value is on the page');
  });
  await step('the audit log filters by action and exports CSV', async () => {
    await page.getByTestId('nav-audit').click();
    await page.getByTestId('audit-action').fill('secret');
    await page.getByTestId('audit-apply').click();
    // The unfiltered list has secret rows too: wait until the filtered answer replaced it.
    /** @type {string[]} */
    let rows = [];
    for (const end = Date.now() + 15_000; Date.now() < end; await page.waitForTimeout(250)) {
      rows = await page.locator('[data-testid="audit-row"]').allTextContents();
      if (rows.length > 0 && rows.every((r) => r.includes('secret.'))) break;
    }
    if (rows.length === 0 || rows.some((r) => !r.includes('secret.'))) throw new Error(`unfiltered rows: ${rows.join(' | ').slice(0, 200)}`);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('audit-export-csv').click()]);
    const path = await download.path();
    if (!path) throw new Error('no CSV downloaded');
    await screenshot('audit');
  });
  await step('sign out', async () => {
    await page.locator('.user-button').click();
    await page.getByRole('menuitem', { name: /^Sign out$/ }).or(page.getByRole('button', { name: /^Sign out$/ })).first().click();
    await page.getByTestId('signin-email').waitFor();
  });
}
await finish();
