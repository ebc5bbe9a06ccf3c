// electron/security.ts: each test pins one defence, so weakening it (a flag flipped, a CSP
// source added, a guard dropped) fails here.
import { describe, expect, it, vi } from 'vitest';
import {
  appUrlMatcher,
  contentSecurityPolicy,
  hardenSession,
  hardenWebContents,
  helpWindowOptions,
  isPermissionAllowed,
  navigationMatcher,
  rendererTarget,
  secureWebPreferences,
  windowOptions,
  withCsp,
  type RendererTarget,
} from '../../electron/security.ts';

const rendererRoot = '/opt/critlab/dist/renderer';
const appUrl = 'critlab://app/index.html';
const fileTarget: RendererTarget = { kind: 'app', root: rendererRoot, url: appUrl };
const devTarget: RendererTarget = { kind: 'dev', url: 'http://localhost:5173/' };

/** CSP text → directive name → sources. */
function parseCsp(policy: string): Map<string, string[]> {
  const directives = new Map<string, string[]>();
  for (const part of policy.split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (!name) continue;
    expect(directives.has(name), `directive ${name} appears twice`).toBe(false);
    directives.set(name, sources);
  }
  return directives;
}

describe('secureWebPreferences', () => {
  const prefs = secureWebPreferences('/app/preload.cjs');

  it('isolates and sandboxes the renderer and gives it no Node', () => {
    expect(prefs.contextIsolation).toBe(true);
    expect(prefs.sandbox).toBe(true);
    expect(prefs.nodeIntegration).toBe(false);
    expect(prefs.nodeIntegrationInWorker).toBe(false);
    expect(prefs.nodeIntegrationInSubFrames).toBe(false);
  });

  it('keeps web security on and the risky features off', () => {
    expect(prefs.webSecurity).toBe(true);
    expect(prefs.allowRunningInsecureContent).toBe(false);
    expect(prefs.experimentalFeatures).toBe(false);
    expect(prefs.webviewTag).toBe(false);
    expect(prefs.navigateOnDragDrop).toBe(false);
    expect(prefs.preload).toBe('/app/preload.cjs');
  });

  it('sets no option beyond the reviewed list (a new one must be reviewed here)', () => {
    expect(Object.keys(prefs).sort()).toEqual(
      [
        'allowRunningInsecureContent',
        'contextIsolation',
        'experimentalFeatures',
        'navigateOnDragDrop',
        'nodeIntegration',
        'nodeIntegrationInSubFrames',
        'nodeIntegrationInWorker',
        'preload',
        'safeDialogs',
        'sandbox',
        'spellcheck',
        'webSecurity',
        'webviewTag',
      ].sort(),
    );
    expect(prefs).not.toHaveProperty('enableBlinkFeatures');
    expect(prefs).not.toHaveProperty('additionalArguments');
  });

  it('windowOptions uses exactly these webPreferences and starts hidden', () => {
    const options = windowOptions('/app/preload.cjs');
    expect(options.webPreferences).toEqual(secureWebPreferences('/app/preload.cjs'));
    expect(options.show).toBe(false);
    expect(options).toMatchObject({ width: 1280, height: 820, minWidth: 800, minHeight: 560 });
    expect(options).not.toHaveProperty('x');
  });

  it('windowOptions takes the remembered bounds, and changes nothing else', () => {
    const options = windowOptions('/app/preload.cjs', { x: 10, y: 20, width: 1000, height: 700 }, '/app/icon.png');
    expect(options).toMatchObject({ x: 10, y: 20, width: 1000, height: 700, icon: '/app/icon.png', show: false });
    expect(options.webPreferences).toEqual(secureWebPreferences('/app/preload.cjs'));
  });

  it('the help window is as sandboxed and isolated, with no preload at all', () => {
    const options = helpWindowOptions();
    const { preload: _preload, ...secure } = secureWebPreferences('x');
    expect(options.webPreferences).toEqual(secure);
    expect(options.webPreferences).not.toHaveProperty('preload');
    expect(options.webPreferences).toMatchObject({ sandbox: true, contextIsolation: true, nodeIntegration: false });
    expect(options.show).toBe(false);
  });
});

