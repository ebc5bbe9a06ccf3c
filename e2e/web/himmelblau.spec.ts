import { expect, test } from '@playwright/test';
import { LabUi, watchConsole } from '../support/lab-ui.ts';

test('Himmelblau: all 9 critical points, drawn by type and listed', async ({ page }) => {
  const problems = watchConsole(page);
  const violations: string[] = [];
  await page.exposeFunction('reportCspViolation', (text: string) => violations.push(text));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) =>
      (window as unknown as { reportCspViolation(t: string): void }).reportCspViolation(`${e.violatedDirective}: ${e.blockedURI}`),
    );
  });

  await page.goto('/');
  await expect(page).toHaveTitle('critlab');
  const ui = new LabUi(page);
  await expect(page.getByTestId('host')).toContainText('browser');

  await ui.choose('himmelblau');
  await ui.run();
  expect(await ui.settled()).toBe('done');

  await expect(ui.markers).toHaveCount(9);
  await expect(ui.markersOfType('minimum')).toHaveCount(4);
  await expect(ui.markersOfType('saddle')).toHaveCount(4);
  await expect(ui.markersOfType('maximum')).toHaveCount(1);
  await expect(ui.markersOfType('degenerate')).toHaveCount(0);
  await expect(ui.rows).toHaveCount(9);
  await expect(page.getByTestId('count-finished')).toHaveText('400 / 400');
  await expect(page.getByTestId('distinct-count')).toHaveText('9');

  // The lowest-loss rows are the four minima (f = 0); the maximum has f ≈ 181.6165.
  const maximumRow = page.locator('[data-testid="critical-point-row"][data-type="maximum"]');
  await expect(maximumRow).toContainText('181.617');
  await expect(maximumRow).toContainText('−0.270845');

  await ui.screenshot('himmelblau');
  expect(violations, 'CSP violations').toEqual([]);
  expect(problems, 'console errors').toEqual([]);
});

test('dark theme renders the same run', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.goto('/');
  const ui = new LabUi(page);
  await ui.choose('six-hump-camel');
  await ui.run();
  expect(await ui.settled()).toBe('done');
  // DESIGN.md §4: 6 minima, 7 saddles, 2 maxima.
  await expect(ui.markers).toHaveCount(15);
  await expect(ui.markersOfType('minimum')).toHaveCount(6);
  await expect(ui.markersOfType('saddle')).toHaveCount(7);
  await expect(ui.markersOfType('maximum')).toHaveCount(2);
  await ui.screenshot('six-hump-camel-dark');
});

test('hovering a table row highlights its marker', async ({ page }) => {
  await page.goto('/');
  const ui = new LabUi(page);
  await ui.choose('himmelblau');
  await ui.run();
  expect(await ui.settled()).toBe('done');
  const row = page.locator('[data-testid="critical-point-row"][data-type="maximum"]');
  const cluster = await row.getAttribute('data-cluster');
  await row.hover();
  await expect(page.locator(`[data-testid="critical-point"][data-cluster="${cluster}"]`)).toHaveClass(/active/);
  await expect(page.locator('[data-testid="critical-point"].active')).toHaveCount(1);
});
