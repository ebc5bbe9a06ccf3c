/**
 * The built-in example specs (assets/examples/*.json), bundled at build time. They are the
 * function picker's choices; the file name is the example's id.
 */
import type { SpecInput } from '../../../core/experiment/spec.ts';

export interface Example {
  /** File name without extension, e.g. "himmelblau". */
  readonly id: string;
  readonly name: string;
  readonly description: string;
  readonly spec: SpecInput;
}

const modules = import.meta.glob<SpecInput>('../../../assets/examples/*.json', { eager: true, import: 'default' });

/** Picker order: a quick 2-D landscape first (the default), then the networks, then the rest; unknown files go last, alphabetically. */
const ORDER = ['himmelblau', 'linear-autoencoder', 'swish-autoencoder', 'mnist-autoencoder', 'mnist-classifier', 'six-hump-camel', 'saddle', 'rosenbrock'];

function rank(id: string): number {
  const i = ORDER.indexOf(id);
  return i < 0 ? ORDER.length : i;
}

export const examples: readonly Example[] = Object.entries(modules)
  .map(([path, spec]) => {
    const id = path.slice(path.lastIndexOf('/') + 1).replace(/\.json$/, '');
    return { id, name: spec.name ?? id, description: spec.description ?? '', spec };
  })
  .sort((a, b) => rank(a.id) - rank(b.id) || a.id.localeCompare(b.id));

/** Points per axis of an example's grid sampling, as [nx, ny] (20 × 20 when unspecified). */
export function gridCounts(spec: SpecInput, dimension = 2): number[] {
  const sampling = spec.sampling;
  const count = sampling?.strategy === 'grid' ? (sampling.count ?? 20) : 20;
  return Array.from({ length: dimension }, (_, i) => (Array.isArray(count) ? (count[i] ?? count[0]) : count));
}

/** The example's spec with its grid replaced by `counts` (values passed through unchecked: the host validates). */
export function withGridCounts(spec: SpecInput, counts: readonly (number | null)[]): SpecInput {
  const sampling = spec.sampling?.strategy === 'grid' ? spec.sampling : { strategy: 'grid' as const };
  return { ...spec, sampling: { ...sampling, count: counts as number[] } };
}
