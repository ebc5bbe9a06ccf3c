/**
 * Form fields read from the spec's own zod schemas, so the builder shows every option of every
 * finder, optimiser and analysis setting the schema has today (and new ones as they are added)
 * with their defaults and bounds. Only simple fields are described (numbers, booleans, enums,
 * lists of numbers); anything else is left to a section's own form.
 */
import type { z } from 'zod';

export type FieldKind = 'number' | 'integer' | 'boolean' | 'enum' | 'numbers';

export interface FieldDescriptor {
  readonly key: string;
  readonly label: string;
  readonly kind: FieldKind;
  readonly defaultValue: unknown;
  /** null is a valid value (e.g. "solver default"). */
  readonly nullable: boolean;
  readonly options: readonly string[];
  readonly min?: number;
  readonly max?: number;
  /** Bounds are strict (>, <). */
  readonly minExclusive?: boolean;
  readonly maxExclusive?: boolean;
  readonly hint: string;
}

/** Labels and hints for the fields of the spec's sections (fallback: the key, spaced out). */
const LABELS: Record<string, [string, string?]> = {
  maxIterations: ['max. iterations'],
  tolerance: ['tolerance', '‖∇L‖² below this counts as critical (DESIGN: 1e-10 or stricter)'],
  divergence: ['divergence', '‖θ‖ beyond this counts as diverged'],
  rho: ['Armijo ρ', 'sufficient-decrease constant, 0 < ρ < ½'],
  alpha0: ['first step α₀'],
  beta: ['backtracking β'],
  maxBacktracks: ['max. backtracks'],
  innerRtol: ['inner rtol', 'relative tolerance of the inner MINRES(-QLP) solve'],
  innerMaxIterations: ['inner max. iterations', 'empty: the solver default 4n'],
  denseMaxDimension: ['dense up to n', 'dense LU up to this many parameters, MINRES above'],
  gammas: ['damping grid γ', 'comma-separated; the best candidate is kept'],
  variant: ['variant'],
  bfgsMaxDimension: ['dense BFGS up to n'],
  memory: ['L-BFGS memory m'],
  c1: ['Wolfe c₁'],
  c2: ['Wolfe c₂'],
  maxEvaluations: ['max. evaluations', 'per line search'],
  krylovDimension: ['Krylov dimension k'],
  damping: ['damping λ'],
  minCurvature: ['curvature floor ν'],
  spectrum: ['spectrum', "auto: full up to 2000 parameters, Lanczos + SLQ above"],
  zeroCutoff: ['zero cutoff', '|λ| ≤ cutoff·‖H‖ counts as zero'],
  lanczosK: ['Lanczos k', 'extreme eigenvalues kept from each end'],
  slqProbes: ['SLQ probes'],
  slqSteps: ['SLQ steps'],
  rThreshold: ['r threshold', 'gradient-flat when r exceeds this…'],
  rHThreshold: ['r_H threshold', '…and r_H is below this'],
  dedupTolerance: ['dedup tolerance', 'points closer than this (relative) are the same point'],
  polishIterations: ['polish iterations'],
  polishTolerance: ['polish tolerance'],
  steps: ['steps'],
  learningRate: ['learning rate'],
  momentum: ['momentum β'],
  beta1: ['β₁'],
  beta2: ['β₂'],
  epsilon: ['ε'],
  batchSize: ['batch size', 'empty: full batch'],
  exactLoss: ['exact loss', 'record the full-batch loss at every step'],
  radius: ['perturbation radius r'],
  gradientThreshold: ['g threshold', 'perturb when ‖g‖ falls below this'],
  stepThreshold: ['t threshold', 'steps between perturbations'],
  lossThreshold: ['f threshold'],
  noise: ['noise'],
  temperature: ['temperature T'],
  decay: ['decay'],
  decayOffset: ['decay offset b'],
  lipschitz: ['Lipschitz M'],
  adaptive: ['adaptive M'],
  minLipschitz: ['min. M'],
  starts: ['starts'],
  seed: ['seed'],
  pick: ['pick', 'which step of each trajectory becomes a start'],
  perturbProbability: ['perturbed fraction'],
  perturbScale: ['perturbation σ'],
};

/** Labels that depend on the section (the data set's `spectrum` is not the analysis's). */
const SECTION_LABELS: Record<string, [string, string?]> = {
  'data:spectrum': ['covariance spectrum', 'eigenvalues of the data covariance; 1..16 means 1, 2, …, 16'],
  'data:samples': ['samples'],
  'data:test': ['held out', 'test samples: a count, or a fraction below 1'],
  'data:rotate': ['rotate', 'by a seeded random orthogonal matrix'],
  'data:exact': ['exact covariance', 'whiten the sample to exactly this spectrum'],
  'data:size': ['image size', 'pixels per side after resizing'],
  'data:crop': ['crop', 'central crop before resizing'],
  'data:standardize': ['standardise'],
  'data:classes': ['classes'],
  'data:components': ['PCA components'],
  'data:reduce': ['reduce by'],
  'data:task': ['task'],
  'optimizer:tolerance': ['tolerance', 'stop a trajectory when ‖g‖² falls below this (0: never)'],
};

