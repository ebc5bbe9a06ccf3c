/**
 * Fully connected network: loss, gradient by backpropagation and exact Hessian-vector product
 * by Pearlmutter's R-operator (forward-over-reverse), batched over blocks of samples.
 *
 * References: Rumelhart, Hinton & Williams, Nature 323, 1986 (backpropagation); Pearlmutter,
 * "Fast exact multiplication by the Hessian", Neural Computation 6(1), 1994 (the R{·} operator
 * applied to the forward and backward passes of a layered network); Schraudolph, "Fast
 * curvature matrix-vector products for second-order gradient descent", Neural Computation
 * 14(7), 2002 (the R-operator as forward-mode differentiation of backpropagation).
 *
 * Network: widths d₀ … d_L. For l = 1 … L: z_l = W_l a_{l−1} + b_l, a_l = σ(z_l) on hidden
 * layers (l < L); the output layer is linear (a_L = z_L; cross-entropy applies the softmax).
 *
 * Parameter layout θ (the Problem's parameter vector): per layer, W_l as a d_l × d_{l−1}
 * row-major block ("W1[i,j]" is row i, column j of W₁), then b_l (d_l entries) when the network
 * has biases; layers in order. `layout.blocks` lists them with offsets.
 *
 * Data layout: DESIGN.md writes the data as X (k × n, one sample per column). Here it is stored
 * sample-major: an n × k row-major array whose row s is sample s, which is the same memory as
 * X in column-major order. Blocks of consecutive samples are contiguous, so each layer's work
 * on a block is a dense matrix product over rows (./kernels.ts).
 *
 * Passes on a block of m samples (all matrices m × width, row-major):
 *   forward    Z_l = A_{l−1} W_lᵀ + b_l,  A_l = σ(Z_l),  D1_l = σ'(Z_l),  D2_l = σ''(Z_l)
 *   backward   δ_L = ∂L/∂Z_L;  ∇W_l += δ_lᵀ A_{l−1},  ∇b_l += Σ_s δ_l;  δ_{l−1} = D1 ⊙ (δ_l W_l)
 *   R-forward  RZ_l = A_{l−1} V_lᵀ + c_l + RA_{l−1} W_lᵀ,  RA_l = D1 ⊙ RZ_l    (RA₀ = 0)
 *   R-backward Rδ_L = (∂²L/∂Z²)·RZ_L;  Hv_W_l += Rδ_lᵀ A_{l−1} + δ_lᵀ RA_{l−1},  Hv_b_l += Σ_s Rδ_l
 *              Rδ_{l−1} = D2 ⊙ RZ_{l−1} ⊙ (δ_l W_l) + D1 ⊙ (Rδ_l W_l + δ_l V_l)
 * where (V_l, c_l) is the direction v in the same layout. Linear layers skip the ⊙ steps.
 *
 * Cost per sample and layer (d_in·d_out multiply-adds = one unit): loss 1, gradient 3 (2 on the
 * first layer, which needs no δ₀), HVP 8 (3 on the first layer: RA₀ = 0), e.g. 2.2× the
 * gradient for 16-4-16 (measured by `npm run bench`), plus the elementwise activation work.
 * Block buffers are allocated once at construction; loss, gradient and hvp allocate nothing.
 */
import type { ParameterBlock } from '../problem.ts';
import { activate, type ActivationName } from './activations.ts';
import { crossEntropyLoss, crossEntropyR, mseLoss, mseR, type LossName } from './losses.ts';
import { gemmNT, gemmTN, transpose } from './kernels.ts';

export interface MlpArchitecture {
  /** Widths d₀ (inputs) … d_L (outputs); at least two entries. */
  readonly layers: readonly number[];
  /** Activation of the hidden layers. */
  readonly activation: ActivationName;
  readonly bias: boolean;
  readonly loss: LossName;
}

export interface MlpLayout {
  readonly dimension: number;
  /** Offset of W_l in θ, index l − 1. */
  readonly weightOffsets: readonly number[];
  /** Offset of b_l in θ, index l − 1 (−1 without biases). */
  readonly biasOffsets: readonly number[];
  readonly blocks: readonly ParameterBlock[];
}

