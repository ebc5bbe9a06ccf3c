import { describe, expect, it } from 'vitest';
import { AppendFold } from '../../renderer/src/lib/append-fold.ts';

interface Item {
  readonly v: number;
}
const items = (...values: number[]): Item[] => values.map((v) => ({ v }));

function summing() {
  let visits = 0;
  const fold = new AppendFold<Item, { sum: number; seen: number[] }>(
    () => ({ sum: 0, seen: [] }),
    (s, item) => {
      visits++;
      s.sum += item.v;
      s.seen.push(item.v);
    },
  );
  return { fold, visits: () => visits };
}

describe('AppendFold', () => {
  it('visits only the items appended since the last fold', () => {
    const { fold, visits } = summing();
    const run = items(1, 2, 3);
    expect(fold.fold(run).sum).toBe(6);
    const grown = [...run, ...items(10, 20)];
    expect(fold.fold(grown).sum).toBe(36);
    expect(visits()).toBe(5);
    expect(fold.fold(grown.slice()).sum).toBe(36);
    expect(visits()).toBe(5);
    expect(fold.folded).toBe(5);
  });

  it('starts over for a list that is not an extension (a new run, a shorter list, other objects)', () => {
    const { fold, visits } = summing();
    const run = items(1, 2, 3);
    fold.fold(run);
    expect(fold.fold(items(1, 2, 3, 4)).seen).toEqual([1, 2, 3, 4]); // equal values, other objects
    expect(visits()).toBe(7);
    const again = items(5);
    expect(fold.fold(again).sum).toBe(5);
    expect(fold.fold([]).sum).toBe(0);
    // Same first item, a different one where the last folded stood.
    const base = items(1, 2);
    fold.fold(base);
    expect(fold.fold([base[0], { v: 7 }, { v: 8 }]).seen).toEqual([1, 7, 8]);
  });

  it('starts over when a parameter changes (by Object.is), and not otherwise', () => {
    const { fold, visits } = summing();
    const run = items(1, 2);
    fold.fold(run, [0, 1, 'linear']);
    fold.fold(run, [0, 1, 'linear']);
    expect(visits()).toBe(2);
    fold.fold(run, [0, 2, 'linear']);
    expect(visits()).toBe(4);
    fold.fold(run, [0, 2]);
    expect(visits()).toBe(6);
    fold.fold(run, [Number.NaN]);
    fold.fold(run, [Number.NaN]);
    expect(visits()).toBe(8);
  });
});
