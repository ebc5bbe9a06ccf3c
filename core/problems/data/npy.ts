/**
 * NumPy .npy bytes → numeric table, with validation and precise errors. Format (NEP 1, "A
 * simple file format for NumPy arrays", versions 1.0–3.0): the magic "\x93NUMPY", major and
 * minor version bytes, the header length (uint16 little-endian in 1.0, uint32 in 2.0/3.0), then
 * an ASCII (3.0: UTF-8) Python dict literal {'descr': '<f8', 'fortran_order': False,
 * 'shape': (n, k), } padded so the data start at a multiple of 64 bytes, then the raw data.
 *
 * Accepted: 1-D arrays (n samples of one value: an n × 1 table) and 2-D arrays (n samples ×
 * k columns), C or Fortran order, dtypes float64, float32, signed/unsigned integers of 1–8
 * bytes and bool, either byte order (float16, complex and record dtypes are refused). Every value must be
 * finite: "data.npy: element [17, 3] (row 18, column 4) is NaN".
 */
import { DATA_LIMITS, DataError } from './data-set.ts';
import type { Table } from './table.ts';

const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]; // \x93NUMPY

interface Dtype {
  readonly size: number;
  readonly little: boolean;
  read(view: DataView, offset: number, little: boolean): number;
}

function dtypeOf(descr: string, name: string): Dtype {
  const m = /^([<>|=])([fiub])(\d+)$/.exec(descr);
  if (!m) throw new DataError(`${name}: unsupported dtype '${descr}' (use float64, float32, integers or bool)`);
  const [, order, kind, sizeText] = m;
  const size = Number(sizeText);
  const little = order !== '>';
  const key = `${kind}${size}`;
  const readers: Record<string, (v: DataView, o: number, l: boolean) => number> = {
    f8: (v, o, l) => v.getFloat64(o, l),
    f4: (v, o, l) => v.getFloat32(o, l),
    i1: (v, o) => v.getInt8(o),
    u1: (v, o) => v.getUint8(o),
    b1: (v, o) => (v.getUint8(o) ? 1 : 0),
    i2: (v, o, l) => v.getInt16(o, l),
    u2: (v, o, l) => v.getUint16(o, l),
    i4: (v, o, l) => v.getInt32(o, l),
    u4: (v, o, l) => v.getUint32(o, l),
    i8: (v, o, l) => Number(v.getBigInt64(o, l)),
    u8: (v, o, l) => Number(v.getBigUint64(o, l)),
  };
  const read = readers[key];
  if (!read) throw new DataError(`${name}: unsupported dtype '${descr}' (use float64, float32, integers or bool)`);
  return { size, little, read };
}

/** Parses the header dict; returns descr, fortran_order and shape. */
function parseHeader(header: string, name: string): { descr: string; fortran: boolean; shape: number[] } {
  const descr = /['"]descr['"]\s*:\s*['"]([^'"]*)['"]/.exec(header);
  if (!descr) {
    if (/['"]descr['"]\s*:\s*\[/.test(header)) throw new DataError(`${name}: structured arrays (record dtypes) are not supported; save a plain numeric array`);
    throw new DataError(`${name}: malformed header (no 'descr')`);
  }
  const fortran = /['"]fortran_order['"]\s*:\s*(True|False)/.exec(header);
  if (!fortran) throw new DataError(`${name}: malformed header (no 'fortran_order')`);
  const shape = /['"]shape['"]\s*:\s*\(([^)]*)\)/.exec(header);
  if (!shape) throw new DataError(`${name}: malformed header (no 'shape')`);
  const dims = shape[1]
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '')
    .map((s) => {
      if (!/^\d+L?$/.test(s)) throw new DataError(`${name}: malformed shape (${shape[1]})`);
      return Number(s.replace('L', ''));
    });
  return { descr: descr[1], fortran: fortran[1] === 'True', shape: dims };
}

export function parseNpy(bytes: Uint8Array, name: string): Table {
  if (bytes.length > DATA_LIMITS.maxBytes) throw new DataError(`${name}: file too large (${bytes.length} bytes; the limit is ${DATA_LIMITS.maxBytes})`);
  if (bytes.length < 10 || MAGIC.some((b, i) => bytes[i] !== b)) throw new DataError(`${name}: not a NumPy .npy file (the magic string \\x93NUMPY is missing)`);
  const major = bytes[6];
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let headerLength: number;
  let headerStart: number;
  if (major === 1) {
    headerLength = view.getUint16(8, true);
    headerStart = 10;
  } else if (major === 2 || major === 3) {
    if (bytes.length < 12) throw new DataError(`${name}: file is truncated inside the header`);
    headerLength = view.getUint32(8, true);
    headerStart = 12;
  } else {
    throw new DataError(`${name}: unsupported .npy format version ${major}.${bytes[7]}`);
  }
  const dataStart = headerStart + headerLength;
  if (dataStart > bytes.length) throw new DataError(`${name}: file is truncated inside the header`);
  // The header is ASCII for every array this accepts (3.0 allows UTF-8 only in record field names).
  let header = '';
  for (let i = headerStart; i < dataStart; i++) header += String.fromCharCode(bytes[i]);
  const { descr, fortran, shape } = parseHeader(header, name);
  const dtype = dtypeOf(descr, name);
  if (shape.length === 0 || shape.length > 2) {
    throw new DataError(`${name}: expected a 1-D or 2-D array (samples × columns), got shape (${shape.join(', ')}${shape.length === 1 ? ',' : ''})`);
  }
  const rows = shape[0];
  const columns = shape.length === 2 ? shape[1] : 1;
  if (rows === 0 || columns === 0) throw new DataError(`${name}: the array is empty (shape (${shape.join(', ')}))`);
  if (rows * columns > DATA_LIMITS.maxValues) throw new DataError(`${name}: too many values (${rows * columns}); the limit is ${DATA_LIMITS.maxValues} numbers`);
  const expected = rows * columns * dtype.size;
  const available = bytes.length - dataStart;
  if (available < expected) throw new DataError(`${name}: file is truncated: shape (${shape.join(', ')}) needs ${expected} bytes of data, found ${available}`);
  const values = new Float64Array(rows * columns);
  if (descr === '<f8' && !fortran && (bytes.byteOffset + dataStart) % 8 === 0) {
    values.set(new Float64Array(bytes.buffer, bytes.byteOffset + dataStart, rows * columns));
  } else {
    for (let e = 0; e < rows * columns; e++) {
      // Element e in storage order; C order is row-major, Fortran order column-major.
      const r = fortran ? e % rows : Math.floor(e / columns);
      const c = fortran ? Math.floor(e / rows) : e % columns;
      values[r * columns + c] = dtype.read(view, dataStart + e * dtype.size, dtype.little);
    }
  }
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!Number.isFinite(v)) {
      const r = Math.floor(i / columns);
      const c = i % columns;
      const index = shape.length === 2 ? `[${r}, ${c}] (row ${r + 1}, column ${c + 1})` : `[${r}] (row ${r + 1})`;
      throw new DataError(`${name}: element ${index} is ${Number.isNaN(v) ? 'NaN' : v > 0 ? 'Infinity' : '-Infinity'}`);
    }
  }
  return { name, rows, columns, values, header: null };
}
