/** A dot as the dot marks draw it: pixel position, radius, colour and emphasis. */
export interface Dot {
  readonly id: number;
  readonly x: number;
  readonly y: number;
  readonly r: number;
  /** CSS colour; `var(--name, fallback)` is resolved against the canvas for Dots.canvas. */
  readonly color: string;
  readonly status?: string;
  readonly selected?: boolean;
  readonly focus?: boolean;
  readonly dim?: boolean;
  /** Tooltip text (SVG only). */
  readonly title?: string;
}

/** A segment in pixels. */
export interface Segment {
  readonly x1: number;
  readonly y1: number;
  readonly x2: number;
  readonly y2: number;
}

const VAR = /^var\(\s*(--[\w-]+)\s*(?:,\s*(.+))?\)$/;

/**
 * Resolves a CSS colour for canvas drawing: `var(--x, fallback)` reads the custom property on
 * `element` (so canvases follow the theme), anything else is returned as is.
 */
export function resolveColor(element: Element, color: string, cache?: Map<string, string>): string {
  const known = cache?.get(color);
  if (known) return known;
  const m = VAR.exec(color.trim());
  let resolved = color;
  if (m) {
    const value = getComputedStyle(element).getPropertyValue(m[1]).trim();
    resolved = value || (m[2]?.trim() ?? '#888');
  }
  cache?.set(color, resolved);
  return resolved;
}

/** One entry of an in-chart legend. */
export interface LegendItem {
  readonly label: string;
  readonly color: string;
  readonly shape: 'dot' | 'ring' | 'line' | 'dash' | 'square';
  readonly count?: number;
}

/** One series of a histogram: points (start ids) and the value binned (their index). */
export interface HistogramSeries {
  readonly key: string;
  readonly label: string;
  readonly color: string;
  readonly ids: readonly number[];
  readonly values: readonly number[];
}

/** One line of a trace chart: values by iteration. */
export interface TraceLine {
  readonly id: number;
  readonly color: string;
  readonly values: ArrayLike<number>;
  readonly emphasis?: 'focus' | 'selected' | 'normal' | 'dim';
}

/** A start's trace as the convergence chart draws it. */
export interface ChartTrace {
  readonly id: number;
  readonly status: import('../../../../core/experiment/records.ts').PointStatus;
  readonly loss: ArrayLike<number>;
  readonly gradNormSq: ArrayLike<number>;
}
