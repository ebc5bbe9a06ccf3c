/**
 * The data files picked in this window (see data-files.ts), by file name: the builder's file
 * fields add to it, the builder refuses a spec whose files are missing, and every run takes the
 * files its spec names. Each file is parsed in the analysis worker when picked, so a file that
 * is not a table is refused at its field before any run.
 */
import type { SpecInput, SpecIssue } from '../../../core/experiment/spec.ts';
import type { RunFiles } from '../../../core/jobs/lab-api.ts';
import type { AnalysisClient } from '../host/analysis-client.ts';
import { checkFileSize, type PickedFile } from './data-files.ts';

let picks = 0;

export class PickedFiles {
  /** Replaced whole on every change. */
  map = $state.raw<ReadonlyMap<string, PickedFile>>(new Map());
  private readonly analysis: AnalysisClient | null;

  constructor(analysis: AnalysisClient | null) {
    this.analysis = analysis;
  }

  /** Reads and checks a chosen file; it is kept (under its name) even when it is not a table, with the reason. */
  async pick(file: File): Promise<PickedFile> {
    const tooBig = checkFileSize(file.name, file.size);
    const bytes = tooBig ? new Uint8Array(0) : new Uint8Array(await file.arrayBuffer());
    let picked: PickedFile;
    const serial = ++picks;
    if (tooBig) picked = { name: file.name, serial, bytes, summary: null, problem: tooBig };
    else if (!this.analysis) picked = { name: file.name, serial, bytes, summary: null, problem: null };
    else {
      try {
        picked = { name: file.name, serial, bytes, summary: await this.analysis.inspect(file.name, bytes), problem: null };
      } catch (error) {
        picked = { name: file.name, serial, bytes, summary: null, problem: error instanceof Error ? error.message : String(error) };
      }
    }
    const next = new Map(this.map);
    next.set(file.name, picked);
    this.map = next;
    return picked;
  }

  /**
   * What building `spec`'s problem on `files` refuses, at which field (e.g. "problem.layers: the
   * input layer has 6 units but the data have 4 features per sample"), checked off the UI thread
   * by the same code a run uses; nothing when there is no analysis worker.
   */
  async check(spec: SpecInput, files: RunFiles): Promise<readonly SpecIssue[]> {
    if (!this.analysis) return [];
    return (await this.analysis.check({ spec, files })).issues;
  }
}
