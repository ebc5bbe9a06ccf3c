/**
 * A flat straight-line program ("tape") with exact first and second derivatives by automatic
 * differentiation: reverse mode for the gradient, forward-over-reverse for Hessian-vector
 * products (Griewank & Walther, "Evaluating Derivatives", 2nd ed., SIAM 2008: reverse mode in
 * chapter 3, second-order adjoints in chapter 5).
 *
 * Instruction i writes slot i: `op[i]` applied to slots `a[i]`, `b[i]` (earlier instructions)
 * or the constant `c[i]`. VAR instructions load variable `a[i]`. The function's value is slot
 * `output` (instructions after it are never run). There is no `eval`: the tape is
 * interpreted, so it runs under a Content-Security-Policy without 'unsafe-eval'.
 *
 * For y = f(a, b) with partials f_a, f_b and second partials f_aa, f_ab, f_bb:
 *   forward tangent      ẏ = f_a ȧ + f_b ḃ
 *   reverse adjoint      ā += ȳ f_a,  b̄ += ȳ f_b
 *   second-order adjoint ā̇ += ȳ̇ f_a + ȳ (f_aa ȧ + f_ab ḃ),  b̄̇ += ȳ̇ f_b + ȳ (f_ab ȧ + f_bb ḃ)
 * With ȧ seeded by v and ȳ = 1 at the output, ā̇ at the inputs is H·v, exact to rounding.
 *
 * Cost: gradient ≈ 3 tape sweeps' worth of work, HVP ≈ 2× gradient. Work arrays are allocated
 * once per tape; evaluation allocates nothing.
 */

export const Op = {
  Const: 0,
  Var: 1,
  Add: 2,
  Sub: 3,
  Mul: 4,
  Div: 5,
  Neg: 6,
  /** a^c with constant exponent c. */
  PowC: 7,
  /** a^b with variable exponent (needs a > 0 where b varies). */
  Pow: 8,
  Exp: 9,
  Log: 10,
  Sin: 11,
  Cos: 12,
  Tan: 13,
  Tanh: 14,
  Sinh: 15,
  Cosh: 16,
  Sqrt: 17,
  Abs: 18,
  Asin: 19,
  Acos: 20,
  Atan: 21,
  Log1p: 22,
  Expm1: 23,
  Cbrt: 24,
  Square: 25,
} as const;
export type Op = (typeof Op)[keyof typeof Op];

/** Number of operands (0: constant or variable, 1: unary, 2: binary). */
export function arity(op: Op): 0 | 1 | 2 {
  switch (op) {
    case Op.Const:
    case Op.Var:
      return 0;
    case Op.Add:
    case Op.Sub:
    case Op.Mul:
    case Op.Div:
    case Op.Pow:
      return 2;
    default:
      return 1;
  }
}

/** Value of a unary op (PowC uses c). Shared by the tape and compile-time constant folding. */
export function unaryValue(op: Op, x: number, c: number): number {
  switch (op) {
    case Op.Neg: return -x;
    case Op.PowC: return c === 2 ? x * x : Math.pow(x, c);
    case Op.Square: return x * x;
    case Op.Exp: return Math.exp(x);
    case Op.Log: return Math.log(x);
    case Op.Sin: return Math.sin(x);
    case Op.Cos: return Math.cos(x);
    case Op.Tan: return Math.tan(x);
    case Op.Tanh: return Math.tanh(x);
    case Op.Sinh: return Math.sinh(x);
    case Op.Cosh: return Math.cosh(x);
    case Op.Sqrt: return Math.sqrt(x);
    case Op.Abs: return Math.abs(x);
    case Op.Asin: return Math.asin(x);
    case Op.Acos: return Math.acos(x);
    case Op.Atan: return Math.atan(x);
    case Op.Log1p: return Math.log1p(x);
    case Op.Expm1: return Math.expm1(x);
    case Op.Cbrt: return Math.cbrt(x);
    default: throw new Error(`not a unary op: ${op}`);
  }
}

export function binaryValue(op: Op, x: number, y: number): number {
  switch (op) {
    case Op.Add: return x + y;
    case Op.Sub: return x - y;
    case Op.Mul: return x * y;
    case Op.Div: return x / y;
    case Op.Pow: return Math.pow(x, y);
    default: throw new Error(`not a binary op: ${op}`);
  }
}

