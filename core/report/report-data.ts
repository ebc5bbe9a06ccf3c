/**
 * What a report is made of, whoever builds it (the CLI from a run folder, the app from a run in
 * memory): the spec, the summary, every start's record, the per-iteration traces kept, the
 * analytic classes of a linear autoencoder, and which points the charts single out. Pure data,
 * shared by the report builders here and the chart renderer (renderer/src/report/).
 */
import type { LinearAeClass } from '../groundtruth/linear-autoencoder.ts';
import type { SpecInput } from '../experiment/spec.ts';
import { isFailedStart, type PointRecord, type RunSummary, type StartRecord } from '../experiment/records.ts';

/** One start's per-iteration trace (plain arrays or typed arrays). */
export interface ReportTrace {
  readonly id: number;
  readonly loss: ArrayLike<number>;
  readonly gradNormSq: ArrayLike<number>;
}

export interface ReportMeta {
  /** ISO time the report was made. */
  readonly generatedAt: string;
  /** Where it was made: 'critlab CLI', 'critlab (browser)', … */
  readonly generator: string;
  readonly runId?: string;
  readonly status?: string;
  readonly startedAt?: string;
  readonly finishedAt?: string;
  readonly versions?: Readonly<Record<string, string>>;
}

/**
 * The landscape the app drew for a run, when it drew one: a 2-D slice of the loss through a
 * point (networks; sampled in the app, so the report redraws the same field) and the optimiser
 * paths launched from a click, in the plot's coordinates.
 */
export interface ReportLandscape {
  readonly slice?: {
    /** nx × ny losses over `box`, row-major from the bottom row up. */
    readonly field: { readonly nx: number; readonly ny: number; readonly box: readonly [readonly [number, number], readonly [number, number]]; readonly values: Float64Array; readonly min: number; readonly max: number };
    readonly labels: readonly [string, string];
    readonly centerId: number;
    readonly centerLoss: number;
  };
  readonly paths: readonly { readonly key: string; readonly label: string; readonly color: string; readonly points: ArrayLike<number>; readonly steps: number; readonly stop: string; readonly finalLoss: number }[];
}

export interface ReportRun {
  readonly title: string;
  readonly spec: SpecInput;
  readonly summary: RunSummary;
  /** Every start's record, failed ones included, in any order. */
  readonly records: readonly StartRecord[];
  readonly traces: readonly ReportTrace[];
  /** Analytic classes of a one-hidden-layer linear autoencoder, else null. */
  readonly truth: readonly LinearAeClass[] | null;
  /** The point whose spectrum is shown (default: the lowest-loss critical point). */
  readonly focusId?: number | null;
  /** Starts singled out (their traces are drawn; default: a sample). */
  readonly selectedIds?: readonly number[];
  /** The landscape drawn in the app (slice, optimiser paths); absent from the CLI. */
  readonly landscape?: ReportLandscape;
  readonly meta: ReportMeta;
}

/** The records that produced a point (failed starts dropped), in start-id order. */
export function pointRecords(records: readonly StartRecord[]): PointRecord[] {
  return records.filter((r): r is PointRecord => !isFailedStart(r)).sort((a, b) => a.id - b.id);
}

/**
 * The point a report's spectrum chart shows: the one asked for if it exists, else the critical
 * point of lowest loss, else the record of lowest ‖g‖²; null without points.
 */
export function focusRecord(points: readonly PointRecord[], focusId?: number | null): PointRecord | null {
  if (focusId !== undefined && focusId !== null) {
    const asked = points.find((p) => p.id === focusId);
    if (asked) return asked;
  }
  let best: PointRecord | null = null;
  for (const p of points) {
    if (p.status !== 'critical') continue;
    if (!best || p.loss < best.loss) best = p;
  }
  if (best) return best;
  for (const p of points) if (!best || p.gradNormSq < best.gradNormSq) best = p;
  return best;
}

/**
 * Starts whose traces a report draws: those selected (with a trace), else up to `limit` spread
 * evenly over the start ids that have one.
 */
export function traceSample(traces: readonly ReportTrace[], selectedIds: readonly number[] | undefined, limit = 12): ReportTrace[] {
  const byId = new Map(traces.map((t) => [t.id, t]));
  if (selectedIds && selectedIds.length > 0) {
    const chosen = selectedIds.map((id) => byId.get(id)).filter((t): t is ReportTrace => t !== undefined);
    if (chosen.length > 0) return chosen.slice(0, limit);
  }
  const sorted = [...traces].sort((a, b) => a.id - b.id);
  if (sorted.length <= limit) return sorted;
  return Array.from({ length: limit }, (_, i) => sorted[Math.floor((i * sorted.length) / limit)]);
}
