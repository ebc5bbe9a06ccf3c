/**
 * The seeded random number generator used everywhere in critlab (data sets, splits, starts,
 * random architectures in tests). Same seed ⇒ same numbers in Electron, the browser and the CLI.
 *
 * Generator: xoshiro128** (Blackman & Vigna, "Scrambled linear pseudorandom number generators",
 * ACM TOMS 47(4), 2021), 128 bits of state, period 2¹²⁸ − 1, in 32-bit integer arithmetic
 * (`Math.imul`, shifts): no BigInt, no floating point in the state update. The state is seeded
 * from (seed, stream) by a lowbias32 integer hash (C. Wellons, "Prospecting for hash functions",
 * 2018) in splitmix fashion, so nearby seeds and streams give unrelated sequences.
 *
 * Reproducibility across engines: every derived variate is computed with IEEE-754 basic
 * operations only (+, −, ×, ÷, √, which are correctly rounded on every engine). Normals use the
 * Marsaglia polar method with a logarithm implemented here from those operations, not
 * `Math.log` / `Math.cos`, whose last bit may differ between JavaScript engines.
 *
 * Variates:
 * - `uniform()`: 53 random bits, in [0, 1).
 * - `int(n)`: unbiased integer in [0, n) (rejection sampling).
 * - `normal()`: standard normal (polar method; the second variate of each pair is kept in the
 *   state, so a generator's sequence depends only on its seed and the calls made).
 * - `shuffle`, `permutation`: Fisher–Yates.
 * - `unitSphere(out)`: a uniform point on the unit sphere (normalised Gaussian vector).
 */

const GOLDEN = 0x9e3779b9;
const TWO_POW_32 = 4294967296;
const TWO_POW_26 = 67108864;
const TWO_POW_53 = 9007199254740992;
const LN2_HI = 6.93147180369123816490e-1;
const LN2_LO = 1.90821492927058770002e-10;

/** lowbias32: a 32-bit integer hash with good avalanche. */
function mix32(x: number): number {
  x = (x ^ (x >>> 16)) >>> 0;
  x = Math.imul(x, 0x21f0aaad);
  x = (x ^ (x >>> 15)) >>> 0;
  x = Math.imul(x, 0x735a2d97);
  return (x ^ (x >>> 15)) >>> 0;
}

/**
 * Natural logarithm of x > 0 from basic IEEE operations only (engine-independent to the bit).
 * x = m·2^e with m ∈ [√½, √2) by exact scaling, then log m = 2 atanh(f/(2+f)), f = m − 1 (exact
 * by Sterbenz's lemma), summed as an odd series in s = f/(2+f), |s| ≤ 0.1716. Error ≲ 2 ulp.
 */
export function portableLog(x: number): number {
  if (!(x > 0)) return x === 0 ? -Infinity : NaN;
  if (x === Infinity) return Infinity;
  let m = x;
  let e = 0;
  while (m >= 1.4142135623730951) {
    m *= 0.5;
    e++;
  }
  while (m < 0.7071067811865476) {
    m *= 2;
    e--;
  }
  const f = m - 1;
  const s = f / (2 + f);
  const z = s * s;
  // 2·atanh(s) = 2(s + s³/3 + s⁵/5 + …); 13 terms reach |s|²⁶/27 < 1e-40.
  let p = 1 / 27;
  for (let k = 25; k >= 3; k -= 2) p = 1 / k + z * p;
  const logm = 2 * s + 2 * s * z * p;
  return e * LN2_HI + (logm + e * LN2_LO);
}

export interface RngState {
  readonly s: readonly [number, number, number, number];
  readonly spare: number | null;
}

export class Rng {
  private s0 = 0;
  private s1 = 0;
  private s2 = 0;
  private s3 = 0;
  private spare: number | null = null;

  /**
   * @param seed a non-negative integer below 2⁵³ (spec seeds).
   * @param stream an optional non-negative integer below 2³² selecting an independent stream for
   *   the same seed (e.g. data generation vs. the train/test split).
   */
  constructor(seed: number, stream = 0) {
    if (!Number.isSafeInteger(seed) || seed < 0) throw new RangeError(`seed must be a non-negative integer below 2^53, got ${seed}`);
    if (!Number.isInteger(stream) || stream < 0 || stream >= TWO_POW_32) throw new RangeError(`stream must be an integer in [0, 2^32), got ${stream}`);
    const lo = seed >>> 0;
    const hi = Math.floor(seed / TWO_POW_32) >>> 0;
    const key = mix32(hi ^ mix32(stream ^ 0x5bd1e995));
    let c = lo;
    const next = () => {
      c = (c + GOLDEN) >>> 0;
      return mix32(mix32(c) ^ key);
    };
    this.s0 = next();
    this.s1 = next();
    this.s2 = next();
    this.s3 = next();
    if ((this.s0 | this.s1 | this.s2 | this.s3) === 0) this.s0 = 1;
  }

