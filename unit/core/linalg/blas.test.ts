import { describe, expect, it } from 'vitest';
import { asum, axpy, copy, dot, gemm, gemv, iamax, nrm2, rot, scal, swap, symv } from '../../../core/linalg/blas.ts';
import { maxAbsDiff, mulberry32 } from './helpers.ts';

const f = (...v: number[]): Float64Array => Float64Array.from(v);
// Sums of a few hundred products of O(1) numbers: rounding ≤ 1e-13.
const ROUNDING = 1e-13;

describe('level 1', () => {
  it('dot with unit and non-unit strides, offsets, negative strides and n = 0', () => {
    const x = f(1, 2, 3, 4, 5, 6);
    const y = f(6, 5, 4, 3, 2, 1);
    expect(dot(6, x, 1, 0, y, 1, 0)).toBe(56);
    expect(dot(3, x, 2, 0, y, 2, 1)).toBe(1 * 5 + 3 * 3 + 5 * 1);
    expect(dot(2, x, 1, 4, y, 1, 0)).toBe(5 * 6 + 6 * 5);
    expect(dot(3, x, -1, 2, y, 1, 0)).toBe(3 * 6 + 2 * 5 + 1 * 4);
    expect(dot(0, x, 1, 0, y, 1, 0)).toBe(0);
    expect(dot(-1, x, 1, 0, y, 1, 0)).toBe(0);
    // The 4-way unrolled path against a plain sum (n not a multiple of 4).
    const r = mulberry32(1);
    const a = Float64Array.from({ length: 103 }, () => r() - 0.5);
    const b = Float64Array.from({ length: 103 }, () => r() - 0.5);
    let s = 0;
    for (let i = 0; i < 103; i++) s += a[i] * b[i];
    expect(Math.abs(dot(103, a, 1, 0, b, 1, 0) - s)).toBeLessThan(ROUNDING);
  });

  it('axpy, scal, copy, swap with strides and offsets', () => {
    const y = f(1, 1, 1, 1, 1, 1);
    axpy(3, 2, f(1, 2, 3), 1, 0, y, 2, 1);
    expect(Array.from(y)).toEqual([1, 3, 1, 5, 1, 7]);
    axpy(0, 2, f(1), 1, 0, y, 1, 0);
    axpy(3, 0, f(9, 9, 9), 1, 0, y, 1, 0);
    expect(Array.from(y)).toEqual([1, 3, 1, 5, 1, 7]);
    const x = f(1, 2, 3, 4);
    scal(2, -1, x, 2, 1);
    expect(Array.from(x)).toEqual([1, -2, 3, -4]);
    const z = f(NaN, NaN);
    scal(2, 0, z, 1, 0); // α = 0 writes zeros, NaN included
    expect(Array.from(z)).toEqual([0, 0]);
    const c = new Float64Array(5);
    copy(3, f(7, 8, 9), 1, 0, c, 2, 0);
    expect(Array.from(c)).toEqual([7, 0, 8, 0, 9]);
    copy(2, f(1, 2), -1, 1, c, 1, 3);
    expect(Array.from(c)).toEqual([7, 0, 8, 2, 1]);
    const p = f(1, 2, 3);
    const q = f(4, 5, 6);
    swap(2, p, 1, 1, q, -1, 1);
    expect(Array.from(p)).toEqual([1, 5, 4]);
    expect(Array.from(q)).toEqual([3, 2, 6]);
  });

  it('nrm2 avoids overflow and underflow, and handles n = 0 and strides', () => {
    expect(nrm2(2, f(3, 4), 1, 0)).toBe(5);
    expect(nrm2(0, f(3, 4), 1, 0)).toBe(0);
    expect(nrm2(2, f(3, 0, 4), 2, 0)).toBe(5);
    expect(nrm2(2, f(3e200, 4e200), 1, 0) / 5e200).toBeCloseTo(1, 14);
    expect(nrm2(2, f(3e-200, 4e-200), 1, 0) / 5e-200).toBeCloseTo(1, 14);
    expect(nrm2(3, f(0, 0, 0), 1, 0)).toBe(0);
    expect(nrm2(2, f(1e-320, 0), 1, 0)).toBe(1e-320); // subnormal: squares underflow, scaling saves it
    expect(Number.isNaN(nrm2(2, f(NaN, 1), 1, 0))).toBe(true);
  });

  it('asum, iamax, rot', () => {
    expect(asum(3, f(-1, 2, -3), 1, 0)).toBe(6);
    expect(iamax(4, f(1, -7, 7, 2), 1, 0)).toBe(1); // first of the ties
    expect(iamax(2, f(1, 9, 3, 1), 2, 0)).toBe(1);
    expect(iamax(0, f(1), 1, 0)).toBe(-1);
    expect(iamax(3, f(NaN, 2, 1), 1, 0)).toBe(1);
    const x = f(1, 0);
    const y = f(0, 1);
    rot(2, x, 1, 0, y, 1, 0, 0.6, 0.8);
    expect(maxAbsDiff(x, f(0.6, 0.8))).toBeLessThan(1e-16);
    expect(maxAbsDiff(y, f(-0.8, 0.6))).toBeLessThan(1e-16);
  });
});

/** Reference op(A)·op(B) with plain loops. */
function reference(transA: boolean, transB: boolean, m: number, n: number, k: number, A: Float64Array, lda: number, oA: number, B: Float64Array, ldb: number, oB: number): Float64Array {
  const C = new Float64Array(m * n);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let p = 0; p < k; p++) {
        const a = transA ? A[oA + p * lda + i] : A[oA + i * lda + p];
        const b = transB ? B[oB + j * ldb + p] : B[oB + p * ldb + j];
        s += a * b;
      }
      C[i * n + j] = s;
    }
  }
  return C;
}

