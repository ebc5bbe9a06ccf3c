import { expect, test } from '@playwright/test';
import { LabUi, watchConsole } from '../support/lab-ui.ts';

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

test('MNIST digits run in the browser: fetched from the app, with the ground truth of a linear AE on them', async ({ page }) => {
  test.setTimeout(120_000);
  const problems = watchConsole(page);
  await page.goto('/');
  const ui = new LabUi(page);
  await page.getByTestId('problem-kind-network').click();
  await page.getByTestId('data-kind').selectOption('mnist');
  await page.getByTestId('layers').fill('16, 2, 16');
  await page.getByTestId('sampling-starts').fill('6');
  await page.getByTestId('spec-name').fill('Linear AE 16-2-16 on MNIST 4×4');
  await expect(ui.builder).toHaveAttribute('data-valid', 'true');
  await ui.run();
  expect(await ui.settled(90_000)).toBe('done');
  await expect(ui.error).toBeHidden();
  await expect(page.getByTestId('count-finished')).toHaveText('6 / 6');
  // Σ_{m ≤ 2} C(16, m) = 1 + 16 + 120 analytic classes, computed from the same digits.
  await expect(ui.truthClasses).toHaveCount(137);
  await expect(ui.scatterPoints).toHaveCount(6);
  await ui.screenshot('mnist-linear-ae');
  expect(problems).toEqual([]);
});