describe('contentSecurityPolicy', () => {
  for (const target of [fileTarget, devTarget]) {
    describe(`for a ${target.kind} renderer`, () => {
      const policy = contentSecurityPolicy(target);
      const csp = parseCsp(policy);

      it("defaults to 'self' and allows no eval and no inline script anywhere", () => {
        expect(csp.get('default-src')).toEqual(["'self'"]);
        expect(csp.get('script-src')).toEqual(["'self'"]);
        expect(policy).not.toMatch(/unsafe-eval|wasm-unsafe-eval|unsafe-hashes|strict-dynamic/);
        for (const [name, sources] of csp) {
          if (name !== 'style-src') expect(sources, name).not.toContain("'unsafe-inline'");
          expect(sources, name).not.toContain('*');
          expect(sources, name).not.toContain('http:');
          expect(sources, name).not.toContain('https:');
        }
      });

      it('allows inline styles (Svelte) but only our own style sheets', () => {
        expect(csp.get('style-src')).toEqual(["'self'", "'unsafe-inline'"]);
      });

      it('blocks plugins, frames, forms and <base>', () => {
        expect(csp.get('object-src')).toEqual(["'none'"]);
        expect(csp.get('frame-src')).toEqual(["'none'"]);
        expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
        expect(csp.get('form-action')).toEqual(["'none'"]);
        expect(csp.get('base-uri')).toEqual(["'none'"]);
      });
    });
  }

  it('connects only to itself, plus the Vite HMR websocket of the dev server in development', () => {
    expect(parseCsp(contentSecurityPolicy(fileTarget)).get('connect-src')).toEqual(["'self'"]);
    expect(parseCsp(contentSecurityPolicy(devTarget)).get('connect-src')).toEqual(["'self'", 'ws://localhost:5173']);
  });
});

describe('withCsp', () => {
  it('adds the policy and replaces any Content-Security-Policy header, whatever its casing', () => {
    const headers = withCsp({ 'content-security-policy': ["default-src *"], 'CONTENT-SECURITY-POLICY': ['script-src *'], 'Content-Type': ['text/html'] }, "default-src 'self'");
    expect(headers).toEqual({ 'Content-Type': ['text/html'], 'Content-Security-Policy': ["default-src 'self'"] });
  });

  it('works when the response has no headers (file://)', () => {
    expect(withCsp(undefined, 'x')).toEqual({ 'Content-Security-Policy': ['x'] });
  });
});

describe('hardenSession', () => {
  function fakeSession() {
    return {
      webRequest: { onHeadersReceived: vi.fn() },
      setPermissionRequestHandler: vi.fn(),
      setPermissionCheckHandler: vi.fn(),
    };
  }

  it('puts the CSP on every response of the session', () => {
    const session = fakeSession();
    hardenSession(session as never, "default-src 'self'");
    expect(session.webRequest.onHeadersReceived).toHaveBeenCalledTimes(1);
    const call = session.webRequest.onHeadersReceived.mock.calls[0];
    expect(call).toHaveLength(1); // no URL filter: every request
    const listener = call[0] as (details: unknown, callback: (response: unknown) => void) => void;
    const callback = vi.fn();
    listener({ url: appUrl, responseHeaders: { 'X-A': ['1'] } }, callback);
    expect(callback).toHaveBeenCalledWith({ responseHeaders: { 'X-A': ['1'], 'Content-Security-Policy': ["default-src 'self'"] } });
    expect(callback.mock.calls[0][0]).not.toHaveProperty('cancel');
  });

  it('denies every permission request and check except writing to the clipboard', () => {
    const session = fakeSession();
    hardenSession(session as never, 'x');
    const request = session.setPermissionRequestHandler.mock.calls[0][0] as (wc: unknown, permission: string, callback: (ok: boolean) => void) => void;
    const check = session.setPermissionCheckHandler.mock.calls[0][0] as (wc: unknown, permission: string) => boolean;
    for (const permission of ['media', 'geolocation', 'notifications', 'openExternal', 'fileSystem', 'clipboard-read', 'hid', 'serial', 'usb', 'unknown']) {
      const callback = vi.fn();
      request(null, permission, callback);
      expect(callback, permission).toHaveBeenCalledWith(false);
      expect(check(null, permission), permission).toBe(false);
    }
    const callback = vi.fn();
    request(null, 'clipboard-sanitized-write', callback);
    expect(callback).toHaveBeenCalledWith(true);
    expect(isPermissionAllowed('clipboard-sanitized-write')).toBe(true);
  });
});

