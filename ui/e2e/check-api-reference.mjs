#!/usr/bin/env node
// Browser check of the API reference screen against a real server, run by a JUnit test:
//
//   node ui/e2e/check-api-reference.mjs --url URL --email E --password P [--screenshots DIR]
//
// Signs in; opens "API" from the navigation; RapiDoc (bundled, no CDN: the page's Content-Security-Policy would refuse
// anything else and the harness fails on console errors) renders the server's OpenAPI document: its title, a tag, an
// operation with its summary and the role it needs.

import { readArgs, startCheck } from './harness.mjs';

const args = readArgs(process.argv.slice(2), ['url', 'email', 'password'], 'check-api-reference.mjs --url URL --email E --password P [--screenshots DIR]');
const { page, step, screenshot, finish, signIn } = await startCheck({ screenshots: args.screenshots, timeoutMs: 30_000 });

await signIn(args.url, args.email, args.password);
await step('the navigation leads to the API reference, which links the OpenAPI document', async () => {
  await page.getByTestId('nav-api-reference').click();
  await page.getByRole('heading', { name: 'API reference' }).waitFor();
  const href = await page.getByTestId('openapi-link').getAttribute('href');
  if (href !== '/api/openapi.json') throw new Error(`link: ${href}`);
});
await step('RapiDoc renders the document: title, the Environments tag, an operation with its summary and access rule', async () => {
  const viewer = page.locator('rapi-doc');
  await viewer.getByText('VectorFlow API').first().waitFor();
  await viewer.getByText('Environments', { exact: true }).first().waitFor();
  await viewer.getByText('Create an environment in a team').first().waitFor();
  await screenshot('reference');
});
await step('an operation shows who may call it', async () => {
  const viewer = page.locator('rapi-doc');
  await viewer.getByText('Create an environment in a team').first().click();
  await viewer.getByText('Who may call: team admins (of the team', { exact: false }).first().waitFor();
  await screenshot('operation');
});
await finish();
