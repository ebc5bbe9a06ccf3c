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

export function electronLab(bridge: LabApi): LabApi {
  return {
    host: 'electron',
    startRun: (spec) => bridge.startRun(JSON.parse(JSON.stringify(spec))),
    cancelRun: (jobId) => bridge.cancelRun(jobId),
    onEvent: (listener) => bridge.onEvent(listener),
  };
}
