/**
 * A run's points as one JSON document: the spec, the summary and every record (failed starts
 * included), in start-id order. JSON has no Infinity or NaN: such numbers (the loss of a
 * diverged start) become null, as JSON.stringify writes them.
 */
import type { SpecInput } from '../experiment/spec.ts';
import type { RunSummary, StartRecord } from '../experiment/records.ts';

export interface PointsDocument {
  readonly format: 'critlab-points';
  readonly formatVersion: 1;
  readonly title?: string;
  readonly spec: SpecInput;
  readonly summary: RunSummary;
  readonly records: readonly StartRecord[];
}

export function pointsToJson(run: { title?: string; spec: SpecInput; summary: RunSummary; records: readonly StartRecord[] }, indent = 0): string {
  const document: PointsDocument = {
    format: 'critlab-points',
    formatVersion: 1,
    ...(run.title !== undefined ? { title: run.title } : {}),
    spec: run.spec,
    summary: run.summary,
    records: [...run.records].sort((a, b) => a.id - b.id),
  };
  return JSON.stringify(document, null, indent || undefined) + '\n';
}
