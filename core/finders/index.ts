/**
 * Public API of core/finders: the finder contract, one generator per method, their options and
 * defaults, the spec schema of the `finder` section, and two dispatchers — `finders` (a registry
 * keyed by method: defaults plus `run(objective, start, partialOptions)`) and `runFinderSpec`
 * (runs a validated `FinderSpec`). Both fill every option the caller leaves out from the
 * method's `DEFAULT_…_OPTIONS`.
 */
import type { CommonFinderOptions, FinderRun, Objective } from './finder.ts';
import { DEFAULT_DAMPED_NEWTON_OPTIONS, dampedNewton, type DampedNewtonOptions } from './damped-newton.ts';
import { DEFAULT_GNM_OPTIONS, gnm, type GnmOptions } from './gnm.ts';
import { DEFAULT_NEWTON_OPTIONS, newton, type NewtonOptions } from './newton.ts';
import { DEFAULT_NEWTON_MR_OPTIONS, newtonMr, type NewtonMrOptions } from './newton-mr.ts';
import { DEFAULT_SADDLE_FREE_NEWTON_OPTIONS, saddleFreeNewton, type SaddleFreeNewtonOptions } from './saddle-free-newton.ts';
import type { FinderMethod, FinderSpec } from './finder-spec.ts';

export type {
  CommonFinderOptions,
  FinderIterate,
  FinderResult,
  FinderRun,
  FinderStop,
  FinderTrace,
  Objective,
} from './finder.ts';
export { DEFAULT_COMMON_FINDER_OPTIONS, newTrace, pushTrace, sumOfSquares } from './finder.ts';
export { DEFAULT_NEWTON_OPTIONS, NEWTON_MAX_DIMENSION, newton, type NewtonOptions } from './newton.ts';
export { DEFAULT_NEWTON_MR_OPTIONS, newtonMr, type NewtonMrOptions } from './newton-mr.ts';
export { DEFAULT_DAMPED_NEWTON_OPTIONS, dampedNewton, type DampedNewtonOptions } from './damped-newton.ts';
export { DEFAULT_GNM_OPTIONS, gnm, type GnmOptions, type GnmVariant } from './gnm.ts';
export { DEFAULT_SADDLE_FREE_NEWTON_OPTIONS, saddleFreeNewton, type SaddleFreeNewtonOptions } from './saddle-free-newton.ts';
export {
  DEFAULT_WOLFE_OPTIONS,
  createWolfeResult,
  hermiteCubicMinimiser,
  wolfeLineSearch,
  type LineFunction,
  type WolfeOptions,
  type WolfeResult,
  type WolfeStatus,
} from './wolfe-line-search.ts';
export {
  DEFAULT_FINDER_SPEC,
  FINDER_METHODS,
  dampedNewtonSpecSchema,
  finderSpecSchema,
  gnmSpecSchema,
  newtonMrSpecSchema,
  newtonSpecSchema,
  saddleFreeNewtonSpecSchema,
  type FinderMethod,
  type FinderSpec,
  type FinderSpecInput,
} from './finder-spec.ts';

/** Each method's full options type. */
export interface FinderOptionsByMethod {
  readonly 'newton-mr': NewtonMrOptions;
  readonly 'damped-newton': DampedNewtonOptions;
  readonly gnm: GnmOptions;
  readonly 'saddle-free-newton': SaddleFreeNewtonOptions;
  readonly newton: Required<NewtonOptions>;
}

export interface FinderEntry<O extends CommonFinderOptions> {
  readonly label: string;
  readonly defaults: O;
  /** Runs the method from `start` (not modified); options left out take `defaults`. */
  run(objective: Objective, start: Float64Array, options?: Partial<O>): FinderRun;
}

export const finders: { readonly [M in FinderMethod]: FinderEntry<FinderOptionsByMethod[M]> } = {
  'newton-mr': {
    label: 'Newton-MR',
    defaults: DEFAULT_NEWTON_MR_OPTIONS,
    run: (objective, start, options = {}) => newtonMr(objective, start, withDefaults(DEFAULT_NEWTON_MR_OPTIONS, options)),
  },
  'damped-newton': {
    label: 'Damped Newton',
    defaults: DEFAULT_DAMPED_NEWTON_OPTIONS,
    run: (objective, start, options = {}) => dampedNewton(objective, start, withDefaults(DEFAULT_DAMPED_NEWTON_OPTIONS, options)),
  },
  gnm: {
    label: 'Gradient-norm minimisation',
    defaults: DEFAULT_GNM_OPTIONS,
    run: (objective, start, options = {}) => gnm(objective, start, withDefaults(DEFAULT_GNM_OPTIONS, options)),
  },
  'saddle-free-newton': {
    label: 'Saddle-free Newton',
    defaults: DEFAULT_SADDLE_FREE_NEWTON_OPTIONS,
    run: (objective, start, options = {}) => saddleFreeNewton(objective, start, withDefaults(DEFAULT_SADDLE_FREE_NEWTON_OPTIONS, options)),
  },
  newton: {
    label: 'Newton',
    defaults: DEFAULT_NEWTON_OPTIONS,
    run: (objective, start, options = {}) => newton(objective, start, withDefaults(DEFAULT_NEWTON_OPTIONS, options)),
  },
};

/** `defaults` overridden by the options that are present (an explicit `undefined` keeps the default). */
function withDefaults<O extends object>(defaults: O, options: Partial<O>): O {
  const merged = { ...defaults } as Record<string, unknown>;
  for (const [key, value] of Object.entries(options)) if (value !== undefined) merged[key] = value;
  return merged as O;
}

/** Runs the finder a validated spec section describes (recordPath is the runner's choice). */
export function runFinderSpec(spec: FinderSpec, objective: Objective, start: Float64Array, recordPath = false): FinderRun {
  switch (spec.method) {
    case 'newton-mr': {
      const { method: _, ...options } = spec;
      return finders['newton-mr'].run(objective, start, { ...options, recordPath });
    }
    case 'damped-newton': {
      const { method: _, ...options } = spec;
      return finders['damped-newton'].run(objective, start, { ...options, recordPath });
    }
    case 'gnm': {
      const { method: _, ...options } = spec;
      return finders.gnm.run(objective, start, { ...options, recordPath });
    }
    case 'saddle-free-newton': {
      const { method: _, ...options } = spec;
      return finders['saddle-free-newton'].run(objective, start, { ...options, recordPath });
    }
    case 'newton': {
      const { method: _, ...options } = spec;
      return finders.newton.run(objective, start, { ...options, recordPath });
    }
  }
}
