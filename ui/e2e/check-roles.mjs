#!/usr/bin/env node
// Browser check of a new Viewer's first hour against a real server, run by a JUnit test:
//
//   node ui/e2e/check-roles.mjs --url URL --email E --password INITIAL --new-password P --pipeline NAME --node-id ID
//        [--screenshots DIR] [--timeout SECONDS]
//
// The JUnit test makes (through the API) a team with an environment, a pipeline with two published
// versions deployed to an enrolled node that keeps reporting, a secret, and a new user who is a Viewer
// in that team. Here the user signs in, is asked to choose a password (not told of a reset), and
// then finds every control a Viewer cannot use absent or disabled, with a title naming the role it
// needs: on the pipeline list, in the editor (its panels included), on the secrets page and on the
// node page. The deploy panel's node table fits the panel at 1280x800 and the empty metrics charts
// say when their first point arrives. Prints "ok: ..." / "FAIL: ..." and a summary.

import { readArgs, startCheck } from './harness.mjs';

const args = readArgs(process.argv.slice(2), ['url', 'email', 'password', 'new-password', 'pipeline', 'node-id'],
  'check-roles.mjs --url URL --email E --password INITIAL --new-password P --pipeline NAME --node-id ID [--screenshots DIR] [--timeout SECONDS]');
const timeout = Number(args.timeout ?? 20) * 1000;
const { page, step, screenshot, finish } = await startCheck({ screenshots: args.screenshots, timeoutMs: timeout });

/**
 * A control the Viewer must not use: absent, or disabled with a title naming the role it needs.
 * @param {import('playwright-core').Locator} control @param {'Editor' | 'Admin'} role @param {string} what
 */
async function refused(control, role, what) {
  if ((await control.count()) === 0) return;
  for (const one of await control.all()) {
    if (!(await one.isDisabled())) throw new Error(`${what} is enabled`);
    const title = (await one.evaluate((e) => e.closest('[title]')?.getAttribute('title') ?? '')) ?? '';
    if (!title.includes(`Needs the ${role} role`)) throw new Error(`${what} says "${title}", not which role it needs`);
  }
}

const ctl = (/** @type {string} */ id) => page.getByTestId(id);

