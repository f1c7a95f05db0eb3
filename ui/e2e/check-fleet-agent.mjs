#!/usr/bin/env node
// Browser check of the fleet screens and the deploy flow against a real server with a real agent and
// the Vector stand-in, run by UiFleetAgentBrowserTest:
//
//   node ui/e2e/check-fleet-agent.mjs --url URL --email E --password P --token-file PATH [--screenshots DIR] [--timeout SECONDS]
//
// Flow: sign in; create an enrollment token (shown once with its install command) and write the token
// to --token-file, where the JUnit test picks it up and starts the agent; see the node HEALTHY with its
// labels and versions; import demo_logs → remap → blackhole, publish, deploy to "1 node"; see RUNNING,
// growing counters and events/s on the canvas; publish a change, deploy it, roll back and deploy the
// rollback; the node page shows live host values, charts, pipeline counters, logs and a sample with its
// schema. Prints "ok: ..." / "FAIL: ..." lines and a summary; exit 0 only when every check passed.

import { writeFile } from 'node:fs/promises';
import { readArgs, startCheck } from './harness.mjs';

const args = readArgs(process.argv.slice(2), ['url', 'email', 'password', 'token-file'],
  'check-fleet-agent.mjs --url URL --email E --password P --token-file PATH [--screenshots DIR] [--timeout SECONDS]');
const timeout = Number(args.timeout ?? 30) * 1000;
const run = Date.now().toString(36);
const PIPELINE = `fleet-e2e-${run}`;
const { page, step, screenshot, finish, signIn } = await startCheck({ screenshots: args.screenshots, timeoutMs: timeout });
const node = (/** @type {string} */ key) => page.locator(`[data-testid="canvas-node"][data-key="${key}"]`);

/** @param {string} what @param {() => Promise<unknown>} fn @param {number} [ms] */
async function until(what, fn, ms = timeout) {
  const end = Date.now() + ms;
  let last;
  while (Date.now() < end) {
    last = await fn().catch((e) => String(e));
    if (last === true) return;
    await page.waitForTimeout(500);
  }
  throw new Error(`${what} (last: ${String(last).slice(0, 300)})`);
}
/** @param {string} testId */
const text = async (testId) => (await page.getByTestId(testId).first().textContent().catch(() => '')) ?? '';
/** Waits until the deployment status shows the node RUNNING the version, in sync. @param {number} version */
const runningVersion = (version) =>
  until(`RUNNING v${version}`, async () => {
    const row = page.locator(`[data-testid="deployment-node"][data-status="RUNNING"][data-version="${version}"][data-in-sync="true"]`);
    return (await row.count()) === 1 || (await text('deployment-nodes'));
  }, 60_000);
/** Whether a chart draws something: a line (two points or more) or a dot. @param {string} testId */
const drawn = async (testId) => (await page.locator(`[data-testid="${testId}"] svg path[d*="L"], [data-testid="${testId}"] svg circle`).count()) > 0;
/** The first number in a cell's text ("1,234" → 1234). @param {string} s */
const number = (s) => Number((/[\d,]+/.exec(s)?.[0] ?? 'NaN').replace(/,/g, ''));

