/**
 * State rows as JSON text and back, losslessly: operator state holds values JSON cannot
 * carry as they are — NaN and ±Infinity (a NaN group key, an unset event time), -0.0,
 * bigints, Maps (map-typed keys), byte arrays (binary keys, HyperLogLog registers), other
 * typed arrays and `undefined` (an aggregate buffer not set yet). Those are written as
 * one-key tagged objects (`{"$nan":1}`, `{"$u8":"<base64>"}`, …); a plain object whose only
 * key starts with `$` is itself wrapped (`{"$obj":{…}}`) so no user value is ever misread
 * as a tag. Spark writes state as UnsafeRow bytes; this is the JSON counterpart.
 */

type Tagged = Readonly<Record<string, unknown>>;

const TYPED_ARRAYS = {
  $u8: Uint8Array,
  $i32: Int32Array,
  $f64: Float64Array,
} as const;

/** TYPED_ARRAYS as a list, so encoding a value allocates no entries per call (it runs per state row). */
const TYPED_ARRAY_TAGS = Object.entries(TYPED_ARRAYS) as readonly (readonly [string, (typeof TYPED_ARRAYS)[keyof typeof TYPED_ARRAYS]])[];

export function encodeStateValue(value: unknown): unknown {
  if (value === undefined) return { $undef: 1 };
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') {
    if (value !== value) return { $nan: 1 };
    if (value === Infinity) return { $inf: 1 };
    if (value === -Infinity) return { $inf: -1 };
    if (value === 0 && 1 / value < 0) return { $negzero: 1 };
    return value;
  }
  if (typeof value === 'bigint') return { $big: value.toString() };
  if (Array.isArray(value)) return value.map(encodeStateValue);
  if (value instanceof Map) return { $map: [...value.entries()].map(([k, v]) => [encodeStateValue(k), encodeStateValue(v)]) };
  if (value instanceof Set) return { $set: [...value].map(encodeStateValue) };
  if (value instanceof Date) return { $date: value.getTime() };
  if (ArrayBuffer.isView(value)) {
    for (const [tag, ctor] of TYPED_ARRAY_TAGS) {
      if (value instanceof ctor) {
        const bytes = new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
        return { [tag]: Buffer.from(bytes).toString('base64') };
      }
    }
  }
  if (typeof value === 'object') {
    const out: Record<string, unknown> = {};
    let count = 0;
    let onlyKey = '';
    // for-in over own keys, not Object.entries: no [key, value] array per field of every row.
    for (const k in value) {
      if (!Object.hasOwn(value, k)) continue;
      out[k] = encodeStateValue((value as Record<string, unknown>)[k]);
      count++;
      onlyKey = k;
    }
    return count === 1 && onlyKey.startsWith('$') ? { $obj: out } : out;
  }
  throw new TypeError(`A ${typeof value} cannot be kept in streaming state`);
}

/**
 * The JSON text of `encodeStateValue(value)`. Most state rows (a window and a user, a count)
 * hold nothing that needs a tag, and for those the text is JSON.stringify's own: checked
 * first by a walk that allocates nothing, which spares building the tagged copy per row.
 */
export function stateValueJson(value: unknown): string {
  return JSON.stringify(isPlainJson(value) ? value : encodeStateValue(value));
}

/** True when JSON.stringify(value) already is the text of encodeStateValue(value). */
export function isPlainJson(value: unknown): boolean {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return true;
  // NaN, ±Infinity and -0 are tagged.
  if (typeof value === 'number') return value - value === 0 && (value !== 0 || 1 / value > 0);
  if (typeof value !== 'object') return false; // undefined, bigint, functions, symbols
  const proto: unknown = Object.getPrototypeOf(value);
  if (Array.isArray(value)) {
    if (proto !== Array.prototype) return false;
    for (let i = 0; i < value.length; i++) if (!isPlainJson(value[i])) return false; // a hole reads undefined
    return true;
  }
  // Only literal objects: a class instance, Map, Date or typed array may have its own JSON form.
  if (proto !== Object.prototype && proto !== null) return false;
  let count = 0;
  let onlyKey = '';
  for (const k in value) {
    if (!Object.hasOwn(value, k)) return false;
    if (!isPlainJson((value as Record<string, unknown>)[k])) return false;
    count++;
    onlyKey = k;
  }
  // A lone `$` key is wrapped in `$obj` by encodeStateValue.
  return !(count === 1 && onlyKey.startsWith('$'));
}

export function decodeStateValue(json: unknown): unknown {
  if (json === null || typeof json !== 'object') return json;
  if (Array.isArray(json)) return json.map(decodeStateValue);
  const obj = json as Tagged;
  const keys = Object.keys(obj);
  if (keys.length === 1 && keys[0].startsWith('$')) return decodeTagged(keys[0], obj[keys[0]]);
  const out: Record<string, unknown> = {};
  for (const k of keys) out[k] = decodeStateValue(obj[k]);
  return out;
}

function decodeTagged(tag: string, body: unknown): unknown {
  switch (tag) {
    case '$undef':
      return undefined;
    case '$nan':
      return NaN;
    case '$inf':
      return body === -1 ? -Infinity : Infinity;
    case '$negzero':
      return -0;
    case '$big':
      return BigInt(body as string);
    case '$map':
      return new Map((body as [unknown, unknown][]).map(([k, v]) => [decodeStateValue(k), decodeStateValue(v)]));
    case '$set':
      return new Set((body as unknown[]).map(decodeStateValue));
    case '$date':
      return new Date(body as number);
    case '$obj': {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(body as Tagged)) out[k] = decodeStateValue(v);
      return out;
    }
  }
  if (tag in TYPED_ARRAYS) {
    const bytes = Buffer.from(body as string, 'base64');
    const ctor = TYPED_ARRAYS[tag as keyof typeof TYPED_ARRAYS];
    // Copied into a fresh, aligned buffer: a Buffer's bytes may sit at any offset of a shared pool.
    const copy = new Uint8Array(bytes.length);
    copy.set(bytes);
    return new ctor(copy.buffer, 0, bytes.length / ctor.BYTES_PER_ELEMENT);
  }
  throw new Error(`Unknown tag ${tag} in a state file: the file was not written by this version of Tidemark`);
}
