/**
 * The 2-D landscape: optimiser trajectories animated from a clicked start over the contours of
 * a 2-D function (gradient descent creeping past a saddle, noise kicking perturbed GD off it),
 * and a 2-D slice of a network's loss through a selected point along Hessian eigenvectors.
 */
import { expect, test } from '@playwright/test';
import { LabUi, watchConsole } from '../support/lab-ui.ts';

test('trajectories from a clicked start on a 2-D function', async ({ page }) => {
  const problems = watchConsole(page);
  await page.goto('/');
  const ui = new LabUi(page);
  // A double well with a saddle between: minima (±1, 0), saddle (0, 0).
  await page.getByTestId('function-source-expression').click();
  await page.getByTestId('expression').fill('(x^2 - 1)^2 + y^2');
  await page.getByTestId('spec-name').fill('Double well');
  await ui.setGrid(15, 15);
  await page.getByTestId('custom-box').check();
  await ui.field('sampling.box.0.0').fill('-1.6');
  await ui.field('sampling.box.0.1').fill('1.6');
  await ui.field('sampling.box.1.0').fill('-1.2');
  await ui.field('sampling.box.1.1').fill('1.2');
  await ui.run();
  expect(await ui.settled()).toBe('done');
  await expect(ui.markersOfType('minimum')).toHaveCount(2);
  await expect(ui.markersOfType('saddle')).toHaveCount(1);

  // GD, perturbed GD and SGLD from a point just off the saddle's stable manifold.
  await page.getByTestId('method-sgld').check();
  const pick = page.getByTestId('landscape-pick');
  await pick.scrollIntoViewIfNeeded();
  const box = (await pick.boundingBox())!;
  await page.mouse.click(box.x + box.width * 0.501, box.y + box.height * 0.08);
  await expect(page.getByTestId('trajectory')).toHaveCount(3);
  const list = page.getByTestId('trajectory-list');
  await expect(list.locator('li')).toHaveCount(3);
  await expect(list).toContainText('GD from');
  await expect(list).toContainText('perturbed GD from');
  await expect(list).toContainText('SGLD from');
  // Every method went downhill from the start.
  for (const text of await list.locator('li').allTextContents()) {
    const [from, to] = /loss ([\d.−e]+) → ([\d.−e]+)/.exec(text)!.slice(1).map((v) => Number(v.replace('\u2212', '-')));
    expect(to).toBeLessThan(from);
  }
  // The animation ends with the whole paths drawn.
  await page.waitForTimeout(2800);
  await ui.screenshotOf(page.getByTestId('panel-landscape'), 'landscape-trajectories');

  // The report draws the same landscape, with the three paths.
  const html = (await ui.download(page.getByTestId('export-html'))).bytes.toString('utf8');
  expect(html).toContain('Landscape of');
  expect(html.match(/data-testid="trajectory"/g)).toHaveLength(3);
  expect(html).toContain('Optimiser paths from the clicked start: GD (');

  // The finder paths of selected starts are drawn too (dashed).
  await page.getByTestId('start-row').first().click();
  await expect(page.locator('[data-testid="trajectory"][data-key^="finder-"]')).toHaveCount(1);
  await ui.screenshot('landscape-double-well');
  expect(problems).toEqual([]);
});

test('a 2-D slice of a network loss through a selected point', async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto('/');
  const ui = new LabUi(page);
  await ui.buildLinearAutoencoder(16);
  await ui.run();
  expect(await ui.settled(90_000)).toBe('done');
  await ui.clickCentre(page.locator('[data-testid="scatter-point"][data-status="critical"]').first());
  const id = await page.locator('[data-testid="scatter-point"].focus').getAttribute('data-id');

  await page.getByTestId('slice-directions').selectOption('hessian-min-max');
  await page.getByTestId('compute-slice').click();
  const view = page.getByTestId('landscape-view');
  await expect(view.getByTestId('contour-plot')).toBeVisible({ timeout: 60_000 });
  await expect(view.locator('[data-testid="axis-x"]')).toHaveAttribute('data-label', /along v₁ \(λ = /);
  await expect(view).toContainText(`slice through start ${id}`);
  // The point itself sits at the origin of the slice.
  await expect(view.getByTestId('critical-point')).toHaveCount(1);

  // Gradient descent started in the slice plane, drawn projected onto it.
  const pick = view.getByTestId('landscape-pick');
  const box = (await pick.boundingBox())!;
  await page.mouse.click(box.x + box.width * 0.7, box.y + box.height * 0.3);
  await expect(view.getByTestId('trajectory')).toHaveCount(2);
  await page.waitForTimeout(2800);
  await ui.screenshotOf(page.getByTestId('panel-landscape'), 'landscape-network-slice');

  // The slice and the paths belong to the run: a tab switch keeps them, and the report draws them.
  await ui.choose('himmelblau');
  await ui.run();
  expect(await ui.settled()).toBe('done');
  await ui.tabs.first().click();
  await expect(view.getByTestId('trajectory')).toHaveCount(2);
  await expect(view).toContainText(`slice through start ${id}`);
  await expect(view.getByTestId('trajectory-list').locator('li')).toHaveCount(2);
  const html = (await ui.download(page.getByTestId('export-html'))).bytes.toString('utf8');
  expect(html).toContain(`Loss slice through start ${id}`);
  expect(html).toContain('Optimiser paths from the clicked start: GD (');
  expect(html).toMatch(/data-testid="trajectory"[^>]*data-key="gd-/);

  // Random filter-normalised directions.
  await page.getByTestId('slice-directions').selectOption('random');
  await page.getByTestId('compute-slice').click();
  await expect(view.locator('[data-testid="axis-x"]')).toHaveAttribute('data-label', /random, filter-normalised/, { timeout: 60_000 });
});
