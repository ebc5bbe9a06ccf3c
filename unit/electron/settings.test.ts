// electron/settings.ts: the store folder and pool size, persisted in settings.json; a corrupt
// file means defaults and a message, never a crash.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { defaultPoolSize } from '../../electron/compute-pool.ts';
import { defaultStoreRoot, Settings, SETTINGS_FILE } from '../../electron/settings.ts';

let userData: string;
beforeEach(() => {
  userData = fs.mkdtempSync(path.join(os.tmpdir(), 'critlab-settings-'));
});
afterEach(() => fs.rmSync(userData, { recursive: true, force: true }));

describe('Settings', () => {
  it('defaults: runs in <userData>/runs, cores − 1 processes', () => {
    const s = Settings.load(userData);
    expect(s.storeRoot).toBe(path.join(userData, 'runs'));
    expect(defaultStoreRoot(userData)).toBe(path.join(userData, 'runs'));
    expect(s.poolSize).toBe(defaultPoolSize());
    expect(s.snapshot()).toEqual({ storeRoot: path.join(userData, 'runs'), storeRootIsDefault: true, poolSize: null, effectivePoolSize: defaultPoolSize() });
  });

  it('remembers a chosen store folder and pool size across loads', () => {
    const s = Settings.load(userData);
    s.setStoreRoot('/data/critlab-runs');
    s.setPoolSize(3);
    const again = Settings.load(userData);
    expect(again.snapshot()).toEqual({ storeRoot: '/data/critlab-runs', storeRootIsDefault: false, poolSize: 3, effectivePoolSize: 3 });
    again.setPoolSize(null);
    expect(Settings.load(userData).poolSize).toBe(defaultPoolSize());
  });

  it('refuses a relative store folder and an out-of-range pool size, changing nothing', () => {
    const s = Settings.load(userData);
    expect(() => s.setStoreRoot('runs')).toThrow(/absolute path/);
    expect(() => s.setPoolSize(0)).toThrow();
    expect(() => s.setPoolSize(2.5)).toThrow();
    expect(fs.existsSync(path.join(userData, SETTINGS_FILE))).toBe(false);
  });

  it('falls back to the defaults, with a message, when settings.json is corrupt or invalid', () => {
    for (const text of ['{"storeRoot": ', '{"storeRoot": "relative/path"}', '{"poolSize": 1000}', '"hello"']) {
      fs.writeFileSync(path.join(userData, SETTINGS_FILE), text);
      const warn = vi.fn();
      const s = Settings.load(userData, warn);
      expect(s.storeRoot, text).toBe(path.join(userData, 'runs'));
      expect(s.poolSize, text).toBe(defaultPoolSize());
      expect(warn, text).toHaveBeenCalledWith(expect.stringMatching(/settings\.json .*using defaults/));
    }
  });
});
