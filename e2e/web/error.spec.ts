import { expect, test } from '@playwright/test';
import { LabUi } from '../support/lab-ui.ts';

test('a refused spec shows the field at fault and keeps the earlier results', async ({ page }) => {
  await page.goto('/');
  const ui = new LabUi(page);
  await ui.choose('himmelblau');
  await ui.run();
  expect(await ui.settled()).toBe('done');
  await expect(ui.markers).toHaveCount(9);

  // The grid limit is enforced by the spec schema in the compute worker, not by the form.
  await ui.setGrid(5000, 20);
  await ui.run();
  expect(await ui.settled()).toBe('error');
  await expect(ui.error).toBeVisible();
  await expect(ui.error).toContainText('sampling.count.0');
  await expect(ui.error).toContainText('1000');
  await expect(ui.gridInput(0)).toHaveAttribute('aria-invalid', 'true');
  await expect(ui.gridInput(1)).toHaveAttribute('aria-invalid', 'false');

  // DESIGN.md §5: bad input leaves earlier results untouched.
  await expect(ui.markers).toHaveCount(9);
  await expect(ui.rows).toHaveCount(9);
  await expect(page.getByTestId('count-finished')).toHaveText('400 / 400');
  await ui.screenshot('himmelblau-refused-spec');

  // Fixing the field clears the error.
  await ui.setGrid(10, 10);
  await ui.run();
  expect(await ui.settled()).toBe('done');
  await expect(ui.error).toBeHidden();
  await expect(page.getByTestId('count-finished')).toHaveText('100 / 100');
});
