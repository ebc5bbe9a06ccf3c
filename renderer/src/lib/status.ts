/**
 * How each finder outcome is drawn everywhere (scatter, traces, table, report): a colour (a CSS
 * variable from app.css, with a fallback for standalone SVG) and a label.
 */
import type { PointStatus } from '../../../core/experiment/records.ts';

export interface StatusStyle {
  readonly status: PointStatus;
  readonly label: string;
  readonly color: string;
  readonly description: string;
}

export const STATUSES: readonly StatusStyle[] = [
  { status: 'critical', label: 'critical', color: 'var(--status-critical, #2f63d8)', description: '‖∇L‖² below the tolerance' },
  { status: 'gradient-flat', label: 'gradient-flat', color: 'var(--status-gradient-flat, #e08a00)', description: '∇L (almost) in the kernel of H: r > threshold, r_H small' },
  { status: 'stalled', label: 'stalled', color: 'var(--status-stalled, #8a5cf6)', description: 'the line search failed away from a critical point' },
  { status: 'max-iterations', label: 'max. iterations', color: 'var(--status-max-iterations, #7a8591)', description: 'ran out of iterations' },
  { status: 'diverged', label: 'diverged', color: 'var(--status-diverged, #c9323c)', description: 'θ or the loss left the finite range' },
];

const byStatus = new Map(STATUSES.map((s) => [s.status, s]));

export function statusStyle(status: PointStatus): StatusStyle {
  return byStatus.get(status) ?? STATUSES[STATUSES.length - 1];
}

/** Plain colours of the light theme, for canvas drawing (which cannot read CSS variables) before the theme is read. */
export const STATUS_FALLBACK: Readonly<Record<PointStatus, string>> = {
  critical: '#2f63d8',
  'gradient-flat': '#e08a00',
  stalled: '#8a5cf6',
  'max-iterations': '#7a8591',
  diverged: '#c9323c',
};
