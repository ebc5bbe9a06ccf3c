/**
 * Activation functions of hidden layers with their first and second derivatives, applied to
 * whole blocks of pre-activations at once (one branch per block, not per entry).
 *
 *   linear    σ(z) = z                       σ' = 1              σ'' = 0
 *   tanh      σ(z) = tanh z                  σ' = 1 − σ²         σ'' = −2σ(1 − σ²)
 *   sigmoid   σ(z) = 1/(1 + e^{−z})          σ' = σ(1 − σ)       σ'' = σ(1 − σ)(1 − 2σ)
 *   softplus  σ(z) = log(1 + e^z)            σ' = s(z)           σ'' = s(1 − s)        (s = sigmoid)
 *   swish     σ(z) = z s(z)                  σ' = s + z s(1 − s) σ'' = s(1 − s)(2 + z(1 − 2s))
 *   relu      σ(z) = max(0, z)               σ' = [z > 0]        σ'' = 0 (not twice differentiable at 0)
 *
 * Sigmoid and softplus are evaluated in their overflow-free forms (e^{−|z|}).
 */

export const activationNames = ['linear', 'tanh', 'sigmoid', 'softplus', 'swish', 'relu'] as const;
export type ActivationName = (typeof activationNames)[number];

/** ReLU's second derivative does not exist at 0 (its Hessian misses the kink): flagged. */
export function isTwiceDifferentiable(name: ActivationName): boolean {
  return name !== 'relu';
}

function sigmoid(z: number): number {
  if (z >= 0) return 1 / (1 + Math.exp(-z));
  const e = Math.exp(z);
  return e / (1 + e);
}

/**
 * a[i] = σ(z[i]), d1[i] = σ'(z[i]), d2[i] = σ''(z[i]) for i < count; d1 and d2 may be null (not
 * wanted). Each entry reads z[i] before writing, so `a` may alias `z`.
 */
export function activate(
  name: ActivationName,
  count: number,
  z: Float64Array,
  a: Float64Array,
  d1: Float64Array | null,
  d2: Float64Array | null,
): void {
  switch (name) {
    case 'linear':
      if (a !== z) for (let i = 0; i < count; i++) a[i] = z[i];
      if (d1) d1.fill(1, 0, count);
      if (d2) d2.fill(0, 0, count);
      return;
    case 'tanh':
      for (let i = 0; i < count; i++) {
        const t = Math.tanh(z[i]);
        a[i] = t;
        if (d1) {
          const s = 1 - t * t;
          d1[i] = s;
          if (d2) d2[i] = -2 * t * s;
        }
      }
      return;
    case 'sigmoid':
      for (let i = 0; i < count; i++) {
        const s = sigmoid(z[i]);
        a[i] = s;
        if (d1) {
          const ds = s * (1 - s);
          d1[i] = ds;
          if (d2) d2[i] = ds * (1 - 2 * s);
        }
      }
      return;
    case 'softplus':
      for (let i = 0; i < count; i++) {
        const x = z[i];
        a[i] = (x > 0 ? x : 0) + Math.log1p(Math.exp(-Math.abs(x)));
        if (d1) {
          const s = sigmoid(x);
          d1[i] = s;
          if (d2) d2[i] = s * (1 - s);
        }
      }
      return;
    case 'swish':
      for (let i = 0; i < count; i++) {
        const x = z[i];
        const s = sigmoid(x);
        a[i] = x * s;
        if (d1) {
          const ds = s * (1 - s);
          d1[i] = s + x * ds;
          if (d2) d2[i] = ds * (2 + x * (1 - 2 * s));
        }
      }
      return;
    case 'relu':
      for (let i = 0; i < count; i++) {
        const x = z[i];
        a[i] = x > 0 ? x : 0;
        if (d1) d1[i] = x > 0 ? 1 : 0;
      }
      if (d2) d2.fill(0, 0, count);
      return;
  }
}