await signIn(args.url, args.email, args.password);
{
  await step('an enrollment token is created and its install command shown once', async () => {
    await page.getByTestId('nav-fleet').click();
    await page.getByTestId('fleet-empty').waitFor();
    await page.getByTestId('enroll-link').click();
    await page.getByTestId('enroll-name').fill('lab hosts');
    await page.getByTestId('enroll-labels').fill('site=lab');
    await page.getByTestId('enroll-create').click();
    const command = (await text('install-command')).trim();
    const token = /VF_TOKEN=(\S+)/.exec(command)?.[1];
    if (!token || !command.includes(`VF_URL=${new URL(args.url).origin}`)) throw new Error(`install command: ${command}`);
    await screenshot('enrollment-token');
    await writeFile(args['token-file'], token);
    await page.reload();
    await page.locator('[data-testid="enroll-list"]', { hasText: 'lab hosts' }).waitFor();
    if ((await page.getByTestId('install-command').count()) !== 0 || (await page.content()).includes(token)) throw new Error('the token is shown again');
  });

  await step('the enrolled node shows HEALTHY on the fleet page with its labels and versions', async () => {
    await page.getByTestId('nav-fleet').click();
    const row = page.locator('[data-testid="node-row"]');
    await until('a HEALTHY node', async () => {
      if ((await row.count()) === 0) await page.getByTestId('fleet-refresh').click();
      const t = (await row.first().textContent()) ?? '';
      return /HEALTHY/.test(t) || t;
    }, 90_000);
    const t = (await row.first().textContent()) ?? '';
    for (const want of ['role=e2e', 'site=lab', 'vector 0.57', 'agent ']) if (!t.includes(want)) throw new Error(`row lacks ${want}: ${t}`);
    await screenshot('fleet');
  });

  await step('import demo_logs → remap → blackhole and publish version 1', async () => {
    await page.getByTestId('nav-pipelines').click();
    await page.getByTestId('import-pipeline').click();
    await page.getByTestId('import-name').fill(PIPELINE);
    await page.getByTestId('import-config').fill(
      'sources:\n  demo:\n    type: demo_logs\n    format: json\n    interval: 0.1\ntransforms:\n  parse:\n    type: remap\n    inputs: [demo]\n    source: \'.tag = "one"\'\nsinks:\n  out:\n    type: blackhole\n    inputs: [parse]\n',
    );
    await page.getByTestId('import-submit').click();
    await node('parse').waitFor();
    await page.getByTestId('publish').click();
    await page.getByTestId('publish-message').fill('first version');
    await page.getByTestId('publish-confirm').click();
    await page.locator('[data-testid="version"]', { hasText: 'first version' }).waitFor();
  });

  await step('the deploy dialog says 1 node matches and deploys', async () => {
    await page.getByTestId('deploy').click();
    await page.getByTestId('deploy-selector').fill('role=e2e');
    await page.locator('[data-testid="deploy-match"]', { hasText: '1 node match' }).waitFor();
    await screenshot('deploy-dialog');
    await page.getByTestId('deploy-confirm').click();
    await page.getByTestId('deploy-dialog').waitFor({ state: 'detached' });
  });

  await step('the deployment status shows the node RUNNING v1 and the canvas shows events/s per component', async () => {
    await page.getByTestId('tab-deployment').click();
    await runningVersion(1);
    await until('events/s on every component', async () => {
      const live = await page.getByTestId('node-live').allTextContents();
      return (live.length === 3 && live.every((l) => /[1-9]/.test(l))) || live.join(' | ');
    }, 60_000);
    await screenshot('running');
  });

  await step('the node page shows growing pipeline counters and live host values', async () => {
    await page.locator('[data-testid="deployment-nodes"] a').first().click();
    await page.getByTestId('node-hostname').waitFor();
    await until('RUNNING with events', async () => {
      const t = await text('node-pipelines');
      return (/RUNNING/.test(t) && number(await text('pipeline-events-in')) > 0) || t;
    }, 60_000);
    const first = number(await text('pipeline-events-in'));
    await until('events in grow', async () => number(await text('pipeline-events-in')) > first || (await text('pipeline-events-in')), 30_000);
    await until('live host values', async () => /%/.test(await text('host-now')) || (await text('host-now')));
  });

  await step('the node page shows Vector log lines', async () => {
    await until('log lines', async () => !/Waiting for log lines/.test(await text('node-logs')) || 'waiting', 60_000);
  });

  await step('a sample of events is taken with its schema', async () => {
    await page.getByTestId('sample-component').selectOption('parse');
    await page.getByTestId('sample-take').click();
    await until('a sample with schema', async () => {
      const t = await text('sample-result');
      return (/\.message/.test(t) && /string/.test(t) && /transformed_by/.test(t)) || t;
    }, 60_000);
    await screenshot('node', true);
  });

  await step('the node page charts show data', async () => {
    await until('a CPU and a memory line', async () =>
      (await drawn('chart-cpu')) && (await drawn('chart-memory')) || 'no points yet',
    150_000);
    await screenshot('node-charts', true);
  });

  await step('publish a change, deploy it and see v2 RUNNING', async () => {
    await page.goBack();
    await page.getByTestId('editor').waitFor();
    await node('demo').click({ position: { x: 60, y: 14 } });
    await page.getByTestId('option-interval').fill('0.05');
    await page.locator('[data-testid="save-state"][data-state="saved"]').waitFor();
    await page.getByTestId('publish').click();
    await page.getByTestId('publish-message').fill('faster demo');
    await page.getByTestId('publish-confirm').click();
    await page.locator('[data-testid="version"]', { hasText: 'faster demo' }).waitFor();
    await page.getByTestId('deploy').click();
    await page.locator('[data-testid="deploy-match"]', { hasText: '1 node match' }).waitFor();
    await page.getByTestId('deploy-confirm').click();
    await page.getByTestId('tab-deployment').click();
    await runningVersion(2);
  });

  await step('roll back to version 1, deploy the rollback and see it RUNNING', async () => {
    await page.getByTestId('tab-versions').click();
    await page.locator('[data-testid="version"]', { hasText: 'first version' }).getByTestId('rollback').click();
    await page.getByTestId('confirm').click();
    await page.locator('[data-testid="version"]', { hasText: 'rollback of v1' }).waitFor();
    await page.getByTestId('deploy').click();
    await page.locator('[data-testid="deploy-match"]', { hasText: '1 node match' }).waitFor();
    await page.getByTestId('deploy-confirm').click();
    await page.getByTestId('tab-deployment').click();
    await runningVersion(3);
    await until('pipeline metrics chart', async () => (await drawn('pipeline-metrics')) || 'no points yet', 90_000);
    await screenshot('rolled-back-deployed');
  });

  await step('the fleet list shows the pipeline on the node', async () => {
    await page.getByTestId('nav-fleet').click();
    await page.locator('[data-testid="node-row"]', { hasText: PIPELINE }).waitFor();
    await screenshot('fleet-with-pipeline');
  });
}
await finish();
