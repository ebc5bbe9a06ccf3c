/**
 * Point records as CSV (RFC 4180: comma-separated, CRLF line ends, fields with a comma, quote or
 * line break quoted, quotes doubled), one row per start in start-id order, header first.
 * Numbers are written in JavaScript's shortest round-trip form; non-finite ones as `inf`,
 * `-inf` and `nan` (which NumPy and pandas read); absent values as empty fields. Failed starts
 * (their compute process crashed) keep their id, status and error.
 */
import type { StartRecord } from '../experiment/records.ts';
import { isFailedStart } from '../experiment/records.ts';

export interface CsvOptions {
  /**
   * θ columns (`theta_0`, …) for problems with at most this many parameters (default 16);
   * larger θ belong in points.npy.
   */
  readonly maxThetaColumns?: number;
}

/** The scalar columns, in order. */
export const CSV_COLUMNS = [
  'id',
  'status',
  'stopReason',
  'finder',
  'type',
  'cluster',
  'loss',
  'gradNormSq',
  'index',
  'negative',
  'zero',
  'positive',
  'iterations',
  'hvps',
  'elapsedMs',
  'spectrumMethod',
  'innerFlag',
  'flatness_r',
  'flatness_rH',
  'flatness_rayleigh',
  'flatness_flag',
  'testLoss',
  'truth_subset',
  'truth_loss',
  'truth_index',
  'truth_negative',
  'truth_zero',
  'truth_positive',
  'truth_productError',
  'error',
] as const;

type Cell = string | number | boolean | null | undefined;

export function csvNumber(value: number): string {
  if (Number.isNaN(value)) return 'nan';
  if (value === Infinity) return 'inf';
  if (value === -Infinity) return '-inf';
  return String(value);
}

export function csvField(value: Cell): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return csvNumber(value);
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function pointsToCsv(records: readonly StartRecord[], options: CsvOptions = {}): string {
  const sorted = [...records].sort((a, b) => a.id - b.id);
  const dimension = sorted.reduce((d, r) => (isFailedStart(r) ? d : Math.max(d, r.theta.length)), 0);
  const thetaColumns = dimension <= (options.maxThetaColumns ?? 16) ? dimension : 0;
  const header = [...CSV_COLUMNS, ...Array.from({ length: thetaColumns }, (_, i) => `theta_${i}`)];
  const lines = [header.join(',')];
  for (const r of sorted) {
    let cells: Cell[];
    if (isFailedStart(r)) {
      cells = CSV_COLUMNS.map((c) => (c === 'id' ? r.id : c === 'status' ? r.status : c === 'error' ? r.error : null));
    } else {
      const t = r.truth ?? null;
      const f = r.flatness;
      cells = [
        r.id,
        r.status,
        r.stopReason,
        r.finder,
        r.type,
        r.cluster,
        r.loss,
        r.gradNormSq,
        r.index,
        r.negative,
        r.zero,
        r.positive,
        r.iterations,
        r.hvps,
        r.elapsedMs,
        r.spectrumMethod,
        r.innerFlag,
        f?.r,
        f?.rH,
        f?.rayleigh,
        f?.flag,
        r.testLoss,
        t ? t.subset.join(' ') : null,
        t?.loss,
        t?.index,
        t?.negative,
        t?.zero,
        t?.positive,
        t?.productError,
        null,
      ];
    }
    for (let i = 0; i < thetaColumns; i++) cells.push(isFailedStart(r) ? null : r.theta[i]);
    lines.push(cells.map(csvField).join(','));
  }
  return lines.join('\r\n') + '\r\n';
}
