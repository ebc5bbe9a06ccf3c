/**
 * A network on the user's own data: a CSV chosen in the builder is parsed at once (its shape,
 * or the parser's message at the field), travels with the run, and the views work on it — here
 * a bias-free linear autoencoder, whose analytic classes come from the same file.
 */
import { expect, test } from '@playwright/test';
import { LabUi, watchConsole } from '../support/lab-ui.ts';

const ROWS = 200;
/** Four columns with distinct scales (a covariance spectrum well separated), from a fixed formula. */
function samplesCsv(): string {
  const lines = ['a,b,c,d'];
  for (let i = 0; i < ROWS; i++) {
    const row = [0, 1, 2, 3].map((j) => ((j + 1) * Math.sin(1.7 * i * (j + 1) + 0.3 * j)).toFixed(6));
    lines.push(row.join(','));
  }
  return lines.join('\n') + '\n';
}
/** Σ_{m ≤ 2} C(4, m) = 1 + 4 + 6 analytic classes of a 4-2-4 linear autoencoder. */
const CLASSES = 11;

test('a CSV chosen in the builder is checked, runs, and feeds the ground truth', async ({ page }) => {
  test.setTimeout(120_000);
  const problems = watchConsole(page);
  await page.goto('/');
  const ui = new LabUi(page);
  await page.getByTestId('problem-kind-network').click();
  await page.getByTestId('data-kind').selectOption('file');

  // A file named but not chosen is refused at its field; nothing can run.
  await expect(ui.fieldError('problem.data.path')).toContainText('data.csv is not loaded: choose the file');
  await expect(ui.runButton).toBeDisabled();
  await expect(ui.builder).toHaveAttribute('data-valid', 'false');

  // A file that is not a table: the parser's message, at the field.
  await page.getByTestId('data-file-input').setInputFiles({ name: 'broken.csv', mimeType: 'text/csv', buffer: Buffer.from('a,b\n1,2\n3,oops\n') });
  await expect(page.getByTestId('data-file-name')).toHaveValue('broken.csv');
  await expect(ui.fieldError('problem.data.path')).toContainText('oops');
  await expect(ui.runButton).toBeDisabled();

  // The real file: its shape shows, the field is clean.
  await page.getByTestId('data-file-input').setInputFiles({ name: 'samples.csv', mimeType: 'text/csv', buffer: Buffer.from(samplesCsv()) });
  await expect(page.getByTestId('data-file-shape')).toHaveText(`✓ ${ROWS} rows × 4 columns · header a, b, c, d`);
  await expect(ui.fieldError('problem.data.path')).toHaveCount(0);
  // The network is built on the file as a run would: its input layer must match the columns.
  await expect(ui.fieldError('problem.layers')).toContainText('the input layer has 6 units but the data have 4 features per sample');
  await expect(ui.runButton).toBeDisabled();
  await page.getByTestId('layers').fill('4, 2, 4');
  await expect(ui.fieldError('problem.layers')).toHaveCount(0);
  await page.getByTestId('sampling-starts').fill('12');
  await page.getByTestId('spec-name').fill('Linear AE 4-2-4 on samples.csv');
  await expect(ui.builder).toHaveAttribute('data-valid', 'true');
  await ui.screenshotOf(ui.builder, 'data-file-builder');

  await ui.run();
  expect(await ui.settled(90_000)).toBe('done');
  await expect(ui.error).toBeHidden();
  await expect(page.getByTestId('count-finished')).toHaveText('12 / 12');
  await expect(ui.truthClasses).toHaveCount(CLASSES);
  await expect(page.getByTestId('panel-scatter')).toContainText(`${CLASSES} analytic classes`);
  await expect(ui.scatterPoints).toHaveCount(12);

  // Targets from the file's own columns: the field takes a list; a second file must be chosen.
  await page.getByTestId('data-targets').selectOption('columns');
  await expect(page.getByTestId('data-target-columns')).toHaveValue('-1');
  await page.getByTestId('data-targets').selectOption('path');
  await expect(ui.fieldError('problem.data.targets.path')).toContainText('targets.csv is not loaded');
  await expect(ui.runButton).toBeDisabled();
  await ui.screenshot('data-file');
  expect(problems).toEqual([]);
});
