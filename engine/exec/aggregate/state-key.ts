/**
 * The state-store key of a group: its key values as text that is equal exactly when
 * Spark's grouping treats the values as equal — NaN equals NaN, -0.0 equals 0.0
 * (NormalizeFloatingNumbers), a string never equals a number, NULL is its own value.
 */
export function encodeStateKey(values: readonly unknown[]): string {
  return JSON.stringify(values, (_k, v: unknown) => {
    if (typeof v === 'number') {
      if (v !== v) return { $: 'NaN' };
      if (v === Infinity) return { $: 'Inf' };
      if (v === -Infinity) return { $: '-Inf' };
      return v === 0 ? 0 : v;
    }
    if (v instanceof Map) return { $map: [...v.entries()] };
    if (v instanceof Uint8Array) return { $bin: [...v] };
    return v;
  });
}
