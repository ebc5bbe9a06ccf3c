/**
 * UI responsiveness benchmark (DESIGN.md §5: "the UI thread never blocks for more than 50 ms
 * during a run; 10,000 points stay interactive"). Builds the browser app, serves it with
 * `vite preview`, and drives it in Debian's Chromium (CHROMIUM_PATH, default /usr/bin/chromium;
 * skipped with a printed reason when absent). Every task the page's main thread runs for more
 * than 50 ms is reported by the Long Tasks API (PerformanceObserver 'longtask'); per scenario
 * the table gives the longest task, how many exceeded 50 ms, and the total blocking time
 * (Σ (task − 50 ms)); a requestAnimationFrame loop gives the longest gap between frames, the
 * stutter a user sees (≈ 17 ms when nothing blocks). The baseline is the same app on a
 * 400-start run (after a warm-up run) in the same browser, so the frame ratios say how the cost grows with the run, independent of the machine's speed.
 *
 * Scenarios: a run streaming in (Himmelblau grids of 400 to 160,000 starts: thousands of
 * points a second, the worst case for publishing), then the interactions a researcher makes on
 * the finished 10,000-start run (focus a row and walk to the end, sort the table, brush the
 * scatter, switch tabs).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chromium, type Page } from 'playwright';

const PORT = 4319;
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const BLOCK_MS = 50;

interface Blocking {
  /** Longest long task (ms; 0 when none exceeded 50 ms). */
  longest: number;
  over: number;
  total: number;
  /** Longest gap between two animation frames (ms): what a user sees as a stutter. */
  frame: number;
}

async function serve(): Promise<ChildProcess> {
  const built = spawnSync('npx', ['vite', 'build', '--logLevel', 'error'], { stdio: 'inherit' });
  if (built.status !== 0) throw new Error('vite build failed');
  const server = spawn('npx', ['vite', 'preview', '--port', String(PORT), '--strictPort'], { stdio: 'ignore', detached: true });
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(`http://localhost:${PORT}/`)).ok) return server;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('vite preview did not start');
}

/**
 * Installs the long-task observer and the frame clock before the app's scripts run. Plain
 * JavaScript text: tsx would wrap a function's inner closures in a helper the page lacks.
 */
const OBSERVER = `
  window.__longTasks = [];
  window.__longestFrame = 0;
  let last = 0;
  const tick = (t) => {
    if (last > 0) window.__longestFrame = Math.max(window.__longestFrame, t - last);
    last = t;
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) window.__longTasks.push(entry.duration);
  }).observe({ type: 'longtask', buffered: true });
`;

/** Long tasks since the last call, summarised. */
async function takeBlocking(page: Page): Promise<Blocking> {
  const [tasks, frame] = await page.evaluate(() => {
    const w = window as unknown as { __longTasks: number[]; __longestFrame: number };
    const t = w.__longTasks;
    const f = w.__longestFrame;
    w.__longTasks = [];
    w.__longestFrame = 0;
    return [t, f] as const;
  });
  return {
    frame,
    longest: tasks.reduce((a, b) => Math.max(a, b), 0),
    over: tasks.filter((t) => t > BLOCK_MS).length,
    total: tasks.reduce((a, t) => a + Math.max(0, t - BLOCK_MS), 0),
  };
}

async function settled(page: Page): Promise<void> {
  await page.waitForFunction(() => /^(done|cancelled|error)$/.test(document.querySelector('[data-testid="run-status"]')?.getAttribute('data-phase') ?? ''), null, {
    timeout: 300_000,
  });
  // Let the last publish and the views that mount on `done` finish.
  await page.waitForTimeout(1000);
}

async function runGrid(page: Page, n: number): Promise<Blocking> {
  await page.getByTestId('function-picker').selectOption('himmelblau');
  await page.getByTestId('grid-count-0').fill(String(n));
  await page.getByTestId('grid-count-1').fill(String(n));
  await page.waitForTimeout(300);
  await takeBlocking(page);
  await page.getByTestId('run').click();
  await settled(page);
  return takeBlocking(page);
}

