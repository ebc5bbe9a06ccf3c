/**
 * Text ↔ value for the builder's number inputs. What cannot be read as a number is kept as the
 * text itself, so the spec schema refuses it with a message at the field (never silently
 * dropped); lists accept "a..b" ranges of integers.
 */

/** '' → undefined (use the default), '1e-10' → 1e-10, 'abc' → 'abc'. */
export function parseNumber(text: string): number | string | undefined {
  const t = text.trim();
  if (t === '') return undefined;
  const v = Number(t.replace(/\u2212/g, '-'));
  return Number.isFinite(v) ? v : t;
}

export function formatNumber(value: unknown): string {
  if (value === undefined || value === null) return '';
  return String(value);
}

/** "16, 4, 16" → [16, 4, 16]; "1..4" → [1, 2, 3, 4]; bad items stay as their text. */
export function parseNumberList(text: string): (number | string)[] | undefined {
  const t = text.trim();
  if (t === '') return undefined;
  const out: (number | string)[] = [];
  for (const part of t.split(/[\s,;]+/).filter(Boolean)) {
    const range = /^(-?\d+)\.\.(-?\d+)$/.exec(part);
    if (range) {
      const [a, b] = [Number(range[1]), Number(range[2])];
      if (Math.abs(b - a) <= 100_000) {
        for (let v = a; a <= b ? v <= b : v >= b; v += a <= b ? 1 : -1) out.push(v);
        continue;
      }
    }
    out.push(parseNumber(part) ?? part);
  }
  return out;
}

/** [1, 2, 3, 4, 5] → "1..5"; runs of four or more consecutive integers are shortened. */
export function formatNumberList(value: unknown): string {
  if (!Array.isArray(value)) return value === undefined || value === null ? '' : String(value);
  const parts: string[] = [];
  for (let i = 0; i < value.length; ) {
    let j = i;
    while (j + 1 < value.length && Number.isInteger(value[j]) && value[j + 1] === value[j] + 1) j++;
    if (j - i >= 3) {
      parts.push(`${value[i]}..${value[j]}`);
      i = j + 1;
    } else {
      parts.push(String(value[i]));
      i++;
    }
  }
  return parts.join(', ');
}

/** Whether the typed text still means `value` (so the input keeps the user's own spelling). */
export function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
