/**
 * An incremental fold over a list that only grows at its end: a run's records between two
 * publishes (RunModel appends; each snapshot's `records` is a new array of the same objects).
 * Folding again after a publish visits only the new items, so a view's per-publish work on a
 * run of 160,000 starts is proportional to what arrived, not to the whole run (DESIGN.md §5:
 * the UI thread never blocks for more than 50 ms).
 *
 * The fold starts over when the list is not an extension of the one folded last (a new run, a
 * reset: its first item, or the last item folded, is not where it was) or when any of `params`
 * changed (compared with Object.is: pass numbers and identities, e.g. a scale's domain values,
 * not a freshly built object). The state is mutated in place: a $derived that returns it must
 * wrap it in a new object, or its dependents would not see the change.
 */
export class AppendFold<T, S> {
  private state: S | null = null;
  private count = 0;
  private first: T | undefined = undefined;
  private last: T | undefined = undefined;
  private params: readonly unknown[] = [];
  private readonly start: () => S;
  private readonly step: (state: S, item: T) => void;

  constructor(start: () => S, step: (state: S, item: T) => void) {
    this.start = start;
    this.step = step;
  }

  /** The fold of `items` under `params`. */
  fold(items: readonly T[], params: readonly unknown[] = []): S {
    if (!this.resumes(items, params)) {
      this.state = this.start();
      this.count = 0;
      this.params = params.slice();
    }
    const state = this.state as S;
    for (let i = this.count; i < items.length; i++) this.step(state, items[i]);
    this.count = items.length;
    this.first = items[0];
    this.last = items[items.length - 1];
    return state;
  }

  /** Items folded into the current state. */
  get folded(): number {
    return this.count;
  }

  private resumes(items: readonly T[], params: readonly unknown[]): boolean {
    if (this.state === null || items.length < this.count || params.length !== this.params.length) return false;
    for (let i = 0; i < params.length; i++) if (!Object.is(params[i], this.params[i])) return false;
    return this.count === 0 || (items[0] === this.first && items[this.count - 1] === this.last);
  }
}