async function interactions(page: Page): Promise<[string, Blocking][]> {
  const out: [string, Blocking][] = [];
  const measure = async (name: string, act: () => Promise<void>) => {
    await page.waitForTimeout(300);
    await takeBlocking(page);
    await act();
    await page.waitForTimeout(600);
    out.push([name, await takeBlocking(page)]);
  };
  const rows = page.getByTestId('start-row');
  await measure('focus a row, End, 20× ↑', async () => {
    await rows.first().click();
    await page.keyboard.press('End');
    for (let i = 0; i < 20; i++) await page.keyboard.press('ArrowUp');
  });
  await measure('sort the table by ‖g‖² (twice)', async () => {
    await page.getByTestId('sort-gradNormSq').click();
    await page.waitForTimeout(200);
    await page.getByTestId('sort-gradNormSq').click();
  });
  await measure('brush the scatter', async () => {
    const box = await page.getByTestId('loss-index-chart').boundingBox();
    if (!box) throw new Error('no scatter');
    await page.mouse.move(box.x + 70, box.y + 40);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width * 0.6, box.y + box.height * 0.5, { steps: 10 });
    await page.mouse.move(box.x + box.width - 20, box.y + box.height - 50, { steps: 10 });
    await page.mouse.up();
  });
  await measure('clear the selection (Escape)', async () => {
    await page.keyboard.press('Escape');
  });
  await measure('switch tabs and back', async () => {
    const tabs = page.getByTestId('run-tab');
    await tabs.first().click();
    await page.waitForTimeout(300);
    await tabs.nth(1).click();
  });
  return out;
}

function row(name: string, b: Blocking, base: Blocking | null): string {
  const ratio = base ? (b.frame / base.frame).toFixed(1) : '—';
  return `${name.padEnd(44)} ${b.frame.toFixed(0).padStart(9)} ${ratio.padStart(9)} ${b.longest.toFixed(0).padStart(8)} ${String(b.over).padStart(8)} ${b.total.toFixed(0).padStart(9)}`;
}

export async function run(): Promise<void> {
  if (!existsSync(CHROMIUM)) {
    console.log(`skipped: no Chromium at ${CHROMIUM} (apt-get install -y chromium, or set CHROMIUM_PATH)`);
    return;
  }
  const server = await serve();
  const browser = await chromium.launch({ executablePath: CHROMIUM });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.addInitScript(OBSERVER);
    await page.goto(`http://localhost:${PORT}/`);
    await page.waitForSelector('[data-testid="builder"][data-valid="true"]');
    await runGrid(page, 20); // warm-up: the first run mounts every view and compiles the code
    const base = await runGrid(page, 20);
    const results: [string, Blocking][] = [['run of 400 starts (baseline)', base]];
    results.push(['run of 10,000 starts', await runGrid(page, 100)]);
    const actions = await interactions(page);
    results.push(['run of 40,000 starts', await runGrid(page, 200)]);
    results.push(['run of 160,000 starts', await runGrid(page, 400)]);
    console.log(`UI thread in Chromium: longest gap between animation frames (ratio to the 400-start run's), and long tasks over the ${BLOCK_MS} ms budget`);
    console.log(`${'scenario'.padEnd(44)} ${'frame ms'.padStart(9)} ${'ratio'.padStart(9)} ${'longest'.padStart(8)} ${'> 50 ms'.padStart(8)} ${'blocking'.padStart(9)}`);
    for (const [name, b] of results.slice(0, 2)) console.log(row(name, b, name.includes('baseline') ? null : base));
    for (const [name, b] of actions) console.log(row(`  10,000: ${name}`, b, base));
    for (const [name, b] of results.slice(2)) console.log(row(name, b, base));
  } finally {
    await browser.close();
    if (server.pid) process.kill(-server.pid);
  }
}
