/**
 * JSON as Spark's progress classes render it with json4s (sql/api/.../streaming/progress.scala):
 * compact `json` and Jackson's default pretty printer for `prettyJson` (`"key" : value`,
 * two-space object indentation, arrays inline as `[ a, b ]`, empty ones as `[ ]`/`{ }`).
 *
 * Values: `undefined` is json4s' JNothing (the key is left out), `JDecimal` a rate rounded
 * HALF_UP to one decimal (SafeJsonSerializer.safeDecimalToJValue), plain numbers are JInt.
 */

export class JDecimal {
  constructor(readonly value: number) {}
}

export type JValue =
  | undefined
  | null
  | string
  | number
  | boolean
  | JDecimal
  | readonly JValue[]
  | { readonly [key: string]: JValue };

/** safeDoubleToJValue/safeDecimalToJValue: NaN and ±Infinity are left out. */
export function safeDecimal(value: number): JValue {
  return Number.isFinite(value) ? new JDecimal(value) : undefined;
}

/** safeMapToJValue: an empty map is left out; keys are sorted. */
export function safeMap<T>(
  map: Readonly<Record<string, T>> | undefined,
  toJ: (v: T) => JValue,
): JValue {
  if (map === undefined) return undefined;
  const keys = Object.keys(map).sort();
  if (keys.length === 0) return undefined;
  const out: Record<string, JValue> = {};
  for (const k of keys) out[k] = toJ(map[k]);
  return out;
}

export function compactJson(v: JValue): string {
  if (v === null) return 'null';
  if (v instanceof JDecimal) return decimalText(v.value);
  if (Array.isArray(v))
    return (
      '[' +
      v
        .filter((x) => x !== undefined)
        .map(compactJson)
        .join(',') +
      ']'
    );
  if (typeof v === 'object') {
    const parts: string[] = [];
    for (const [k, x] of Object.entries(v))
      if (x !== undefined) parts.push(JSON.stringify(k) + ':' + compactJson(x));
    return '{' + parts.join(',') + '}';
  }
  return scalarText(v);
}

export function prettyJson(v: JValue, level = 0): string {
  if (v === null) return 'null';
  if (v instanceof JDecimal) return decimalText(v.value);
  if (Array.isArray(v)) {
    const items = v.filter((x) => x !== undefined);
    return items.length === 0
      ? '[ ]'
      : '[ ' + items.map((x) => prettyJson(x, level)).join(', ') + ' ]';
  }
  if (typeof v === 'object') {
    const entries = Object.entries(v).filter(([, x]) => x !== undefined);
    if (entries.length === 0) return '{ }';
    const inner = '  '.repeat(level + 1);
    const body = entries
      .map(([k, x]) => `${inner}${JSON.stringify(k)} : ${prettyJson(x, level + 1)}`)
      .join(',\n');
    return `{\n${body}\n${'  '.repeat(level)}}`;
  }
  return scalarText(v);
}

function scalarText(v: string | number | boolean | undefined): string {
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : 'null';
  return JSON.stringify(v) ?? 'null';
}

/**
 * BigDecimal(value).setScale(1, HALF_UP).toString: rounding happens on the shortest decimal
 * digits of the double (BigDecimal.apply(Double) goes through Double.toString), so 1.45 → 1.5.
 */
export function decimalText(value: number): string {
  const negative = value < 0;
  const [mantissa, expText] = Math.abs(value).toExponential().split('e');
  const digits = mantissa.replace('.', '');
  const exp = Number(expText);
  let intPart: string;
  let frac: string;
  if (exp >= 0) {
    intPart = digits.slice(0, exp + 1).padEnd(exp + 1, '0');
    frac = digits.slice(exp + 1);
  } else {
    intPart = '0';
    frac = '0'.repeat(-exp - 1) + digits;
  }
  let tenths = BigInt(intPart + (frac[0] ?? '0'));
  if ((frac[1] ?? '0') >= '5') tenths += 1n;
  const text = `${tenths / 10n}.${tenths % 10n}`;
  return negative && tenths !== 0n ? '-' + text : text;
}
