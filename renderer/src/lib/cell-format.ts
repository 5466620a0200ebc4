/**
 * How a value reads in a result cell, as Spark's `show()` prints it (Dataset.showString):
 * NULL as `NULL`, doubles as Java prints them (`1.0`, `1.0E-4`, `NaN`), timestamps as
 * CAST(ts AS STRING) in UTC (`2015-02-23 10:18:55.175`, trailing zero fraction digits
 * dropped), dates as `yyyy-MM-dd`, structs as `{a, b}`, arrays as `[a, b]`, maps as
 * `{k -> v}`.
 */

export function formatNull(): string {
  return 'NULL';
}

/** Java's Double.toString: a decimal point always; scientific below 1e-3 and from 1e7. */
export function formatDouble(x: number): string {
  if (Number.isNaN(x)) return 'NaN';
  if (!Number.isFinite(x)) return x > 0 ? 'Infinity' : '-Infinity';
  if (x === 0) return Object.is(x, -0) ? '-0.0' : '0.0';
  const abs = Math.abs(x);
  if (abs >= 1e-3 && abs < 1e7) {
    const s = String(x);
    return s.includes('.') ? s : `${s}.0`;
  }
  const [mantissa, exponent] = x.toExponential().split('e');
  const m = mantissa.includes('.') ? mantissa : `${mantissa}.0`;
  return `${m}E${exponent.startsWith('+') ? exponent.slice(1) : exponent}`;
}

/**
 * Java's Float.toString: the shortest decimal that reads back as the same float32, then
 * Double.toString's layout (a float column's 0.1f prints `0.1`, not `0.10000000149011612`).
 */
export function formatFloat(x: number): string {
  if (!Number.isFinite(x) || x === 0) return formatDouble(x);
  for (let digits = 1; digits <= 9; digits++) {
    const shortest = Number(x.toPrecision(digits));
    if (Math.fround(shortest) === x) return formatDouble(shortest);
  }
  return formatDouble(x);
}

/** Microseconds since the epoch → `yyyy-MM-dd HH:mm:ss[.ffffff]` in UTC. */
export function formatTimestampMicros(us: bigint): string {
  let seconds = us / 1_000_000n;
  let micros = us % 1_000_000n;
  if (micros < 0n) {
    micros += 1_000_000n;
    seconds -= 1n;
  }
  const iso = new Date(Number(seconds) * 1000).toISOString();
  const base = `${iso.slice(0, 10)} ${iso.slice(11, 19)}`;
  if (micros === 0n) return base;
  return `${base}.${micros.toString().padStart(6, '0').replace(/0+$/, '')}`;
}

/** Epoch milliseconds (Arrow's Date(DAY) reads back as ms) → `yyyy-MM-dd`. */
export function formatDateMillis(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** Arrow-decoded nested values (StructRow, Vector, MapRow) in Spark's show() spelling. */
export function formatNested(value: unknown): string {
  if (value === null || value === undefined) return formatNull();
  if (typeof value === 'number')
    return Number.isInteger(value) ? String(value) : formatDouble(value);
  if (typeof value === 'bigint' || typeof value === 'boolean') return String(value);
  if (typeof value === 'string') return value;
  if (value instanceof Uint8Array)
    return `[${[...value].map((b) => b.toString(16).toUpperCase().padStart(2, '0')).join(' ')}]`;
  const json = (value as { toJSON?: () => unknown }).toJSON?.() ?? value;
  if (Array.isArray(json)) return `[${json.map(formatNested).join(', ')}]`;
  if (json instanceof Map)
    return `{${[...json].map(([k, v]) => `${formatNested(k)} -> ${formatNested(v)}`).join(', ')}}`;
  if (typeof json === 'object' && json !== null) {
    const kind = (value as { [Symbol.toStringTag]?: string })[Symbol.toStringTag];
    const entries = Object.entries(json as Record<string, unknown>);
    if (kind === 'MapRow')
      return `{${entries.map(([k, v]) => `${k} -> ${formatNested(v)}`).join(', ')}}`;
    return `{${entries.map(([, v]) => formatNested(v)).join(', ')}}`;
  }
  return String(value);
}