export function mlpLayout(arch: Pick<MlpArchitecture, 'layers' | 'bias'>): MlpLayout {
  const { layers, bias } = arch;
  const weightOffsets: number[] = [];
  const biasOffsets: number[] = [];
  const blocks: ParameterBlock[] = [];
  let offset = 0;
  for (let l = 1; l < layers.length; l++) {
    weightOffsets.push(offset);
    blocks.push({ name: `W${l}`, shape: [layers[l], layers[l - 1]], offset });
    offset += layers[l] * layers[l - 1];
    if (bias) {
      biasOffsets.push(offset);
      blocks.push({ name: `b${l}`, shape: [layers[l]], offset });
      offset += layers[l];
    } else {
      biasOffsets.push(-1);
    }
  }
  return { dimension: offset, weightOffsets, biasOffsets, blocks };
}

/** "W1[0,0]", …, "b1[0]", … in θ order. */
export function mlpParameterNames(layout: MlpLayout): string[] {
  const names: string[] = [];
  for (const block of layout.blocks) {
    if (block.shape.length === 2) {
      const [rows, cols] = block.shape;
      for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) names.push(`${block.name}[${i},${j}]`);
    } else {
      for (let i = 0; i < block.shape[0]; i++) names.push(`${block.name}[${i}]`);
    }
  }
  return names;
}

/** Training or test samples, sample-major. */
export interface MlpData {
  readonly samples: number;
  /** samples × d₀, row s = sample s. */
  readonly inputs: Float64Array;
  /** samples × d_L; null means the inputs are the targets (autoencoding, d₀ = d_L). */
  readonly targets: Float64Array | null;
}

/** Rows per block: keeps one layer's block buffer near 4096 doubles (32 KiB, an L1 cache). */
function defaultBlockRows(layers: readonly number[], samples: number): number {
  const widest = Math.max(...layers);
  return Math.max(1, Math.min(samples, Math.max(8, Math.floor(4096 / widest))));
}

export class Mlp {
  readonly layout: MlpLayout;
  readonly dimension: number;
  private readonly L: number;
  private readonly d: Int32Array;
  private readonly wOff: Int32Array;
  private readonly bOff: Int32Array;
  private readonly linear: boolean;
  private readonly X: Float64Array;
  private readonly Y: Float64Array;
  private readonly n: number;
  private readonly B: number;
  // Per-layer block buffers, index l = 0 … L (index 0 unused: A₀ is the data).
  private readonly Z: Float64Array[] = [];
  private readonly A: Float64Array[] = [];
  private readonly D1: Float64Array[] = [];
  private readonly D2: Float64Array[] = [];
  private readonly RZ: Float64Array[] = [];
  private readonly RA: Float64Array[] = [];
  private readonly Dl: Float64Array[] = [];
  private readonly RD: Float64Array[] = [];
  private readonly E: Float64Array;
  private readonly RE: Float64Array;
  private readonly P: Float64Array;
  /** W_lᵀ and V_lᵀ at W_l's offsets (backward products e = δW run as δ(Wᵀ)ᵀ). */
  private readonly WT: Float64Array;
  private readonly VT: Float64Array;

  /**
   * @param scale the loss normalisation over the whole data set: 1/(d_L·n) for mse, 1/n for
   *   cross-entropy (see ./losses.ts); passed in so that compressed data (./gram-compression.ts)
   *   keeps the original n.
   */
  constructor(
    readonly architecture: MlpArchitecture,
    data: MlpData,
    readonly scale: number,
    options: { blockRows?: number } = {},
  ) {
    const { layers } = architecture;
    if (layers.length < 2) throw new RangeError('a network needs at least an input and an output layer');
    for (const w of layers) if (!Number.isInteger(w) || w < 1) throw new RangeError(`layer widths must be positive integers, got ${w}`);
    const L = layers.length - 1;
    const d0 = layers[0];
    const dL = layers[L];
    if (data.inputs.length !== data.samples * d0) throw new RangeError(`inputs hold ${data.inputs.length} numbers, expected ${data.samples} × ${d0}`);
    if (data.targets === null && d0 !== dL) throw new RangeError(`an autoencoder needs as many outputs as inputs (${dL} ≠ ${d0})`);
    if (data.targets !== null && data.targets.length !== data.samples * dL) {
      throw new RangeError(`targets hold ${data.targets.length} numbers, expected ${data.samples} × ${dL}`);
    }
    this.layout = mlpLayout(architecture);
    this.dimension = this.layout.dimension;
    this.L = L;
    this.d = Int32Array.from(layers);
    this.wOff = Int32Array.from(this.layout.weightOffsets);
    this.bOff = Int32Array.from(this.layout.biasOffsets);
    this.linear = architecture.activation === 'linear';
    this.X = data.inputs;
    this.Y = data.targets ?? data.inputs;
    this.n = data.samples;
    this.B = options.blockRows ?? defaultBlockRows(layers, data.samples);
    const B = Math.max(1, this.B);
    const empty = new Float64Array(0);
    for (let l = 0; l <= L; l++) {
      const size = l === 0 ? 0 : B * layers[l];
      const hidden = l > 0 && l < L;
      const z = new Float64Array(size);
      const rz = new Float64Array(size);
      this.Z.push(z);
      this.RZ.push(rz);
      // Linear hidden layers: A = Z and RA = RZ (no copy).
      this.A.push(hidden && !this.linear ? new Float64Array(size) : z);
      this.RA.push(hidden && !this.linear ? new Float64Array(size) : rz);
      this.D1.push(hidden && !this.linear ? new Float64Array(size) : empty);
      this.D2.push(hidden && !this.linear ? new Float64Array(size) : empty);
      this.Dl.push(new Float64Array(size));
      this.RD.push(new Float64Array(size));
    }
    const widest = Math.max(...layers);
    this.E = new Float64Array(B * widest);
    this.RE = new Float64Array(B * widest);
    this.P = new Float64Array(architecture.loss === 'cross-entropy' ? B * dL : 0);
    this.WT = new Float64Array(this.dimension);
    this.VT = new Float64Array(this.dimension);
  }

