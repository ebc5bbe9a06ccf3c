// electron/window-state.ts: the window's bounds across launches. A corrupt or out-of-range file
// gives the defaults (never a crash); a position no longer on any display is pulled back.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  captureWindowState,
  DEFAULT_WINDOW_STATE,
  fitToDisplays,
  loadWindowState,
  MIN_HEIGHT,
  MIN_WIDTH,
  saveWindowState,
  WINDOW_STATE_FILE,
} from '../../electron/window-state.ts';

let userData: string;
beforeEach(() => {
  userData = fs.mkdtempSync(path.join(os.tmpdir(), 'critlab-window-'));
});
afterEach(() => fs.rmSync(userData, { recursive: true, force: true }));

const write = (text: string) => fs.writeFileSync(path.join(userData, WINDOW_STATE_FILE), text);
const laptop = { x: 0, y: 0, width: 1920, height: 1050 };
const rightMonitor = { x: 1920, y: 0, width: 2560, height: 1400 };

describe('loadWindowState / saveWindowState', () => {
  it('round-trips a state', () => {
    const state = { x: 100, y: 50, width: 1400, height: 900, maximized: true };
    saveWindowState(userData, state);
    expect(loadWindowState(userData)).toEqual({ state });
    expect(fs.readdirSync(userData)).toEqual([WINDOW_STATE_FILE]); // no temporary file left
  });

  it('gives the defaults, silently, when there is no file', () => {
    expect(loadWindowState(userData)).toEqual({ state: DEFAULT_WINDOW_STATE });
  });

  it('gives the defaults, with the reason, for a corrupt or invalid file', () => {
    const cases: Array<[string, RegExp]> = [
      ['{"width": 1200, "hei', /is not valid JSON/],
      ['[]', /is invalid/],
      ['{"width": 10, "height": 900}', /width: /],
      ['{"width": "wide", "height": 900}', /width: /],
      ['{"width": 1200, "height": 900, "x": 5}', /x and y go together/],
      ['{"width": 1200, "height": 900, "x": 1e300, "y": 0}', /x: /],
      ['{"width": 1200.5, "height": 900}', /width: /],
      ['null', /is invalid/],
    ];
    for (const [text, reason] of cases) {
      write(text);
      const loaded = loadWindowState(userData);
      expect(loaded.state, text).toEqual(DEFAULT_WINDOW_STATE);
      expect(loaded.problem, text).toMatch(reason);
      expect(loaded.problem, text).toMatch(/using defaults/);
    }
  });

  it('ignores unknown keys and fills in maximized', () => {
    write('{"width": 1200, "height": 900, "zoom": 3}');
    expect(loadWindowState(userData)).toEqual({ state: { width: 1200, height: 900, maximized: false } });
  });
});

describe('fitToDisplays', () => {
  it('keeps a window that is on a display', () => {
    const state = { x: 2000, y: 100, width: 1400, height: 900, maximized: false };
    expect(fitToDisplays(state, [laptop, rightMonitor])).toEqual(state);
  });

  it('drops the position of a window left on an unplugged monitor (the OS centres it)', () => {
    const state = { x: 2000, y: 100, width: 1400, height: 900, maximized: true };
    expect(fitToDisplays(state, [laptop])).toEqual({ width: 1400, height: 900, maximized: true });
  });

  it('drops the position when the title bar is above the screen', () => {
    expect(fitToDisplays({ x: 100, y: -200, width: 1000, height: 800, maximized: false }, [laptop])).toEqual({ width: 1000, height: 800, maximized: false });
  });

  it('shrinks a window larger than its display and moves it inside', () => {
    const state = { x: 1500, y: 500, width: 2400, height: 1300, maximized: false };
    expect(fitToDisplays(state, [laptop])).toEqual({ x: 0, y: 0, width: 1920, height: 1050, maximized: false });
  });

  it('pulls a window hanging off the edge back inside', () => {
    expect(fitToDisplays({ x: 1800, y: 900, width: 1000, height: 800, maximized: false }, [laptop])).toEqual({ x: 920, y: 250, width: 1000, height: 800, maximized: false });
  });

  it('without a position, only fits the size to the primary display', () => {
    expect(fitToDisplays({ width: 3000, height: 800, maximized: false }, [laptop, rightMonitor])).toEqual({ width: 1920, height: 800, maximized: false });
    expect(fitToDisplays({ width: 3000, height: 800, maximized: false }, [])).toEqual({ width: 3000, height: 800, maximized: false });
  });
});

describe('captureWindowState', () => {
  it('records the normal bounds (so a maximised window restores to them), rounded and at least the minimum size', () => {
    const win = { getNormalBounds: () => ({ x: 10.4, y: 20.6, width: 300, height: 200 }), isMaximized: () => true };
    expect(captureWindowState(win)).toEqual({ x: 10, y: 21, width: MIN_WIDTH, height: MIN_HEIGHT, maximized: true });
  });
});
