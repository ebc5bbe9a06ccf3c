/**
 * The self-contained HTML report of a run: one file with inline CSS and no scripts (a strict
 * Content-Security-Policy meta tag forbids any), opening in any browser offline. It shows the
 * run's title and provenance, the summary table, every chart as inline SVG (drawn by the app's
 * own chart components through Svelte's server renderer: renderer/src/report/), the spec as
 * JSON and the table of points. Every string taken from the spec or the records is escaped;
 * the chart SVG is trusted markup from the renderer.
 */
import { isFailedStart, type StartRecord } from '../experiment/records.ts';
import { escapeHtml } from './escape.ts';
import { reportFigures, summaryRows } from './summary.ts';
import type { ReportRun } from './report-data.ts';

export interface ReportChart {
  /** Shown above the chart; also the figure's accessible name. */
  readonly title: string;
  /** One `<svg>` element (with its own styles inline or in `css`). */
  readonly svg: string;
  /** A sentence under the chart. */
  readonly caption?: string;
  /** Stable key (data-chart attribute). */
  readonly key?: string;
}

export interface HtmlReportInput {
  readonly run: ReportRun;
  readonly charts: readonly ReportChart[];
  /** Extra CSS: the chart components' styles and the theme's variables. */
  readonly css?: string;
  /** Rows of the point table at most (default 10,000); the rest are counted, not listed. */
  readonly maxRows?: number;
}

const MINUS = '\u2212';

/** Six significant digits, exponents for tiny or huge magnitudes, typographic minus. */
export function formatNumber(value: number | null | undefined, digits = 6): string {
  if (value === null || value === undefined) return '';
  if (Number.isNaN(value)) return 'NaN';
  if (!Number.isFinite(value)) return value > 0 ? '∞' : `${MINUS}∞`;
  if (value === 0) return '0';
  const magnitude = Math.abs(value);
  const text =
    magnitude < 1e-4 || magnitude >= 1e7
      ? value.toExponential(Math.min(digits, 4) - 1).replace(/\.?0+e/, 'e').replace('e+', 'e')
      : String(Number(value.toPrecision(digits)));
  return text.replace(/-/g, MINUS);
}

const BASE_CSS = `
:root { color-scheme: light dark; }
body { margin: 0; background: var(--bg, #f4f5f7); color: var(--text, #1c2024); font: 14px/1.45 var(--font-sans, system-ui, sans-serif); }
main { max-width: 1120px; margin: 0 auto; padding: 28px 28px 60px; }
header.report { border-bottom: 1px solid var(--border, #e3e6ea); margin-bottom: 22px; padding-bottom: 14px; }
header.report h1 { margin: 0 0 4px; font-size: 24px; font-weight: 650; letter-spacing: -0.01em; }
header.report .brand { color: var(--text-muted, #5f6873); font-size: 12px; text-transform: uppercase; letter-spacing: 0.08em; }
header.report p { margin: 6px 0 0; color: var(--text-muted, #5f6873); }
section { margin: 0 0 28px; }
h2 { font-size: 16px; margin: 0 0 10px; font-weight: 650; }
table { border-collapse: collapse; font-variant-numeric: tabular-nums; }
.summary td, .summary th { padding: 5px 14px 5px 0; text-align: left; border-bottom: 1px solid var(--border, #e3e6ea); }
.summary th { font-weight: 500; color: var(--text-muted, #5f6873); }
.summary td { font-weight: 600; }
.charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(480px, 1fr)); gap: 18px; }
figure { margin: 0; padding: 12px 14px; background: var(--surface, #fff); border: 1px solid var(--border, #e3e6ea); border-radius: 8px; overflow: hidden; }
figure svg { display: block; max-width: 100%; height: auto; }
figure > div { width: auto !important; height: auto !important; min-height: 0 !important; }
figcaption { font-weight: 650; margin-bottom: 6px; }
figure p { margin: 6px 0 0; color: var(--text-muted, #5f6873); font-size: 12.5px; }
pre.spec { background: var(--surface, #fff); border: 1px solid var(--border, #e3e6ea); border-radius: 8px; padding: 12px 14px; overflow: auto; font: 12px/1.45 var(--font-mono, ui-monospace, monospace); max-height: 420px; }
.points { width: 100%; font-size: 12.5px; background: var(--surface, #fff); }
.points th, .points td { padding: 4px 8px; border-bottom: 1px solid var(--border, #e3e6ea); white-space: nowrap; }
.points th { position: sticky; top: 0; background: var(--surface, #fff); text-align: left; color: var(--text-muted, #5f6873); font-weight: 600; }
.points td.num, .points th.num { text-align: right; }
.table-scroll { max-height: 640px; overflow: auto; border: 1px solid var(--border, #e3e6ea); border-radius: 8px; }
.status { display: inline-block; width: 8px; height: 8px; border-radius: 50%; margin-right: 6px; vertical-align: 1px; }
.note { color: var(--text-muted, #5f6873); font-size: 12.5px; }
footer { color: var(--text-muted, #5f6873); font-size: 12px; border-top: 1px solid var(--border, #e3e6ea); padding-top: 10px; }
`;

const STATUS_COLORS: Record<string, string> = {
  critical: 'var(--status-critical, #2f63d8)',
  'gradient-flat': 'var(--status-gradient-flat, #d08a12)',
  stalled: 'var(--status-stalled, #8a5cf6)',
  'max-iterations': 'var(--status-max-iterations, #7a8591)',
  diverged: 'var(--status-diverged, #c9323c)',
  failed: 'var(--status-diverged, #c9323c)',
};

