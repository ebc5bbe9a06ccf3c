/**
 * Folds point records into a run's picture: status counts, distinct critical points (each
 * critical record is assigned to a cluster, see analysis/cluster-index.ts) and the summary
 * stored in run.json. Whoever sees all the records of a run aggregates them: the runner for
 * its own starts, a pool or a resumed run for the whole. Fed in start-id order it gives the
 * same cluster numbering however the run was split, resumed or parallelised.
 */
import { ClusterIndex } from '../analysis/cluster-index.ts';
import { distinctPointOf, emptyStatusCounts, type DistinctPoint, type LossIndexFit, type PointRecord, type RunSummary, type StatusCounts } from './records.ts';

export class RunAggregator {
  private readonly clusters: ClusterIndex;
  private readonly distinctPoints: DistinctPoint[] = [];
  private readonly statusCounts: StatusCounts = emptyStatusCounts();
  private recordCount = 0;
  /** Sums for the least-squares line index ≈ a + b·loss over critical records. */
  private readonly fit = { n: 0, x: 0, y: 0, xx: 0, yy: 0, xy: 0 };
  /** Cluster id of each class ('class …') or θ-cluster ('theta …'), in order of discovery. */
  private readonly byKey = new Map<string, number>();

  constructor(dedupTolerance: number) {
    this.clusters = new ClusterIndex(dedupTolerance);
  }

  /** Counts the record and returns it with its cluster assigned (null unless critical). */
  add(record: PointRecord): PointRecord {
    this.statusCounts[record.status]++;
    this.recordCount++;
    if (record.status !== 'critical') return record.cluster === null ? record : { ...record, cluster: null };
    const f = this.fit;
    f.n++;
    f.x += record.loss;
    f.y += record.index;
    f.xx += record.loss * record.loss;
    f.yy += record.index * record.index;
    f.xy += record.loss * record.index;
    const cluster = this.clusterOf(record);
    if (cluster === this.distinctPoints.length) {
      this.distinctPoints.push(distinctPointOf(record, cluster));
    } else {
      const d = this.distinctPoints[cluster];
      this.distinctPoints[cluster] = { ...d, hits: d.hits + 1 };
    }
    return record.cluster === cluster ? record : { ...record, cluster };
  }

  /**
   * Linear autoencoders: points of one analytic class are one critical point up to the GL(p)
   * symmetry, so the class is the cluster (raw θ would split every orbit). Otherwise θ and loss.
   */
  private clusterOf(record: PointRecord): number {
    const key = record.truth
      ? `class ${record.truth.subset.join(',')}`
      : `theta ${this.clusters.assign(Float64Array.from(record.theta), record.loss)}`;
    let cluster = this.byKey.get(key);
    if (cluster === undefined) {
      cluster = this.distinctPoints.length;
      this.byKey.set(key, cluster);
    }
    return cluster;
  }

  get finished(): number {
    return this.recordCount;
  }

  get counts(): StatusCounts {
    return { ...this.statusCounts };
  }

  get distinct(): DistinctPoint[] {
    return [...this.distinctPoints];
  }

  /**
   * The loss–index relation of the critical points found: least-squares line index = a + b·loss
   * and Pearson's r (DESIGN.md §4: linear for the linear autoencoder). Null below 3 points or
   * when loss or index does not vary.
   */
  get lossIndex(): LossIndexFit | null {
    const { n, x, y, xx, yy, xy } = this.fit;
    if (n < 3) return null;
    const sxx = xx - (x * x) / n;
    const syy = yy - (y * y) / n;
    const sxy = xy - (x * y) / n;
    if (!(sxx > 0) || !(syy > 0)) return null;
    const slope = sxy / sxx;
    return { points: n, slope, intercept: (y - slope * x) / n, r: sxy / Math.sqrt(sxx * syy) };
  }

  summary(total: number, cancelled: boolean, elapsedMs: number): RunSummary {
    const lossIndex = this.lossIndex;
    return { total, finished: this.recordCount, cancelled, counts: this.counts, distinct: this.distinct, elapsedMs, ...(lossIndex ? { lossIndex } : {}) };
  }
}
