import { expect, test } from '@playwright/test';
import { LabUi } from '../support/lab-ui.ts';

test('bad input is refused at the field and the earlier results stay', async ({ page }) => {
  await page.goto('/');
  const ui = new LabUi(page);
  await ui.choose('himmelblau');
  await ui.run();
  expect(await ui.settled()).toBe('done');
  await expect(ui.markers).toHaveCount(9);

  // The grid limit comes from the spec schema (the same one the CLI and the compute worker use).
  await ui.setGrid(5000, 20);
  await expect(ui.fieldError('sampling.count.0')).toContainText('1000');
  await expect(ui.gridInput(0)).toHaveAttribute('aria-invalid', 'true');
  await expect(ui.gridInput(1)).toHaveAttribute('aria-invalid', 'false');
  await expect(ui.runButton).toBeDisabled();
  await expect(ui.issues).toContainText('sampling.count.0');

  // DESIGN.md §5: bad input leaves earlier results untouched.
  await expect(ui.markers).toHaveCount(9);
  await expect(ui.rows).toHaveCount(9);
  await expect(page.getByTestId('count-finished')).toHaveText('400 / 400');
  await ui.screenshot('himmelblau-refused-spec');

  // Fixing the field clears the message; the next run opens beside the first.
  await ui.setGrid(10, 10);
  await expect(ui.fieldError('sampling.count.0')).toHaveCount(0);
  await expect(ui.issues).toHaveCount(0);
  await ui.run();
  expect(await ui.settled()).toBe('done');
  await expect(ui.error).toBeHidden();
  await expect(page.getByTestId('count-finished')).toHaveText('100 / 100');
  await expect(ui.tabs).toHaveCount(2);
});

test('a spec the browser cannot run is refused by the host, naming the field', async ({ page }) => {
  await page.goto('/');
  const ui = new LabUi(page);
  await page.getByTestId('problem-kind-network').click();
  await page.getByTestId('data-kind').selectOption('mnist');
  await page.getByTestId('layers').fill('16, 4, 16');
  await expect(page.getByTestId('data-note')).toContainText('cannot load');
  await expect(ui.builder).toHaveAttribute('data-valid', 'true');
  await ui.run();
  expect(await ui.settled()).toBe('error');
  await expect(ui.error).toContainText('problem.data');
  await expect(ui.error).toContainText('desktop app or with the CLI');
});