  /** Writes every W_lᵀ of `theta` into `T` at W_l's offset (layers 2 … L: the backward ones). */
  private transposeWeights(theta: Float64Array, T: Float64Array): void {
    for (let l = 2; l <= this.L; l++) transpose(this.d[l], this.d[l - 1], theta, this.wOff[l - 1], T, this.wOff[l - 1]);
  }

  get samples(): number {
    return this.n;
  }

  /** Forward pass on rows [s0, s0 + m); D1 (and D2) filled for hidden layers when asked. */
  private forward(theta: Float64Array, s0: number, m: number, derivatives: 0 | 1 | 2): void {
    const { L, d, wOff, bOff, Z, A, D1, D2 } = this;
    const act = this.architecture.activation;
    for (let l = 1; l <= L; l++) {
      const din = d[l - 1];
      const dout = d[l];
      const src = l === 1 ? this.X : A[l - 1];
      const srcOff = l === 1 ? s0 * din : 0;
      const z = Z[l];
      gemmNT(m, dout, din, src, srcOff, theta, wOff[l - 1], z, 0, false);
      if (bOff[l - 1] >= 0) addRows(m, dout, theta, bOff[l - 1], z);
      if (l < L && !this.linear) {
        activate(act, m * dout, z, A[l], derivatives >= 1 ? D1[l] : null, derivatives >= 2 ? D2[l] : null);
      }
    }
  }

  /** Output loss on the block; writes δ_L when `withDelta`. */
  private outputLoss(s0: number, m: number, withDelta: boolean): number {
    const dL = this.d[this.L];
    const z = this.Z[this.L];
    const delta = withDelta ? this.Dl[this.L] : null;
    if (this.architecture.loss === 'mse') return mseLoss(m, dL, z, this.Y, s0 * dL, this.scale, delta);
    return crossEntropyLoss(m, dL, z, this.Y, s0 * dL, this.scale, this.P, delta);
  }

  /** Data loss (no regulariser). */
  loss(theta: Float64Array): number {
    let total = 0;
    for (let s0 = 0; s0 < this.n; s0 += this.B) {
      const m = Math.min(this.B, this.n - s0);
      this.forward(theta, s0, m, 0);
      total += this.outputLoss(s0, m, false);
    }
    return total;
  }

  /** Writes the data-loss gradient into g[0 … dimension) and returns the data loss. */
  gradient(theta: Float64Array, g: Float64Array): number {
    const { L, d, wOff, bOff, Dl, D1, A, E, WT } = this;
    g.fill(0, 0, this.dimension);
    this.transposeWeights(theta, WT);
    let total = 0;
    for (let s0 = 0; s0 < this.n; s0 += this.B) {
      const m = Math.min(this.B, this.n - s0);
      this.forward(theta, s0, m, 1);
      total += this.outputLoss(s0, m, true);
      for (let l = L; l >= 1; l--) {
        const din = d[l - 1];
        const dout = d[l];
        const src = l === 1 ? this.X : A[l - 1];
        const srcOff = l === 1 ? s0 * din : 0;
        const delta = Dl[l];
        gemmTN(dout, din, m, delta, 0, src, srcOff, g, wOff[l - 1]);
        if (bOff[l - 1] >= 0) addColumnSums(m, dout, delta, g, bOff[l - 1]);
        if (l > 1) {
          if (this.linear) {
            gemmNT(m, din, dout, delta, 0, WT, wOff[l - 1], Dl[l - 1], 0, false);
          } else {
            gemmNT(m, din, dout, delta, 0, WT, wOff[l - 1], E, 0, false);
            hadamard(m * din, D1[l - 1], E, Dl[l - 1]);
          }
        }
      }
    }
    return total;
  }

