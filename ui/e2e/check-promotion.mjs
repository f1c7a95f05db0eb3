#!/usr/bin/env node
// Browser check of promotion and approvals against a real server, run by a JUnit test:
//
//   node ui/e2e/check-promotion.mjs --url URL --email E --password P --pipeline ID --held ID --team NAME [--screenshots DIR]
//
// The team has environments dev, staging and prod. --pipeline is a pipeline of dev with version 1 that references
// SECRET[api_token] and CERT[edge]; dev and prod have both, staging has neither; prod requires approval. --held is a
// published pipeline of prod. Signs in as an admin; on the pipeline's Versions tab promotes v1: to staging the preview is
// blocked naming SECRET[api_token] and CERT[edge] (no confirm); to prod with a value mapping the preview shows the mapped
// value and the components added, and confirming says it was sent for approval. The held pipeline's deploy dialog says
// "sent for approval". In Admin the environments show the "requires approval" switch (switched on for staging here) and
// prod's approvals list the two requests, which the requester cannot approve.

import { readArgs, startCheck } from './harness.mjs';

const usage = 'check-promotion.mjs --url URL --email E --password P --pipeline ID --held ID --team NAME [--screenshots DIR]';
const args = readArgs(process.argv.slice(2), ['url', 'email', 'password', 'pipeline', 'held', 'team'], usage);
const { page, step, screenshot, finish, signIn } = await startCheck({ screenshots: args.screenshots, timeoutMs: 20_000 });

/** The option of the promote dialog's target select whose text ends with the environment's name. @param {string} name */
async function pickTarget(name) {
  const dialog = page.getByTestId('promote-dialog');
  const options = await dialog.getByTestId('promote-target').locator('option').all();
  for (const o of options) {
    const text = ((await o.textContent()) ?? '').replace(' (requires approval)', '');
    if (text === name || text.endsWith(` / ${name}`)) {
      await dialog.getByTestId('promote-target').selectOption((await o.getAttribute('value')) ?? '');
      return;
    }
  }
  throw new Error(`no target ${name} among ${options.length} options`);
}

await signIn(args.url, args.email, args.password);
await step('a version offers Promote; to staging the preview is blocked, naming the missing secret and certificate', async () => {
  await page.goto(`${args.url}/pipelines/${args.pipeline}`);
  await page.getByTestId('tab-versions').click();
  await page.getByTestId('version').first().getByTestId('version-promote').click();
  const dialog = page.getByTestId('promote-dialog');
  await pickTarget('staging');
  await dialog.getByTestId('promote-confirm').click();
  const blocked = dialog.getByTestId('promote-blocked');
  await blocked.waitFor();
  const text = (await blocked.textContent()) ?? '';
  if (!text.includes('SECRET[api_token]') || !text.includes('CERT[edge]')) throw new Error(`blocked says: ${text}`);
  if (!(await dialog.getByTestId('promote-confirm').isDisabled())) throw new Error('a blocked promotion can be confirmed');
  await screenshot('promote-blocked');
});
await step('to prod with a value mapping: the preview shows the mapped value and the diff; confirming sends it for approval', async () => {
  const dialog = page.getByTestId('promote-dialog');
  await pickTarget('prod');
  await dialog.getByTestId('promote-value-component').first().fill('out');
  await dialog.getByTestId('promote-value-option').first().fill('uri');
  await dialog.getByTestId('promote-value-value').first().fill('https://prod.logs.example.com');
  await dialog.getByTestId('promote-confirm').click();
  const mapped = dialog.getByTestId('promote-mapped');
  await mapped.getByText('https://prod.logs.example.com').waitFor();
  await mapped.getByText('https://dev.logs.example.com').waitFor();
  await dialog.getByTestId('component-diff').getByText('added sink').waitFor();
  if ((await dialog.getByTestId('promote-blocked').count()) > 0) throw new Error('prod has the secrets but the preview is blocked');
  await screenshot('promote-preview');
  const confirm = (await dialog.getByTestId('promote-confirm').textContent()) ?? '';
  if (confirm !== 'Send for approval') throw new Error(`the confirm button says "${confirm}"`);
  await dialog.getByTestId('promote-confirm').click();
  await dialog.getByTestId('promote-result').getByText('Sent for approval').waitFor();
  await page.keyboard.press('Escape');
});
await step('a deploy in prod answers "sent for approval" in the deploy dialog', async () => {
  await page.goto(`${args.url}/pipelines/${args.held}`);
  await page.getByTestId('deploy').click();
  const dialog = page.getByTestId('deploy-dialog');
  await dialog.getByTestId('deploy-confirm').click();
  await dialog.getByTestId('deploy-held').getByText('Sent for approval.').waitFor();
  await screenshot('deploy-held');
  await page.keyboard.press('Escape');
});
await step('Admin: staging gets the "requires approval" switch on; prod lists both requests, which their requester cannot approve', async () => {
  await page.getByTestId('nav-admin').click();
  const card = page.locator('[data-testid="team-card"]', { hasText: args.team });
  const staging = card.getByTestId('team-environment').filter({ hasText: 'staging' });
  await staging.getByTestId('requires-approval').check();
  await page.waitForTimeout(500);
  if (!(await staging.getByTestId('requires-approval').isChecked())) throw new Error('the switch did not stay on');
  const prod = card.getByTestId('team-environment').filter({ hasText: 'prod' });
  if (!(await prod.getByTestId('requires-approval').isChecked())) throw new Error('prod does not show that it requires approval');
  await prod.getByTestId('show-approvals').click();
  const list = prod.getByTestId('approval-list');
  await list.getByText(/^Promote .* v1 with 1 value mapped$/).waitFor();
  await list.getByText(/^Deploy .* v1 to every node$/).waitFor();
  for (const approve of await list.getByTestId('approve').all()) {
    if (!(await approve.isDisabled())) throw new Error('the requester can approve their own request');
  }
  await screenshot('approvals');
});
await finish();