/** Ops whose second derivative does not exist everywhere (a kink). */
export function isKink(op: Op): boolean {
  return op === Op.Abs;
}

export class Tape {
  readonly length: number;
  readonly variableCount: number;
  readonly output: number;
  private readonly op: Int32Array;
  private readonly a: Int32Array;
  private readonly b: Int32Array;
  private readonly c: Float64Array;
  private readonly val: Float64Array;
  private readonly dot: Float64Array;
  private readonly adj: Float64Array;
  private readonly adjDot: Float64Array;
  /** f' and f'' of unary instructions, cached by the forward sweep for the reverse sweep. */
  private readonly d1: Float64Array;
  private readonly d2: Float64Array;

  constructor(op: Int32Array, a: Int32Array, b: Int32Array, c: Float64Array, variableCount: number, output = op.length - 1) {
    if (!(output >= 0 && output < op.length)) throw new Error(`tape: output slot ${output} out of range`);
    const n = output + 1;
    if (a.length !== op.length || b.length !== op.length || c.length !== op.length) throw new Error('tape arrays differ in length');
    for (let i = 0; i < n; i++) {
      const k = arity(op[i] as Op);
      if (op[i] === Op.Var && (a[i] < 0 || a[i] >= variableCount)) throw new Error(`tape: variable ${a[i]} out of range`);
      if (k >= 1 && (a[i] < 0 || a[i] >= i)) throw new Error(`tape: instruction ${i} reads slot ${a[i]}`);
      if (k === 2 && (b[i] < 0 || b[i] >= i)) throw new Error(`tape: instruction ${i} reads slot ${b[i]}`);
    }
    this.length = n;
    this.variableCount = variableCount;
    this.output = output;
    this.op = op;
    this.a = a;
    this.b = b;
    this.c = c;
    this.val = new Float64Array(n);
    this.dot = new Float64Array(n);
    this.adj = new Float64Array(n);
    this.adjDot = new Float64Array(n);
    this.d1 = new Float64Array(n);
    this.d2 = new Float64Array(n);
  }

  /** Value at x (the last slot). */
  value(x: Float64Array): number {
    const { op, a, b, c, val } = this;
    const n = this.length;
    for (let i = 0; i < n; i++) {
      const o = op[i] as Op;
      switch (o) {
        case Op.Const: val[i] = c[i]; break;
        case Op.Var: val[i] = x[a[i]]; break;
        case Op.Add: val[i] = val[a[i]] + val[b[i]]; break;
        case Op.Sub: val[i] = val[a[i]] - val[b[i]]; break;
        case Op.Mul: val[i] = val[a[i]] * val[b[i]]; break;
        case Op.Div: val[i] = val[a[i]] / val[b[i]]; break;
        case Op.Pow: val[i] = Math.pow(val[a[i]], val[b[i]]); break;
        default: val[i] = unaryValue(o, val[a[i]], c[i]);
      }
    }
    return val[n - 1];
  }

