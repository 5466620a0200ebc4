/**
 * Java regular expressions (what RLIKE, regexp_replace, regexp_extract and split take in
 * Spark) as JavaScript RegExps. The two dialects agree on nearly everything users write;
 * this translates the common differences: leading inline flags `(?i)`, `(?s)`, `(?m)`,
 * `\A` / `\z` / `\Z` anchors, POSIX classes `\p{Alpha}` & co., and replacement strings
 * (`\$` literal dollar, `$1` group). Patterns JS cannot express (possessive quantifiers,
 * atomic groups) fail with Spark's INVALID_PARAMETER_VALUE.PATTERN.
 */
import { SparkRuntimeException } from '../errors';

const POSIX: Readonly<Record<string, string>> = {
  Lower: 'a-z',
  Upper: 'A-Z',
  Alpha: 'A-Za-z',
  Digit: '0-9',
  Alnum: 'A-Za-z0-9',
  Punct: '!-\\/:-@\\[-`{-~',
  Space: ' \\t\\n\\x0B\\f\\r',
  XDigit: '0-9a-fA-F',
  ASCII: '\\x00-\\x7F',
};

const cache = new Map<string, RegExp>();

export function invalidPattern(functionName: string, pattern: string, parameter = 'regexp'): SparkRuntimeException {
  return new SparkRuntimeException('INVALID_PARAMETER_VALUE.PATTERN', `The value of parameter(s) \`${parameter}\` in \`${functionName}\` is invalid: '${pattern}'.`, {
    messageParameters: { parameter: `\`${parameter}\``, functionName: `\`${functionName}\``, value: `'${pattern}'` },
    sqlState: '22023',
  });
}

/** Compiles a Java regex (cached); `global` for replace/split/extract-all use. */
export function javaRegExp(pattern: string, functionName: string, global = false): RegExp {
  const key = `${global ? 'g' : ''}:${pattern}`;
  const known = cache.get(key);
  if (known) {
    known.lastIndex = 0;
    return known;
  }
  let flags = global ? 'g' : '';
  let body = pattern;
  const inline = /^\(\?([imsx]+)\)/.exec(body);
  if (inline) {
    body = body.slice(inline[0].length);
    for (const f of inline[1]) if (f !== 'x' && !flags.includes(f)) flags += f;
  }
  body = body
    .replace(/\\A/g, '^')
    .replace(/\\[zZ]/g, '$')
    .replace(/\\p\{(?:Is)?(\w+)\}/g, (m, name: string) => (POSIX[name] ? `[${POSIX[name]}]` : m))
    .replace(/\\P\{(?:Is)?(\w+)\}/g, (m, name: string) => (POSIX[name] ? `[^${POSIX[name]}]` : m));
  try {
    const re = new RegExp(body, flags);
    if (cache.size > 1000) cache.clear();
    cache.set(key, re);
    return re;
  } catch {
    throw invalidPattern(functionName, pattern);
  }
}

/** A Java Matcher.replaceAll replacement as a JS replacement string. */
export function javaReplacement(rep: string): string {
  let out = '';
  for (let i = 0; i < rep.length; i++) {
    const c = rep[i];
    if (c === '\\' && i + 1 < rep.length) {
      const next = rep[++i];
      out += next === '$' ? '$$' : next;
    } else {
      out += c;
    }
  }
  return out;
}
