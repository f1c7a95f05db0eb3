#!/usr/bin/env node
// Browser check of the Backups screen against a real server, run by a JUnit test:
//
//   node ui/e2e/check-backups.mjs --url URL --email E --password P [--screenshots DIR]
//
// Signs in as a platform admin; opens Backups from the navigation, sees the master-key warning and the policy; starts a
// backup and sees it listed as SUCCEEDED with its size and rows; downloads it; restores it with the typed confirmation
// and follows the progress to "Restored"; after reloading, the list shows the pre-restore backup too.

import { readArgs, startCheck } from './harness.mjs';

const args = readArgs(process.argv.slice(2), ['url', 'email', 'password'], 'check-backups.mjs --url URL --email E --password P [--screenshots DIR]');
const { page, step, screenshot, finish, signIn } = await startCheck({ screenshots: args.screenshots, timeoutMs: 30_000 });

await signIn(args.url, args.email, args.password);
{
  let name = '';
  await step('Backups is in the navigation of a platform admin and warns that the master key is kept apart', async () => {
    await page.getByRole('link', { name: 'Backups', exact: true }).click();
    await page.getByRole('heading', { name: 'Backups' }).waitFor();
    const note = await page.getByTestId('master-key-note').textContent();
    if (!note?.includes('The master key is not in any backup')) throw new Error(`note: ${note}`);
    await page.getByTestId('backup-policy').getByText('Retention').waitFor();
  });
  await step('start a backup; it is listed as SUCCEEDED with its size, duration and rows', async () => {
    await page.getByTestId('backup-start').click();
    const row = page.getByTestId('backup-row').first();
    await row.getByText('SUCCEEDED').waitFor();
    const text = (await row.textContent()) ?? '';
    if (!/vectorflow-.*-manual-.*\.vfbackup/.test(text)) throw new Error(`row: ${text}`);
    if (!/\d+(\.\d)? KB/.test(text) || !/\d+ in \d+ tables/.test(text)) throw new Error(`no size or rows: ${text}`);
    name = (await row.locator('.mono').textContent()) ?? '';
    await screenshot('listed');
  });
  await step('download the backup file', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('backup-download').first().click()]);
    if (download.suggestedFilename() !== name) throw new Error(`downloaded ${download.suggestedFilename()}, listed ${name}`);
    if (!(await download.path())) throw new Error('nothing downloaded');
  });
  await step('restore it: verified first, the typed name enables the button, the progress ends in Restored', async () => {
    await page.getByTestId('backup-restore').first().click();
    const dialog = page.getByTestId('restore-dialog');
    await dialog.getByText('The backup is intact').waitFor();
    const submit = dialog.getByTestId('restore-submit');
    if (!(await submit.isDisabled())) throw new Error('restore possible without the typed confirmation');
    await dialog.getByTestId('restore-confirm').fill(name.slice(0, -3));
    if (!(await submit.isDisabled())) throw new Error('restore possible with a wrong confirmation');
    await dialog.getByTestId('restore-confirm').fill(name);
    await submit.click();
    await dialog.getByTestId('restore-dialog-progress').waitFor();
    await dialog.getByTestId('restore-phase').getByText('Restored', { exact: true }).waitFor({ timeout: 60_000 });
    const facts = (await dialog.getByTestId('restore-dialog-progress').textContent()) ?? '';
    if (!facts.includes('Audit log intact') || !facts.includes('pre-restore')) throw new Error(`progress: ${facts}`);
    await screenshot('restored');
    await dialog.getByTestId('restore-done').click();
  });
  await step('after the reload the admin is still signed in and the pre-restore backup is listed', async () => {
    await page.getByRole('heading', { name: 'Backups' }).waitFor();
    await page.getByTestId('backup-list').getByText('pre-restore by user:', { exact: false }).waitFor();
    await page.getByTestId('restore-status').getByText('SUCCEEDED').waitFor();
  });
}
await finish();