  /**
   * Forward sweep with first/second partials of unary ops cached in d1/d2, and (when `v` is
   * given) the tangent ẋ = v propagated into `dot`.
   */
  private forward(x: Float64Array, v: Float64Array | null): void {
    const { op, a, b, c, val, dot, d1, d2 } = this;
    const n = this.length;
    for (let i = 0; i < n; i++) {
      const o = op[i] as Op;
      const ai = a[i];
      switch (o) {
        case Op.Const:
          val[i] = c[i];
          dot[i] = 0;
          break;
        case Op.Var:
          val[i] = x[ai];
          dot[i] = v === null ? 0 : v[ai];
          break;
        case Op.Add:
          val[i] = val[ai] + val[b[i]];
          dot[i] = dot[ai] + dot[b[i]];
          break;
        case Op.Sub:
          val[i] = val[ai] - val[b[i]];
          dot[i] = dot[ai] - dot[b[i]];
          break;
        case Op.Mul:
          val[i] = val[ai] * val[b[i]];
          dot[i] = dot[ai] * val[b[i]] + val[ai] * dot[b[i]];
          break;
        case Op.Div: {
          const q = val[ai] / val[b[i]];
          val[i] = q;
          dot[i] = (dot[ai] - q * dot[b[i]]) / val[b[i]];
          break;
        }
        case Op.Pow: {
          const base = val[ai];
          const ex = val[b[i]];
          const y = Math.pow(base, ex);
          val[i] = y;
          // f_a = b a^(b−1); f_b = y ln a (only where the exponent varies).
          const fa = ex * Math.pow(base, ex - 1);
          const db = dot[b[i]];
          dot[i] = fa * dot[ai] + (db === 0 ? 0 : y * Math.log(base) * db);
          break;
        }
        default: {
          const t = val[ai];
          let y: number, f1: number, f2: number;
          switch (o) {
            case Op.Neg: y = -t; f1 = -1; f2 = 0; break;
            case Op.Square: y = t * t; f1 = 2 * t; f2 = 2; break;
            case Op.PowC: {
              const p = c[i];
              if (p === 2) {
                y = t * t; f1 = 2 * t; f2 = 2;
              } else {
                y = Math.pow(t, p);
                f1 = p === 0 ? 0 : p * Math.pow(t, p - 1);
                f2 = p === 0 || p === 1 ? 0 : p * (p - 1) * Math.pow(t, p - 2);
              }
              break;
            }
            case Op.Exp: y = Math.exp(t); f1 = y; f2 = y; break;
            case Op.Log: y = Math.log(t); f1 = 1 / t; f2 = -f1 * f1; break;
            case Op.Sin: y = Math.sin(t); f1 = Math.cos(t); f2 = -y; break;
            case Op.Cos: y = Math.cos(t); f1 = -Math.sin(t); f2 = -y; break;
            case Op.Tan: y = Math.tan(t); f1 = 1 + y * y; f2 = 2 * y * f1; break;
            case Op.Tanh: y = Math.tanh(t); f1 = 1 - y * y; f2 = -2 * y * f1; break;
            case Op.Sinh: y = Math.sinh(t); f1 = Math.cosh(t); f2 = y; break;
            case Op.Cosh: y = Math.cosh(t); f1 = Math.sinh(t); f2 = y; break;
            case Op.Sqrt: y = Math.sqrt(t); f1 = 0.5 / y; f2 = -f1 / (2 * t); break;
            case Op.Abs: y = Math.abs(t); f1 = t > 0 ? 1 : t < 0 ? -1 : 0; f2 = 0; break;
            case Op.Asin: {
              y = Math.asin(t);
              const w = 1 - t * t;
              f1 = 1 / Math.sqrt(w); f2 = t * f1 / w;
              break;
            }
            case Op.Acos: {
              y = Math.acos(t);
              const w = 1 - t * t;
              f1 = -1 / Math.sqrt(w); f2 = t * f1 / w;
              break;
            }
            case Op.Atan: {
              y = Math.atan(t);
              const w = 1 + t * t;
              f1 = 1 / w; f2 = -2 * t * f1 * f1;
              break;
            }
            case Op.Log1p: y = Math.log1p(t); f1 = 1 / (1 + t); f2 = -f1 * f1; break;
            case Op.Expm1: y = Math.expm1(t); f1 = y + 1; f2 = f1; break;
            case Op.Cbrt: y = Math.cbrt(t); f1 = 1 / (3 * y * y); f2 = -2 * f1 / (3 * t); break;
            default: throw new Error(`unknown op ${o}`);
          }
          val[i] = y;
          d1[i] = f1;
          d2[i] = f2;
          dot[i] = f1 * dot[ai];
        }
      }
    }
  }