describe('level 2', () => {
  const r = mulberry32(2);
  const m = 7;
  const n = 5;
  const lda = 9;
  const A = Float64Array.from({ length: 3 + m * lda }, () => r() - 0.5);

  it('gemv with and without transpose, lda > n, offsets, strides, α and β', () => {
    const x = Float64Array.from({ length: 2 * m }, () => r() - 0.5);
    const y0 = Float64Array.from({ length: 3 * m }, () => r() - 0.5);
    const y = y0.slice();
    gemv(false, m, n, 2, A, lda, 3, x, 2, 0, 0.5, y, 3, 0);
    for (let i = 0; i < m; i++) {
      let s = 0;
      for (let j = 0; j < n; j++) s += A[3 + i * lda + j] * x[2 * j];
      expect(Math.abs(y[3 * i] - (2 * s + 0.5 * y0[3 * i]))).toBeLessThan(ROUNDING);
    }
    const yt = y0.slice(0, n);
    gemv(true, m, n, -1, A, lda, 3, x, 1, 1, 0, yt, 1, 0);
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let i = 0; i < m; i++) s += A[3 + i * lda + j] * x[1 + i];
      expect(Math.abs(yt[j] + s)).toBeLessThan(ROUNDING);
    }
    // Unit-stride x takes the four-rows-at-a-time path (m = 7: one block of 4 and 3 single rows).
    const yu = y0.slice(0, m);
    gemv(false, m, n, 1, A, lda, 3, x, 1, 2, 1, yu, 1, 0);
    for (let i = 0; i < m; i++) {
      let s = 0;
      for (let j = 0; j < n; j++) s += A[3 + i * lda + j] * x[2 + j];
      expect(Math.abs(yu[i] - (s + y0[i]))).toBeLessThan(ROUNDING);
    }
    const untouched = f(1, 2);
    gemv(false, 0, 3, 1, A, lda, 0, x, 1, 0, 0, untouched, 1, 0);
    expect(Array.from(untouched)).toEqual([1, 2]);
  });

  it('symv reads only the lower triangle', () => {
    const k = 6;
    const S = Float64Array.from({ length: k * k }, () => r() - 0.5);
    for (let i = 0; i < k; i++) for (let j = 0; j < i; j++) S[j * k + i] = 1e9; // garbage above
    const x = Float64Array.from({ length: k }, () => r() - 0.5);
    const y = f(1, 1, 1, 1, 1, 1);
    symv(k, 3, S, k, 0, x, 1, 0, 2, y, 1, 0);
    for (let i = 0; i < k; i++) {
      let s = 0;
      for (let j = 0; j < k; j++) s += (j <= i ? S[i * k + j] : S[j * k + i]) * x[j];
      expect(Math.abs(y[i] - (3 * s + 2))).toBeLessThan(ROUNDING);
    }
  });
});

describe('gemm', () => {
  const r = mulberry32(3);
  const cases: [number, number, number][] = [
    [1, 1, 1],
    [3, 5, 2],
    [7, 9, 11],
    [64, 65, 130],
    [130, 17, 257],
    [33, 600, 5],
  ];
  for (const [m, n, k] of cases) {
    for (const transA of [false, true]) {
      for (const transB of [false, true]) {
        it(`m=${m} n=${n} k=${k} transA=${transA} transB=${transB}, with lda/ldb/ldc > width and offsets`, () => {
          const lda = (transA ? m : k) + 2;
          const ldb = (transB ? k : n) + 3;
          const ldc = n + 1;
          const A = Float64Array.from({ length: 5 + (transA ? k : m) * lda }, () => r() - 0.5);
          const B = Float64Array.from({ length: 2 + (transB ? n : k) * ldb }, () => r() - 0.5);
          const C = Float64Array.from({ length: 4 + m * ldc }, () => r() - 0.5);
          const C0 = C.slice();
          gemm(transA, transB, m, n, k, 1.5, A, lda, 5, B, ldb, 2, -0.5, C, ldc, 4);
          const P = reference(transA, transB, m, n, k, A, lda, 5, B, ldb, 2);
          let worst = 0;
          for (let i = 0; i < m; i++) {
            for (let j = 0; j < n; j++) worst = Math.max(worst, Math.abs(C[4 + i * ldc + j] - (1.5 * P[i * n + j] - 0.5 * C0[4 + i * ldc + j])));
            expect(C[4 + i * ldc + n]).toBe(C0[4 + i * ldc + n]); // padding column untouched
          }
          expect(worst).toBeLessThan(ROUNDING * Math.sqrt(k));
          for (let i = 0; i < 4; i++) expect(C[i]).toBe(C0[i]);
        });
      }
    }
  }

  it('β = 0 overwrites NaN, k = 0 only scales, m = 0 or n = 0 is a no-op', () => {
    const C = f(NaN, NaN, NaN, NaN);
    gemm(false, false, 2, 2, 1, 1, f(1, 2), 1, 0, f(3, 4), 2, 0, 0, C, 2, 0);
    expect(Array.from(C)).toEqual([3, 4, 6, 8]);
    gemm(false, false, 2, 2, 0, 1, f(), 1, 0, f(), 2, 0, 2, C, 2, 0);
    expect(Array.from(C)).toEqual([6, 8, 12, 16]);
    gemm(false, false, 0, 2, 3, 1, f(), 3, 0, f(1, 2, 3, 4, 5, 6), 2, 0, 0, C, 2, 0);
    expect(Array.from(C)).toEqual([6, 8, 12, 16]);
  });
});
