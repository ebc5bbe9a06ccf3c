/**
 * The desktop operations behind DesktopApi (ipc.ts has already checked the sender and the
 * arguments): spec files through native Open/Save dialogs, the run library in the store folder,
 * resuming interrupted runs, choosing the store folder, exporting a run, settings and app info.
 *
 * Files are reached only through a dialog the user answered or through the run store: no
 * operation accepts a path from the renderer, and the renderer gets file names, not paths.
 * Electron's dialog and window come in as parameters, so this is unit-tested with fakes.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { BrowserWindow, Dialog, OpenDialogOptions, SaveDialogOptions } from 'electron';
import { formatSpecIssues, parseSpecText, validateSpec, type Spec } from '../core/experiment/spec.ts';
import type { AppInfo, DesktopSettings, ExportResult, OpenedSpec, ReportFormat, RunListing, StoredRun } from '../core/jobs/lab-api.ts';
import { describeSpec, listRuns, readStoredRun, resolveRunDir } from '../core/node/run-library.ts';
import { requiredResources } from '../core/problems/create-problem.ts';
import { readRunFiles } from './run-files.ts';
import { writeJsonAtomic } from '../core/node/run-store.ts';
import type { DesktopService } from './ipc.ts';
import type { LabHost } from './lab-host.ts';
import type { Settings } from './settings.ts';

/** A spec file larger than this is refused unread. */
export const MAX_SPEC_BYTES = 1024 * 1024;

/** Turns a stored run into a report file's contents. */
export type ReportExporter = (run: StoredRun) => { readonly contents: string | Uint8Array; readonly extension: string };

/**
 * The report formats available now. Only `json` (the run as data: spec, summary, records) is
 * built here; html, csv and npy belong to the report module (a later issue) and are plugged in
 * through `exporters` when it exists.
 */
export const BUILTIN_EXPORTERS: Partial<Record<ReportFormat, ReportExporter>> = {
  json: (run) => ({
    extension: 'json',
    contents:
      JSON.stringify(
        {
          format: 'critlab-run-export',
          formatVersion: 1,
          runId: run.runId,
          status: run.status,
          spec: run.spec,
          versions: run.versions,
          startedAt: run.startedAt,
          finishedAt: run.finishedAt,
          summary: run.summary,
          records: run.records,
        },
        null,
        2,
      ) + '\n',
  }),
};

export interface DesktopDeps {
  readonly dialog: Pick<Dialog, 'showOpenDialog' | 'showSaveDialog'>;
  /** The window dialogs belong to (null: app-modal). */
  readonly window: () => BrowserWindow | null;
  readonly settings: Settings;
  readonly host: Pick<LabHost, 'resumeRun' | 'activeRunIds' | 'resizePool'>;
  readonly appInfo: AppInfo;
  /** Default folder for spec dialogs (the user's documents). */
  readonly documentsDir: string;
  readonly exporters?: Partial<Record<ReportFormat, ReportExporter>>;
  /** Called after the store folder changed (main.ts tells the renderer). */
  readonly onStoreChanged?: () => void;
}

function slug(text: string): string {
  return (
    text
      .toLowerCase()
      .normalize('NFKD')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60) || 'spec'
  );
}

export class Desktop implements DesktopService {
  /** Where the last spec was opened or saved (this session only). */
  private specDir: string | null = null;

  constructor(private readonly deps: DesktopDeps) {}

  private async showOpen(options: OpenDialogOptions): Promise<string | null> {
    const win = this.deps.window();
    const result = win ? await this.deps.dialog.showOpenDialog(win, options) : await this.deps.dialog.showOpenDialog(options);
    return result.canceled || result.filePaths.length === 0 ? null : result.filePaths[0];
  }

  private async showSave(options: SaveDialogOptions): Promise<string | null> {
    const win = this.deps.window();
    const result = win ? await this.deps.dialog.showSaveDialog(win, options) : await this.deps.dialog.showSaveDialog(options);
    return result.canceled || !result.filePath ? null : result.filePath;
  }

