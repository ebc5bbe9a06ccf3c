/**
 * How each type of critical point is drawn everywhere (plot markers, legend, table): a shape
 * and a colour per type, so type never rests on colour alone. Colours are CSS variables set
 * per theme in app.css.
 */
import { symbol, symbolCircle, symbolDiamond, symbolSquare, symbolTriangle, type SymbolType } from 'd3';
import type { PointType } from '../../../core/experiment/records.ts';

export interface PointTypeStyle {
  readonly type: PointType;
  readonly label: string;
  readonly plural: string;
  readonly shape: SymbolType;
  /** CSS colour (a variable from app.css). */
  readonly color: string;
  /** Symbol area in px² at the plot's marker size (shapes differ to look equally heavy). */
  readonly area: number;
}

export const POINT_TYPES: readonly PointTypeStyle[] = [
  { type: 'minimum', label: 'minimum', plural: 'minima', shape: symbolCircle, color: 'var(--type-minimum)', area: 150 },
  { type: 'saddle', label: 'saddle', plural: 'saddles', shape: symbolDiamond, color: 'var(--type-saddle)', area: 150 },
  { type: 'maximum', label: 'maximum', plural: 'maxima', shape: symbolTriangle, color: 'var(--type-maximum)', area: 150 },
  { type: 'degenerate', label: 'degenerate', plural: 'degenerate', shape: symbolSquare, color: 'var(--type-degenerate)', area: 120 },
];

const byType = new Map(POINT_TYPES.map((style) => [style.type, style]));

export function pointTypeStyle(type: PointType): PointTypeStyle {
  return byType.get(type) ?? POINT_TYPES[POINT_TYPES.length - 1];
}

/** SVG path of a type's marker centred on the origin; `scale` multiplies its linear size. */
export function markerPath(type: PointType, scale = 1): string {
  const style = pointTypeStyle(type);
  return symbol(style.shape, style.area * scale * scale)() ?? '';
}
