/**
 * The state-store key of a group: its key values as text that is equal exactly when
 * Spark's grouping treats the values as equal — NaN equals NaN, -0.0 equals 0.0
 * (NormalizeFloatingNumbers), a string never equals a number, NULL is its own value.
 */
export function encodeStateKey(values: readonly unknown[]): string {
  // Most keys (strings, finite numbers, a window struct) read the same without the replacer,
  // which costs a call and a boxed number per value: once per group of every batch.
  if (isPlainKey(values)) return JSON.stringify(values);
  return JSON.stringify(values, stateKeyReplacer);
}

/** What NaN, ±Infinity, -0, Maps and byte arrays become in a key's text. */
export function stateKeyReplacer(_k: string, v: unknown): unknown {
  if (typeof v === 'number') {
    if (v !== v) return { $: 'NaN' };
    if (v === Infinity) return { $: 'Inf' };
    if (v === -Infinity) return { $: '-Inf' };
    return v === 0 ? 0 : v;
  }
  if (v instanceof Map) return { $map: [...v.entries()] };
  if (v instanceof Uint8Array) return { $bin: [...v] };
  return v;
}

/**
 * True when the replacer would leave every value as it is: no NaN or infinity, and no object
 * but arrays and literal objects (a Map or byte array is rewritten, and anything else may
 * have a toJSON whose result the replacer would see). -0 needs nothing: JSON writes it as 0.
 */
function isPlainKey(v: unknown): boolean {
  if (typeof v === 'number') return v - v === 0;
  if (typeof v !== 'object' || v === null) return true;
  if (Array.isArray(v)) {
    if (Object.getPrototypeOf(v) !== Array.prototype) return false;
    for (let i = 0; i < v.length; i++) if (!isPlainKey(v[i])) return false;
    return true;
  }
  const proto: unknown = Object.getPrototypeOf(v);
  if (proto !== Object.prototype && proto !== null) return false;
  for (const k in v) if (!isPlainKey((v as Record<string, unknown>)[k])) return false;
  return true;
}
