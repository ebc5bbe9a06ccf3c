/**
 * Small JSON files in the app's user-data folder (settings, window state): read with a schema,
 * where a missing, unreadable or invalid file gives the defaults and a message (never a crash,
 * never a half-read value), and written atomically (a temporary file renamed over the old one,
 * so a crash mid-write leaves the previous file intact).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { z } from 'zod';

export interface ReadResult<T> {
  readonly value: T;
  /** Why the defaults were used, when the file existed but could not be used. */
  readonly problem?: string;
}

export function readJsonFile<S extends z.ZodType>(file: string, schema: S, defaults: z.output<S>): ReadResult<z.output<S>> {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { value: defaults };
    return { value: defaults, problem: `${file} cannot be read (${code ?? (error as Error).message}); using defaults` };
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    return { value: defaults, problem: `${file} is not valid JSON (${(error as Error).message}); using defaults` };
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? issue.path.map(String).join('.') : '(file)';
    return { value: defaults, problem: `${file} is invalid (${where}: ${issue?.message ?? 'unknown problem'}); using defaults` };
  }
  return { value: parsed.data };
}

export function writeJsonFile(file: string, value: unknown): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify(value, null, 2) + '\n');
  fs.renameSync(tmp, file);
}
