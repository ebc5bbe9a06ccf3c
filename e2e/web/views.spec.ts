/**
 * Linked views: brushing the scatter selects in every view (table, traces), a histogram bar
 * selects its points, the table is sortable and keyboard-driven, 10,000 starts scroll in a
 * virtualised table over a canvas scatter, and runs of different finders compare in the
 * histogram.
 */
import { expect, test, type Page } from '@playwright/test';
import { LabUi } from '../support/lab-ui.ts';

async function dragAcross(page: Page, selector: string): Promise<void> {
  const overlay = page.locator(`${selector} rect.overlay`);
  await overlay.scrollIntoViewIfNeeded();
  const box = (await overlay.boundingBox())!;
  await page.mouse.move(box.x + 2, box.y + 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2, { steps: 4 });
  await page.mouse.move(box.x + box.width - 2, box.y + box.height - 2, { steps: 4 });
  await page.mouse.up();
}

test('select in one view, highlighted in all: brush, histogram, table, traces', async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto('/');
  const ui = new LabUi(page);
  await ui.buildLinearAutoencoder(40);
  await ui.run();
  expect(await ui.settled(90_000)).toBe('done');

  // Brush the whole scatter: every plotted point is selected; the traces show the selection.
  await dragAcross(page, '[data-testid="loss-index-chart"]');
  await expect(page.getByTestId('only-selected')).toBeEnabled();
  await expect(page.locator('label:has([data-testid="only-selected"])')).toContainText('selected only (40)');
  await expect(page.locator('[data-testid="scatter-point"].dim')).toHaveCount(0);
  await expect(page.getByTestId('trace-grad')).toHaveCount(40);
  await expect(page.getByTestId('tolerance-line')).toBeVisible();
  await expect(page.getByTestId('panel-convergence')).toContainText('40 selected starts');

  // A histogram bar selects its points.
  const bars = page.getByTestId('histogram-bar');
  const counts = await bars.evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-count'))));
  const tallest = bars.nth(counts.indexOf(Math.max(...counts)));
  const barKey = (await tallest.getAttribute('data-key'))!;
  const binCount = await page.locator(`[data-testid="histogram-bar"][data-key$=":${barKey.split(':')[1]}"]`).evaluateAll((els) => els.reduce((a, e) => a + Number(e.getAttribute('data-count')), 0));
  await ui.clickCentre(tallest);
  await expect(page.locator('label:has([data-testid="only-selected"])')).toContainText(`selected only (${binCount})`);
  await page.getByTestId('only-selected').check();
  await expect(ui.startRows).toHaveCount(binCount);
  await expect(page.getByTestId('starts-count')).toHaveText(`${binCount} of 40 starts`);
  await expect(page.getByTestId('trace-grad')).toHaveCount(binCount);
  await ui.screenshot('views-histogram-selection');
  await page.getByTestId('only-selected').uncheck();

  // The table: sort by loss, walk it with the keyboard; the spectrum follows the focus.
  await page.getByTestId('sort-loss').click();
  await page.getByTestId('starts-table').evaluate((el) => (el.scrollTop = 0));
  const losses = await ui.startRows.evaluateAll((rows) => rows.map((r) => Number(r.children[3].textContent!.replace('\u2212', '-'))));
  expect(losses).toEqual([...losses].sort((a, b) => a - b));
  const [first, second] = await ui.startRows.evaluateAll((rows) => rows.slice(0, 2).map((r) => r.getAttribute('data-id')));
  await page.locator(`[data-testid="start-row"][data-id="${first}"]`).click();
  await expect(page.getByTestId('panel-spectrum')).toContainText(`start ${first} `);
  await page.keyboard.press('ArrowDown');
  await expect(page.locator(`[data-testid="start-row"][data-id="${second}"]`)).toHaveClass(/focus/);
  await expect(page.getByTestId('panel-spectrum')).toContainText(`start ${second} `);
  await expect(page.locator(`[data-testid="scatter-point"][data-id="${second}"]`)).toHaveClass(/focus/);
  await page.keyboard.press('Shift+ArrowDown');
  await expect(page.locator('label:has([data-testid="only-selected"])')).toContainText('selected only (2)');
  await page.keyboard.press('Escape');
  await expect(page.locator('label:has([data-testid="only-selected"])')).toContainText('selected only (0)');

  // Arrow keys on the focused scatter move between points.
  await page.getByTestId('loss-index-chart').focus();
  await page.keyboard.press('ArrowRight');
  await expect(page.locator('[data-testid="scatter-point"].focus')).toHaveCount(1);

  // Tooltips carry exact values.
  const point = page.locator('[data-testid="scatter-point"]').first();
  const box = (await point.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await expect(page.getByTestId('tooltip')).toContainText('‖∇L‖²');
  await ui.screenshotOf(page.getByTestId('panel-scatter'), 'views-scatter-tooltip');
  await ui.screenshotOf(page.getByTestId('panel-convergence'), 'views-convergence');
  await ui.screenshotOf(page.getByTestId('panel-histogram'), 'views-histogram');
});

test('10,000 starts: virtualised table, canvas scatter, still responsive', async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto('/');
  const ui = new LabUi(page);
  await ui.choose('himmelblau');
  await ui.setGrid(100, 100);
  await ui.run();
  expect(await ui.settled(90_000)).toBe('done');
  await expect(page.getByTestId('starts-count')).toHaveText('10,000 of 10,000 starts');
  // Only the rows in view (and a few more) are in the DOM.
  expect(await ui.startRows.count()).toBeLessThan(60);
  // The dense scatter is drawn on a canvas (one dot per pixel, outcome and emphasis).
  await expect(page.getByTestId('dots-canvas')).toBeVisible();
  await expect(ui.scatterPoints).toHaveCount(0);

  // Scroll to the end with the keyboard; the table keeps up. (How long the UI thread is held
  // meanwhile is measured by `npm run bench -- ui`, not asserted here.)
  await ui.startRows.first().click();
  await page.keyboard.press('End');
  await expect(page.locator('[data-testid="start-row"][data-id="9999"]')).toBeVisible();
  await page.getByTestId('sort-gradNormSq').click();
  await page.getByTestId('sort-gradNormSq').click();
  await expect(ui.startRows.first()).toBeVisible();
  // Brushing the canvas scatter selects every point under the brush, not just the dots drawn.
  await dragAcross(page, '[data-testid="loss-index-chart"]');
  await expect(page.locator('label:has([data-testid="only-selected"])')).toContainText(/selected only \(\d{1,2},?\d{3}\)/);
  await ui.screenshot('views-10000-starts');
});

test('runs of different finders compare in the index histogram', async ({ page }) => {
  test.setTimeout(180_000);
  await page.goto('/');
  const ui = new LabUi(page);
  await ui.buildLinearAutoencoder(20);
  await ui.run();
  expect(await ui.settled(90_000)).toBe('done');
  await page.getByTestId('finder-method').selectOption('damped-newton');
  await page.getByTestId('spec-name').fill('Linear AE, damped Newton');
  await ui.run();
  expect(await ui.settled(120_000)).toBe('done');
  await expect(ui.tabs).toHaveCount(2);
  await page.getByTestId('compare-runs').check();
  const legend = page.getByTestId('panel-histogram').getByTestId('chart-legend');
  await expect(legend).toContainText('Linear AE 6-2-6 · newton-mr');
  await expect(legend).toContainText('Linear AE, damped Newton · damped-newton');
  await ui.screenshotOf(page.getByTestId('panel-histogram'), 'views-compare-finders');
});
