/**
 * Starting points for the finders. `grid`: the Cartesian product of evenly spaced points on
 * each axis of a box (endpoints included; the first variable varies slowest). `uniform`: points
 * drawn uniformly from the box with the spec's seed. Ids are positions in this list, so a
 * given spec always numbers its starts the same way (pool workers, shards and resumed runs
 * rely on it).
 */
import { SpecError, type SamplingSpec } from './spec.ts';

type BoxSampling = Exclude<SamplingSpec, { strategy: 'trajectory' }>;

export interface Start {
  readonly id: number;
  readonly theta: Float64Array;
}

export type Box = readonly (readonly [number, number])[];

export function linspace(lo: number, hi: number, count: number): number[] {
  if (count === 1) return [(lo + hi) / 2];
  const out: number[] = [];
  for (let i = 0; i < count; i++) out.push(i === count - 1 ? hi : lo + ((hi - lo) * i) / (count - 1));
  return out;
}

/** Upper bound on starts in one run; a larger request is refused with a message that says so. */
export const MAX_STARTS = 1_000_000;

export function planStarts(
  sampling: BoxSampling,
  dimension: number,
  defaultBox: Box | undefined,
  random: () => number,
): Start[] {
  const box = sampling.box ?? defaultBox;
  if (!box) throw new SpecError('sampling.box', 'this problem has no default box: give sampling.box as [[lo, hi], …], one interval per parameter');
  if (box.length !== dimension) {
    throw new SpecError('sampling.box', `needs ${dimension} intervals (one per parameter), got ${box.length}`);
  }
  if (sampling.strategy === 'grid') {
    const counts = typeof sampling.count === 'number' ? box.map(() => sampling.count as number) : sampling.count;
    if (counts.length !== dimension) {
      throw new SpecError('sampling.count', `needs ${dimension} entries (one per parameter), got ${counts.length}`);
    }
    const total = counts.reduce((a, b) => a * b, 1);
    if (total > MAX_STARTS) throw new SpecError('sampling.count', `a grid of ${total} starts exceeds the limit of ${MAX_STARTS}`);
    const axes = box.map(([lo, hi], d) => linspace(lo, hi, counts[d]));
    const starts: Start[] = [];
    const index = new Array<number>(dimension).fill(0);
    for (let id = 0; id < total; id++) {
      const theta = new Float64Array(dimension);
      for (let d = 0; d < dimension; d++) theta[d] = axes[d][index[d]];
      starts.push({ id, theta });
      for (let d = dimension - 1; d >= 0; d--) {
        if (++index[d] < counts[d]) break;
        index[d] = 0;
      }
    }
    return starts;
  }
  const starts: Start[] = [];
  for (let id = 0; id < sampling.starts; id++) {
    const theta = new Float64Array(dimension);
    for (let d = 0; d < dimension; d++) theta[d] = box[d][0] + (box[d][1] - box[d][0]) * random();
    starts.push({ id, theta });
  }
  return starts;
}