{
  const signedIn = await step('a new account is asked to choose its password, not told of a reset', async () => {
    await page.goto(args.url);
    await ctl('signin-email').fill(args.email);
    await ctl('signin-password').fill(args.password);
    await ctl('signin-submit').click();
    await ctl('password-form').waitFor();
    const card = (await page.locator('.auth-card').textContent()) ?? '';
    if (!card.includes('Choose your password')) throw new Error(`the form says: ${card.slice(0, 200)}`);
    if (/reset/i.test(card)) throw new Error(`a new account is told of a reset: ${card.slice(0, 200)}`);
    await screenshot('choose-password');
    await ctl('password-current').fill(args.password);
    await ctl('password-new').fill(args['new-password']);
    await ctl('password-confirm').fill(args['new-password']);
    await ctl('password-submit').click();
    await ctl('nav-pipelines').waitFor();
  });
  if (!signedIn) await finish();

  await step('the pipeline list offers a Viewer no New, Import or Delete', async () => {
    await ctl('nav-pipelines').click();
    await page.locator('[data-testid="pipeline-row"]', { hasText: args.pipeline }).waitFor();
    await refused(ctl('new-pipeline'), 'Editor', 'New pipeline');
    await refused(ctl('import-pipeline'), 'Editor', 'Import');
    await refused(ctl('delete-pipeline'), 'Editor', 'Delete');
    await screenshot('viewer-pipelines');
  });

  await step('the editor is read-only: no palette, no Publish, Deploy, Paste or Auto-layout', async () => {
    await page.locator('[data-testid="pipeline-row"]', { hasText: args.pipeline }).getByTestId('pipeline-link').click();
    await ctl('read-only').waitFor();
    if ((await ctl('palette-search').count()) !== 0) throw new Error('the palette is offered');
    await refused(ctl('publish'), 'Editor', 'Publish');
    await refused(ctl('deploy'), 'Editor', 'Deploy');
    await refused(ctl('auto-layout'), 'Editor', 'Auto-layout');
    await refused(page.getByRole('button', { name: 'Paste', exact: true }), 'Editor', 'Paste');
  });

  await step("a component's options, key and Remove cannot be changed, its VRL not edited", async () => {
    await page.locator('[data-testid="canvas-node"][data-key="parse"]').click({ position: { x: 60, y: 14 } });
    await ctl('component-panel').waitFor();
    await refused(ctl('component-key'), 'Editor', 'the key field');
    await refused(page.getByTestId('component-panel').getByRole('button', { name: 'Remove' }), 'Editor', 'Remove');
    const vrl = page.locator('.cm-content[data-testid="option-source"]');
    await vrl.waitFor();
    if ((await vrl.getAttribute('contenteditable')) === 'true') throw new Error('the VRL editor is editable');
    const before = await vrl.textContent();
    await vrl.click();
    await page.keyboard.type('.x = 1');
    if ((await vrl.textContent()) !== before) throw new Error('typing changed the VRL');
    await screenshot('viewer-editor');
  });

  await step('the version history offers no Roll back or Load into draft', async () => {
    await ctl('tab-versions').click();
    await ctl('version-list').waitFor();
    if ((await ctl('rollback').count()) === 0) throw new Error('no older version listed');
    await refused(ctl('rollback'), 'Editor', 'Roll back');
    await refused(ctl('load-into-draft'), 'Editor', 'Load into draft');
  });

  await step('the deploy panel offers no Deploy or Undeploy; its node table fits the panel at 1280x800', async () => {
    await ctl('tab-deployment').click();
    await ctl('deployment-node').first().waitFor();
    await refused(ctl('deploy-another'), 'Editor', 'Deploy another version');
    await refused(ctl('undeploy'), 'Editor', 'Undeploy');
    const fit = await ctl('deployment-nodes-wrap').evaluate((e) => ({ scroll: e.scrollWidth, client: e.clientWidth }));
    if (fit.scroll > fit.client) throw new Error(`the table is ${fit.scroll}px wide in ${fit.client}px`);
    const panel = await page.locator('.side-panel').boundingBox();
    const table = await ctl('deployment-nodes').boundingBox();
    if (!panel || !table || table.x + table.width > panel.x + panel.width) throw new Error('the table reaches past the panel');
    await screenshot('deploy-panel');
  });

  await step('empty metrics charts say when the first per-minute point arrives', async () => {
    await ctl('pipeline-metrics').waitFor();
    const notes = await page.locator('[data-testid="pipeline-metrics"] [data-testid="chart-empty"]').allTextContents();
    if (notes.length === 0) throw new Error('the charts already have points: nothing to check');
    if (!notes.every((n) => /first per-minute point (arrives at \d|is due)/.test(n))) throw new Error(`the charts say: ${notes[0]}`);
  });

  await step('secrets and certificates cannot be created, changed or deleted', async () => {
    await ctl('nav-secrets').click();
    await ctl('secret-row').first().waitFor();
    await refused(ctl('new-secret'), 'Editor', 'New secret');
    await refused(ctl('change-secret'), 'Editor', 'Change value');
    await refused(ctl('delete-secret'), 'Editor', 'Delete secret');
    await ctl('tab-certificates').click();
    await refused(ctl('new-certificate'), 'Editor', 'Upload certificate');
    await screenshot('viewer-secrets');
  });

  await step('on the node page no maintenance, labels, re-enroll, revoke, delete, restart or samples', async () => {
    await page.goto(new URL(`/fleet/nodes/${args['node-id']}`, args.url).toString());
    await ctl('node-hostname').waitFor();
    await ctl('restart-pipeline').first().waitFor();
    await refused(ctl('maintenance-toggle'), 'Admin', 'Maintenance');
    await refused(ctl('re-enroll'), 'Admin', 'Re-enroll');
    await refused(ctl('revoke-node-token'), 'Admin', 'Revoke token');
    await refused(ctl('delete-node'), 'Admin', 'Delete node');
    await refused(ctl('user-labels'), 'Admin', 'Labels');
    await refused(ctl('save-labels'), 'Admin', 'Save labels');
    await refused(ctl('restart-pipeline'), 'Editor', 'Restart');
    await refused(ctl('sample-take'), 'Editor', 'Take samples');
    await screenshot('viewer-node', true);
  });

  await step("the team's tokens are not offered to a Viewer", async () => {
    await ctl('nav-tokens').click();
    await ctl('my-tokens').waitFor();
    if ((await ctl('team-tokens').count()) !== 0) throw new Error('team tokens are offered');
  });
}
await finish();
