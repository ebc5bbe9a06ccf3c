/**
 * The `finder` section of the experiment spec (DESIGN.md §3): one zod discriminated union on
 * `method`, one strict object per method (unknown keys are rejected, naming the key), with the
 * common fields `maxIterations` (500), `tolerance` (‖g‖² success threshold, 1e-10: DESIGN.md §4)
 * and `divergence` (1e8), and each method's own options. Every default is read from the finder's
 * `DEFAULT_…_OPTIONS`, so the schema and the code cannot disagree. `recordPath` is not part of
 * the spec (the runner decides it). `DEFAULT_FINDER_SPEC` is Newton-MR with all defaults.
 */
import { z } from 'zod';
import { DEFAULT_COMMON_FINDER_OPTIONS } from './finder.ts';
import { DEFAULT_NEWTON_OPTIONS } from './newton.ts';
import { DEFAULT_NEWTON_MR_OPTIONS } from './newton-mr.ts';
import { DEFAULT_DAMPED_NEWTON_OPTIONS } from './damped-newton.ts';
import { DEFAULT_GNM_OPTIONS } from './gnm.ts';
import { DEFAULT_SADDLE_FREE_NEWTON_OPTIONS } from './saddle-free-newton.ts';

const common = {
  maxIterations: z.number().int().min(1).max(1_000_000).default(DEFAULT_COMMON_FINDER_OPTIONS.maxIterations),
  /** A run is `critical` when ‖∇L‖² falls below this (DESIGN.md §4: 1e-10 is the loosest safe value). */
  tolerance: z.number().positive().max(1).default(DEFAULT_COMMON_FINDER_OPTIONS.tolerance),
  /** ‖θ‖ beyond this counts as divergence. */
  divergence: z.number().positive().default(DEFAULT_COMMON_FINDER_OPTIONS.divergence),
};

/** Armijo constant ρ ∈ (0, 1/2). */
const rho = (value: number) => z.number().gt(0).lt(0.5).default(value);
/** Backtracking factor β ∈ (0, 1). */
const beta = (value: number) => z.number().gt(0).lt(1).default(value);
const maxBacktracks = (value: number) => z.number().int().min(1).max(1000).default(value);
/** Inner (MINRES / MINRES-QLP) relative tolerance. */
const innerRtol = (value: number) => z.number().positive().lt(1).default(value);
/** Inner iteration limit; null means the solver's default 4n. */
const innerMaxIterations = (value: number | null) => z.number().int().min(1).max(1_000_000).nullable().default(value);

export const newtonSpecSchema = z.strictObject({
  method: z.literal('newton'),
  ...common,
  rho: rho(DEFAULT_NEWTON_OPTIONS.rho),
  beta: beta(DEFAULT_NEWTON_OPTIONS.beta),
  maxBacktracks: maxBacktracks(DEFAULT_NEWTON_OPTIONS.maxBacktracks),
  /** Dense LU up to this many parameters, MINRES above. */
  denseMaxDimension: z.number().int().min(0).max(10_000).default(DEFAULT_NEWTON_OPTIONS.denseMaxDimension),
  innerRtol: innerRtol(DEFAULT_NEWTON_OPTIONS.innerRtol),
  innerMaxIterations: innerMaxIterations(DEFAULT_NEWTON_OPTIONS.innerMaxIterations),
});

export const newtonMrSpecSchema = z.strictObject({
  method: z.literal('newton-mr'),
  ...common,
  rho: rho(DEFAULT_NEWTON_MR_OPTIONS.rho),
  /** First step size α₀ ∈ (0, 1]. */
  alpha0: z.number().gt(0).max(1).default(DEFAULT_NEWTON_MR_OPTIONS.alpha0),
  beta: beta(DEFAULT_NEWTON_MR_OPTIONS.beta),
  maxBacktracks: maxBacktracks(DEFAULT_NEWTON_MR_OPTIONS.maxBacktracks),
  innerRtol: innerRtol(DEFAULT_NEWTON_MR_OPTIONS.innerRtol),
  innerMaxIterations: innerMaxIterations(DEFAULT_NEWTON_MR_OPTIONS.innerMaxIterations),
});

