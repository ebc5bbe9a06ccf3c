/**
 * The app under its Content-Security-Policy, including the compute worker. The meta tag in
 * index.html covers the page only: a Web Worker takes its policy from its own script's response
 * headers, which `vite preview` does not send. Here the worker script is served with the same
 * policy as a header, as a real web server or a custom app protocol would.
 */
import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { LabUi, watchConsole } from '../support/lab-ui.ts';

const indexHtml = readFileSync(new URL('../../renderer/index.html', import.meta.url), 'utf8');
const CSP = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(indexHtml)?.[1] ?? '';

test('the page and the compute worker run under the CSP, without eval', async ({ page }) => {
  // Nothing the worker bundle loads may evaluate strings (numeric does: core keeps it to tests).
  expect(CSP).toContain("script-src 'self'");
  expect(CSP).not.toContain('unsafe-eval');
  let workerServed = false;
  await page.route('**/compute.worker*', async (route) => {
    const response = await route.fetch();
    workerServed = true;
    await route.fulfill({ response, headers: { ...response.headers(), 'content-security-policy': CSP } });
  });
  const problems = watchConsole(page);

  await page.goto('/');
  const ui = new LabUi(page);
  await ui.choose('himmelblau');
  await ui.run();
  const phase = await ui.settled();
  expect(workerServed).toBe(true);
  if (phase === 'error') console.log(`[csp] run failed: ${await ui.error.textContent()}`);
  expect(phase).toBe('done');
  await expect(ui.markers).toHaveCount(9);
  expect(problems.filter((p) => /Content Security Policy|EvalError/i.test(p))).toEqual([]);
});
