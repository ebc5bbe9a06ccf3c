/**
 * The experiment builder: examples one choice away, every section validated by the spec schema
 * with the message at the field, the typed expression parsed live, specs saved and opened as
 * JSON, and a run in progress never disturbed by editing the form.
 */
import { expect, test } from '@playwright/test';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LabUi, watchConsole } from '../support/lab-ui.ts';

test('bad input is refused with a message at the field', async ({ page }) => {
  const problems = watchConsole(page);
  await page.goto('/');
  const ui = new LabUi(page);
  await ui.choose('himmelblau');

  // A typed expression: the parse error shows live, at its position.
  await page.getByTestId('function-source-expression').click();
  const expression = page.getByTestId('expression');
  await expression.fill('(x^2 + y - 11)^2 + (x + y^2 - 7)^2');
  await expect(page.getByTestId('expression-ok')).toContainText('variables x, y');
  await expect(ui.runButton).toBeEnabled();
  await expression.fill('(x^2 + y - 11)^2 + (x + y^2 - 7)^2)');
  await expect(ui.fieldError('problem.expression')).toBeVisible();
  await expect(ui.fieldError('problem.expression')).toContainText('character');
  await expect(page.getByTestId('expression-caret')).toBeVisible();
  await expect(expression).toHaveAttribute('aria-invalid', 'true');
  await expect(ui.runButton).toBeDisabled();
  await expect(ui.issues).toContainText('problem.expression');

  // A finder option out of range, then a number that is not one.
  await expression.fill('x^2 - y^2');
  await expect(ui.fieldError('problem.expression')).toHaveCount(0);
  const tolerance = ui.field('finder.tolerance');
  await tolerance.fill('-1');
  await expect(ui.fieldError('finder.tolerance')).toBeVisible();
  await tolerance.fill('1e-1x');
  await expect(ui.fieldError('finder.tolerance')).toContainText(/number/i);
  await expect(ui.runButton).toBeDisabled();
  await ui.screenshot('builder-refused-fields');
  await tolerance.fill('1e-12');
  await expect(ui.fieldError('finder.tolerance')).toHaveCount(0);

  // A network whose layers do not fit its data.
  await page.getByTestId('problem-kind-network').click();
  await page.getByTestId('layers').fill('6, 2, 5');
  await expect(ui.fieldError('problem.layers')).toContainText('output layer has 5 units');
  await page.getByTestId('layers').fill('6, 2, 6');
  await expect(ui.fieldError('problem.layers')).toHaveCount(0);
  await expect(ui.runButton).toBeEnabled();
  // Nothing was run while the form was wrong.
  await expect(ui.tabs).toHaveCount(0);
  expect(problems).toEqual([]);
});

test('a running run survives editing the form, and runs stay side by side', async ({ page }) => {
  await page.goto('/');
  const ui = new LabUi(page);
  await ui.choose('six-hump-camel');
  await ui.setGrid(400, 400);
  await ui.run();
  await expect(ui.status).toHaveAttribute('data-phase', 'running');
  await expect(ui.tabs).toHaveCount(1);
  await expect(ui.tabs.first()).toContainText('Six-hump camel');

  // Edit everything while it runs: another example, bad input, another problem kind.
  await ui.choose('himmelblau');
  await ui.setGrid(7000, 1);
  await expect(ui.fieldError('sampling.count.0')).toBeVisible();
  await page.getByTestId('problem-kind-network').click();
  await page.getByTestId('layers').fill('nonsense');
  await expect(ui.fieldError('problem.layers')).toBeVisible();

  // The run goes on with its own spec.
  await expect(ui.status).toHaveAttribute('data-phase', 'running');
  const before = Number((await page.getByTestId('count-finished').textContent())!.split('/')[0].replace(/,/g, ''));
  await expect.poll(async () => Number((await page.getByTestId('count-finished').textContent())!.split('/')[0].replace(/,/g, ''))).toBeGreaterThan(before);
  await expect(page.getByTestId('count-finished')).toContainText('/ 160,000');
  await expect(page.getByTestId('panel-landscape')).toContainText('click to start optimisers');
  await ui.screenshot('builder-editing-while-running');
  await ui.cancelButton.click();
  expect(await ui.settled(20_000)).toBe('cancelled');

  // A second run opens in its own tab; the first keeps its results.
  await ui.choose('himmelblau');
  await ui.run();
  expect(await ui.settled()).toBe('done');
  await expect(ui.tabs).toHaveCount(2);
  await expect(ui.markers).toHaveCount(9);
  await ui.tabs.first().click();
  await expect(ui.status).toHaveAttribute('data-phase', 'cancelled');
  await expect(page.getByTestId('count-finished')).toContainText('/ 160,000');
  await expect(ui.markersOfType('minimum')).toHaveCount(6);
});

test('specs save to and open from JSON files', async ({ page }) => {
  await page.goto('/');
  const ui = new LabUi(page);
  await ui.choose('six-hump-camel');
  await page.getByTestId('spec-name').fill('My camel');
  const { download, bytes } = await ui.download(page.getByTestId('save-spec'));
  expect(download.suggestedFilename()).toBe('my-camel.json');
  const saved = JSON.parse(bytes.toString('utf8'));
  expect(saved.name).toBe('My camel');
  expect(saved.problem).toEqual({ kind: 'function', name: 'six-hump-camel' });

  // Open a spec file: the form shows it, its issues marked at their fields.
  const dir = mkdtempSync(join(tmpdir(), 'critlab-spec-'));
  const file = join(dir, 'saddle.json');
  writeFileSync(file, JSON.stringify({ name: 'Opened saddle', problem: { kind: 'function', expression: 'x^2 - y^2' }, finder: { method: 'newton', tolerance: 5 } }));
  await page.getByTestId('spec-file-input').setInputFiles(file);
  await expect(page.getByTestId('builder-notice')).toContainText('Opened saddle.json: 1 issue');
  await expect(page.getByTestId('spec-name')).toHaveValue('Opened saddle');
  await expect(page.getByTestId('expression')).toHaveValue('x^2 - y^2');
  await expect(ui.fieldError('finder.tolerance')).toBeVisible();
  await expect(page.getByTestId('finder-method')).toHaveValue('newton');

  // Not a spec at all.
  const bad = join(dir, 'bad.json');
  writeFileSync(bad, '{"problem": ');
  await page.getByTestId('spec-file-input').setInputFiles(bad);
  await expect(page.getByTestId('builder-notice')).toContainText('malformed JSON');
  await expect(page.getByTestId('spec-name')).toHaveValue('Opened saddle');
});

test('finder options come from the spec schema, per method', async ({ page }) => {
  await page.goto('/');
  const ui = new LabUi(page);
  await ui.choose('himmelblau');
  const methods = await page.getByTestId('finder-method').locator('option').allTextContents();
  expect(methods).toEqual(expect.arrayContaining(['Newton-MR (MINRES-QLP)', 'damped Newton', 'gradient-norm minimisation', 'saddle-free Newton', 'Newton']));
  await page.getByTestId('finder-method').selectOption('damped-newton');
  await expect(ui.field('finder.gammas')).toHaveAttribute('placeholder', /0\.0001, 0\.001/);
  await expect(ui.field('finder.tolerance')).toHaveValue('1e-20');
  await page.getByTestId('finder-method').selectOption('gnm');
  await ui.field('finder.c1').fill('0.95');
  await expect(ui.fieldError('finder.c2')).toContainText('c1 < c2');
  await ui.screenshot('builder-finder-options');
});
