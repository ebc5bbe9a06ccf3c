/**
 * The dense row-major n×n matrix of a linear operator v ↦ Av, built column by column from
 * n products with unit vectors (column j = A e_j), optionally symmetrised as (A + Aᵀ)/2 to
 * remove rounding asymmetry of a symmetric operator (a Hessian from HVPs).
 * Cost: n operator applications. Pass `work` (length 2n) to avoid allocating.
 */
export function denseFromOperator(
  n: number,
  apply: (v: Float64Array, out: Float64Array) => void,
  out: Float64Array = new Float64Array(n * n),
  symmetrise = true,
  work: Float64Array = new Float64Array(2 * n),
): Float64Array {
  const e = work.subarray(0, n);
  const column = work.subarray(n, 2 * n);
  e.fill(0);
  for (let j = 0; j < n; j++) {
    e[j] = 1;
    apply(e, column);
    e[j] = 0;
    for (let i = 0; i < n; i++) out[i * n + j] = column[i];
  }
  if (symmetrise) {
    for (let i = 0; i < n; i++) {
      for (let j = i + 1; j < n; j++) {
        const s = 0.5 * (out[i * n + j] + out[j * n + i]);
        out[i * n + j] = s;
        out[j * n + i] = s;
      }
    }
  }
  return out;
}
