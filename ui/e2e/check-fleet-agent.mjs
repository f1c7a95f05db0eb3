#!/usr/bin/env node
// Browser check of a new installation's first hour against a real server, a real agent and the Vector stand-in,
// run by UiFleetAgentBrowserTest:
//
//   node ui/e2e/check-fleet-agent.mjs --url URL --email E --password P --command-file PATH --agent-dir DIR
//        --vector-bin PATH [--screenshots DIR] [--timeout SECONDS]
//
// Flow: sign in to an installation with no team; the overview explains what an environment is and creates the
// team and the first environment, then points at the next steps; the enrollment step prints the install command
// for the chosen way of running the agent (systemd, launcher, java -jar) with the data directory and the Vector
// binary typed in, refuses a path the service cannot use, and copies it (clipboard, or the text selected when
// there is none); the launcher command is written to --command-file, where the JUnit test runs it exactly as
// printed (and starts simulated nodes: one crash-looping, one silent, one on an old agent). The node shows HEALTHY
// with its labels and versions; demo_logs → remap → blackhole is imported, published, deployed to "1 node", RUNNING
// with growing counters and events/s on the canvas; a change is deployed, rolled back and deployed again; the node
// page shows host values, charts, logs and a sample with its schema (and one of every component); the draft is previewed
// on those sample events on the node (per sink counts and routes); the overview counts nodes and pipelines by
// status, shows live events, a chart over a chosen range and what needs attention, each linking to its node; a
// release is registered, the nodes a selector matches and one node are updated, and the update shows its state
// and result. Prints "ok: ..." / "FAIL: ..." lines and a summary; exit 0 only when every check passed.

import { writeFile } from 'node:fs/promises';
import { readArgs, startCheck } from './harness.mjs';

const args = readArgs(process.argv.slice(2), ['url', 'email', 'password', 'command-file', 'agent-dir', 'vector-bin'],
  'check-fleet-agent.mjs --url URL --email E --password P --command-file PATH --agent-dir DIR --vector-bin PATH [--screenshots DIR] [--timeout SECONDS]');
const timeout = Number(args.timeout ?? 30) * 1000;
const run = Date.now().toString(36);
const PIPELINE = `fleet-e2e-${run}`;
const origin = new URL(args.url).origin;
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
/** The count the overview shows for a status. @param {string} list @param {string} status */
const count = async (list, status) => Number((await page.locator(`[data-testid="${list}"] [data-status="${status}"]`).getAttribute('data-count').catch(() => null)) ?? -1);

