/**
 * Secure Electron defaults, in one place (STYLE.md): the window's webPreferences, the renderer's
 * Content-Security-Policy, which URLs count as "our app", and the guards every webContents and
 * the session get (navigation, redirects, new windows, <webview>, permissions).
 *
 * Everything here is pure or takes the Electron object it hardens as a parameter, and imports
 * Electron for types only, so it is unit-tested under plain Node without the Electron binary.
 * main.ts is the only caller; a change that weakens any of this fails unit/electron/security.test.ts.
 */
import { APP_HOST, APP_INDEX_URL, HELP_HOST, isSchemeUrl } from './app-protocol.ts';
import type { BrowserWindowConstructorOptions, HeadersReceivedResponse, OnHeadersReceivedListenerDetails, Session, WebContents, WebPreferences } from 'electron';

/**
 * Where the renderer comes from: the built files in `root` (dist/renderer), served as
 * critlab://app/ (app-protocol.ts), or (unpackaged only) a Vite dev server.
 */
export type RendererTarget =
  | { readonly kind: 'app'; readonly root: string; readonly url: string }
  | { readonly kind: 'dev'; readonly url: string };

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * Picks the renderer to load. `VITE_DEV_SERVER_URL` is honoured only in an unpackaged app and
 * only for an http(s) loopback URL: a packaged app always loads its own files, so nobody can point
 * an installed critlab (and its IPC) at a remote page through an environment variable.
 */
export function rendererTarget(options: { devServerUrl?: string | undefined; isPackaged: boolean; rendererRoot: string }): RendererTarget {
  const { devServerUrl, isPackaged, rendererRoot } = options;
  if (!devServerUrl || isPackaged) return { kind: 'app', root: rendererRoot, url: APP_INDEX_URL };
  let url: URL;
  try {
    url = new URL(devServerUrl);
  } catch {
    throw new Error(`VITE_DEV_SERVER_URL is not a URL: ${devServerUrl}`);
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || !LOOPBACK_HOSTS.has(url.hostname)) {
    throw new Error(`VITE_DEV_SERVER_URL must be an http(s) URL on localhost, got ${devServerUrl}`);
  }
  return { kind: 'dev', url: url.href };
}

/**
 * A predicate for "this URL is our app": for built files, any page of critlab://app (only our
 * renderer folder is served there); for the dev server, its origin. Everything else (file:,
 * other sites, data:, javascript:, the help pages, malformed strings) is foreign.
 */
export function appUrlMatcher(target: RendererTarget): (url: string) => boolean {
  if (target.kind === 'app') return (url) => isSchemeUrl(url, APP_HOST);
  const expected = new URL(target.url);
  return (url) => {
    let u: URL;
    try {
      u = new URL(url);
    } catch {
      return false;
    }
    return u.origin === expected.origin;
  };
}

/** Where a window may navigate: the app itself, and the offline help pages (in the help window). */
export function navigationMatcher(target: RendererTarget): (url: string) => boolean {
  const isApp = appUrlMatcher(target);
  return (url) => isApp(url) || isSchemeUrl(url, HELP_HOST);
}

/** The renderer's webPreferences. Every flag is spelled out, including the defaults. */
export function secureWebPreferences(preloadPath: string): WebPreferences {
  return {
    preload: preloadPath,
    // The renderer gets no Node, and its JS world is separate from the preload's.
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    // Same-origin policy on; no http content inside the app; no experimental Blink features.
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    // Dropping a file on the window must not navigate it away from the app.
    navigateOnDragDrop: false,
    safeDialogs: true,
    spellcheck: false,
  };
}

