/**
 * Requests to the renderer's analysis worker (analysis.worker.ts): the computations the views
 * need besides runs — a linear autoencoder's analytic classes, 2-D loss slices through a point,
 * optimiser trajectories for the landscape, the check of a picked data file — each off the UI
 * thread.
 */
import type { SpecInput, SpecIssue } from '../../../core/experiment/spec.ts';
import type { LinearAeClass } from '../../../core/groundtruth/linear-autoencoder.ts';
import type { OptimizerSpecInput, OptimizerStop } from '../../../core/optimizers/optimizer.ts';
import type { LossField } from '../charts/loss-field.ts';
import type { SliceDirections } from '../lib/loss-slice.ts';
import type { RunFiles } from '../../../core/jobs/lab-api.ts';

export interface PlaneData {
  readonly center: Float64Array<ArrayBuffer>;
  readonly d1: Float64Array<ArrayBuffer>;
  readonly d2: Float64Array<ArrayBuffer>;
  readonly labels: readonly [string, string];
}

/** Every request about a spec carries the data files it names (picked in the builder), if any. */
export type AnalysisRequest =
  | { readonly type: 'truth'; readonly id: number; readonly spec: SpecInput; readonly files?: RunFiles }
  | {
      readonly type: 'slice';
      readonly id: number;
      readonly spec: SpecInput;
      readonly files?: RunFiles;
      readonly center: readonly number[];
      readonly directions: SliceDirections;
      readonly span: number;
      readonly resolution: number;
      readonly seed: number;
    }
  | {
      readonly type: 'trajectory';
      readonly id: number;
      readonly spec: SpecInput;
      readonly files?: RunFiles;
      /** Start in the plot's coordinates: θ for 2-D problems, (a, b) on `plane` otherwise. */
      readonly start: readonly [number, number];
      readonly optimizer: OptimizerSpecInput;
      readonly seed: number;
      readonly plane?: { readonly center: readonly number[]; readonly d1: readonly number[]; readonly d2: readonly number[] };
    }
  /** Parses a picked data file as a run would (CSV or .npy), off the UI thread. */
  | { readonly type: 'inspect'; readonly id: number; readonly name: string; readonly bytes: Uint8Array }
  /** Builds a spec's problem on its data files as a run would: what it refuses, at which field. */
  | { readonly type: 'check'; readonly id: number; readonly spec: SpecInput; readonly files?: RunFiles };

export interface CheckResult {
  /** Empty when the problem builds. */
  readonly issues: readonly SpecIssue[];
}

export interface InspectResult {
  readonly rows: number;
  readonly columns: number;
  readonly header: readonly string[] | null;
}

export interface TruthResult {
  readonly classes: LinearAeClass[] | null;
  /** Why there are none, when the problem is not a one-hidden-layer linear autoencoder. */
  readonly note: string;
}

export interface SliceResult {
  readonly field: LossField;
  readonly plane: PlaneData;
}

export interface TrajectoryResult {
  readonly method: string;
  /** (x, y) per recorded step, in the plot's coordinates. */
  readonly path: Float64Array<ArrayBuffer>;
  readonly loss: number[];
  readonly steps: number[];
  readonly stop: OptimizerStop;
  readonly notes: readonly string[];
}

export type AnalysisResponse = { readonly id: number; readonly ok: true; readonly result: unknown } | { readonly id: number; readonly ok: false; readonly message: string };
