/**
 * The app's own URL scheme. The renderer (dist/renderer) is served as critlab://app/… and the
 * offline help (assets/help) as critlab://help/…, instead of file://: with the
 * GrantFileProtocolExtraPrivileges fuse off (electron-builder.cjs), file:// pages lose Electron's
 * extra privileges and cannot load ES-module scripts, and a custom scheme lets us serve exactly
 * one folder per host and nothing else on the disk (Electron's security checklist, item 18).
 *
 * The scheme is registered as standard (relative URLs and 'self' in the CSP work) and secure;
 * it does not bypass the CSP and is not CORS-enabled. Requests resolve against their host's
 * folder only: a path that escapes it (`..`, encoded separators, NUL) is refused, and only GET
 * and HEAD are served. Every response carries the CSP and `nosniff`.
 *
 * Pure apart from reading the served file, and imports Electron for types only.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import type { CustomScheme } from 'electron';

export const APP_SCHEME = 'critlab';
export const APP_HOST = 'app';
export const HELP_HOST = 'help';
export const APP_INDEX_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;
export const HELP_INDEX_URL = `${APP_SCHEME}://${HELP_HOST}/index.html`;

/** For protocol.registerSchemesAsPrivileged (before 'ready'). */
export const APP_SCHEME_PRIVILEGES: CustomScheme = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true },
};

/** True for URLs of `host` on our scheme (any path, query or hash); false for anything else. */
export function isSchemeUrl(url: string, host: string): boolean {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  // Node gives non-special schemes an opaque origin, so compare scheme and host, not origins.
  return u.protocol === `${APP_SCHEME}:` && u.host === host && u.username === '' && u.password === '' && u.port === '';
}

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
};

export function contentType(file: string): string {
  return CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

export type Resolved = { readonly file: string } | { readonly status: 400 | 403 | 404; readonly reason: string };

/**
 * The file a request URL names inside its host's folder (`/` is index.html), or why none: not
 * our scheme or an unknown host (404), a malformed escape (400), a path leaving the folder (403).
 */
export function resolveAppRequest(url: string, roots: Readonly<Record<string, string>>): Resolved {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return { status: 400, reason: 'malformed URL' };
  }
  if (u.protocol !== `${APP_SCHEME}:` || !Object.hasOwn(roots, u.host)) return { status: 404, reason: `unknown host ${u.host}` };
  const root = path.resolve(roots[u.host]);
  let relative: string;
  try {
    relative = decodeURIComponent(u.pathname);
  } catch {
    return { status: 400, reason: 'malformed escape in the path' };
  }
  if (relative.includes('\0') || relative.includes('\\')) return { status: 400, reason: 'forbidden character in the path' };
  if (!relative.startsWith('/')) relative = `/${relative}`;
  if (relative.endsWith('/')) relative += 'index.html';
  const file = path.resolve(root, `.${path.posix.normalize(relative)}`);
  if (file !== root && !file.startsWith(root + path.sep)) return { status: 403, reason: 'outside the served folder' };
  if (relative.split('/').some((part) => part === '..')) return { status: 403, reason: 'outside the served folder' };
  return { file };
}

export interface AppProtocolOptions {
  /** host → folder served under it. */
  readonly roots: Readonly<Record<string, string>>;
  /** The Content-Security-Policy sent with every response. */
  readonly csp: string;
  /** Reads a file (default: fs.readFile, which reads inside app.asar in Electron). */
  readonly readFile?: (file: string) => Promise<Uint8Array>;
}

/** The handler for protocol.handle(APP_SCHEME, …). */
export function createAppProtocolHandler(options: AppProtocolOptions): (request: Request) => Promise<Response> {
  const readFile = options.readFile ?? ((file: string) => fs.readFile(file));
  const headers = (extra: Record<string, string>) => ({
    'Content-Security-Policy': options.csp,
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'no-cache',
    ...extra,
  });
  const refuse = (status: number, reason: string) => new Response(reason, { status, headers: headers({ 'Content-Type': 'text/plain; charset=utf-8' }) });
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return refuse(405, 'method not allowed');
    const resolved = resolveAppRequest(request.url, options.roots);
    if ('status' in resolved) return refuse(resolved.status, resolved.reason);
    let body: Uint8Array;
    try {
      body = await readFile(resolved.file);
    } catch {
      return refuse(404, 'not found');
    }
    const type = { 'Content-Type': contentType(resolved.file) };
    return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), { status: 200, headers: headers(type) });
  };
}