  /** Writes H_data(θ)·v into out[0 … dimension) (regulariser not included). */
  hvp(theta: Float64Array, v: Float64Array, out: Float64Array): void {
    const { L, d, wOff, bOff, A, D1, D2, RZ, RA, Dl, RD, E, RE, WT, VT } = this;
    const dL = d[L];
    out.fill(0, 0, this.dimension);
    this.transposeWeights(theta, WT);
    this.transposeWeights(v, VT);
    for (let s0 = 0; s0 < this.n; s0 += this.B) {
      const m = Math.min(this.B, this.n - s0);
      this.forward(theta, s0, m, 2);
      // R-forward.
      for (let l = 1; l <= L; l++) {
        const din = d[l - 1];
        const dout = d[l];
        const src = l === 1 ? this.X : A[l - 1];
        const srcOff = l === 1 ? s0 * din : 0;
        const rz = RZ[l];
        gemmNT(m, dout, din, src, srcOff, v, wOff[l - 1], rz, 0, false);
        if (bOff[l - 1] >= 0) addRows(m, dout, v, bOff[l - 1], rz);
        if (l > 1) gemmNT(m, dout, din, RA[l - 1], 0, theta, wOff[l - 1], rz, 0, true);
        if (l < L && !this.linear) hadamard(m * dout, D1[l], rz, RA[l]);
      }
      // Output: δ_L and Rδ_L.
      this.outputLoss(s0, m, true);
      if (this.architecture.loss === 'mse') mseR(m, dL, RZ[L], this.scale, RD[L]);
      else crossEntropyR(m, dL, this.P, RZ[L], this.scale, RD[L]);
      // R-backward.
      for (let l = L; l >= 1; l--) {
        const din = d[l - 1];
        const dout = d[l];
        const src = l === 1 ? this.X : A[l - 1];
        const srcOff = l === 1 ? s0 * din : 0;
        gemmTN(dout, din, m, RD[l], 0, src, srcOff, out, wOff[l - 1]);
        if (l > 1) gemmTN(dout, din, m, Dl[l], 0, RA[l - 1], 0, out, wOff[l - 1]);
        if (bOff[l - 1] >= 0) addColumnSums(m, dout, RD[l], out, bOff[l - 1]);
        if (l > 1) {
          const w = wOff[l - 1];
          if (this.linear) {
            gemmNT(m, din, dout, Dl[l], 0, WT, w, Dl[l - 1], 0, false);
            gemmNT(m, din, dout, RD[l], 0, WT, w, RD[l - 1], 0, false);
            gemmNT(m, din, dout, Dl[l], 0, VT, w, RD[l - 1], 0, true);
          } else {
            gemmNT(m, din, dout, Dl[l], 0, WT, w, E, 0, false);
            gemmNT(m, din, dout, RD[l], 0, WT, w, RE, 0, false);
            gemmNT(m, din, dout, Dl[l], 0, VT, w, RE, 0, true);
            const d1 = D1[l - 1];
            const d2 = D2[l - 1];
            const rz = RZ[l - 1];
            const delta = Dl[l - 1];
            const rdelta = RD[l - 1];
            const count = m * din;
            for (let i = 0; i < count; i++) {
              delta[i] = d1[i] * E[i];
              rdelta[i] = d2[i] * rz[i] * E[i] + d1[i] * RE[i];
            }
          }
        }
      }
    }
  }
}

/** Adds the row vector x[off … off+n) to each of the m rows of C (m×n). */
function addRows(m: number, n: number, x: Float64Array, off: number, C: Float64Array): void {
  for (let i = 0; i < m; i++) {
    const c = i * n;
    for (let j = 0; j < n; j++) C[c + j] += x[off + j];
  }
}

/** out[off + j] += Σ_i C[i·n + j]. */
function addColumnSums(m: number, n: number, C: Float64Array, out: Float64Array, off: number): void {
  for (let i = 0; i < m; i++) {
    const c = i * n;
    for (let j = 0; j < n; j++) out[off + j] += C[c + j];
  }
}

function hadamard(count: number, x: Float64Array, y: Float64Array, out: Float64Array): void {
  for (let i = 0; i < count; i++) out[i] = x[i] * y[i];
}
