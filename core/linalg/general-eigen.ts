/**
 * Eigenvalues of a general (non-symmetric) dense real matrix, delegated to the `numeric` package
 * (reduction to upper Hessenberg form and Francis double-shift QR: Golub & Van Loan, Matrix
 * Computations, 4th ed., Alg. 7.4.2 and 7.5.2), which does this well enough for the small
 * matrices critlab meets (Jacobians of non-gradient dynamics, checks). For symmetric matrices use
 * symmetric-eigen.ts: it is orders of magnitude faster (numeric.eig takes ≈ 5 s at n = 100).
 * Values are sorted by real part, then imaginary part. Cost: O(n³) with a large constant.
 */
import numeric from 'numeric';

export interface GeneralEigenvalues {
  readonly real: Float64Array;
  readonly imag: Float64Array;
}

export function generalEigenvalues(n: number, A: Float64Array): GeneralEigenvalues {
  if (n === 0) return { real: new Float64Array(0), imag: new Float64Array(0) };
  const M: number[][] = [];
  for (let i = 0; i < n; i++) M.push(Array.from(A.subarray(i * n, i * n + n)));
  const { lambda } = numeric.eig(M);
  const re = lambda.x as number[];
  const im = (lambda.y as number[] | undefined) ?? new Array<number>(n).fill(0);
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => re[a] - re[b] || im[a] - im[b]);
  return { real: Float64Array.from(order, (i) => re[i]), imag: Float64Array.from(order, (i) => im[i]) };
}
