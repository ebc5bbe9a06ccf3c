/**
 * The app's UI as the e2e specs see it: one set of selectors (the data-testid hooks), shared
 * by the web and Electron specs.
 */
import { expect, type Locator, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export type RunPhase = 'idle' | 'starting' | 'running' | 'cancelling' | 'done' | 'cancelled' | 'error';

export const ARTIFACTS = join(dirname(fileURLToPath(import.meta.url)), '..', 'artifacts');

export class LabUi {
  readonly page: Page;
  readonly picker: Locator;
  readonly runButton: Locator;
  readonly cancelButton: Locator;
  readonly status: Locator;
  readonly markers: Locator;
  readonly rows: Locator;
  readonly error: Locator;
  readonly plot: Locator;

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
  }

  markersOfType(type: 'minimum' | 'saddle' | 'maximum' | 'degenerate'): Locator {
    return this.page.locator(`[data-testid="critical-point"][data-type="${type}"]`);
  }

  gridInput(axis: number): Locator {
    return this.page.getByTestId(`grid-count-${axis}`);
  }

  async choose(exampleId: string): Promise<void> {
    await this.picker.selectOption(exampleId);
    await expect(this.plot).toBeVisible();
  }

  async setGrid(...counts: (number | string)[]): Promise<void> {
    for (const [axis, count] of counts.entries()) await this.gridInput(axis).fill(String(count));
  }

  async run(): Promise<void> {
    await expect(this.runButton).toBeEnabled();
    await this.runButton.click();
  }

  /** Waits until the run leaves its busy phases and returns the phase it ended in. */
  async settled(timeout = 60_000): Promise<RunPhase> {
    await expect(this.status).toHaveAttribute('data-phase', /^(idle|done|cancelled|error)$/, { timeout });
    return (await this.status.getAttribute('data-phase')) as RunPhase;
  }

  async screenshot(name: string): Promise<string> {
    mkdirSync(ARTIFACTS, { recursive: true });
    const path = join(ARTIFACTS, `${name}.png`);
    await this.page.screenshot({ path });
    return path;
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
