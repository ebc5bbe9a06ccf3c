/**
 * What every builder field needs from the form: the issues the spec schema reports, by dotted
 * path, so each field shows the messages about itself (DESIGN.md §3: the same schema as the CLI).
 */
import { getContext, setContext } from 'svelte';
import type { SpecIssue } from '../../../../core/experiment/spec.ts';
import type { PickedFiles } from '../../lib/picked-files.svelte.ts';

export interface BuilderContext {
  readonly issues: readonly SpecIssue[];
  /** The data files picked in this window (file fields add to it). */
  readonly files?: PickedFiles;
}

const KEY = Symbol('critlab-builder');

export function setBuilderContext(context: BuilderContext): void {
  setContext(KEY, context);
}

export function getBuilderContext(): BuilderContext {
  return getContext<BuilderContext>(KEY) ?? { issues: [] };
}

/** Messages about `path` itself or anything inside it ("sampling.count" also takes "sampling.count.0"). */
export function messagesAt(issues: readonly SpecIssue[], path: string): string[] {
  return issues.filter((i) => i.path === path || i.path.startsWith(`${path}.`)).map((i) => (i.path === path ? i.message : `${i.path.slice(path.length + 1)}: ${i.message}`));
}

/** Element id of a field, so the issue list can focus it. */
export function fieldId(path: string): string {
  return `field-${path.replace(/[^a-zA-Z0-9_-]/g, '-')}`;
}