/** The main window; `bounds` come from the remembered window state (window-state.ts). */
export function windowOptions(
  preloadPath: string,
  bounds: { x?: number; y?: number; width: number; height: number } = { width: 1280, height: 820 },
  icon?: string,
): BrowserWindowConstructorOptions {
  return {
    ...(bounds.x !== undefined && bounds.y !== undefined ? { x: bounds.x, y: bounds.y } : {}),
    width: bounds.width,
    height: bounds.height,
    minWidth: 800,
    minHeight: 560,
    ...(icon ? { icon } : {}),
    title: 'critlab',
    // Shown on 'ready-to-show' (or after a failed load) so the user never sees a blank frame.
    show: false,
    backgroundColor: '#ffffff',
    webPreferences: secureWebPreferences(preloadPath),
  };
}

/**
 * The offline help window: the same sandbox and isolation, and no preload at all (the help page
 * gets no API, and the IPC handlers refuse any webContents but the main window's anyway).
 */
export function helpWindowOptions(parent?: BrowserWindowConstructorOptions['parent']): BrowserWindowConstructorOptions {
  const { preload: _preload, ...prefs } = secureWebPreferences('');
  return {
    width: 900,
    height: 720,
    minWidth: 480,
    minHeight: 360,
    title: 'critlab Help',
    show: false,
    ...(parent ? { parent } : {}),
    webPreferences: prefs,
  };
}

/**
 * The renderer's CSP. Scripts only from the app itself (no inline script, no eval); inline styles
 * are allowed because Svelte sets style attributes and injects component styles; no plugins,
 * frames, forms or <base>. In development, the Vite client also needs its HMR websocket.
 */
export function contentSecurityPolicy(target: RendererTarget): string {
  const connect = ["'self'"];
  if (target.kind === 'dev') {
    const u = new URL(target.url);
    connect.push(`${u.protocol === 'https:' ? 'wss:' : 'ws:'}//${u.host}`);
  }
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    `connect-src ${connect.join(' ')}`,
    "worker-src 'self'",
    "object-src 'none'",
    "frame-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** Response headers with our CSP as the only Content-Security-Policy (any casing replaced). */
export function withCsp(headers: Record<string, string | string[]> | undefined, policy: string): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (name.toLowerCase() !== 'content-security-policy') out[name] = value;
  }
  out['Content-Security-Policy'] = [policy];
  return out;
}

/** Permissions the renderer may have. Writing text to the clipboard (a "copy" button) only. */
const ALLOWED_PERMISSIONS: ReadonlySet<string> = new Set(['clipboard-sanitized-write']);

export function isPermissionAllowed(permission: string): boolean {
  return ALLOWED_PERMISSIONS.has(permission);
}

type SessionLike = {
  webRequest: Pick<Session['webRequest'], 'onHeadersReceived'>;
} & Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler'>;

/** Applies the CSP to every response of the session and denies every permission but the above. */
export function hardenSession(session: SessionLike, policy: string): void {
  session.webRequest.onHeadersReceived((details: OnHeadersReceivedListenerDetails, callback: (response: HeadersReceivedResponse) => void) => {
    callback({ responseHeaders: withCsp(details.responseHeaders, policy) });
  });
  session.setPermissionRequestHandler((_contents, permission, callback) => callback(isPermissionAllowed(permission)));
  session.setPermissionCheckHandler((_contents, permission) => isPermissionAllowed(permission));
}

type WebContentsLike = Pick<WebContents, 'on' | 'setWindowOpenHandler'>;

/**
 * Guards one webContents: no new windows (window.open, target=_blank, shift-click), no
 * navigation or redirect of any frame away from the app, no <webview>. Called for every
 * webContents the app creates ('web-contents-created').
 */
export function hardenWebContents(contents: WebContentsLike, isAppUrl: (url: string) => boolean): void {
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  contents.on('will-navigate', (event) => {
    if (!isAppUrl(event.url)) event.preventDefault();
  });
  contents.on('will-frame-navigate', (event) => {
    if (!isAppUrl(event.url)) event.preventDefault();
  });
  contents.on('will-redirect', (event) => {
    if (!isAppUrl(event.url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
  });
}
