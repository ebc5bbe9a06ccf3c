// electron/app-protocol.ts: critlab://app serves dist/renderer and critlab://help the offline
// help, one folder each: nothing outside them, the CSP on every response, GET/HEAD only.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  APP_INDEX_URL,
  APP_SCHEME_PRIVILEGES,
  contentType,
  createAppProtocolHandler,
  HELP_INDEX_URL,
  isSchemeUrl,
  resolveAppRequest,
} from '../../electron/app-protocol.ts';

let base: string;
let roots: { app: string; help: string };
beforeAll(() => {
  base = fs.mkdtempSync(path.join(os.tmpdir(), 'critlab-protocol-'));
  roots = { app: path.join(base, 'renderer'), help: path.join(base, 'help') };
  fs.mkdirSync(path.join(roots.app, 'assets'), { recursive: true });
  fs.mkdirSync(roots.help);
  fs.writeFileSync(path.join(roots.app, 'index.html'), '<!doctype html><title>critlab</title>');
  fs.writeFileSync(path.join(roots.app, 'assets', 'index-abc.js'), 'console.log(1)');
  fs.writeFileSync(path.join(roots.app, 'assets', 'a b.css'), 'body{}');
  fs.writeFileSync(path.join(roots.help, 'index.html'), '<h1>Help</h1>');
  fs.writeFileSync(path.join(base, 'secret.txt'), 'secret');
});
afterAll(() => fs.rmSync(base, { recursive: true, force: true }));

describe('scheme', () => {
  it('is standard and secure, but neither bypasses the CSP nor enables CORS', () => {
    expect(APP_SCHEME_PRIVILEGES).toEqual({ scheme: 'critlab', privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } });
    expect(APP_INDEX_URL).toBe('critlab://app/index.html');
    expect(HELP_INDEX_URL).toBe('critlab://help/index.html');
  });

  it('isSchemeUrl matches one host of the scheme exactly', () => {
    expect(isSchemeUrl('critlab://app/index.html', 'app')).toBe(true);
    expect(isSchemeUrl('critlab://app/index.html?x#y', 'app')).toBe(true);
    for (const url of ['critlab://help/index.html', 'critlab://app.evil/index.html', 'critlab://user@app/', 'critlab://app:1/', 'https://app/', 'file:///app/index.html', 'nonsense']) {
      expect(isSchemeUrl(url, 'app'), url).toBe(false);
    }
  });
});

describe('resolveAppRequest', () => {
  it('maps paths into the host folder, / to index.html, escapes decoded', () => {
    expect(resolveAppRequest('critlab://app/', roots)).toEqual({ file: path.join(roots.app, 'index.html') });
    expect(resolveAppRequest('critlab://app', roots)).toEqual({ file: path.join(roots.app, 'index.html') });
    expect(resolveAppRequest('critlab://app/assets/index-abc.js?v=1#x', roots)).toEqual({ file: path.join(roots.app, 'assets', 'index-abc.js') });
    expect(resolveAppRequest('critlab://app/assets/a%20b.css', roots)).toEqual({ file: path.join(roots.app, 'assets', 'a b.css') });
    expect(resolveAppRequest('critlab://help/index.html', roots)).toEqual({ file: path.join(roots.help, 'index.html') });
  });

  it('never leaves the folder', () => {
    for (const url of [
      'critlab://app/../secret.txt',
      'critlab://app/%2e%2e/secret.txt',
      'critlab://app/assets/..%2f..%2fsecret.txt',
      'critlab://app/..%2Fsecret.txt',
      'critlab://app/..%5csecret.txt',
      'critlab://app/%00index.html',
      'critlab://app/%E0%A4%A',
    ]) {
      const r = resolveAppRequest(url, roots);
      if ('file' in r) expect(r.file.startsWith(roots.app + path.sep), url).toBe(true);
      else expect([400, 403]).toContain(r.status);
    }
    expect(resolveAppRequest('critlab://app/..%2Fsecret.txt', roots)).toMatchObject({ status: 403 });
    expect(resolveAppRequest('critlab://app/%00x', roots)).toMatchObject({ status: 400 });
    expect(resolveAppRequest('critlab://app/%E0%A4%A', roots)).toMatchObject({ status: 400 });
  });

  it('knows only its hosts and its scheme', () => {
    expect(resolveAppRequest('critlab://other/index.html', roots)).toMatchObject({ status: 404 });
    expect(resolveAppRequest('critlab://constructor/x', roots)).toMatchObject({ status: 404 });
    expect(resolveAppRequest('https://app/index.html', roots)).toMatchObject({ status: 404 });
    expect(resolveAppRequest('::', roots)).toMatchObject({ status: 400 });
  });
});

describe('createAppProtocolHandler', () => {
  const csp = "default-src 'self'";
  const handler = () => createAppProtocolHandler({ roots, csp });

  it('serves files with their type, the CSP and nosniff', async () => {
    const res = await handler()(new Request('critlab://app/index.html'));
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('<title>critlab</title>');
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('content-security-policy')).toBe(csp);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    const js = await handler()(new Request('critlab://app/assets/index-abc.js'));
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    const head = await handler()(new Request('critlab://help/', { method: 'HEAD' }));
    expect(head.status).toBe(200);
  });

  it('answers 404 for missing files and unknown hosts, 403 outside the folder, 405 for other methods', async () => {
    expect((await handler()(new Request('critlab://app/nope.js'))).status).toBe(404);
    expect((await handler()(new Request('critlab://elsewhere/index.html'))).status).toBe(404);
    const outside = await handler()(new Request('critlab://app/..%2fsecret.txt'));
    expect(outside.status).toBe(403);
    expect(await outside.text()).not.toContain('secret');
    expect((await handler()(new Request('critlab://app/index.html', { method: 'POST', body: 'x' }))).status).toBe(405);
    expect((await handler()(new Request('critlab://app/assets'))).status).toBe(404); // a folder
  });

  it('content types for what the renderer ships', () => {
    expect(contentType('a.mjs')).toMatch(/javascript/);
    expect(contentType('a.svg')).toBe('image/svg+xml');
    expect(contentType('a.woff2')).toBe('font/woff2');
    expect(contentType('a.unknown')).toBe('application/octet-stream');
  });
});
