/**
 * The linear autoencoder workflow of the README: build a small linear AE (6-2-6 on Gaussian
 * data with covariance spectrum 1..6), run Newton-MR from trajectory starts, watch the
 * loss–index scatter fill in against the 22 analytic classes, select a point and read its
 * Hessian spectrum: the zero count must be m(2p − m) for its class (DESIGN.md §4).
 */
import { expect, test } from '@playwright/test';
import { LabUi, watchConsole } from '../support/lab-ui.ts';

const STARTS = 60;
/** Σ_{m ≤ 2} C(6, m) = 1 + 6 + 15. */
const CLASSES = 22;

test('linear AE: the scatter fills in against the ground truth; a point’s spectrum has m(2p − m) zeros', async ({ page }) => {
  test.setTimeout(120_000);
  const problems = watchConsole(page);
  await page.goto('/');
  const ui = new LabUi(page);
  await ui.buildLinearAutoencoder(STARTS);
  const seen = await ui.recordCounts('[data-testid="scatter-point"]');
  await ui.run();

  // The analytic classes come first (from the analysis worker), the points stream in over them.
  await expect(ui.truthClasses).toHaveCount(CLASSES);
  expect(await ui.settled(90_000)).toBe('done');
  await expect(ui.scatterPoints).toHaveCount(STARTS);
  // The scatter filled in while the run went on: it showed some but not all points while running.
  const counts = await seen();
  const partial = counts.filter((c) => c.phase === 'running' && c.count > 0 && c.count < STARTS);
  expect(partial.length, `scatter point counts seen: ${JSON.stringify(counts)}`).toBeGreaterThan(0);
  expect(counts.at(-1)).toEqual({ count: STARTS, phase: 'done' });
  await expect(page.getByTestId('count-finished')).toHaveText(`${STARTS} / ${STARTS}`);
  await expect(page.getByTestId('panel-scatter')).toContainText(`${CLASSES} analytic classes`);
  await expect(page.locator('[data-testid="axis-x"][data-label^="index"]').first()).toBeVisible();
  await expect(page.locator('[data-testid="axis-y"][data-label="loss"]').first()).toBeVisible();

  // Every matched critical point is joined to its class; the classes it reached are drawn heavier.
  const critical = page.locator('[data-testid="scatter-point"][data-status="critical"]');
  const nCritical = await critical.count();
  expect(nCritical).toBeGreaterThan(0);
  await expect(page.getByTestId('truth-link')).toHaveCount(nCritical);
  await expect(page.locator('[data-testid="truth-class"].hit').first()).toBeVisible();
  await ui.screenshotOf(page.getByTestId('panel-scatter'), 'linear-ae-scatter');

  // Select a critical point: the table, the trace and the spectrum follow.
  // (Several starts can reach the same class: the click focuses one of the coincident dots.)
  await ui.clickCentre(critical.first());
  const focused = page.locator('[data-testid="scatter-point"].focus');
  await expect(focused).toHaveCount(1);
  await expect(focused).toHaveAttribute('data-status', 'critical');
  const id = await focused.getAttribute('data-id');
  await expect(page.locator(`[data-testid="start-row"][data-id="${id}"]`)).toHaveClass(/focus/);
  await expect(page.getByTestId('panel-spectrum')).toContainText(`start ${id}`);
  await expect(page.getByTestId('eigenvalue')).toHaveCount(24);
  const expected = page.getByTestId('spectrum-expected');
  await expect(expected).toContainText('✓ zeros expected m(2p − m)');
  const m = Number(/m = (\d)\)/.exec((await expected.textContent()) ?? '')?.[1]);
  const zeros = m * (2 * 2 - m);
  await expect(expected).toContainText(`m(2p − m) = ${zeros} (class {`);
  await expect(page.getByTestId('spectrum-counts')).toContainText(`${zeros} zero`);
  await expect(page.locator('[data-testid="eigenvalue"][data-status="zero"]')).toHaveCount(zeros);
  await expect(page.getByTestId('zero-band')).toBeVisible();
  await expect(page.locator('[data-testid="trace-grad"]')).toHaveCount(1);
  await ui.screenshotOf(page.getByTestId('panel-spectrum'), 'linear-ae-spectrum');
  await ui.screenshot('linear-ae');
  expect(problems).toEqual([]);
});

test('dark theme: the same views, readable', async ({ page }) => {
  test.setTimeout(120_000);
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.goto('/');
  const ui = new LabUi(page);
  await ui.buildLinearAutoencoder(24);
  await ui.run();
  expect(await ui.settled(90_000)).toBe('done');
  await expect(ui.truthClasses).toHaveCount(CLASSES);
  await ui.clickCentre(page.locator('[data-testid="scatter-point"][data-status="critical"]').first());
  await expect(page.getByTestId('spectrum-expected')).toBeVisible();
  await ui.screenshot('linear-ae-dark');
  // The theme toggle overrides the system's choice.
  await page.getByTestId('theme-toggle').click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
  await ui.screenshot('linear-ae-forced-light');
});
