/** Number formatting for tables, axes and tooltips (typographic minus, compact exponents). */

const MINUS = '\u2212';

function withMinus(text: string): string {
  return text.replace(/-/g, MINUS);
}

/** Fixed decimals, e.g. coordinates: 3.584428, −1.848127 (−0 shows as 0). */
export function fixed(value: number, digits = 6): string {
  if (!Number.isFinite(value)) return String(value);
  const text = value.toFixed(digits);
  return Number(text) === 0 ? (0).toFixed(digits) : withMinus(text);
}

/** Significant digits, switching to an exponent for very small or large magnitudes: 1.2e−30. */
export function significant(value: number, digits = 6): string {
  if (!Number.isFinite(value)) return String(value);
  if (value === 0) return '0';
  const magnitude = Math.abs(value);
  if (magnitude < 1e-4 || magnitude >= 1e7) {
    const [mantissa, exponent] = value.toExponential(Math.min(digits, 3) - 1).split('e');
    const trimmed = mantissa.includes('.') ? mantissa.replace(/\.?0+$/, '') : mantissa;
    return `${withMinus(trimmed)}e${withMinus(exponent.replace('+', ''))}`;
  }
  return withMinus(String(Number(value.toPrecision(digits))));
}

/** Milliseconds as a short duration: 840 ms, 1.25 s, 2 min 05 s. */
export function duration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
  const minutes = Math.floor(ms / 60_000);
  const seconds = Math.round((ms % 60_000) / 1000);
  return `${minutes} min ${String(seconds).padStart(2, '0')} s`;
}

/** "1 start", "400 starts". */
export function plural(count: number, noun: string, pluralNoun = `${noun}s`): string {
  return `${count.toLocaleString('en-US')} ${count === 1 ? noun : pluralNoun}`;
}
