/**
 * The Electron host: the preload exposes `LabApi` as `window.lab` through contextBridge. This
 * adapter only makes sure what crosses the bridge is plain JSON (reactive proxies cannot be
 * cloned) and fixes the `host` tag.
 */
import type { LabApi } from '../../../core/jobs/lab-api.ts';

declare global {
  interface Window {
    /** Present only inside the Electron shell (set by electron/preload). */
    readonly lab?: LabApi;
  }
}

const plain = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

export function electronLab(bridge: LabApi): LabApi {
  const desktop = bridge.desktop;
  return {
    host: 'electron',
    // Data files cross the bridge as they are (Uint8Array is cloned by contextBridge).
    startRun: (spec, files) => (files && Object.keys(files).length > 0 ? bridge.startRun(plain(spec), files) : bridge.startRun(plain(spec))),
    cancelRun: (jobId) => bridge.cancelRun(jobId),
    onEvent: (listener) => bridge.onEvent(listener),
    // The desktop-only operations (run store, dialogs, menu): specs crossing the bridge are
    // cloned to plain JSON like startRun's.
    ...(desktop ? { desktop: { ...desktop, saveSpecFile: (spec) => desktop.saveSpecFile(plain(spec)) } } : {}),
  };
}