function pointRow(r: StartRecord): string {
  const color = STATUS_COLORS[r.status] ?? '#888';
  const status = `<span class="status" style="background:${color}"></span>${escapeHtml(r.status)}`;
  if (isFailedStart(r)) {
    return `<tr data-id="${r.id}"><td class="num">${r.id}</td><td>${status}</td><td colspan="8">${escapeHtml(r.error)}</td></tr>`;
  }
  const truth = r.truth ? `{${r.truth.subset.join(', ')}}` : r.truth === null && r.status === 'critical' ? 'none' : '';
  return (
    `<tr data-id="${r.id}">` +
    `<td class="num">${r.id}</td>` +
    `<td>${status}</td>` +
    `<td>${escapeHtml(r.type)}</td>` +
    `<td class="num">${formatNumber(r.loss)}</td>` +
    `<td class="num">${formatNumber(r.gradNormSq, 3)}</td>` +
    `<td class="num">${formatNumber(r.index, 4)}</td>` +
    `<td class="num">${r.negative}/${r.zero}/${r.positive}</td>` +
    `<td class="num">${r.iterations}</td>` +
    `<td class="num">${r.cluster === null ? '' : r.cluster + 1}</td>` +
    `<td>${escapeHtml(truth)}</td>` +
    `</tr>`
  );
}

export function buildHtmlReport(input: HtmlReportInput): string {
  const { run, charts } = input;
  const maxRows = input.maxRows ?? 10_000;
  const figures = reportFigures(run.summary, run.records, run.truth);
  const rows = summaryRows(figures);
  const records = [...run.records].sort((a, b) => a.id - b.id);
  const listed = records.slice(0, maxRows);
  const description = typeof (run.spec as { description?: unknown }).description === 'string' ? (run.spec as { description: string }).description : '';
  const meta = run.meta;
  const provenance = [
    meta.runId ? `run ${meta.runId}` : '',
    meta.status ? `status ${meta.status}` : '',
    meta.startedAt ? `started ${meta.startedAt}` : '',
    meta.finishedAt ? `finished ${meta.finishedAt}` : '',
  ]
    .filter(Boolean)
    .join(' · ');
  const versions = meta.versions ? Object.entries(meta.versions).map(([k, v]) => `${k} ${v}`).join(', ') : '';
  const hasTruth = figures.truthMatched !== null;

  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<meta name="generator" content="${escapeHtml(meta.generator)}">
<title>${escapeHtml(run.title)} · critlab report</title>
<style>${input.css ?? ''}
${BASE_CSS}</style>
</head>
<body>
<main>
<header class="report">
<div class="brand">critlab report</div>
<h1 data-testid="report-title">${escapeHtml(run.title)}</h1>
${description ? `<p>${escapeHtml(description)}</p>` : ''}
${provenance ? `<p>${escapeHtml(provenance)}</p>` : ''}
</header>
<section aria-labelledby="summary-h">
<h2 id="summary-h">Summary</h2>
<table class="summary" data-testid="report-summary">
<tbody>
${rows.map((r) => `<tr data-key="${escapeHtml(r.key)}"><th scope="row">${escapeHtml(r.label)}</th><td>${escapeHtml(r.value)}</td></tr>`).join('\n')}
</tbody>
</table>
</section>
${
  charts.length > 0
    ? `<section aria-labelledby="charts-h">
<h2 id="charts-h">Charts</h2>
<div class="charts">
${charts
  .map(
    (c) =>
      `<figure data-chart="${escapeHtml(c.key ?? c.title)}" aria-label="${escapeHtml(c.title)}"><figcaption>${escapeHtml(c.title)}</figcaption>${c.svg}${
        c.caption ? `<p>${escapeHtml(c.caption)}</p>` : ''
      }</figure>`,
  )
  .join('\n')}
</div>
</section>`
    : ''
}
<section aria-labelledby="points-h">
<h2 id="points-h">Points</h2>
<p class="note">${records.length.toLocaleString('en-US')} starts${records.length > listed.length ? `; the first ${listed.length.toLocaleString('en-US')} are listed (all of them are in points.csv and points.json)` : ''}. Index is the fraction of negative Hessian eigenvalues; −/0/+ counts the eigenvalues by sign.</p>
<div class="table-scroll">
<table class="points" data-testid="report-points">
<thead><tr><th class="num">start</th><th>status</th><th>type</th><th class="num">loss</th><th class="num">‖∇L‖²</th><th class="num">index</th><th class="num">λ −/0/+</th><th class="num">iterations</th><th class="num">point</th><th>${hasTruth ? 'analytic class' : ''}</th></tr></thead>
<tbody>
${listed.map(pointRow).join('\n')}
</tbody>
</table>
</div>
</section>
<section aria-labelledby="spec-h">
<h2 id="spec-h">Experiment spec</h2>
<pre class="spec" data-testid="report-spec">${escapeHtml(JSON.stringify(run.spec, null, 2))}</pre>
</section>
<footer>Generated ${escapeHtml(meta.generatedAt)} by ${escapeHtml(meta.generator)}${versions ? ` (${escapeHtml(versions)})` : ''}.</footer>
</main>
</body>
</html>
`;
}
