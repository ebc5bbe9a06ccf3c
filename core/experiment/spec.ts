/**
 * The experiment spec (DESIGN.md §3): one zod schema shared by the CLI, the Electron main
 * process (IPC validation) and the renderer's builder, so every side refuses the same bad input
 * with the same message naming the bad field. Every section but `problem` may be left out.
 */
import { z } from 'zod';
import { problemSpecSchema } from '../problems/problem-spec.ts';
import { DEFAULT_FINDER_SPEC, finderSpecSchema } from '../finders/finder-spec.ts';
import { trajectorySamplingSchema } from './trajectory-sampling.ts';

const interval = z
  .tuple([z.number().finite(), z.number().finite()])
  .refine(([lo, hi]) => lo < hi, { message: 'an interval [lo, hi] needs lo < hi' });

export const gridSamplingSchema = z.strictObject({
  strategy: z.literal('grid'),
  /** One [lo, hi] interval per variable. Defaults to the function's own box. */
  box: z.array(interval).min(1).optional(),
  /** Points per axis (endpoints included); a single number applies to every axis. */
  count: z.union([z.number().int().min(1).max(1000), z.array(z.number().int().min(1).max(1000)).min(1)]).default(20),
  seed: z.number().int().min(0).default(0),
});

export const uniformSamplingSchema = z.strictObject({
  strategy: z.literal('uniform'),
  box: z.array(interval).min(1).optional(),
  starts: z.number().int().min(1).max(1_000_000).default(100),
  seed: z.number().int().min(0).default(0),
});

export const samplingSchema = z.discriminatedUnion('strategy', [gridSamplingSchema, uniformSamplingSchema, trajectorySamplingSchema]);

/**
 * The finder section: one strict object per method (core/finders/finder-spec.ts). A section
 * without `method` means Newton-MR, the method DESIGN.md §4 recommends.
 */
export const finderSchema = z.preprocess(
  (value) => (value && typeof value === 'object' && !Array.isArray(value) && !('method' in value) ? { method: 'newton-mr', ...value } : value),
  finderSpecSchema,
);

export const analysisSchema = z.strictObject({
  /** 'auto': the full Hessian spectrum up to 2000 parameters, Lanczos + SLQ estimates above. */
  spectrum: z.enum(['auto', 'full', 'lanczos']).default('auto'),
  /**
   * Eigenvalues |λ| ≤ zeroCutoff · ‖H‖ count as zero (relative to ‖H‖, DESIGN.md §4). The default
   * suits points certified at ‖g‖² ≤ 1e-10: they lie ≈ 1e-5 from their critical point, where
   * exact zero modes measure up to ≈ 1e-6‖H‖ (≤ 4e-7 seen on the 16-4-16 autoencoder), while
   * the autoencoder's smallest true nonzero eigenvalue is ≈ 1e-2‖H‖.
   */
  zeroCutoff: z.number().positive().lt(1).default(1e-5),
  /** Lanczos mode: extreme eigenvalues kept from each end, SLQ probes and steps. */
  lanczosK: z.number().int().min(1).max(500).default(20),
  slqProbes: z.number().int().min(1).max(1000).default(10),
  slqSteps: z.number().int().min(2).max(1000).default(80),
  /** Gradient-flatness thresholds (DESIGN.md §4): r > rThreshold and r_H < rHThreshold. */
  rThreshold: z.number().gt(0).lt(1).default(0.9),
  rHThreshold: z.number().positive().lt(1).default(5e-4),
  /**
   * A run certified critical continues for up to polishIterations more iterations toward
   * ‖g‖² ≤ polishTolerance, so its loss and spectrum are the critical point's (0: no polishing).
   */
  polishIterations: z.number().int().min(0).max(10_000).default(50),
  polishTolerance: z.number().positive().max(1).default(1e-24),
  /** Critical points closer than this (relative, in θ and loss) are the same point. */
  dedupTolerance: z.number().positive().default(1e-4),
});

export const specSchema = z.strictObject({
  name: z.string().max(200).optional(),
  description: z.string().max(5000).optional(),
  problem: problemSpecSchema,
  /** Default: a 20-per-axis grid over a function's box; trajectory sampling for networks. */
  sampling: samplingSchema.optional(),
  finder: finderSchema.default(DEFAULT_FINDER_SPEC),
  analysis: analysisSchema.default(analysisSchema.parse({})),
});

export type SpecInput = z.input<typeof specSchema>;
type ParsedSpec = z.output<typeof specSchema>;
export type Spec = Omit<ParsedSpec, 'sampling'> & { readonly sampling: SamplingSpec };

