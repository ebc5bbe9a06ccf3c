import { LabUi } from '../support/lab-ui.ts';
import { expect, test } from './fixtures.ts';

test('desktop app: Himmelblau run shows all 9 critical points', async ({ window }) => {
  await expect(window).toHaveTitle(/critlab/);
  const ui = new LabUi(window);
  await expect(window.getByTestId('host')).toContainText('desktop');

  await ui.choose('himmelblau');
  await ui.run();
  expect(await ui.settled()).toBe('done');
  await expect(ui.markers).toHaveCount(9);
  await expect(ui.markersOfType('minimum')).toHaveCount(4);
  await expect(ui.markersOfType('saddle')).toHaveCount(4);
  await expect(ui.markersOfType('maximum')).toHaveCount(1);
  await expect(ui.rows).toHaveCount(9);
  await ui.screenshot('electron-himmelblau');
});
