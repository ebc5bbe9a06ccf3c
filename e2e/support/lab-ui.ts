/**
 * The app's UI as the e2e specs see it: one set of selectors (the data-testid hooks), shared
 * by the web and Electron specs.
 */
import { expect, type Download, type Locator, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export type RunPhase = 'idle' | 'starting' | 'running' | 'cancelling' | 'done' | 'cancelled' | 'error';

export const ARTIFACTS = join(dirname(fileURLToPath(import.meta.url)), '..', 'artifacts');

/** The builder's id of a field (see renderer/src/components/builder/builder-context.ts). */
export function fieldId(path: string): string {
  return `field-${path.replace(/[^a-zA-Z0-9_-]/g, '-')}`;
}

export class LabUi {
  readonly page: Page;
  /** The builder's example picker (historically the function picker). */
  readonly picker: Locator;
  readonly runButton: Locator;
  readonly cancelButton: Locator;
  /** Status of the active run. */
  readonly status: Locator;
  /** Critical-point markers on the active run's landscape. */
  readonly markers: Locator;
  /** Rows of the distinct critical points table. */
  readonly rows: Locator;
  readonly error: Locator;
  readonly plot: Locator;
  readonly builder: Locator;
  readonly issues: Locator;
  readonly tabs: Locator;
  readonly scatterPoints: Locator;
  readonly truthClasses: Locator;
  readonly startRows: Locator;

  constructor(page: Page) {
    this.page = page;
    this.picker = page.getByTestId('function-picker');
    this.runButton = page.getByTestId('run');
    this.cancelButton = page.getByTestId('cancel');
    this.status = page.getByTestId('run-status');
    this.markers = page.getByTestId('critical-point');
    this.rows = page.getByTestId('critical-point-row');
    this.error = page.getByTestId('run-error');
    this.plot = page.getByTestId('contour-plot');
    this.builder = page.getByTestId('builder');
    this.issues = page.getByTestId('builder-issues');
    this.tabs = page.getByTestId('run-tab');
    this.scatterPoints = page.getByTestId('scatter-point');
    this.truthClasses = page.getByTestId('truth-class');
    this.startRows = page.getByTestId('start-row');
  }

  markersOfType(type: 'minimum' | 'saddle' | 'maximum' | 'degenerate'): Locator {
    return this.page.locator(`[data-testid="critical-point"][data-type="${type}"]`);
  }

  gridInput(axis: number): Locator {
    return this.page.getByTestId(`grid-count-${axis}`);
  }

  /** A builder input by its spec path, e.g. "finder.tolerance". */
  field(path: string): Locator {
    return this.page.locator(`#${fieldId(path)}`);
  }

  /** The schema's message shown beside the field at `path`. */
  fieldError(path: string): Locator {
    return this.page.locator(`[data-testid="field-error"][data-path="${path}"]`);
  }

  /** Loads a built-in example into the builder. */
  async choose(exampleId: string): Promise<void> {
    await this.picker.selectOption(exampleId);
    await expect(this.picker).toHaveValue(exampleId);
    await expect(this.builder).toHaveAttribute('data-valid', 'true');
  }

  async setGrid(...counts: (number | string)[]): Promise<void> {
    for (const [axis, count] of counts.entries()) await this.gridInput(axis).fill(String(count));
  }

  /** A small linear autoencoder (6-2-6, Gaussian data with spectrum 1..6) with `starts` Newton-MR starts. */
  async buildLinearAutoencoder(starts: number): Promise<void> {
    await this.page.getByTestId('problem-kind-network').click();
    await expect(this.page.getByTestId('layers')).toHaveValue('6, 2, 6');
    await this.page.getByTestId('sampling-starts').fill(String(starts));
    await this.page.getByTestId('spec-name').fill('Linear AE 6-2-6');
    await expect(this.builder).toHaveAttribute('data-valid', 'true');
  }

  async run(): Promise<void> {
    await expect(this.runButton).toBeEnabled();
    await this.runButton.click();
  }

  /** Waits until the active run leaves its busy phases and returns the phase it ended in. */
  async settled(timeout = 60_000): Promise<RunPhase> {
    await expect(this.status).toHaveAttribute('data-phase', /^(idle|done|cancelled|error)$/, { timeout });
    return (await this.status.getAttribute('data-phase')) as RunPhase;
  }

  /**
   * Starts recording, on every change of the page, the number of `selector` elements and the
   * active run's phase; the returned function stops and returns what was seen. (A poll can miss
   * a short run's middle; a MutationObserver sees every publish.)
   */
  async recordCounts(selector: string): Promise<() => Promise<{ count: number; phase: string | null }[]>> {
    await this.page.evaluate((sel) => {
      const w = window as unknown as { __counts: { count: number; phase: string | null }[]; __countObserver: MutationObserver };
      w.__counts = [];
      const record = () => {
        const count = document.querySelectorAll(sel).length;
        const phase = document.querySelector('[data-testid="run-status"]')?.getAttribute('data-phase') ?? null;
        const last = w.__counts[w.__counts.length - 1];
        if (!last || last.count !== count || last.phase !== phase) w.__counts.push({ count, phase });
      };
      w.__countObserver = new MutationObserver(record);
      w.__countObserver.observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-phase'] });
      record();
    }, selector);
    return () =>
      this.page.evaluate(() => {
        const w = window as unknown as { __counts: { count: number; phase: string | null }[]; __countObserver: MutationObserver };
        w.__countObserver.disconnect();
        return w.__counts;
      });
  }

  /** Clicks the SVG element's centre (markers sit under the chart's pointer overlay). */
  async clickCentre(locator: Locator, modifiers: ('Shift' | 'Control')[] = []): Promise<void> {
    const box = await locator.boundingBox();
    if (!box) throw new Error('element not visible');
    for (const m of modifiers) await this.page.keyboard.down(m);
    await this.page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    for (const m of modifiers) await this.page.keyboard.up(m);
  }

  /** Saves the whole page (the viewport grown to the content, so sticky panes do not repeat). */
  async screenshot(name: string): Promise<string> {
    mkdirSync(ARTIFACTS, { recursive: true });
    const path = join(ARTIFACTS, `${name}.png`);
    const viewport = this.page.viewportSize();
    const height = await this.page.evaluate(() => document.documentElement.scrollHeight);
    if (viewport && height > viewport.height) await this.page.setViewportSize({ width: viewport.width, height: Math.min(height, 6000) });
    await this.page.screenshot({ path });
    if (viewport && height > viewport.height) await this.page.setViewportSize(viewport);
    return path;
  }

  /** Saves one element (a panel) as a screenshot. */
  async screenshotOf(locator: Locator, name: string): Promise<string> {
    mkdirSync(ARTIFACTS, { recursive: true });
    const path = join(ARTIFACTS, `${name}.png`);
    await locator.screenshot({ path });
    return path;
  }

  /** Clicks `button` and returns the download it starts, with its contents. */
  async download(button: Locator): Promise<{ download: Download; bytes: Buffer }> {
    const [download] = await Promise.all([this.page.waitForEvent('download'), button.click()]);
    const file = await download.path();
    return { download, bytes: await readFile(file) };
  }
}

/** Collects console errors and page errors (CSP violations show up here). */
export function watchConsole(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(error.message));
  return problems;
}
