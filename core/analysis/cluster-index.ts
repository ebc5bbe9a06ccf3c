/**
 * Groups end points that are the same critical point. Two points match when their parameter
 * vectors agree to a relative tolerance, ‖θ − θ'‖ ≤ tol · (1 + max(‖θ‖, ‖θ'‖)), and their losses
 * agree to the same relative tolerance. This is right for functions, whose critical points are
 * isolated or have no symmetry; networks need invariants instead of raw θ (see groundtruth/).
 * Linear scan: cost O(clusters · n) per point.
 */
export class ClusterIndex {
  private readonly members: { theta: Float64Array; norm: number; loss: number }[] = [];

  constructor(private readonly tolerance: number) {}

  get size(): number {
    return this.members.length;
  }

  /** Returns the cluster id of θ, creating a new cluster when nothing matches. */
  assign(theta: Float64Array, loss: number): number {
    let norm = 0;
    for (let i = 0; i < theta.length; i++) norm += theta[i] * theta[i];
    norm = Math.sqrt(norm);
    for (let c = 0; c < this.members.length; c++) {
      const m = this.members[c];
      const scale = 1 + Math.max(norm, m.norm);
      if (Math.abs(loss - m.loss) > this.tolerance * (1 + Math.abs(loss))) continue;
      let d = 0;
      for (let i = 0; i < theta.length; i++) {
        const t = theta[i] - m.theta[i];
        d += t * t;
      }
      if (Math.sqrt(d) <= this.tolerance * scale) return c;
    }
    this.members.push({ theta: Float64Array.from(theta), norm, loss });
    return this.members.length - 1;
  }
}
