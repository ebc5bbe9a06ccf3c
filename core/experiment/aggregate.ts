/**
 * Folds point records into a run's picture: status counts, distinct critical points (each
 * critical record is assigned to a cluster, see analysis/cluster-index.ts) and the summary
 * stored in run.json. Whoever sees all the records of a run aggregates them: the runner for
 * its own starts, a pool or a resumed run for the whole. Fed in start-id order it gives the
 * same cluster numbering however the run was split, resumed or parallelised.
 */
import { ClusterIndex } from '../analysis/cluster-index.ts';
import { emptyStatusCounts, type DistinctPoint, type PointRecord, type RunSummary, type StatusCounts } from './records.ts';

export class RunAggregator {
  private readonly clusters: ClusterIndex;
  private readonly distinctPoints: DistinctPoint[] = [];
  private readonly statusCounts: StatusCounts = emptyStatusCounts();
  private recordCount = 0;

  constructor(dedupTolerance: number) {
    this.clusters = new ClusterIndex(dedupTolerance);
  }

  /** Counts the record and returns it with its cluster assigned (null unless critical). */
  add(record: PointRecord): PointRecord {
    this.statusCounts[record.status]++;
    this.recordCount++;
    if (record.status !== 'critical') return record.cluster === null ? record : { ...record, cluster: null };
    const cluster = this.clusters.assign(Float64Array.from(record.theta), record.loss);
    if (cluster === this.distinctPoints.length) {
      this.distinctPoints.push({
        cluster,
        type: record.type,
        loss: record.loss,
        index: record.index,
        negative: record.negative,
        zero: record.zero,
        positive: record.positive,
        theta: record.theta,
        hits: 1,
      });
    } else {
      const d = this.distinctPoints[cluster];
      this.distinctPoints[cluster] = { ...d, hits: d.hits + 1 };
    }
    return record.cluster === cluster ? record : { ...record, cluster };
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

  summary(total: number, cancelled: boolean, elapsedMs: number): RunSummary {
    return { total, finished: this.recordCount, cancelled, counts: this.counts, distinct: this.distinct, elapsedMs };
  }
}