describe('hardenWebContents', () => {
  function fakeContents() {
    const listeners = new Map<string, (...args: unknown[]) => void>();
    const contents = {
      on: vi.fn((event: string, listener: (...args: unknown[]) => void) => {
        listeners.set(event, listener);
        return contents;
      }),
      setWindowOpenHandler: vi.fn(),
    };
    return { contents, listeners };
  }
  const navigation = (url: string) => ({ url, preventDefault: vi.fn() });

  it('denies window.open for every URL, including our own', () => {
    const { contents } = fakeContents();
    hardenWebContents(contents as never, appUrlMatcher(fileTarget));
    const handler = contents.setWindowOpenHandler.mock.calls[0][0] as (details: { url: string }) => { action: string };
    for (const url of ['https://example.com/', appUrl, 'critlab://help/index.html', 'about:blank', 'javascript:alert(1)']) {
      expect(handler({ url })).toEqual({ action: 'deny' });
    }
  });

  for (const eventName of ['will-navigate', 'will-frame-navigate', 'will-redirect']) {
    it(`${eventName}: blocks every URL that is not the app`, () => {
      const { contents, listeners } = fakeContents();
      hardenWebContents(contents as never, appUrlMatcher(fileTarget));
      const listener = listeners.get(eventName);
      expect(listener, `${eventName} listener`).toBeDefined();
      for (const url of ['https://evil.example/', 'file:///etc/passwd', 'file:///opt/critlab/dist/renderer/index.html', 'critlab://other/index.html', 'data:text/html,<script>1</script>', 'javascript:alert(1)', 'not a url']) {
        const event = navigation(url);
        listener!(event);
        expect(event.preventDefault, url).toHaveBeenCalled();
      }
      const own = navigation(`${appUrl}#/runs`);
      listener!(own);
      expect(own.preventDefault).not.toHaveBeenCalled();
    });
  }

  it('refuses to attach any <webview>', () => {
    const { contents, listeners } = fakeContents();
    hardenWebContents(contents as never, () => true);
    const event = { preventDefault: vi.fn() };
    listeners.get('will-attach-webview')!(event, {}, { src: appUrl });
    expect(event.preventDefault).toHaveBeenCalled();
  });
});

describe('appUrlMatcher', () => {
  it('app target: pages of critlab://app only (the renderer folder is all that is served there)', () => {
    const isApp = appUrlMatcher(fileTarget);
    expect(isApp(appUrl)).toBe(true);
    expect(isApp(`${appUrl}?x=1#/a`)).toBe(true);
    expect(isApp('critlab://app/')).toBe(true);
    for (const url of ['file:///opt/critlab/dist/renderer/index.html', 'critlab://help/index.html', 'critlab://app.evil/index.html', 'critlab://user@app/index.html', 'http://localhost:5173/', 'https://app/index.html', '']) {
      expect(isApp(url), url).toBe(false);
    }
  });

  it('dev target: the dev server origin only', () => {
    const isApp = appUrlMatcher(devTarget);
    expect(isApp('http://localhost:5173/src/App.svelte')).toBe(true);
    expect(isApp('http://localhost:5174/')).toBe(false);
    expect(isApp('https://localhost:5173/')).toBe(false);
    expect(isApp(appUrl)).toBe(false);
  });

  it('navigation may also reach the help pages (the help window), but IPC trust may not', () => {
    for (const target of [fileTarget, devTarget]) {
      const mayNavigate = navigationMatcher(target);
      expect(mayNavigate('critlab://help/index.html#finders')).toBe(true);
      expect(mayNavigate(target.url)).toBe(true);
      expect(mayNavigate('https://evil.example/')).toBe(false);
      expect(appUrlMatcher(target)('critlab://help/index.html')).toBe(false);
    }
  });
});

describe('rendererTarget', () => {
  it('loads the built files over critlab://app unless a dev server is given', () => {
    expect(rendererTarget({ isPackaged: false, rendererRoot })).toEqual(fileTarget);
    expect(rendererTarget({ devServerUrl: 'http://localhost:5173', isPackaged: false, rendererRoot })).toEqual(devTarget);
  });

  it('ignores VITE_DEV_SERVER_URL in a packaged app', () => {
    expect(rendererTarget({ devServerUrl: 'http://localhost:5173', isPackaged: true, rendererRoot })).toEqual(fileTarget);
  });

  it('refuses a dev server that is not http(s) on loopback', () => {
    for (const url of ['https://evil.example:5173/', 'file:///tmp/x.html', 'javascript:alert(1)', 'http://192.168.1.5:5173/', 'nonsense']) {
      expect(() => rendererTarget({ devServerUrl: url, isPackaged: false, rendererRoot }), url).toThrow(/VITE_DEV_SERVER_URL/);
    }
  });
});