  /** The next 32 random bits as an unsigned integer (xoshiro128**). */
  nextUint32(): number {
    const s1 = this.s1;
    const r = Math.imul(s1, 5);
    const result = Math.imul((r << 7) | (r >>> 25), 9) >>> 0;
    const t = s1 << 9;
    this.s2 ^= this.s0;
    this.s3 ^= this.s1;
    this.s1 ^= this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = (this.s3 << 11) | (this.s3 >>> 21);
    return result;
  }

  /** Uniform in [0, 1) with 53 random bits. */
  uniform(): number {
    const a = this.nextUint32() >>> 5;
    const b = this.nextUint32() >>> 6;
    return (a * TWO_POW_26 + b) / TWO_POW_53;
  }

  /** Uniform in [lo, hi). */
  uniformIn(lo: number, hi: number): number {
    return lo + (hi - lo) * this.uniform();
  }

  /** Unbiased uniform integer in [0, n), n a positive integer ≤ 2⁵³. */
  int(n: number): number {
    if (!Number.isSafeInteger(n) || n <= 0) throw new RangeError(`int(n) needs a positive integer, got ${n}`);
    if (n <= TWO_POW_32) {
      const limit = TWO_POW_32 - (TWO_POW_32 % n);
      for (;;) {
        const r = this.nextUint32();
        if (r < limit) return r % n;
      }
    }
    for (;;) {
      const r = Math.floor(this.uniform() * TWO_POW_53);
      const limit = TWO_POW_53 - (TWO_POW_53 % n);
      if (r < limit) return r % n;
    }
  }

  /** Standard normal variate (Marsaglia polar method, portable logarithm). */
  normal(): number {
    if (this.spare !== null) {
      const z = this.spare;
      this.spare = null;
      return z;
    }
    for (;;) {
      const u = 2 * this.uniform() - 1;
      const v = 2 * this.uniform() - 1;
      const s = u * u + v * v;
      if (s >= 1 || s === 0) continue;
      const factor = Math.sqrt((-2 * portableLog(s)) / s);
      this.spare = v * factor;
      return u * factor;
    }
  }

  /** Fills `out` with uniforms in [lo, hi). */
  fillUniform(out: Float64Array, lo = 0, hi = 1): Float64Array {
    for (let i = 0; i < out.length; i++) out[i] = lo + (hi - lo) * this.uniform();
    return out;
  }

  /** Fills `out` with N(mean, sd²) variates. */
  fillNormal(out: Float64Array, mean = 0, sd = 1): Float64Array {
    for (let i = 0; i < out.length; i++) out[i] = mean + sd * this.normal();
    return out;
  }

  /** Shuffles `array` in place (Fisher–Yates) and returns it. */
  shuffle<T extends { length: number; [i: number]: unknown }>(array: T): T {
    for (let i = array.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      const tmp = array[i];
      array[i] = array[j];
      array[j] = tmp;
    }
    return array;
  }

  /** A uniformly random permutation of 0 … n−1. */
  permutation(n: number): Int32Array {
    const p = new Int32Array(n);
    for (let i = 0; i < n; i++) p[i] = i;
    return this.shuffle(p);
  }

  /** A uniform point on the unit sphere in R^out.length, written into `out`. */
  unitSphere(out: Float64Array): Float64Array {
    if (out.length === 0) return out;
    for (;;) {
      let norm2 = 0;
      for (let i = 0; i < out.length; i++) {
        const z = this.normal();
        out[i] = z;
        norm2 += z * z;
      }
      if (norm2 > 1e-300) {
        const inv = 1 / Math.sqrt(norm2);
        for (let i = 0; i < out.length; i++) out[i] *= inv;
        return out;
      }
    }
  }

  /** A snapshot of the generator (to resume a sequence exactly). */
  getState(): RngState {
    return { s: [this.s0 >>> 0, this.s1 >>> 0, this.s2 >>> 0, this.s3 >>> 0], spare: this.spare };
  }

  setState(state: RngState): void {
    [this.s0, this.s1, this.s2, this.s3] = state.s.map((w) => w | 0) as [number, number, number, number];
    this.spare = state.spare;
  }
}

/** A generator for `seed` (and optional independent `stream`). */
export function createRng(seed: number, stream = 0): Rng {
  return new Rng(seed, stream);
}
