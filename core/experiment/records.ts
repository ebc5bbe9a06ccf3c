/**
 * Run records: one `PointRecord` per finder start (a line of points.jsonl) and the run summary
 * kept in run.json. Field names are a user-facing contract (DESIGN.md §3).
 */
import type { TrajectoryProvenance } from './trajectory-sampling.ts';

/** How a finder run ended (DESIGN.md §4). */
export type PointStatus = 'critical' | 'gradient-flat' | 'stalled' | 'max-iterations' | 'diverged';

/** Second-order type of a critical point, from its eigenvalue counts. */
export type PointType = 'minimum' | 'maximum' | 'saddle' | 'degenerate';

export interface PointRecord {
  /** Start id, stable for a given spec and seed (0-based). */
  readonly id: number;
  readonly status: PointStatus;
  /** Why the finder stopped, in its own words (e.g. "converged", "line search failed"). */
  readonly stopReason: string;
  /** Flag of the finder's last inner solve (MINRES-QLP: 'compatible', 'least-squares', …; '' if none). */
  readonly innerFlag?: string;
  readonly loss: number;
  readonly gradNormSq: number;
  readonly iterations: number;
  /** Hessian-vector products spent (including those of the final analysis). */
  readonly hvps: number;
  /** Fraction of negative Hessian eigenvalues. */
  readonly index: number;
  readonly negative: number;
  readonly zero: number;
  readonly positive: number;
  readonly type: PointType;
  /** Distinct critical point this record converged to (0-based, in order of discovery); null if not critical. */
  readonly cluster: number | null;
  readonly theta: number[];
  readonly start: number[];
  /** Hessian eigenvalues, ascending: all of them ('full'), or the extreme ones from both ends ('slq'). */
  readonly eigenvalues?: number[];
  /** How the counts were obtained: exactly from the full spectrum, or estimated by SLQ. */
  readonly spectrumMethod?: 'full' | 'slq';
  /** Gradient-flatness measures (DESIGN.md §4), for end points that are not critical. */
  readonly flatness?: { readonly r: number; readonly rH: number; readonly rayleigh: number; readonly flag: string };
  /** Loss on the held-out split, when the data set has one. */
  readonly testLoss?: number;
  /**
   * Linear autoencoders: the analytic class this critical point belongs to (null when it matches
   * none, or is not critical). Deep linear networks carry the class's loss and subset only.
   */
  readonly truth?: TruthRecord | null;
  /** The spectrum was counted at the rebalanced factorisation (same orbit, same inertia). */
  readonly rebalanced?: boolean;
  /** Caveats about this point's figures (e.g. a loss that is not twice differentiable). */
  readonly warnings?: string[];
  /** For trajectory sampling: the optimiser run and the point on it this start came from. */
  readonly provenance?: TrajectoryProvenance;
  readonly finder: string;
  readonly elapsedMs: number;
}

export interface TruthRecord {
  /** Eigenvector indices of the class (0 = largest eigenvalue of the data covariance). */
  readonly subset: number[];
  readonly loss: number;
  readonly index?: number;
  readonly negative?: number;
  readonly zero?: number;
  readonly positive?: number;
  /** ‖end-to-end map − U_I U_Iᵀ‖_F at the found point. */
  readonly productError: number;
}

/** A start that produced no point: its compute process crashed on it twice (see jobs/scheduler.ts). */
export interface FailedStart {
  readonly id: number;
  readonly status: 'failed';
  readonly error: string;
}

/** One line of points.jsonl. */
export type StartRecord = PointRecord | FailedStart;

export function isFailedStart(record: StartRecord): record is FailedStart {
  return record.status === 'failed';
}

export interface StatusCounts {
  critical: number;
  'gradient-flat': number;
  stalled: number;
  'max-iterations': number;
  diverged: number;
}

export function emptyStatusCounts(): StatusCounts {
  return { critical: 0, 'gradient-flat': 0, stalled: 0, 'max-iterations': 0, diverged: 0 };
}

/** A distinct critical point: the first record of its cluster, with how many starts reached it. */
export interface DistinctPoint {
  readonly cluster: number;
  readonly type: PointType;
  readonly loss: number;
  readonly index: number;
  readonly negative: number;
  readonly zero: number;
  readonly positive: number;
  readonly theta: number[];
  readonly hits: number;
  /** Linear autoencoders: the analytic class of this cluster. */
  readonly truth?: TruthRecord;
}

export interface RunSummary {
  readonly total: number;
  readonly finished: number;
  readonly cancelled: boolean;
  readonly counts: StatusCounts;
  readonly distinct: DistinctPoint[];
  readonly elapsedMs: number;
  /** Starts recorded as failed (their worker crashed twice), when any. */
  readonly failed?: number;
  /** The loss–index relation of the critical points (when at least 3 and both vary). */
  readonly lossIndex?: LossIndexFit;
}

export interface LossIndexFit {
  readonly points: number;
  readonly slope: number;
  readonly intercept: number;
  /** Pearson correlation of loss and index. */
  readonly r: number;
}

export function classifyType(negative: number, zero: number, positive: number): PointType {
  if (negative > 0 && positive > 0) return 'saddle';
  if (zero > 0) return 'degenerate';
  return negative === 0 ? 'minimum' : 'maximum';
}

/** The distinct point a critical record founds (first of its cluster, one hit so far). */
export function distinctPointOf(record: PointRecord, cluster: number): DistinctPoint {
  return {
    cluster,
    type: record.type,
    loss: record.loss,
    index: record.index,
    negative: record.negative,
    zero: record.zero,
    positive: record.positive,
    theta: record.theta,
    hits: 1,
    ...(record.truth ? { truth: record.truth } : {}),
  };
}
