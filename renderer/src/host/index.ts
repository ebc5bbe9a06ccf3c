/**
 * Picks the host the renderer talks to: Electron's preload bridge when present, Web Workers
 * otherwise. Everything else in the renderer sees only `LabApi`.
 */
import type { LabApi } from '../../../core/jobs/lab-api.ts';
import { electronLab } from './electron.ts';
import { WorkerLab } from './worker.ts';

export function createLabApi(): LabApi {
  return window.lab ? electronLab(window.lab) : new WorkerLab();
}
