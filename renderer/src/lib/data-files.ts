/**
 * Data files picked in the builder (CSV or NumPy .npy). Neither host reads paths named in a
 * spec — the browser cannot, the desktop app reads files only through the app — so a picked
 * file's bytes are kept by the app, keyed by the file name the spec then names, and travel with
 * each run (`LabApi.startRun(spec, files)`). Pure functions: the app keeps the map in a $state.
 */
import type { SpecInput, SpecIssue } from '../../../core/experiment/spec.ts';
import type { RunFiles } from '../../../core/jobs/lab-api.ts';
import { DATA_LIMITS } from '../../../core/problems/data/data-set.ts';

/** A file the user picked, with what its parse found (rows × columns), or why it failed. */
export interface PickedFile {
  readonly name: string;
  /** Which pick this is (a file chosen again under the same name is a new pick). */
  readonly serial: number;
  readonly bytes: Uint8Array<ArrayBuffer>;
  readonly summary: { readonly rows: number; readonly columns: number; readonly header: readonly string[] | null } | null;
  /** The parser's message when the file is not a usable table. */
  readonly problem: string | null;
}

/** A data-file field of a spec: its dotted path and the file name it holds. */
export interface DataFileRef {
  readonly field: 'problem.data.path' | 'problem.data.targets.path';
  readonly name: string;
}

/** The data files a spec names (none unless it is a network on file data). */
export function dataFilesOf(spec: SpecInput): DataFileRef[] {
  const problem = spec.problem as { kind?: unknown; data?: { kind?: unknown; path?: unknown; targets?: { path?: unknown } } } | undefined;
  const data = problem?.kind === 'network' ? problem.data : undefined;
  if (data?.kind !== 'file') return [];
  const refs: DataFileRef[] = [];
  if (typeof data.path === 'string' && data.path) refs.push({ field: 'problem.data.path', name: data.path });
  const targets = data.targets;
  if (targets && typeof targets.path === 'string' && targets.path) refs.push({ field: 'problem.data.targets.path', name: targets.path });
  return refs;
}

/**
 * The picked files a run of `spec` takes, and an issue at each data-file field whose file was
 * not picked, or was picked but cannot be read (so the builder refuses the run at the field).
 */
export function filesForRun(spec: SpecInput, picked: ReadonlyMap<string, PickedFile>): { files: RunFiles; issues: SpecIssue[] } {
  const files: Record<string, Uint8Array> = {};
  const issues: SpecIssue[] = [];
  for (const ref of dataFilesOf(spec)) {
    const file = picked.get(ref.name);
    if (!file) {
      issues.push({ path: ref.field, message: `${ref.name} is not loaded: choose the file (the app reads data files you choose, not paths)` });
    } else if (file.problem) {
      issues.push({ path: ref.field, message: file.problem });
    } else {
      files[ref.name] = file.bytes;
    }
  }
  return { files, issues };
}

/** Refuses a file too large to hold, before its bytes are read. */
export function checkFileSize(name: string, size: number): string | null {
  if (size > DATA_LIMITS.maxBytes) return `${name}: file too large (${size.toLocaleString('en-US')} bytes; the limit is ${DATA_LIMITS.maxBytes.toLocaleString('en-US')})`;
  if (size === 0) return `${name}: the file is empty`;
  return null;
}

/** "1,000 rows × 17 columns (header: a, b, c, …)" */
export function describeFile(file: PickedFile): string {
  if (!file.summary) return file.problem ?? '';
  const { rows, columns, header } = file.summary;
  const head = header ? ` · header ${header.slice(0, 4).join(', ')}${header.length > 4 ? ', …' : ''}` : '';
  return `${rows.toLocaleString('en-US')} row${rows === 1 ? '' : 's'} × ${columns.toLocaleString('en-US')} column${columns === 1 ? '' : 's'}${head}`;
}
