import { describe, expect, it } from 'vitest';
import { validateSpec } from '../../core/experiment/spec.ts';
import { examples } from '../../renderer/src/lib/examples.ts';
import { draftName, fromDraft, toDraft } from '../../renderer/src/components/builder/draft.ts';
import { formatNumberList, parseNumber, parseNumberList } from '../../renderer/src/components/builder/number-text.ts';

describe('builder drafts', () => {
  it('round-trips every example spec through the form unchanged in meaning', () => {
    expect(examples.length).toBeGreaterThan(3);
    for (const e of examples) {
      const spec = fromDraft(toDraft(e.spec));
      const a = validateSpec(e.spec);
      const b = validateSpec(spec);
      expect(b.ok, `${e.id}: ${JSON.stringify(!b.ok && b.issues)}`).toBe(true);
      if (a.ok && b.ok) expect(b.spec).toEqual(a.spec);
    }
  });

  it('names a draft by its name or its problem', () => {
    expect(draftName(toDraft({ problem: { kind: 'network', layers: [6, 2, 6], data: { kind: 'gaussian', spectrum: [1, 2] } } } as never))).toBe('network 6-2-6');
    expect(draftName(toDraft({ name: ' Mine ', problem: { kind: 'function', name: 'saddle' } }))).toBe('Mine');
  });
});

describe('number text', () => {
  it('keeps what is not a number as text, so the schema refuses it at the field', () => {
    expect(parseNumber('1e-10')).toBe(1e-10);
    expect(parseNumber('\u22122.5')).toBe(-2.5);
    expect(parseNumber('')).toBeUndefined();
    expect(parseNumber('1e-')).toBe('1e-');
  });

  it('reads lists with a..b ranges and writes runs back as ranges', () => {
    expect(parseNumberList('16, 4, 16')).toEqual([16, 4, 16]);
    expect(parseNumberList('1..5')).toEqual([1, 2, 3, 4, 5]);
    expect(parseNumberList('3..1; x')).toEqual([3, 2, 1, 'x']);
    expect(formatNumberList([1, 2, 3, 4, 5, 8])).toBe('1..5, 8');
    expect(formatNumberList([16, 4, 16])).toBe('16, 4, 16');
  });
});