  async openSpecFile(): Promise<OpenedSpec | null> {
    const file = await this.showOpen({
      title: 'Open Spec',
      defaultPath: this.specDir ?? this.deps.documentsDir,
      properties: ['openFile'],
      filters: [
        { name: 'critlab spec', extensions: ['json'] },
        { name: 'All files', extensions: ['*'] },
      ],
    });
    if (!file) return null;
    const fileName = path.basename(file);
    let size: number;
    try {
      size = fs.statSync(file).size;
    } catch (error) {
      throw new Error(`${fileName} cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
    }
    if (size > MAX_SPEC_BYTES) throw new Error(`${fileName} is too large for a spec (${size} bytes; the limit is ${MAX_SPEC_BYTES})`);
    const text = fs.readFileSync(file, 'utf8');
    const result = parseSpecText(text);
    if (!result.ok) throw new Error(`${fileName} is not a valid spec:\n${formatSpecIssues(result.issues)}`);
    this.specDir = path.dirname(file);
    return { fileName, text, spec: JSON.parse(text) as OpenedSpec['spec'] };
  }

  async saveSpecFile(spec: Spec): Promise<{ fileName: string } | null> {
    const file = await this.showSave({
      title: 'Save Spec',
      defaultPath: path.join(this.specDir ?? this.deps.documentsDir, `${slug(describeSpec(spec))}.json`),
      filters: [{ name: 'critlab spec', extensions: ['json'] }],
      properties: ['createDirectory', 'showOverwriteConfirmation'],
    });
    if (!file) return null;
    writeJsonAtomic(file, spec);
    this.specDir = path.dirname(file);
    return { fileName: path.basename(file) };
  }

  async listRuns(): Promise<RunListing> {
    const root = this.deps.settings.storeRoot;
    return { root, runs: listRuns(root, this.deps.host.activeRunIds) };
  }

  /** A stored run, with the data files kept in its folder when its spec names any and they are all there. */
  async openRun(runId: string): Promise<StoredRun> {
    const run = readStoredRun(this.deps.settings.storeRoot, runId, this.deps.host.activeRunIds.has(runId));
    const checked = validateSpec(run.spec);
    const needed = checked.ok ? requiredResources(checked.spec.problem).files : [];
    if (needed.length === 0) return run;
    try {
      return { ...run, files: readRunFiles(resolveRunDir(this.deps.settings.storeRoot, runId), runId, needed) };
    } catch {
      return run; // the records still show; the views that rebuild the problem say what is missing
    }
  }

  async resumeRun(jobId: string, runId: string): Promise<{ runId: string }> {
    return this.deps.host.resumeRun(jobId, runId);
  }

  async chooseStoreFolder(): Promise<RunListing | null> {
    const folder = await this.showOpen({
      title: 'Choose Run Folder',
      defaultPath: this.deps.settings.storeRoot,
      buttonLabel: 'Use This Folder',
      properties: ['openDirectory', 'createDirectory', 'promptToCreate'],
    });
    if (!folder) return null;
    try {
      fs.mkdirSync(folder, { recursive: true });
      fs.accessSync(folder, fs.constants.R_OK | fs.constants.W_OK);
    } catch (error) {
      throw new Error(`runs cannot be stored in ${folder} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
    }
    this.deps.settings.setStoreRoot(path.resolve(folder));
    this.deps.onStoreChanged?.();
    return this.listRuns();
  }

  async exportReport(runId: string, format: ReportFormat): Promise<ExportResult> {
    const exporter = (this.deps.exporters ?? BUILTIN_EXPORTERS)[format];
    if (!exporter) {
      return { status: 'unavailable', reason: `${format} reports are not available yet (the report module is still to come); export as json meanwhile` };
    }
    const run = await this.openRun(runId);
    const { contents, extension } = exporter(run);
    const file = await this.showSave({
      title: 'Export Report',
      defaultPath: path.join(this.deps.documentsDir, `${runId}.${extension}`),
      filters: [{ name: `${format} report`, extensions: [extension] }],
      properties: ['createDirectory', 'showOverwriteConfirmation'],
    });
    if (!file) return { status: 'cancelled' };
    const tmp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, contents);
    fs.renameSync(tmp, file);
    return { status: 'saved', fileName: path.basename(file) };
  }

  async getSettings(): Promise<DesktopSettings> {
    return this.deps.settings.snapshot();
  }

  async updateSettings(patch: { poolSize: number | null }): Promise<DesktopSettings> {
    this.deps.settings.setPoolSize(patch.poolSize);
    this.deps.host.resizePool();
    return this.deps.settings.snapshot();
  }

  async appInfo(): Promise<AppInfo> {
    return this.deps.appInfo;
  }
}
