/**
 * Numbers as the JVM prints them, which is what Spark shows for CAST(double AS STRING)
 * and in generated column names: Double.toString / Float.toString (`1.0`, `1.0E10`,
 * `1.0E-4`, `NaN`, `Infinity`).
 */

/** java.lang.Double.toString */
export function javaDoubleString(v: number): string {
  return javaFloatingString(v, String(v));
}

/** java.lang.Float.toString for a Math.fround-ed value: the shortest digits that round-trip as float. */
export function javaFloatString(v: number): string {
  if (!Number.isFinite(v)) return javaFloatingString(v, String(v));
  let digits = String(v);
  for (let p = 1; p <= 9; p++) {
    const candidate = Number(v.toPrecision(p));
    if (Math.fround(candidate) === v) {
      digits = String(candidate);
      break;
    }
  }
  return javaFloatingString(Number(digits), digits);
}

function javaFloatingString(v: number, shortest: string): string {
  if (Number.isNaN(v)) return 'NaN';
  if (v === Infinity) return 'Infinity';
  if (v === -Infinity) return '-Infinity';
  if (v === 0) return Object.is(v, -0) ? '-0.0' : '0.0';
  const abs = Math.abs(v);
  if (abs >= 1e-3 && abs < 1e7) {
    const plain = /e/.test(shortest) ? v.toFixed(20).replace(/0+$/, '') : shortest;
    return plain.includes('.') ? (plain.endsWith('.') ? plain + '0' : plain) : plain + '.0';
  }
  // Scientific form: d.dddE±n with at least one fraction digit.
  const [mantissa, exponent] = Number(shortest).toExponential().split('e');
  const m = mantissa.includes('.') ? mantissa : mantissa + '.0';
  return `${m}E${exponent.replace('+', '')}`;
}

/** A SQL literal for a double in Spark's toSQLValue form: `1.0E10D`. */
export function doubleSQLValue(v: number): string {
  if (!Number.isFinite(v)) return `'${javaDoubleString(v)}'`;
  return javaDoubleString(v) + 'D';
}
