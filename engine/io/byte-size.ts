/**
 * Byte sizes as Spark reads and prints them: `parseByteString` is JavaUtils.byteStringAsBytes
 * (`512m`, `1g`, `64k`, a bare number is bytes; units are powers of 1024; fractions are
 * rejected), `formatByteSize` is Utils.bytesToString (`64.0 KiB`, `1.5 GiB`).
 */
import { IllegalArgumentException } from '../errors';

const UNITS: Readonly<Record<string, number>> = {
  b: 1,
  k: 1024,
  kb: 1024,
  m: 1024 ** 2,
  mb: 1024 ** 2,
  g: 1024 ** 3,
  gb: 1024 ** 3,
  t: 1024 ** 4,
  tb: 1024 ** 4,
  p: 1024 ** 5,
  pb: 1024 ** 5,
};

/** `what` names the setting in the error (a conf key or option). */
export function parseByteString(text: string, what: string): number {
  const lower = text.trim().toLowerCase();
  const m = /^(-?[0-9]+)([a-z]+)?$/.exec(lower);
  if (m === null) {
    // JavaUtils: "Fractional values are not supported" for `1.5g`, else a format error.
    const hint = /^-?[0-9]+\.[0-9]+([a-z]+)?$/.test(lower)
      ? 'Fractional values are not supported'
      : 'Size must be specified as bytes (b), kibibytes (k), mebibytes (m), gibibytes (g), tebibytes (t), or pebibytes(p). E.g. 50b, 100k, or 250m';
    throw new IllegalArgumentException(`${hint}. Input was: ${text} (${what})`);
  }
  const unit = m[2] === undefined ? 1 : UNITS[m[2]];
  if (unit === undefined) throw new IllegalArgumentException(`Invalid suffix: "${m[2]}" in ${text} (${what})`);
  return Number(m[1]) * unit;
}

/** Utils.bytesToString: a binary unit and one decimal. */
export function formatByteSize(bytes: number): string {
  const steps: readonly [number, string][] = [
    [1024 ** 5, 'PiB'],
    [1024 ** 4, 'TiB'],
    [1024 ** 3, 'GiB'],
    [1024 ** 2, 'MiB'],
    [1024, 'KiB'],
  ];
  // Spark switches unit at twice the unit's size (2048 B is "2.0 KiB", 1500 B stays "1500.0 B").
  for (const [size, unit] of steps) if (bytes >= 2 * size) return `${(bytes / size).toFixed(1)} ${unit}`;
  return `${bytes.toFixed(1)} B`;
}
