/**
 * Numbers as the JVM prints them, which is what Spark shows in show(), CAST(double AS
 * STRING), generated column names and the JSON/CSV writers: Double.toString and
 * Float.toString (`1.0`, `1.0E10`, `5.0354E-4`, `NaN`, `Infinity`).
 */

/**
 * Java's Double.toString: the shortest digits that round-trip (as JS finds them), written
 * as plain decimal for 1e-3 <= |d| < 1e7 (with at least one fraction digit) and as
 * computerized scientific notation otherwise (`1.0E10`, `5.0354E-4`).
 */
export function javaDoubleToString(d: number): string {
  if (Number.isNaN(d)) return 'NaN';
  if (d === Infinity) return 'Infinity';
  if (d === -Infinity) return '-Infinity';
  if (d === 0) return Object.is(d, -0) ? '-0.0' : '0.0';
  const [mantissa, exp] = d.toExponential().split('e');
  return javaDecimalForm(
    d < 0,
    mantissa.replace('-', '').replace('.', ''),
    Number(exp),
    Math.abs(d),
  );
}

/** Java's Float.toString: shortest digits that round-trip through float32. */
export function javaFloatToString(f: number): string {
  if (Number.isNaN(f) || !Number.isFinite(f) || f === 0) return javaDoubleToString(f);
  let text = f.toExponential(8);
  for (let p = 1; p <= 9; p++) {
    const candidate = f.toExponential(p - 1);
    if (Math.fround(Number(candidate)) === f) {
      text = candidate;
      break;
    }
  }
  const [mantissa, exp] = text.split('e');
  return javaDecimalForm(
    f < 0,
    mantissa.replace('-', '').replace('.', ''),
    Number(exp),
    Math.abs(f),
  );
}

/** Lays out significant `digits` (d.ddd × 10^exp) the way Java's FloatingDecimal does. */
function javaDecimalForm(negative: boolean, digits: string, exp: number, abs: number): string {
  const sign = negative ? '-' : '';
  const sig = digits.replace(/0+$/, '') || '0';
  if (abs >= 1e-3 && abs < 1e7) {
    if (exp >= 0) {
      const intPart = sig.length > exp + 1 ? sig.slice(0, exp + 1) : sig.padEnd(exp + 1, '0');
      const frac = sig.length > exp + 1 ? sig.slice(exp + 1) : '0';
      return `${sign}${intPart}.${frac}`;
    }
    return `${sign}0.${'0'.repeat(-exp - 1)}${sig}`;
  }
  const frac = sig.length > 1 ? sig.slice(1) : '0';
  return `${sign}${sig[0]}.${frac}E${exp}`;
}
