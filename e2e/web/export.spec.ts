/**
 * Exports from the app: the self-contained HTML report (rendered in the report worker by the
 * same chart components as the views, through Svelte's server renderer), the points as JSON
 * and CSV, θ and spectra as NumPy .npy, and a chart as PNG. The report opens in a browser on
 * its own and shows the same charts.
 */
import { expect, test } from '@playwright/test';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ARTIFACTS, LabUi, watchConsole } from '../support/lab-ui.ts';
import { parseNpy } from '../../core/problems/data/npy.ts';
import { readStoredZip } from '../../core/report/npz.ts';

const STARTS = 24;

test('export a run: HTML report, JSON, CSV, NumPy and a chart PNG', async ({ page, browser }) => {
  test.setTimeout(120_000);
  const problems = watchConsole(page);
  await page.goto('/');
  const ui = new LabUi(page);
  await ui.buildLinearAutoencoder(STARTS);
  await ui.run();
  expect(await ui.settled(90_000)).toBe('done');
  await ui.clickCentre(page.locator('[data-testid="scatter-point"][data-status="critical"]').first());
  const focus = await page.locator('[data-testid="scatter-point"].focus').getAttribute('data-id');
  const critical = Number(await page.getByTestId('count-critical').textContent());
  // The landscape panel slices through the run's best point by itself once the run is done.
  await expect(page.getByTestId('landscape-view').getByTestId('contour-plot')).toBeVisible({ timeout: 60_000 });

  // The HTML report: the same charts as the app, the landscape slice first.
  const report = await ui.download(page.getByTestId('export-html'));
  expect(report.download.suggestedFilename()).toBe('linear-ae-6-2-6-report.html');
  const html = report.bytes.toString('utf8');
  expect(html).toContain('<h1 data-testid="report-title">Linear AE 6-2-6</h1>');
  expect(html).not.toMatch(/<script/i);
  expect(html).toContain(`<tr data-key="starts"><th scope="row">Starts finished</th><td>${STARTS} / ${STARTS}</td></tr>`);
  expect(html).toMatch(new RegExp(`<tr data-key="critical"><th scope="row">[^<]*</th><td>${critical} \\(`));
  expect(html).toContain('data-key="truth-classes"');
  const charts = [...html.matchAll(/<figure data-chart="([^"]+)"/g)].map((m) => m[1]);
  expect(charts).toEqual(['landscape', 'loss-index', 'index-histogram', 'convergence', 'spectrum']);
  expect((html.match(/<svg/g) ?? []).length).toBeGreaterThanOrEqual(5);
  expect(html).toMatch(/Loss slice through start \d+/);
  expect(html.match(/data-testid="scatter-point"/g)).toHaveLength(STARTS);
  expect(html.match(/data-testid="truth-class"/g)).toHaveLength(22);
  expect(html.match(/<tr data-id="/g)).toHaveLength(STARTS);
  expect(html).toContain(`Hessian spectrum at start ${focus}`);
  expect(html).toContain('&quot;layers&quot;: [');
  await expect(page.getByTestId('export-note')).toContainText('linear-ae-6-2-6-report.html');

  // It opens on its own (no server, no script) and shows the charts.
  mkdirSync(ARTIFACTS, { recursive: true });
  const file = join(ARTIFACTS, 'linear-ae-report.html');
  writeFileSync(file, html);
  const reader = await browser.newPage({ viewport: { width: 1200, height: 900 } });
  const readerProblems = watchConsole(reader);
  await reader.goto(`file://${file}`);
  await expect(reader.getByTestId('report-title')).toHaveText('Linear AE 6-2-6');
  await expect(reader.locator('figure svg')).toHaveCount(5);
  await expect(reader.locator('figure[data-chart="loss-index"] [data-testid="scatter-point"]')).toHaveCount(STARTS);
  await expect(reader.locator('[data-testid="report-points"] tbody tr')).toHaveCount(STARTS);
  await reader.screenshot({ path: join(ARTIFACTS, 'linear-ae-report.png'), fullPage: true });
  expect(readerProblems).toEqual([]);
  await reader.close();

  // The points as data.
  const json = JSON.parse((await ui.download(page.getByTestId('export-json'))).bytes.toString('utf8'));
  expect(json.format).toBe('critlab-points');
  expect(json.records).toHaveLength(STARTS);
  expect(json.spec.problem.layers).toEqual([6, 2, 6]);
  const csv = (await ui.download(page.getByTestId('export-csv'))).bytes.toString('utf8').trimEnd().split('\r\n');
  expect(csv).toHaveLength(STARTS + 1);
  expect(csv[0].split(',').slice(0, 3)).toEqual(['id', 'status', 'stopReason']);

  // NumPy: one .npz with the start ids, θ (n × 24) and the spectra (n × 24).
  const npz = await ui.download(page.getByTestId('export-npy'));
  expect(npz.download.suggestedFilename()).toBe('linear-ae-6-2-6-points.npz');
  const members = readStoredZip(npz.bytes);
  expect(Object.keys(members)).toEqual(['ids.npy', 'points.npy', 'spectra.npy']);
  expect(parseNpy(members['ids.npy'], 'ids.npy').rows).toBe(STARTS);
  for (const name of ['points.npy', 'spectra.npy']) {
    const table = parseNpy(members[name], name);
    expect([table.rows, table.columns]).toEqual([STARTS, 24]);
  }

  // A chart as PNG.
  const png = await ui.download(page.getByTestId('panel-spectrum-png'));
  expect(png.download.suggestedFilename()).toBe('hessian-spectrum.png');
  expect(png.bytes.subarray(1, 4).toString('ascii')).toBe('PNG');
  writeFileSync(join(ARTIFACTS, 'exported-spectrum.png'), png.bytes);
  const scatterPng = await ui.download(page.getByTestId('panel-scatter-png'));
  writeFileSync(join(ARTIFACTS, 'exported-scatter.png'), scatterPng.bytes);
  expect(problems).toEqual([]);
});