await signIn(args.url, args.email, args.password);
{
  await step('the overview of an empty installation explains environments and creates the team and the first one', async () => {
    await page.getByTestId('nav-overview').click();
    await page.getByTestId('first-steps').waitFor();
    const explained = await text('environment-explained');
    if (!/set of nodes/.test(explained) || !/pipelines deployed to them/.test(explained) || !/team owns it/.test(explained))
      throw new Error(`explanation: ${explained}`);
    await screenshot('first-steps');
    await page.getByTestId('first-team-name').fill('platform');
    await page.getByTestId('first-environment-name').fill('production');
    await page.getByTestId('first-create').click();
    await page.getByTestId('fleet-getting-started').waitFor();
    if ((await text('fleet-overview-environment')) !== 'production') throw new Error('the new environment is not the one shown');
    await page.locator('[data-testid="env-switcher"] option', { hasText: 'production' }).waitFor({ state: 'attached' });
    if ((await page.getByTestId('first-steps').count()) !== 0) throw new Error('the first-steps form is still shown');
    await screenshot('getting-started');
  });

  await step('the next step leads to an enrollment token; its install command follows the chosen way of running the agent', async () => {
    await page.getByTestId('step-enroll-link').click();
    await page.getByTestId('enroll-name').fill('lab hosts');
    await page.getByTestId('enroll-labels').fill('site=lab, role=e2e');
    await page.getByTestId('enroll-create').click();
    const systemd = (await text('install-command')).trim();
    const token = /--token (vf_\S+)/.exec(systemd)?.[1];
    if (!token || systemd !== `sudo packaging/agent/install.sh --url ${origin} --token ${token}`) throw new Error(`systemd command: ${systemd}`);
    await page.getByTestId('install-data-dir').fill('relative/dir');
    await page.locator('[data-testid="install"] .field-error', { hasText: 'absolute path' }).waitFor();
    if (!(await page.getByTestId('copy-install').isDisabled())) throw new Error('a command the service cannot use can be copied');
    await page.getByTestId('install-data-dir').fill('/srv/vector agent');
    await page.getByTestId('install-vector-bin').fill('/usr/bin/vector');
    const withOptions = (await text('install-command')).trim();
    if (!withOptions.endsWith("--data-dir '/srv/vector agent' --vector-bin /usr/bin/vector")) throw new Error(`systemd options: ${withOptions}`);
    await screenshot('install-systemd');
    await page.getByTestId('install-mode-launcher').check();
    await page.getByTestId('install-data-dir').fill(args['agent-dir']);
    await page.getByTestId('install-vector-bin').fill(args['vector-bin']);
    const launcher = (await text('install-command')).trim();
    const expected = `VF_URL=${origin} VF_TOKEN=${token} VF_DATA_DIR=${args['agent-dir']} VF_VECTOR_BIN=${args['vector-bin']} packaging/agent/vectorflow-agent run`;
    if (launcher !== expected) throw new Error(`launcher command:\n  ${launcher}\nexpected\n  ${expected}`);
    await screenshot('install-launcher');
    await writeFile(`${args['command-file']}.tmp`, launcher);
    const { rename } = await import('node:fs/promises');
    await rename(`${args['command-file']}.tmp`, args['command-file']);
  });

  await step('the copy button puts the command on the clipboard, or selects it where there is no clipboard', async () => {
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin });
    await page.getByTestId('copy-install').click();
    await page.locator('[data-testid="copy-outcome"]', { hasText: 'on the clipboard' }).waitFor();
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    if (copied !== (await text('install-command')).trim()) throw new Error(`clipboard: ${copied}`);
    // as on plain http to another host: no clipboard API at all
    await page.evaluate(() => Object.defineProperty(navigator, 'clipboard', { value: undefined, configurable: true }));
    await page.getByTestId('install-mode-java').check();
    await page.getByTestId('copy-install').click();
    await page.locator('[data-testid="copy-outcome"]', { hasText: 'Ctrl+C' }).waitFor();
    const selected = await page.evaluate(() => String(window.getSelection()));
    if (!selected.endsWith('java -jar agent-runtime/target/vectorflow-agent.jar run') || selected !== (await text('install-command')).trim())
      throw new Error(`selection: ${selected}`);
    await page.reload();
    await page.locator('[data-testid="enroll-list"]', { hasText: 'lab hosts' }).waitFor();
    if ((await page.getByTestId('install-command').count()) !== 0) throw new Error('the token is shown again');
  });

  await step('the enrolled node shows HEALTHY on the fleet page with its labels and versions', async () => {
    await page.getByTestId('nav-fleet').click();
    const row = page.locator('[data-testid="node-row"]', { hasText: 'role=e2e' });
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

  await step('a sample of every component includes the source (what a preview runs on)', async () => {
    await page.getByTestId('sample-component').selectOption('');
    await page.getByTestId('sample-take').click();
    await page.locator('[data-testid="sample-result"] h3', { hasText: /^demo$/ }).waitFor({ timeout: 60_000 });
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
    // a minute to close the first per-minute rollup, then up to 30 s until the panel reloads (more on a busy machine)
    await until('pipeline metrics chart', async () => (await drawn('pipeline-metrics')) || 'no points yet', 150_000);
    await screenshot('rolled-back-deployed');
  });

  await step('a preview of the draft on real events runs on the node and shows what changes per sink', async () => {
    await page.getByTestId('tab-preview').click();
    // the agent of this installation, not one of the simulated nodes (they answer no actions), once the list has loaded
    let real = '';
    await until('the real node in the list', async () => {
      const options = await page.locator('[data-testid="preview-node"] option').allTextContents();
      real = options.find((o) => o !== 'Choose a node…' && !o.startsWith('sim-')) ?? '';
      return real !== '' || options.join(', ');
    });
    await page.getByTestId('preview-node').selectOption({ label: real });
    await page.getByTestId('preview-run').click();
    await until('the preview result', async () => {
      const t = await text('preview-result');
      return (/out/.test(t) && /\d+ → \d+ event/.test(t) && /same sinks/.test(t)) || t || (await text('preview-panel'));
    }, 90_000);
    await screenshot('preview');
  });

  await step('the fleet list shows the pipeline on the node', async () => {
    await page.getByTestId('nav-fleet').click();
    await page.locator('[data-testid="node-row"]', { hasText: PIPELINE }).waitFor();
    await screenshot('fleet-with-pipeline');
  });

  await step('the overview counts nodes and pipelines by status, shows live events and what needs attention', async () => {
    await page.getByTestId('nav-overview').click();
    await page.getByTestId('fleet-overview').waitFor();
    await until('nodes in every state', async () => {
      const counts = [await count('nodes-by-status', 'HEALTHY'), await count('nodes-by-status', 'DEGRADED'), await count('nodes-by-status', 'UNREACHABLE')];
      return (counts[0] >= 2 && counts[1] === 1 && counts[2] === 1) || `HEALTHY, DEGRADED, UNREACHABLE: ${counts.join(', ')}`;
    }, 60_000);
    await until('pipelines by status', async () =>
      ((await count('runs-by-status', 'RUNNING')) >= 1 && (await count('runs-by-status', 'CRASH_LOOP')) === 1) || (await text('runs-by-status')), 30_000);
    await until('live events', async () => number(await text('events-in')) > 0 || (await text('tile-events')), 30_000);
    await until('attention items', async () => {
      const kinds = await page.locator('[data-testid="attention-item"]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-kind')));
      const want = ['NODE_UNREACHABLE', 'PIPELINE_CRASH_LOOP', 'NODE_DEGRADED', 'AGENT_STALE'];
      return (want.every((k) => kinds.includes(k)) && kinds[0] === 'NODE_UNREACHABLE') || kinds.join(',');
    }, 30_000);
    if (!/1 node behind/.test(await text('stale-agents'))) throw new Error(`stale agents: ${await text('stale-agents')}`);
    await screenshot('overview');
    await screenshot('overview-full', true);
  });

  await step('the overview chart fills from stored rollups over the chosen range', async () => {
    await page.getByTestId('fleet-overview').getByTestId('range').selectOption('6h');
    await until('events in the chart', async () => (await drawn('overview-events-chart')) || 'no points yet', 120_000);
    await screenshot('overview-6h');
  });

  await step('an attention item links to its node', async () => {
    await page.locator('[data-testid="attention-item"][data-kind="NODE_UNREACHABLE"] a').first().click();
    await page.locator('[data-testid="node-hostname"]', { hasText: 'sim-silent' }).waitFor();
    await page.goBack();
    await page.getByTestId('fleet-overview').waitFor();
  });

  await step('a platform admin registers an agent release', async () => {
    await page.getByTestId('agent-updates-link').click();
    await page.getByTestId('releases-empty').waitFor();
    await page.getByTestId('release-version').fill('99.0.0');
    await page.getByTestId('release-url').fill('http://downloads.example.com/agent.jar');
    await page.getByTestId('release-checksum').fill(`sha256:${'ab'.repeat(32)}`);
    await page.getByTestId('release-signature').fill(Buffer.alloc(64, 7).toString('base64'));
    await page.getByTestId('release-register').click();
    await page.getByTestId('release-url-error').waitFor();
    await page.getByTestId('release-url').fill('https://127.0.0.1:9/vectorflow-agent-99.0.0.jar');
    await page.getByTestId('release-register').click();
    await page.locator('[data-testid="release-row"]', { hasText: '99.0.0' }).waitFor();
  });

  await step('the nodes a label selector matches are updated and the update shows as pending', async () => {
    await page.getByTestId('update-selector').fill('sim=stale');
    await page.locator('[data-testid="update-match"]', { hasText: '1 node matches' }).waitFor();
    await page.getByTestId('update-nodes-submit').click();
    await page.locator('[data-testid="update-sent"]', { hasText: 'sent to 1 node' }).waitFor();
    await until('the update pending', async () => (await text('update-pending')) === '1' || (await text('update-progress')), 20_000);
    await screenshot('agent-updates');
  });

  await step('Update agent on the node page creates the action and shows its state and result', async () => {
    await page.getByTestId('nav-fleet').click();
    await page.locator('[data-testid="node-row"]', { hasText: 'role=e2e' }).locator('a').first().click();
    await page.getByTestId('agent-card').waitFor();
    await until('the enrollment version in the history', async () => /at enrollment/.test(await text('agent-history')) || (await text('agent-history')));
    await page.getByTestId('agent-update-version').selectOption('99.0.0');
    await page.getByTestId('agent-update').click();
    const row = page.locator('[data-testid="agent-update-row"]').first();
    await row.waitFor();
    const first = await row.getAttribute('data-status');
    if (first !== 'PENDING' && first !== 'FAILED') throw new Error(`first state: ${first}`);
    // this agent was installed without VF_UPDATE_PUBLIC_KEY: it refuses, and says why
    await until('the refusal', async () => {
      const t = (await row.textContent()) ?? '';
      return ((await row.getAttribute('data-status')) === 'FAILED' && /VF_UPDATE_PUBLIC_KEY/.test(t)) || t;
    }, 30_000);
    await page.getByTestId('agent-card').scrollIntoViewIfNeeded();
    await screenshot('node-agent-update');
    console.log(`note: the update was first shown as ${first}`);
  });
}
await finish();