  /** Writes ∇f(x) into g and returns f(x). */
  gradient(x: Float64Array, g: Float64Array): number {
    this.forward(x, null);
    const { op, a, b, val, adj, d1 } = this;
    const n = this.length;
    adj.fill(0);
    g.fill(0);
    adj[n - 1] = 1;
    for (let i = n - 1; i >= 0; i--) {
      const w = adj[i];
      if (w === 0) continue;
      const ai = a[i];
      switch (op[i] as Op) {
        case Op.Const: break;
        case Op.Var: g[ai] += w; break;
        case Op.Add: adj[ai] += w; adj[b[i]] += w; break;
        case Op.Sub: adj[ai] += w; adj[b[i]] -= w; break;
        case Op.Mul: adj[ai] += w * val[b[i]]; adj[b[i]] += w * val[ai]; break;
        case Op.Div: {
          const inv = 1 / val[b[i]];
          adj[ai] += w * inv;
          adj[b[i]] -= w * val[i] * inv;
          break;
        }
        case Op.Pow: {
          const base = val[ai];
          const ex = val[b[i]];
          adj[ai] += w * ex * Math.pow(base, ex - 1);
          if (op[b[i]] !== Op.Const) adj[b[i]] += w * val[i] * Math.log(base);
          break;
        }
        default: adj[ai] += w * d1[i];
      }
    }
    return val[n - 1];
  }

  /** Writes H(x)·v into out (forward-over-reverse). */
  hvp(x: Float64Array, v: Float64Array, out: Float64Array): void {
    this.forward(x, v);
    const { op, a, b, val, dot, adj, adjDot, d1, d2 } = this;
    const n = this.length;
    adj.fill(0);
    adjDot.fill(0);
    out.fill(0);
    adj[n - 1] = 1;
    for (let i = n - 1; i >= 0; i--) {
      const w = adj[i];
      const wd = adjDot[i];
      if (w === 0 && wd === 0) continue;
      const ai = a[i];
      switch (op[i] as Op) {
        case Op.Const: break;
        case Op.Var: out[ai] += wd; break;
        case Op.Add:
          adj[ai] += w; adj[b[i]] += w;
          adjDot[ai] += wd; adjDot[b[i]] += wd;
          break;
        case Op.Sub:
          adj[ai] += w; adj[b[i]] -= w;
          adjDot[ai] += wd; adjDot[b[i]] -= wd;
          break;
        case Op.Mul: {
          const bi = b[i];
          adj[ai] += w * val[bi];
          adj[bi] += w * val[ai];
          // f_aa = f_bb = 0, f_ab = 1.
          adjDot[ai] += wd * val[bi] + w * dot[bi];
          adjDot[bi] += wd * val[ai] + w * dot[ai];
          break;
        }
        case Op.Div: {
          // y = a/b: f_a = 1/b, f_b = −y/b, f_aa = 0, f_ab = −1/b², f_bb = 2y/b².
          const bi = b[i];
          const inv = 1 / val[bi];
          const y = val[i];
          const fb = -y * inv;
          const fab = -inv * inv;
          const fbb = 2 * y * inv * inv;
          adj[ai] += w * inv;
          adj[bi] += w * fb;
          adjDot[ai] += wd * inv + w * fab * dot[bi];
          adjDot[bi] += wd * fb + w * (fab * dot[ai] + fbb * dot[bi]);
          break;
        }
        case Op.Pow: {
          // y = a^b: f_a = b a^(b−1), f_b = y ln a, f_aa = b(b−1) a^(b−2),
          // f_ab = a^(b−1)(1 + b ln a), f_bb = y (ln a)².
          const bi = b[i];
          const base = val[ai];
          const ex = val[bi];
          const y = val[i];
          const pm1 = Math.pow(base, ex - 1);
          const fa = ex * pm1;
          const faa = ex === 0 || ex === 1 ? 0 : ex * (ex - 1) * Math.pow(base, ex - 2);
          if (op[bi] === Op.Const) {
            adj[ai] += w * fa;
            adjDot[ai] += wd * fa + w * faa * dot[ai];
          } else {
            const ln = Math.log(base);
            const fb = y * ln;
            const fab = pm1 * (1 + ex * ln);
            const fbb = y * ln * ln;
            adj[ai] += w * fa;
            adj[bi] += w * fb;
            adjDot[ai] += wd * fa + w * (faa * dot[ai] + fab * dot[bi]);
            adjDot[bi] += wd * fb + w * (fab * dot[ai] + fbb * dot[bi]);
          }
          break;
        }
        default: {
          const f1 = d1[i];
          adj[ai] += w * f1;
          adjDot[ai] += wd * f1 + w * d2[i] * dot[ai];
        }
      }
    }
  }
}
