/**
 * Java's Double.toString for the JSON writer, with a fast path for the values sensor data
 * is made of. In [1e-3, 1e7) Java writes plain decimal, and so does JS's Number#toString
 * (it switches to exponents only below 1e-6 and from 1e21), with the same shortest
 * round-trip digits: both ECMAScript's Number::toString and toExponential() pick the fewest
 * digits that read back as the same double, which is what javaDoubleToString lays out. The
 * only difference there is that Java always prints a fraction (`5.0`, JS `5`). Outside it,
 * Java's computerized scientific notation is toExponential()'s shortest digits with `E`,
 * a fraction always present and no `+` on the exponent (`1.0E10`, `5.0354E-4`). Zeros, NaN
 * and the infinities go to javaDoubleToString itself.
 */
import { javaDoubleToString } from '../../types/java-number-format';

export function javaDoubleText(d: number): string {
  const a = d < 0 ? -d : d;
  if (a >= 1e-3 && a < 1e7) return Number.isInteger(d) ? String(d) + '.0' : String(d);
  if (d === 0 || !Number.isFinite(d)) return javaDoubleToString(d);
  const s = d.toExponential();
  const e = s.indexOf('e');
  const mantissa = s.slice(0, e);
  const exponent = s.charCodeAt(e + 1) === 43 ? s.slice(e + 2) : s.slice(e + 1);
  return (mantissa.indexOf('.') < 0 ? mantissa + '.0' : mantissa) + 'E' + exponent;
}