export const dampedNewtonSpecSchema = z.strictObject({
  method: z.literal('damped-newton'),
  ...common,
  /** Damping grid γ > 0, tried in order; the candidate with the smallest ‖g‖² wins. */
  gammas: z.array(z.number().positive().finite()).min(1).max(100).default([...DEFAULT_DAMPED_NEWTON_OPTIONS.gammas]),
  innerRtol: innerRtol(DEFAULT_DAMPED_NEWTON_OPTIONS.innerRtol),
  innerMaxIterations: innerMaxIterations(DEFAULT_DAMPED_NEWTON_OPTIONS.innerMaxIterations),
});

export const gnmSpecSchema = z
  .strictObject({
    method: z.literal('gnm'),
    ...common,
    /** 'steepest-descent', 'bfgs' (dense up to bfgsMaxDimension, L-BFGS above) or 'lbfgs'. */
    variant: z.enum(['steepest-descent', 'bfgs', 'lbfgs']).default(DEFAULT_GNM_OPTIONS.variant),
    bfgsMaxDimension: z.number().int().min(0).max(5000).default(DEFAULT_GNM_OPTIONS.bfgsMaxDimension),
    /** L-BFGS memory m. */
    memory: z.number().int().min(1).max(1000).default(DEFAULT_GNM_OPTIONS.memory),
    /** Strong-Wolfe constants, 0 < c1 < c2 < 1. */
    c1: z.number().gt(0).lt(1).default(DEFAULT_GNM_OPTIONS.c1),
    c2: z.number().gt(0).lt(1).default(DEFAULT_GNM_OPTIONS.c2),
    maxEvaluations: z.number().int().min(2).max(1000).default(DEFAULT_GNM_OPTIONS.maxEvaluations),
  })
  .refine((spec) => spec.c1 < spec.c2, { message: 'the Wolfe constants need c1 < c2', path: ['c2'] });

export const saddleFreeNewtonSpecSchema = z.strictObject({
  method: z.literal('saddle-free-newton'),
  ...common,
  /** Krylov subspace dimension k (capped at the number of parameters). */
  krylovDimension: z.number().int().min(1).max(1000).default(DEFAULT_SADDLE_FREE_NEWTON_OPTIONS.krylovDimension),
  /** Damping λ ≥ 0 added to |eigenvalues|. */
  damping: z.number().min(0).finite().default(DEFAULT_SADDLE_FREE_NEWTON_OPTIONS.damping),
  /** Relative curvature floor ν ∈ [0, 1). */
  minCurvature: z.number().min(0).lt(1).default(DEFAULT_SADDLE_FREE_NEWTON_OPTIONS.minCurvature),
  rho: rho(DEFAULT_SADDLE_FREE_NEWTON_OPTIONS.rho),
  beta: beta(DEFAULT_SADDLE_FREE_NEWTON_OPTIONS.beta),
  maxBacktracks: maxBacktracks(DEFAULT_SADDLE_FREE_NEWTON_OPTIONS.maxBacktracks),
});

export const finderSpecSchema = z.discriminatedUnion('method', [
  newtonMrSpecSchema,
  dampedNewtonSpecSchema,
  gnmSpecSchema,
  saddleFreeNewtonSpecSchema,
  newtonSpecSchema,
]);

export type FinderSpecInput = z.input<typeof finderSpecSchema>;
export type FinderSpec = z.output<typeof finderSpecSchema>;
export type FinderMethod = FinderSpec['method'];

/** All finder methods, in the order DESIGN.md lists them. */
export const FINDER_METHODS: readonly FinderMethod[] = ['newton-mr', 'damped-newton', 'gnm', 'saddle-free-newton', 'newton'];

/** The finder section used when a spec leaves it out: Newton-MR with its defaults. */
export const DEFAULT_FINDER_SPEC: FinderSpec = finderSpecSchema.parse({ method: 'newton-mr' });
