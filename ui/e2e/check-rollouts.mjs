#!/usr/bin/env node
// Browser check of staged rollouts against a real server, run by a JUnit test:
//
//   node ui/e2e/check-rollouts.mjs --url URL --email E --password P --pipeline ID [--screenshots DIR]
//
// Signs in; opens the pipeline (published, not deployed); the deploy dialog switches to "Staged": the preset's four
// waves with their gates are shown, a bad gate value is named and blocks the deploy, a fixed one lets it start; the
// deployment tab shows the rollout ROLLING with its waves and its decision log; the deploy dialog then says a new deploy
// would supersede it; Pause makes it PAUSED, Abort ABORTED
// (and, for this first deploy, the pipeline undeployed).

import { readArgs, startCheck } from './harness.mjs';

const args = readArgs(process.argv.slice(2), ['url', 'email', 'password', 'pipeline'],
  'check-rollouts.mjs --url URL --email E --password P --pipeline ID [--screenshots DIR]');
const { page, step, screenshot, finish, signIn } = await startCheck({ screenshots: args.screenshots, timeoutMs: 30_000 });

const rollout = page.getByTestId('rollout');

await signIn(args.url, args.email, args.password);
await step('the deploy dialog offers a staged plan with the preset waves and the gates', async () => {
  await page.goto(`${args.url}/pipelines/${args.pipeline}`);
  await page.getByTestId('deploy').click();
  await page.getByTestId('deploy-staged').check();
  await page.getByTestId('rollout-plan').waitFor();
  const waves = await page.getByTestId('rollout-wave').count();
  if (waves !== 4) throw new Error(`waves: ${waves}`);
  if (!(await page.getByTestId('rollout-rollback').isChecked())) throw new Error('rollback is not preset');
  await screenshot('staged-plan');
});
await step('a bad gate value is named and blocks the deploy; a good one lets it start', async () => {
  await page.getByTestId('gate-errors').fill('lots');
  await page.locator('.rollout-plan .field-error', { hasText: 'Error rate margin must be a number from 0 to 100.' }).waitFor();
  if (!(await page.getByTestId('deploy-confirm').isDisabled())) throw new Error('deploy is not blocked');
  await page.getByTestId('gate-errors').fill('2');
  const label = (await page.getByTestId('deploy-confirm').textContent()) ?? '';
  if (!label.startsWith('Start staged rollout of v1')) throw new Error(`button: ${label}`);
  await page.getByTestId('deploy-confirm').click();
  await page.getByTestId('deploy-dialog').waitFor({ state: 'detached' });
});
await step('the deployment tab shows the rollout rolling, its waves and its decision log', async () => {
  await page.getByTestId('tab-deployment').click();
  await page.locator('[data-testid="rollout"][data-state="ROLLING"]').waitFor();
  const waves = await rollout.getByTestId('rollout-wave-detail').count();
  if (waves !== 4) throw new Error(`waves shown: ${waves}`);
  await rollout.getByTestId('rollout-decisions').getByText('started').waitFor();
  await rollout.getByText('error rate ≤ before + 2 points', { exact: false }).waitFor();
  await screenshot('rollout');
});
await step('while it rolls, the deploy dialog says a new deploy supersedes it', async () => {
  await page.getByTestId('deploy').click();
  await page.locator('[data-testid="deploy-supersedes"]', { hasText: 'A staged rollout of v1 is rolling: this deploy supersedes it.' }).waitFor();
  await page.getByTestId('deploy-dialog').getByRole('button', { name: 'Cancel' }).click();
  await page.getByTestId('deploy-dialog').waitFor({ state: 'detached' });
});
await step('Pause pauses it, Abort rolls it back', async () => {
  await page.getByTestId('rollout-pause').click();
  await page.locator('[data-testid="rollout"][data-state="PAUSED"]').waitFor();
  await page.getByTestId('rollout-resume').waitFor();
  await page.getByTestId('rollout-abort').click();
  await page.locator('[data-testid="rollout"][data-state="ABORTED"]').waitFor();
  await rollout.getByTestId('rollout-decisions').getByText('aborted by', { exact: false }).waitFor();
  // a staged first deploy that is aborted leaves the pipeline undeployed, and the panel says so
  await page.getByTestId('deployment-panel').getByText('Not deployed').waitFor();
  await screenshot('aborted');
});
await finish();
