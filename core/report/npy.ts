/**
 * NumPy .npy writer (NEP 1, format version 1.0): the magic "\x93NUMPY", version bytes 1 0, the
 * header length as uint16 little-endian, an ASCII Python dict literal
 * {'descr': '<f8', 'fortran_order': False, 'shape': (n, k), } padded with spaces and a final
 * newline so the data start at a multiple of 64 bytes, then the values as little-endian float64
 * in C (row-major) order. `np.load` reads it; core/problems/data/npy.ts parses it back.
 *
 * The run exports: θ of every point (n × d) and their Hessian spectra (n × m, ascending, padded
 * with NaN where a point has fewer eigenvalues, e.g. SLQ's extremes), rows in start-id order
 * matching points.csv; or the two with the start ids in one .npz archive (./npz.ts).
 */
import { isFailedStart, type PointRecord, type StartRecord } from '../experiment/records.ts';
import { toNpz } from './npz.ts';

const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59];
const ALIGN = 64;

/** The Python tuple literal of a shape: (3,) for 1-D, (2, 3) for 2-D. */
function shapeLiteral(shape: readonly number[]): string {
  return shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(', ')})`;
}

/** Serialises `data` with `shape` (row-major) as .npy v1.0 bytes, dtype '<f8'. */
export function toNpy(data: ArrayLike<number>, shape: readonly number[]): Uint8Array<ArrayBuffer> {
  if (shape.some((n) => !Number.isInteger(n) || n < 0)) throw new RangeError(`npy: invalid shape (${shape.join(', ')})`);
  const count = shape.reduce((a, n) => a * n, 1);
  if (count !== data.length) throw new RangeError(`npy: shape (${shape.join(', ')}) holds ${count} values, got ${data.length}`);
  const dict = `{'descr': '<f8', 'fortran_order': False, 'shape': ${shapeLiteral(shape)}, }`;
  const unpadded = MAGIC.length + 2 + 2 + dict.length + 1;
  const headerLength = Math.ceil(unpadded / ALIGN) * ALIGN - (MAGIC.length + 4);
  if (headerLength > 0xffff) throw new RangeError('npy: header too long for format 1.0');
  const header = dict.padEnd(headerLength - 1, ' ') + '\n';
  const offset = MAGIC.length + 4 + headerLength;
  const bytes = new Uint8Array(offset + 8 * count);
  bytes.set(MAGIC, 0);
  bytes[6] = 1;
  bytes[7] = 0;
  const view = new DataView(bytes.buffer);
  view.setUint16(8, headerLength, true);
  for (let i = 0; i < header.length; i++) bytes[10 + i] = header.charCodeAt(i);
  for (let i = 0; i < count; i++) view.setFloat64(offset + 8 * i, data[i], true);
  return bytes;
}

function sortedPoints(records: readonly StartRecord[]): PointRecord[] {
  return records.filter((r): r is PointRecord => !isFailedStart(r)).sort((a, b) => a.id - b.id);
}

/** θ of every point, one row per start (start-id order, failed starts left out): n × d. */
export function thetaToNpy(records: readonly StartRecord[]): Uint8Array<ArrayBuffer> {
  const points = sortedPoints(records);
  const d = points.reduce((m, p) => Math.max(m, p.theta.length), 0);
  const values = new Float64Array(points.length * d).fill(NaN);
  points.forEach((p, i) => values.set(p.theta, i * d));
  return toNpy(values, [points.length, d]);
}

/** Hessian eigenvalues of every point, ascending, NaN-padded to the longest: n × m. */
export function spectraToNpy(records: readonly StartRecord[]): Uint8Array<ArrayBuffer> {
  const points = sortedPoints(records);
  const m = points.reduce((w, p) => Math.max(w, p.eigenvalues?.length ?? 0), 0);
  const values = new Float64Array(points.length * m).fill(NaN);
  points.forEach((p, i) => {
    if (p.eigenvalues) values.set(p.eigenvalues, i * m);
  });
  return toNpy(values, [points.length, m]);
}

/** The start ids of the rows of thetaToNpy / spectraToNpy. */
export function npyRowIds(records: readonly StartRecord[]): number[] {
  return sortedPoints(records).map((p) => p.id);
}

/** ids (n), θ (n × d) and spectra (n × m) of a run's points as one .npz archive (np.load → dict). */
export function pointsToNpz(records: readonly StartRecord[]): Uint8Array<ArrayBuffer> {
  const ids = npyRowIds(records);
  return toNpz({ 'ids.npy': toNpy(ids, [ids.length]), 'points.npy': thetaToNpy(records), 'spectra.npy': spectraToNpy(records) });
}
