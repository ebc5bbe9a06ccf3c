/**
 * The builder's working copy of a spec: plain JSON the form edits in place (a deep $state in
 * the app). It is validated by the spec schema on every change; a run takes a copy.
 */
import type { SpecInput } from '../../../../core/experiment/spec.ts';

export type Draft = Record<string, unknown> & { problem: Record<string, unknown> };

/** A spec as a draft, with the finder and analysis sections present so the form can edit them. */
export function toDraft(spec: SpecInput): Draft {
  const draft = JSON.parse(JSON.stringify(spec)) as Draft;
  if (!draft.problem || typeof draft.problem !== 'object') draft.problem = defaultProblem('function');
  if (!draft.finder || typeof draft.finder !== 'object') draft.finder = { method: 'newton-mr' };
  else if (!('method' in (draft.finder as object))) draft.finder = { method: 'newton-mr', ...(draft.finder as object) };
  if (!draft.analysis || typeof draft.analysis !== 'object') draft.analysis = {};
  if (!draft.sampling || typeof draft.sampling !== 'object') {
    draft.sampling = draft.problem.kind === 'network' ? { strategy: 'trajectory', starts: 20, seed: 0 } : { strategy: 'grid', count: [20, 20] };
  }
  return draft;
}

/** The draft as a spec to save or run: empty sections left out. */
export function fromDraft(draft: Draft): SpecInput {
  const spec = JSON.parse(JSON.stringify(draft)) as Record<string, unknown>;
  for (const key of ['analysis', 'sampling']) {
    const section = spec[key];
    if (section && typeof section === 'object' && Object.keys(section).length === 0) delete spec[key];
  }
  return spec as unknown as SpecInput;
}

export function defaultProblem(kind: 'function' | 'network'): Record<string, unknown> {
  return kind === 'function'
    ? { kind: 'function', name: 'himmelblau' }
    : { kind: 'network', layers: [6, 2, 6], activation: 'linear', bias: false, loss: 'mse', data: defaultData('gaussian', 6) };
}

export function defaultData(kind: 'gaussian' | 'mnist' | 'file', inputs: number): Record<string, unknown> {
  switch (kind) {
    case 'gaussian':
      return { kind, samples: 1000, spectrum: Array.from({ length: inputs }, (_, i) => i + 1), seed: 1 };
    case 'mnist':
      return { kind, samples: 1000, size: 4, task: 'autoencode' };
    case 'file':
      return { kind, path: 'data.csv' };
  }
}

/** A name for a run of the draft: its own, else its problem in a few words. */
export function draftName(draft: Draft): string {
  if (typeof draft.name === 'string' && draft.name.trim()) return draft.name.trim();
  const p = draft.problem;
  if (p.kind === 'network') return `network ${Array.isArray(p.layers) ? p.layers.join('-') : ''}`.trim();
  if (typeof p.name === 'string') return p.name;
  if (typeof p.expression === 'string') return p.expression.length > 40 ? `${p.expression.slice(0, 39)}…` : p.expression;
  return 'experiment';
}
