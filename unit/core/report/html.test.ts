import { describe, expect, it } from 'vitest';
import { buildHtmlReport, formatNumber } from '../../../core/report/html.ts';
import { reportFigures, summaryRows } from '../../../core/report/summary.ts';
import { focusRecord, pointRecords, traceSample } from '../../../core/report/report-data.ts';
import { linearAeClasses } from '../../../core/groundtruth/linear-autoencoder.ts';
import { RECORDS, RUN, SUMMARY, point } from './fixtures.ts';

describe('buildHtmlReport', () => {
  const svg = '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><circle r="3"/></svg>';
  const html = buildHtmlReport({ run: RUN, charts: [{ title: 'Loss & index', svg, caption: 'a <b>caption</b>', key: 'loss-index' }], css: '.x{fill:red}' });

  it('is self-contained: inline CSS, no scripts, a CSP that forbids them', () => {
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<link/i);
    expect(html).toContain("default-src 'none'");
    expect(html).toContain('.x{fill:red}');
  });

  it('escapes every string from the spec and the records', () => {
    expect(html).toContain('<h1 data-testid="report-title">Tiny &lt;linear&gt; AE &amp; co</h1>');
    expect(html).toContain('a &quot;test&quot; run');
    expect(html).toContain('worker crashed twice, &lt;again&gt;');
    expect(html).toContain('a &lt;b&gt;caption&lt;/b&gt;');
    expect(html).not.toContain('<linear>');
  });

  it('embeds each chart SVG as markup', () => {
    expect(html).toContain(`<figure data-chart="loss-index" aria-label="Loss &amp; index"><figcaption>Loss &amp; index</figcaption>${svg}`);
  });

  it('shows the summary figures and one row per start', () => {
    expect(html).toContain('<tr data-key="starts"><th scope="row">Starts finished</th><td>4 / 5</td></tr>');
    expect(html).toMatch(/data-key="critical".*<td>1 \(25\.0%\)<\/td>/);
    expect(html.match(/<tr data-id="/g)).toHaveLength(4);
    expect(html).toContain('<td class="num">∞</td>');
  });

  it('lists at most maxRows rows and says so', () => {
    const many = buildHtmlReport({ run: { ...RUN, records: Array.from({ length: 30 }, (_, i) => point(i)) }, charts: [], maxRows: 10 });
    expect(many.match(/<tr data-id="/g)).toHaveLength(10);
    expect(many).toContain('the first 10 are listed');
  });
});

describe('summary figures', () => {
  it('counts statuses, types and analytic classes', () => {
    const truth = linearAeClasses([3, 2, 1], 1);
    const f = reportFigures(SUMMARY, RECORDS, truth);
    expect(f.failed).toBe(2);
    expect(f.byType.saddle).toBe(1);
    expect(f.truthMatched).toBe(1);
    expect(f.truthClassesFound).toBe(1);
    expect(f.truthClasses).toBe(4);
    const rows = summaryRows(f);
    expect(rows.find((r) => r.key === 'truth-classes')?.value).toBe('1 of 4');
  });

  it('leaves truth rows out of problems without ground truth', () => {
    const f = reportFigures(SUMMARY, [point(0), point(1)], null);
    expect(f.truthMatched).toBeNull();
    expect(summaryRows(f).some((r) => r.key.startsWith('truth'))).toBe(false);
  });
});

describe('report data helpers', () => {
  it('focuses the asked point, else the lowest-loss critical point', () => {
    const points = pointRecords(RECORDS);
    expect(points.map((p) => p.id)).toEqual([0, 1, 2]);
    expect(focusRecord(points, 2)?.id).toBe(2);
    expect(focusRecord(points, 99)?.id).toBe(0);
    expect(focusRecord([], null)).toBeNull();
  });

  it('samples traces evenly, or the selected ones', () => {
    const traces = Array.from({ length: 30 }, (_, id) => ({ id, loss: [1], gradNormSq: [1] }));
    expect(traceSample(traces, undefined, 3).map((t) => t.id)).toEqual([0, 10, 20]);
    expect(traceSample(traces, [5, 99, 7]).map((t) => t.id)).toEqual([5, 7]);
  });

  it('formats numbers with a typographic minus and compact exponents', () => {
    expect(formatNumber(-1.5e-12)).toBe('−1.5e−12');
    expect(formatNumber(181.616517)).toBe('181.617');
    expect(formatNumber(-Infinity)).toBe('−∞');
  });
});

describe('loss–index fit', () => {
  it('fits index = a + b·loss over the critical points and reports it in the summary', async () => {
    const { lossIndexFit } = await import('../../../core/report/summary.ts');
    const records = [0, 1, 2, 3].map((i) => point(i, { loss: 1 + i, index: 0.1 + 0.05 * i }));
    const fit = lossIndexFit([...records, point(9, { status: 'diverged', loss: 50, index: 0.9 })])!;
    expect(fit.points).toBe(4);
    expect(fit.slope).toBeCloseTo(0.05, 12);
    expect(fit.intercept).toBeCloseTo(0.05, 12);
    expect(fit.r).toBeCloseTo(1, 12);
    const rows = summaryRows(reportFigures({ ...SUMMARY, counts: { ...SUMMARY.counts, critical: 4 } }, records, null));
    expect(rows.find((r) => r.key === 'loss-index-fit')?.value).toBe('index ≈ 0.05000 + 0.05000·loss, Pearson r = 1.0000 (4 points)');
    expect(lossIndexFit(records.slice(0, 2))).toBeNull();
  });
});
