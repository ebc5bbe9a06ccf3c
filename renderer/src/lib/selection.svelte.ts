/**
 * The linked-views selection of one run: the starts selected (by brushing the scatter, clicking
 * a histogram bar, a table row…), the focused start (whose spectrum, trace and landscape path are
 * shown) and the start under the pointer. Every view reads it and highlights the same starts.
 */

export type SelectMode = 'replace' | 'add' | 'toggle';

export class Selection {
  /** Selected start ids (replaced whole). */
  selected = $state.raw<ReadonlySet<number>>(new Set());
  /** The start whose details are shown (spectrum, trace). */
  focus = $state<number | null>(null);
  /** The start under the pointer in any view. */
  hover = $state<number | null>(null);
  /** The distinct critical point (cluster) under the pointer. */
  hoverCluster = $state<number | null>(null);

  /** Selects `ids`; the focus moves to `focus` (default: the first id, unless the focus is among them). */
  select(ids: Iterable<number>, mode: SelectMode = 'replace', focus?: number | null): void {
    const list = [...ids];
    let next: Set<number>;
    if (mode === 'replace') next = new Set(list);
    else {
      next = new Set(this.selected);
      for (const id of list) {
        if (mode === 'toggle' && next.has(id)) next.delete(id);
        else next.add(id);
      }
    }
    this.selected = next;
    if (focus !== undefined) this.focus = focus;
    else if (this.focus === null || !next.has(this.focus)) this.focus = list.find((id) => next.has(id)) ?? this.focus;
  }

  /** Focuses one start and makes it the selection (or toggles it in with `mode`). */
  pick(id: number, mode: SelectMode = 'replace'): void {
    this.select([id], mode, id);
  }

  clear(): void {
    this.selected = new Set();
  }

  isSelected(id: number): boolean {
    return this.selected.has(id);
  }
}
