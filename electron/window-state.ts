/**
 * The main window's size, position and maximised state, remembered across launches in
 * window-state.json in the user-data folder. Pure apart from the file read/write: a corrupt or
 * out-of-range file gives the defaults (never a crash), and a position that is no longer on any
 * display (a monitor unplugged, a resolution change) is pulled back onto one.
 */
import path from 'node:path';
import { z } from 'zod';
import { readJsonFile, writeJsonFile } from './json-file.ts';

export const WINDOW_STATE_FILE = 'window-state.json';

export interface Rect {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export interface WindowState {
  /** Position of the normal (unmaximised) bounds; absent: let the OS centre the window. */
  readonly x?: number;
  readonly y?: number;
  readonly width: number;
  readonly height: number;
  readonly maximized: boolean;
}

export const MIN_WIDTH = 800;
export const MIN_HEIGHT = 560;
const MAX_EXTENT = 100_000;
/** How much of the window must stay on a display (its top edge, where the title bar is). */
const MIN_VISIBLE_WIDTH = 120;
const MIN_VISIBLE_HEIGHT = 40;

export const DEFAULT_WINDOW_STATE: WindowState = { width: 1280, height: 820, maximized: false };

const coordinate = z.number().int().min(-MAX_EXTENT).max(MAX_EXTENT);
export const windowStateSchema = z
  .object({
    x: coordinate.optional(),
    y: coordinate.optional(),
    width: z.number().int().min(MIN_WIDTH).max(MAX_EXTENT),
    height: z.number().int().min(MIN_HEIGHT).max(MAX_EXTENT),
    maximized: z.boolean().default(false),
  })
  .refine((s) => (s.x === undefined) === (s.y === undefined), { message: 'x and y go together' });

/** Reads the state (defaults if missing or invalid; `problem` says why when invalid). */
export function loadWindowState(userData: string): { state: WindowState; problem?: string } {
  const { value, problem } = readJsonFile(path.join(userData, WINDOW_STATE_FILE), windowStateSchema, DEFAULT_WINDOW_STATE);
  return problem ? { state: value, problem } : { state: value };
}

export function saveWindowState(userData: string, state: WindowState): void {
  writeJsonFile(path.join(userData, WINDOW_STATE_FILE), state);
}

function overlap(a: Rect, b: Rect): { width: number; height: number } {
  return {
    width: Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x),
    height: Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y),
  };
}

/**
 * Fits the state to the displays' work areas (`workAreas[0]` is the primary display): the size
 * is shrunk to fit the display it lands on, and a window whose title bar would not be visible on
 * any display loses its position (the OS centres it on the primary display).
 */
export function fitToDisplays(state: WindowState, workAreas: readonly Rect[]): WindowState {
  if (workAreas.length === 0) return state;
  const primary = workAreas[0];
  if (state.x === undefined || state.y === undefined) {
    return { width: Math.min(state.width, primary.width), height: Math.min(state.height, primary.height), maximized: state.maximized };
  }
  const titleBar: Rect = { x: state.x, y: state.y, width: state.width, height: MIN_VISIBLE_HEIGHT };
  const host = workAreas.find((area) => {
    const o = overlap(titleBar, area);
    return o.width >= Math.min(MIN_VISIBLE_WIDTH, state.width) && o.height >= MIN_VISIBLE_HEIGHT && state.y! >= area.y;
  });
  if (!host) return fitToDisplays({ width: state.width, height: state.height, maximized: state.maximized }, workAreas);
  const width = Math.min(state.width, host.width);
  const height = Math.min(state.height, host.height);
  // Keep it inside the host's work area where it fits.
  const x = Math.min(Math.max(state.x, host.x), host.x + host.width - width);
  const y = Math.min(Math.max(state.y, host.y), host.y + host.height - height);
  return { x, y, width, height, maximized: state.maximized };
}

/** The state of a window now: its normal bounds (so a maximised window restores to them). */
export function captureWindowState(win: { getNormalBounds(): Rect; isMaximized(): boolean }): WindowState {
  const b = win.getNormalBounds();
  return {
    x: Math.round(b.x),
    y: Math.round(b.y),
    width: Math.max(MIN_WIDTH, Math.round(b.width)),
    height: Math.max(MIN_HEIGHT, Math.round(b.height)),
    maximized: win.isMaximized(),
  };
}
