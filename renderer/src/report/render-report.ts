/**
 * The HTML report of a run, with its charts drawn by the app's own Svelte components through
 * Svelte's server renderer (`render` from svelte/server): static SVG, no script. Built two ways:
 * - `npm run build:report` (vite build --ssr) → dist/report/render-report.mjs, loaded by the CLI
 *   (`critlab report DIR`, core/node/commands/report.ts);
 * - bundled into the browser's report worker (report.worker.ts), where Vite compiles the same
 *   components for the server (see vite.config.ts), so the app's "Export report" matches the CLI.
 */
import { render } from 'svelte/server';
import { buildHtmlReport, type ReportChart } from '../../../core/report/html.ts';
import type { ReportRun } from '../../../core/report/report-data.ts';
import themeCss from '../theme.css?raw';
import { reportCharts } from './report-charts.ts';

export type { ReportRun } from '../../../core/report/report-data.ts';

const STYLE = /<style[^>]*>([\s\S]*?)<\/style>/g;
/** Svelte's hydration markers (<!--[-->, <!--]-->, <!---->): meaningless in a static file. */
const MARKERS = /<!--[[\]!]?-->/g;

/** Renders every chart of the run's report as static SVG markup, with the CSS they need. */
export function renderCharts(run: ReportRun): { charts: ReportChart[]; css: string } {
  const styles = new Map<string, string>();
  const charts = reportCharts(run).map((plan) => {
    const out = render(plan.component, { props: plan.props });
    for (const [, css] of out.head.matchAll(STYLE)) styles.set(css, css);
    return { key: plan.key, title: plan.title, caption: plan.caption, svg: out.body.replace(MARKERS, '').trim() };
  });
  return { charts, css: [...styles.values()].join('\n') };
}

/** The complete, self-contained HTML report. */
export function renderReport(run: ReportRun): string {
  const { charts, css } = renderCharts(run);
  return buildHtmlReport({ run, charts, css: `${themeCss}\n${css}` });
}
