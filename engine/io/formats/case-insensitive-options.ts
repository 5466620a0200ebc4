/**
 * Reader/writer options looked up case-insensitively, as Spark's CaseInsensitiveMap does for
 * every data source option (`multiLine`, `multiline` and `MULTILINE` are one option).
 */
import { IllegalArgumentException } from '../../errors';

export class CaseInsensitiveOptions {
  private readonly map = new Map<string, string>();

  constructor(options: Readonly<Record<string, string>> = {}) {
    for (const [k, v] of Object.entries(options)) this.map.set(k.toLowerCase(), String(v));
  }

  has(key: string): boolean {
    return this.map.has(key.toLowerCase());
  }

  get(key: string): string | undefined {
    return this.map.get(key.toLowerCase());
  }

  string(key: string, fallback: string): string {
    return this.map.get(key.toLowerCase()) ?? fallback;
  }

  /** Spark's getBool: "true"/"false" in any case; anything else is an error naming the option. */
  boolean(key: string, fallback: boolean): boolean {
    const v = this.get(key);
    if (v === undefined) return fallback;
    const lower = v.trim().toLowerCase();
    if (lower === 'true') return true;
    if (lower === 'false') return false;
    throw new IllegalArgumentException(`${key} should be a boolean, but got '${v}'.`);
  }

  integer(key: string, fallback: number): number {
    const v = this.get(key);
    if (v === undefined) return fallback;
    const n = Number(v.trim());
    if (!Number.isInteger(n)) throw new IllegalArgumentException(`${key} should be an integer. Found ${v}`);
    return n;
  }

  /** A single character option (sep, quote, escape, comment); `\t` and friends are unescaped. */
  char(key: string, fallback: string): string {
    const v = this.get(key);
    if (v === undefined) return fallback;
    return v;
  }
}
