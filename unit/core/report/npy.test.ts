import { describe, expect, it } from 'vitest';
import { parseNpy } from '../../../core/problems/data/npy.ts';
import { npyRowIds, spectraToNpy, thetaToNpy, toNpy } from '../../../core/report/npy.ts';
import { RECORDS } from './fixtures.ts';

function header(bytes: Uint8Array): string {
  const length = bytes[8] | (bytes[9] << 8);
  return String.fromCharCode(...bytes.subarray(10, 10 + length));
}

describe('toNpy', () => {
  it('writes a v1.0 header aligned to 64 bytes, little-endian float64, C order', () => {
    const data = Float64Array.from([1, -2.5, 3e-300, Math.PI, 0, 1e10]);
    const bytes = toNpy(data, [2, 3]);
    expect(Array.from(bytes.subarray(0, 8))).toEqual([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0]);
    const h = header(bytes);
    expect((10 + h.length) % 64).toBe(0);
    expect(h.endsWith('\n')).toBe(true);
    expect(h).toContain("'descr': '<f8'");
    expect(h).toContain("'fortran_order': False");
    expect(h).toContain("'shape': (2, 3)");
    const view = new DataView(bytes.buffer, 10 + h.length);
    expect(view.getFloat64(8, true)).toBe(-2.5);
    const table = parseNpy(bytes, 'x.npy');
    expect(table.rows).toBe(2);
    expect(table.columns).toBe(3);
    expect(Array.from(table.values)).toEqual(Array.from(data));
  });

  it('writes 1-D shapes as (n,) and round-trips through the parser', () => {
    const bytes = toNpy([7, 8, 9], [3]);
    expect(header(bytes)).toContain("'shape': (3,)");
    const table = parseNpy(bytes, 'v.npy');
    expect([table.rows, table.columns]).toEqual([3, 1]);
    expect(Array.from(table.values)).toEqual([7, 8, 9]);
  });

  it('handles empty arrays and refuses a shape that does not match the data', () => {
    const empty = toNpy([], [0, 4]);
    expect(header(empty)).toContain("'shape': (0, 4)");
    expect(empty.length % 64).toBe(0);
    expect(() => toNpy([1, 2, 3], [2, 2])).toThrow(/holds 4 values, got 3/);
    expect(() => toNpy([1], [-1])).toThrow(/invalid shape/);
  });
});

describe('run exports', () => {
  it('θ rows in start-id order, failed starts left out', () => {
    const table = parseNpy(thetaToNpy(RECORDS), 'points.npy');
    expect([table.rows, table.columns]).toEqual([3, 4]);
    expect(Array.from(table.values.subarray(4, 8))).toEqual([1, -1, 0.5, 2]);
    expect(npyRowIds(RECORDS)).toEqual([0, 1, 2]);
  });

  it('spectra padded with NaN to the longest', () => {
    const bytes = spectraToNpy(RECORDS);
    expect(header(bytes)).toContain("'shape': (3, 4)");
    const view = new DataView(bytes.buffer, bytes.length - 3 * 4 * 8);
    const row1 = [0, 1, 2, 3].map((j) => view.getFloat64((4 + j) * 8, true));
    expect(row1.slice(0, 2)).toEqual([-5, 1]);
    expect(row1.slice(2).every(Number.isNaN)).toBe(true);
  });
});

describe('npz', () => {
  it('crc32 matches the standard check value', async () => {
    const { crc32 } = await import('../../../core/report/npz.ts');
    expect(crc32(Uint8Array.from('123456789', (c) => c.charCodeAt(0)))).toBe(0xcbf43926);
  });

  it('stores .npy members that read back (ids, θ, spectra)', async () => {
    const { readStoredZip } = await import('../../../core/report/npz.ts');
    const { pointsToNpz } = await import('../../../core/report/npy.ts');
    const zip = pointsToNpz(RECORDS);
    expect(Array.from(zip.subarray(0, 4))).toEqual([0x50, 0x4b, 0x03, 0x04]);
    expect(Array.from(zip.subarray(zip.length - 22, zip.length - 18))).toEqual([0x50, 0x4b, 0x05, 0x06]);
    const members = readStoredZip(zip);
    expect(Object.keys(members)).toEqual(['ids.npy', 'points.npy', 'spectra.npy']);
    expect(Array.from(parseNpy(members['ids.npy'], 'ids.npy').values)).toEqual([0, 1, 2]);
    const theta = parseNpy(members['points.npy'], 'points.npy');
    expect([theta.rows, theta.columns]).toEqual([3, 4]);
  });
});
