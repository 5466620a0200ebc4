/**
 * LIKE / ILIKE / RLIKE (Spark's Like, ILike, RLike). LIKE patterns become anchored,
 * dot-all regexps as StringUtils.escapeLikeRegex builds them: `%` any sequence, `_` one
 * character, the escape character (default `\`, or `ESCAPE 'c'`) makes the next `%`, `_`
 * or escape character literal; escaping anything else, or ending the pattern with the
 * escape character, is INVALID_FORMAT. ILIKE lower-cases both sides. RLIKE is a Java
 * regex matched anywhere (Matcher.find). With a constant pattern the regexp is built once
 * and a string column is tested once per dictionary entry.
 */
import type { Vector } from '../batch/vector';
import { AnalysisException } from '../errors';
import { T } from '../types/data-types';
import { makeEvaluator, type Evaluator } from './evaluator';
import { javaRegExp } from './java-regex';
import { mapStringsToBools } from './string-vectors';
import { boolVector, compactValidity } from './vector-factory';

function invalidFormat(sub: 'ESC_AT_THE_END' | 'ESC_IN_THE_MIDDLE', pattern: string, char?: string): AnalysisException {
  const format = `'${pattern}'`;
  const detail = sub === 'ESC_AT_THE_END' ? 'The escape character is not allowed to end with.' : `The escape character is not allowed to precede '${char}'.`;
  return new AnalysisException(`INVALID_FORMAT.${sub}`, `The format is invalid: ${format}. ${detail}`, {
    messageParameters: { format, ...(char !== undefined ? { char: `'${char}'` } : {}) },
    sqlState: '42601',
  });
}

const REGEX_SPECIAL = /[\\^$.*+?()[\]{}|/-]/g;

export function likeToRegExp(pattern: string, escape = '\\'): RegExp {
  let out = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === escape) {
      if (i + 1 >= pattern.length) throw invalidFormat('ESC_AT_THE_END', pattern);
      const next = pattern[++i];
      if (next !== '_' && next !== '%' && next !== escape) throw invalidFormat('ESC_IN_THE_MIDDLE', pattern, next);
      out += next.replace(REGEX_SPECIAL, '\\$&');
    } else if (c === '%') {
      out += '.*';
    } else if (c === '_') {
      out += '.';
    } else {
      out += c.replace(REGEX_SPECIAL, '\\$&');
    }
  }
  return new RegExp(`^(?:${out})$`, 's');
}

export interface MatchSpec {
  readonly kind: 'like' | 'rlike';
  readonly escape?: string;
  readonly caseInsensitive?: boolean;
  readonly negated: boolean;
}

function compile(spec: MatchSpec, pattern: string): (s: string) => boolean {
  if (spec.kind === 'rlike') {
    const re = javaRegExp(pattern, 'rlike');
    return (s) => {
      re.lastIndex = 0;
      return re.test(s);
    };
  }
  const re = likeToRegExp(spec.caseInsensitive ? pattern.toLowerCase() : pattern, spec.escape ?? '\\');
  return spec.caseInsensitive ? (s) => re.test(s.toLowerCase()) : (s) => re.test(s);
}

export function matchEvaluator(spec: MatchSpec, arg: Evaluator, pattern: Evaluator): Evaluator {
  const constant = pattern.constant;
  const fixed = constant && constant.value !== null ? compile(spec, String(constant.value)) : undefined;
  const flip = spec.negated ? 1 : 0;
  return makeEvaluator(T.boolean, arg.nullable || pattern.nullable, arg.foldable && pattern.foldable, (batch, ctx) => {
    const v = arg.evaluate(batch, ctx);
    if (v.storage !== 'string') throw new Error('LIKE expects a string input');
    if (constant && constant.value === null) return boolVector(T.boolean, new Uint8Array(batch.numRows), new Uint8Array(batch.numRows));
    if (fixed) return mapStringsToBools(v, T.boolean, (s) => fixed(s) !== spec.negated);
    const p = pattern.evaluate(batch, ctx) as Vector & { codes: Int32Array; dict: readonly string[] };
    const n = batch.numRows;
    const values = new Uint8Array(n);
    const validity = new Uint8Array(n);
    const compiled = new Map<string, (s: string) => boolean>();
    for (let i = 0; i < n; i++) {
      if ((v.validity !== null && v.validity[i] === 0) || (p.validity !== null && p.validity[i] === 0)) continue;
      const pat = p.dict[p.codes[i]];
      let f = compiled.get(pat);
      if (!f) {
        f = compile(spec, pat);
        compiled.set(pat, f);
      }
      values[i] = (f(v.dict[v.codes[i]]) ? 1 : 0) ^ flip;
      validity[i] = 1;
    }
    return boolVector(T.boolean, values, compactValidity(validity, n));
  });
}
