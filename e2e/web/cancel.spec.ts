import { expect, test } from '@playwright/test';
import { LabUi } from '../support/lab-ui.ts';

test('a run can be cancelled and keeps what it found', async ({ page }) => {
  await page.goto('/');
  const ui = new LabUi(page);
  await ui.choose('six-hump-camel');
  // 400 × 400 = 160,000 starts: far more than can finish before the cancel lands.
  await ui.setGrid(400, 400);
  await ui.run();
  await expect(ui.status).toHaveAttribute('data-phase', 'running');
  await expect(ui.cancelButton).toBeEnabled();
  // Let some points arrive first, so there is something to keep.
  await expect(ui.markers.first()).toBeVisible();
  await ui.cancelButton.click();

  expect(await ui.settled(15_000)).toBe('cancelled');
  await expect(page.getByTestId('cancelled-note')).toBeVisible();
  const finished = await page.getByTestId('count-finished').textContent();
  const [done, total] = (finished ?? '').split('/').map((s) => Number(s.trim().replace(/,/g, '')));
  expect(total).toBe(160_000);
  expect(done).toBeGreaterThan(0);
  expect(done).toBeLessThan(total);
  const markers = await ui.markers.count();
  expect(markers).toBeGreaterThan(0);
  await expect(ui.rows).toHaveCount(markers);
  await expect(ui.runButton).toBeEnabled();
  await ui.screenshot('six-hump-camel-cancelled');

  // The app is usable again after a cancel.
  await ui.setGrid(30, 20);
  await ui.run();
  expect(await ui.settled()).toBe('done');
  await expect(ui.markers).toHaveCount(15);
});
