import { describe, expect, it } from 'vitest';
import type { PointRecord, PointStatus } from '../../core/experiment/records.ts';
import { lossIndexBounds, lowestCriticalFold, statusSeries, statusSeriesFold } from '../../renderer/src/lib/views.ts';

function point(id: number, status: PointStatus, index: number, loss: number): PointRecord {
  return { id, status, index, loss } as PointRecord;
}

describe('chart data from records', () => {
  it('splits indices by finder outcome in status order, skipping non-finite indices and empty series', () => {
    const points = [
      point(0, 'max-iterations', 0.5, 2),
      point(1, 'critical', 0.25, 1),
      point(2, 'critical', Number.NaN, 1),
      point(3, 'gradient-flat', 0.125, 3),
      point(4, 'critical', 0, 0),
    ];
    const series = statusSeries(points);
    expect(series.map((s) => s.key)).toEqual(['critical', 'gradient-flat', 'max-iterations']);
    expect(series[0]).toMatchObject({ ids: [1, 4], values: [0.25, 0] });
    expect(series[2]).toMatchObject({ ids: [0], values: [0.5] });
    expect(statusSeries(points, ['gradient-flat']).map((s) => s.ids)).toEqual([[3]]);
    expect(statusSeries([])).toEqual([]);
  });

  it('bounds a loss–index chart over points and classes, for runs far past the call-stack limit of a spread', () => {
    const n = 300_000;
    const points = Array.from({ length: n }, (_, i) => ({ index: (i % 97) / 100, loss: 1 + (i % 1013) }));
    expect(() => Math.max(...points.map((p) => p.loss))).toThrow(RangeError);
    expect(lossIndexBounds(points)).toEqual({ maxIndex: 0.96, lo: 1, hi: 1013 });
    expect(lossIndexBounds(points, [{ index: 1, loss: -2 }])).toEqual({ maxIndex: 1, lo: -2, hi: 1013 });
    expect(lossIndexBounds([], [])).toEqual({ maxIndex: -Infinity, lo: undefined, hi: undefined });
  });
});

describe('folds over a growing run', () => {
  it('statusSeriesFold gives what statusSeries gives, at every publish', () => {
    const all = Array.from({ length: 50 }, (_, i) => point(i, (['critical', 'gradient-flat', 'max-iterations', 'stalled'] as const)[i % 4], i % 7 === 0 ? Number.NaN : (i % 9) / 8, i));
    const fold = statusSeriesFold();
    for (const n of [0, 1, 7, 20, 20, 50]) {
      const records = all.slice(0, n);
      expect(JSON.parse(JSON.stringify(fold.series(records)))).toEqual(JSON.parse(JSON.stringify(statusSeries(records))));
    }
    // Another run (new objects) starts over.
    const other = [point(0, 'diverged', 0.5, 1)];
    expect(fold.series(other).map((s) => [s.key, s.ids])).toEqual([['diverged', [0]]]);
  });

  it('lowestCriticalFold finds the critical point of lowest loss as records arrive', () => {
    const fold = lowestCriticalFold();
    const records = [point(0, 'max-iterations', 0, -5), point(1, 'critical', 0.5, 3)];
    expect(fold.lowest([])).toBeNull();
    expect(fold.lowest(records.slice(0, 1))).toBeNull();
    expect(fold.lowest(records)?.id).toBe(1);
    records.push(point(2, 'critical', 0, 1), point(3, 'critical', 0.25, 2));
    expect(fold.lowest(records)?.id).toBe(2);
  });
});
