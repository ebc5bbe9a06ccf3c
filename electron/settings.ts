/**
 * The desktop app's settings (settings.json in the user-data folder): where the run store lives
 * (default: <userData>/runs; another folder only as chosen in a folder dialog) and how many
 * compute processes the pool runs (default: cores − 1). Read through a schema: a corrupt file
 * means defaults and a logged message, never a crash.
 */
import path from 'node:path';
import { z } from 'zod';
import type { DesktopSettings } from '../core/jobs/lab-api.ts';
import { defaultPoolSize, MAX_POOL_SIZE } from './compute-pool.ts';
import { readJsonFile, writeJsonFile, type ReadResult } from './json-file.ts';

export const SETTINGS_FILE = 'settings.json';

export const settingsSchema = z.object({
  storeRoot: z
    .string()
    .min(1)
    .refine((p) => path.isAbsolute(p), { message: 'must be an absolute path' })
    .optional(),
  poolSize: z.number().int().min(1).max(MAX_POOL_SIZE).nullable().optional(),
});

export type StoredSettings = z.output<typeof settingsSchema>;

/** The pool-size update the renderer may send: an integer in range, or null for the default. */
export const settingsPatchSchema = z.strictObject({
  poolSize: z.number().int().min(1).max(MAX_POOL_SIZE).nullable(),
});

export function defaultStoreRoot(userData: string): string {
  return path.join(userData, 'runs');
}

export class Settings {
  private value: StoredSettings;

  private constructor(
    private readonly file: string,
    private readonly userData: string,
    loaded: ReadResult<StoredSettings>,
  ) {
    this.value = loaded.value;
  }

  /** Reads <userData>/settings.json; `problem` is reported through `warn`. */
  static load(userData: string, warn: (message: string) => void = (m) => console.warn(`critlab: ${m}`)): Settings {
    const file = path.join(userData, SETTINGS_FILE);
    const loaded = readJsonFile(file, settingsSchema, {});
    if (loaded.problem) warn(loaded.problem);
    return new Settings(file, userData, loaded);
  }

  get storeRoot(): string {
    return this.value.storeRoot ?? defaultStoreRoot(this.userData);
  }

  get poolSize(): number {
    return this.value.poolSize ?? defaultPoolSize();
  }

  setStoreRoot(root: string): void {
    if (!path.isAbsolute(root)) throw new Error(`the run folder must be an absolute path, got ${root}`);
    this.update({ storeRoot: root });
  }

  setPoolSize(size: number | null): void {
    this.update({ poolSize: settingsPatchSchema.shape.poolSize.parse(size) });
  }

  /** What the renderer sees. */
  snapshot(): DesktopSettings {
    return {
      storeRoot: this.storeRoot,
      storeRootIsDefault: this.value.storeRoot === undefined || this.value.storeRoot === defaultStoreRoot(this.userData),
      poolSize: this.value.poolSize ?? null,
      effectivePoolSize: this.poolSize,
    };
  }

  private update(patch: Partial<StoredSettings>): void {
    this.value = { ...this.value, ...patch };
    writeJsonFile(this.file, this.value);
  }
}
