/**
 * What a run's landscape panel shows and how it was asked for: the optimisers and their settings,
 * the 2-D slice through a point (networks) and the trajectories launched from a click. It is
 * kept with the run, not the panel, so switching tabs keeps the slice and the trajectories, and
 * the run's HTML report draws the same landscape.
 */
import type { SliceResult, TrajectoryResult } from '../host/analysis-messages.ts';
import type { SliceDirections } from './loss-slice.ts';

export type LandscapeMethod = 'gd' | 'momentum' | 'adam' | 'perturbed-gd' | 'sgld';

/** A slice and the point it goes through. */
export type LandscapeSlice = SliceResult & { readonly centerId: number; readonly centerLoss: number };

/** An optimiser's path from the clicked start, with how it is drawn. */
export type LandscapeTrajectory = TrajectoryResult & { readonly key: string; readonly label: string; readonly color: string };

export class LandscapeState {
  chosen = $state<Record<LandscapeMethod, boolean>>({ gd: true, momentum: false, adam: false, 'perturbed-gd': true, sgld: false });
  /** Learning rates the user set (null: the method's default for the problem kind). */
  rates = $state<Record<LandscapeMethod, number | null>>({ gd: null, momentum: null, adam: null, 'perturbed-gd': null, sgld: null });
  steps = $state(400);
  seed = $state(0);
  directions = $state<SliceDirections>('hessian-min-max');
  span = $state(1);
  resolution = $state(41);
  slice = $state.raw<LandscapeSlice | null>(null);
  /** Whether the automatic slice through the best point was already asked for. */
  autoSliced = false;
  trajectories = $state.raw<LandscapeTrajectory[]>([]);
  /** Where the trajectories started (plot coordinates). */
  clicked = $state<[number, number] | null>(null);
}