/** The sampling a spec gets when it names none (DESIGN.md §3: documented defaults). */
export function defaultSampling(problem: ParsedSpec['problem']): SamplingSpec {
  return problem.kind === 'function'
    ? gridSamplingSchema.parse({ strategy: 'grid' })
    : trajectorySamplingSchema.parse({ strategy: 'trajectory' });
}
export type SamplingSpec = z.output<typeof samplingSchema>;
export type AnalysisSpec = z.output<typeof analysisSchema>;

export interface SpecIssue {
  /** Dotted path of the offending field, e.g. "finder.tolerance" ("" for the whole spec). */
  path: string;
  message: string;
}

export type SpecResult = { ok: true; spec: Spec } | { ok: false; issues: SpecIssue[] };

/** A value as a message quotes it: text in quotes, numbers as they are, other kinds by name. */
function quoted(value: unknown): string {
  if (typeof value === 'string') return `the text ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
  if (typeof value === 'number') return String(value).replace(/-/g, '\u2212');
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  return typeof value === 'object' ? 'an object' : typeof value === 'boolean' ? String(value) : typeof value;
}

const KINDS: Record<string, string> = { number: 'a number', int: 'a whole number', string: 'text', boolean: 'true or false', array: 'a list', object: 'an object' };

/**
 * Messages for the schema's generic failures that say what was wrong and what is wanted
 * ("expected a number, got the text "1e-1x"", "must be ≤ 1, got 5") instead of zod's
 * ("Invalid input: expected number, received string"). Checks with their own message keep it;
 * anything not listed here keeps zod's.
 */
const specErrors: z.core.$ZodErrorMap = (issue) => {
  const got = quoted(issue.input);
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return 'required';
      return `expected ${KINDS[issue.expected] ?? issue.expected}, got ${got}`;
    case 'invalid_value':
      return `expected ${issue.values.length === 1 ? JSON.stringify(issue.values[0]) : `one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`}, got ${got}`;
    case 'unrecognized_keys':
      return `unknown key${issue.keys.length === 1 ? '' : 's'} ${issue.keys.map((k) => JSON.stringify(k)).join(', ')} (not part of the spec: check the spelling)`;
    case 'too_small':
    case 'too_big': {
      const small = issue.code === 'too_small';
      const bound = String(small ? issue.minimum : issue.maximum).replace(/-/g, '\u2212');
      if (issue.origin === 'number' || issue.origin === 'int' || issue.origin === 'bigint') {
        return `must be ${small ? (issue.inclusive ? '≥' : '>') : issue.inclusive ? '≤' : '<'} ${bound}, got ${got}`;
      }
      if (issue.origin === 'array' || issue.origin === 'set') return `needs ${small ? 'at least' : 'at most'} ${bound} item${bound === '1' ? '' : 's'}`;
      if (issue.origin === 'string') return small && bound === '1' ? 'must not be empty' : `needs ${small ? 'at least' : 'at most'} ${bound} character${bound === '1' ? '' : 's'}`;
      return undefined;
    }
    default:
      return undefined;
  }
};

/** Validates a parsed JSON value; issues name the offending field. */
export function validateSpec(value: unknown): SpecResult {
  const result = specSchema.safeParse(value, { error: specErrors });
  if (result.success) return { ok: true, spec: { ...result.data, sampling: result.data.sampling ?? defaultSampling(result.data.problem) } };
  return {
    ok: false,
    issues: result.error.issues.map((issue) => ({
      path: issue.path.map(String).join('.'),
      message: issue.message,
    })),
  };
}

/** Validates JSON text; malformed JSON is reported with its position. */
export function parseSpecText(text: string): SpecResult {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, issues: [{ path: '', message: `malformed JSON: ${(error as Error).message}` }] };
  }
  return validateSpec(value);
}

export function formatSpecIssues(issues: readonly SpecIssue[]): string {
  return issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('\n');
}

/** A spec refused, with every issue found; `field` is the first issue's path. */
export class SpecError extends Error {
  readonly issues: readonly SpecIssue[];
  constructor(issues: readonly SpecIssue[]);
  constructor(field: string, message: string);
  constructor(a: readonly SpecIssue[] | string, message?: string) {
    const issues = typeof a === 'string' ? [{ path: a, message: message ?? '' }] : a;
    super(formatSpecIssues(issues));
    this.name = 'SpecError';
    this.issues = issues;
  }
  get field(): string {
    return this.issues[0]?.path ?? '';
  }
}
