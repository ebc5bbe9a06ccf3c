/**
 * Public API of core/linalg: dense kernels, the symmetric eigensolver and its parts, Lanczos,
 * stochastic Lanczos quadrature, Hutchinson's trace estimator, and the Krylov solvers
 * (MINRES, MINRES-QLP, CG) on Float64Array and operators v ↦ Av.
 */
export type { LinearOperator } from './operator.ts';
export { denseOperator, shiftedOperator } from './operator.ts';
export { asum, axpy, copy, dot, gemm, gemv, iamax, nrm2, rot, scal, swap, symv } from './blas.ts';
export { diagonalMatrix, frobeniusNorm, fromEigen, identity, isSymmetric, matmul, maxAbs, symmetrize, transpose } from './matrix.ts';
export { denseFromOperator } from './dense-from-operator.ts';
export { luFactor, luSolve } from './lu.ts';
export type { Tridiagonalization } from './householder-tridiagonal.ts';
export { applyHouseholderQ, householderTridiagonalize } from './householder-tridiagonal.ts';
export type { TridiagonalEigen } from './tridiagonal-ql.ts';
export { implicitQL, tridiagonalEigen } from './tridiagonal-ql.ts';
export { tridiagonalInverseIteration } from './tridiagonal-inverse-iteration.ts';
export type { TridiagonalEigenvectors } from './tridiagonal-divide-conquer.ts';
export { tridiagonalDivideConquer } from './tridiagonal-divide-conquer.ts';
export type { SymmetricEigen, SymmetricEigenOptions } from './symmetric-eigen.ts';
export { symmetricEigen } from './symmetric-eigen.ts';
export type { LanczosOptions, LanczosResult, LanczosWhich } from './lanczos.ts';
export { lanczos } from './lanczos.ts';
export type { SlqOptions, SlqResult } from './slq.ts';
export { slqDensity, slqIndex, slqTrace, stochasticLanczosQuadrature } from './slq.ts';
export type { HutchinsonOptions, HutchinsonResult } from './hutchinson.ts';
export { hutchinsonTrace } from './hutchinson.ts';
export type { KrylovFlag, KrylovOptions, KrylovResult } from './krylov.ts';
export { liftToMinimumLength, trueResiduals } from './krylov.ts';
export type { MinresWorkspace } from './minres.ts';
export { createMinresWorkspace, minres } from './minres.ts';
export type { MinresQlpOptions, MinresQlpWorkspace } from './minres-qlp.ts';
export { createMinresQlpWorkspace, minresQlp } from './minres-qlp.ts';
export type { CgWorkspace } from './cg.ts';
export { cg, createCgWorkspace } from './cg.ts';
export type { Svd } from './svd.ts';
export { svd } from './svd.ts';
export type { GeneralEigenvalues } from './general-eigen.ts';
export { generalEigenvalues } from './general-eigen.ts';