export function humanise(key: string): string {
  return key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
}

// zod 4 keeps a schema's kind in `type` and its parts in `def`.
type AnySchema = { type: string; def: Record<string, unknown> & { innerType?: AnySchema; defaultValue?: unknown; checks?: { _zod: { def: { check: string; value?: number; inclusive?: boolean; format?: string } } }[]; entries?: Record<string, string>; element?: AnySchema }; format?: string | null };

function unwrap(schema: AnySchema): { base: AnySchema; defaultValue: unknown; nullable: boolean } {
  let s = schema;
  let defaultValue: unknown;
  let nullable = false;
  for (let guard = 0; guard < 10; guard++) {
    if (s.type === 'default' || s.type === 'prefault') {
      const d = s.def.defaultValue;
      defaultValue = typeof d === 'function' ? (d as () => unknown)() : d;
    } else if (s.type === 'nullable') nullable = true;
    else if (s.type !== 'optional') break;
    s = s.def.innerType!;
  }
  return { base: s, defaultValue, nullable };
}

function bounds(schema: AnySchema): Pick<FieldDescriptor, 'min' | 'max' | 'minExclusive' | 'maxExclusive'> & { integer: boolean } {
  const out: { min?: number; max?: number; minExclusive?: boolean; maxExclusive?: boolean; integer: boolean } = { integer: false };
  for (const check of schema.def.checks ?? []) {
    const c = check._zod.def;
    if (c.check === 'greater_than' && c.value !== undefined && (out.min === undefined || c.value >= out.min)) [out.min, out.minExclusive] = [c.value, !c.inclusive];
    else if (c.check === 'less_than' && c.value !== undefined && (out.max === undefined || c.value <= out.max)) [out.max, out.maxExclusive] = [c.value, !c.inclusive];
    else if (c.check === 'number_format' && /int/.test(c.format ?? '')) out.integer = true;
  }
  if (/int/.test(schema.format ?? '')) out.integer = true;
  // Safe-integer formats carry their own ±2^53 bounds: not worth showing.
  if (out.min !== undefined && Math.abs(out.min) >= 2 ** 53 - 1) delete out.min;
  if (out.max !== undefined && Math.abs(out.max) >= 2 ** 53 - 1) delete out.max;
  return out;
}

/** The simple fields of a (strict) object schema, in declaration order; `exclude` skips keys. */
export function schemaFields(schema: z.ZodType, exclude: readonly string[] = [], section = ''): FieldDescriptor[] {
  const shape = (schema as unknown as { shape?: Record<string, AnySchema> }).shape;
  if (!shape) return [];
  const out: FieldDescriptor[] = [];
  for (const [key, field] of Object.entries(shape)) {
    if (exclude.includes(key)) continue;
    const { base, defaultValue, nullable } = unwrap(field);
    const [label, hint] = SECTION_LABELS[`${section}:${key}`] ?? LABELS[key] ?? [humanise(key)];
    const common = { key, label, defaultValue, nullable, options: [] as string[], hint: hint ?? '' };
    if (base.type === 'number') {
      const b = bounds(base);
      out.push({ ...common, kind: b.integer ? 'integer' : 'number', min: b.min, max: b.max, minExclusive: b.minExclusive, maxExclusive: b.maxExclusive });
    } else if (base.type === 'boolean') out.push({ ...common, kind: 'boolean' });
    else if (base.type === 'enum') out.push({ ...common, kind: 'enum', options: Object.values(base.def.entries ?? {}) });
    else if (base.type === 'array' && base.def.element && unwrap(base.def.element).base.type === 'number') out.push({ ...common, kind: 'numbers' });
  }
  return out;
}

/** The `method` (or other discriminator) values of a discriminated union's options. */
export function discriminatorValues(union: z.ZodType, key = 'method'): string[] {
  const options = (union as unknown as { options?: { shape?: Record<string, AnySchema> }[] }).options ?? [];
  return options.flatMap((o) => {
    const literal = o.shape?.[key];
    const values = literal?.def.values as unknown[] | undefined;
    return values && typeof values[0] === 'string' ? [values[0]] : [];
  });
}

/** The option of a discriminated union whose discriminator is `value`. */
export function unionOption(union: z.ZodType, value: string, key = 'method'): z.ZodType | undefined {
  const options = (union as unknown as { options?: (z.ZodType & { shape?: Record<string, AnySchema> })[] }).options ?? [];
  return options.find((o) => (o.shape?.[key]?.def.values as unknown[] | undefined)?.[0] === value);
}

/** Text of a bound for the field's hint: "0 < x ≤ 1", "≥ 1". */
export function boundsText(f: FieldDescriptor): string {
  const lo = f.min !== undefined ? `${f.min} ${f.minExclusive ? '<' : '≤'} ` : '';
  const hi = f.max !== undefined ? ` ${f.maxExclusive ? '<' : '≤'} ${f.max}` : '';
  return lo || hi ? `${lo}x${hi}` : '';
}
