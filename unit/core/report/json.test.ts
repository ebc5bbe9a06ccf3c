import { describe, expect, it } from 'vitest';
import { pointsToJson } from '../../../core/report/json.ts';
import { RUN } from './fixtures.ts';

describe('pointsToJson', () => {
  it('holds the spec, the summary and the records in id order; Infinity becomes null', () => {
    const doc = JSON.parse(pointsToJson(RUN));
    expect(doc.format).toBe('critlab-points');
    expect(doc.formatVersion).toBe(1);
    expect(doc.title).toBe(RUN.title);
    expect(doc.spec).toEqual(RUN.spec);
    expect(doc.summary.counts.critical).toBe(1);
    expect(doc.records.map((r: { id: number }) => r.id)).toEqual([0, 1, 2, 3]);
    expect(doc.records[1].loss).toBeNull();
    expect(doc.records[0].truth.subset).toEqual([0, 3]);
    expect(doc.records[3].error).toContain('crashed');
  });
});
