/**
 * String functions (Spark's stringExpressions.scala / regexpExpressions.scala). Lengths
 * and positions count characters (code points), as UTF8String.numChars does; positions
 * are 1-based. With constant arguments, each runs once per distinct input string.
 */
import { SparkRuntimeException } from '../errors';
import { ArrayType, T } from '../types/data-types';
import { expectArg, rowFunction, type FunctionDef } from './function-def';
import { javaRegExp, javaReplacement } from './java-regex';

const hasSurrogates = (s: string): boolean => /[\uD800-\uDFFF]/.test(s);
const chars = (s: string): string[] => (hasSurrogates(s) ? Array.from(s) : s.split(''));
const numChars = (s: string): number => (hasSurrogates(s) ? Array.from(s).length : s.length);

/** UTF8String.substringSQL: pos 0 acts as 1, negative pos counts from the end. */
export function substringSQL(s: string, pos: number, length: number): string {
  const cs = hasSurrogates(s) ? Array.from(s) : null;
  const len = cs ? cs.length : s.length;
  let start = pos > 0 ? pos - 1 : pos < 0 ? len + pos : 0;
  const end = Math.min(start + length, 2147483647);
  start = Math.max(start, 0);
  if (start >= end) return '';
  return cs ? cs.slice(start, end).join('') : s.slice(start, end);
}

/** Java String.split(regex, limit) as Spark's StringSplit calls it (limit <= 0: no limit, trailing empties kept). */
export function javaSplit(s: string, re: RegExp, limit: number): string[] {
  const parts: string[] = [];
  let idx = 0;
  re.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((limit <= 0 || parts.length < limit - 1) && (m = re.exec(s)) !== null) {
    if (m[0].length === 0) {
      re.lastIndex++;
      if (m.index === 0 || m.index > s.length) continue;
    }
    parts.push(s.slice(idx, m.index));
    idx = m.index + m[0].length;
    if (re.lastIndex > s.length) break;
  }
  parts.push(s.slice(idx));
  return parts;
}

function pad(s: string, len: number, padding: string, left: boolean): string {
  const cs = chars(s);
  if (len <= cs.length || padding.length === 0) return cs.slice(0, Math.max(len, 0)).join('');
  const p = chars(padding);
  const fill: string[] = [];
  for (let i = 0; fill.length < len - cs.length; i++) fill.push(p[i % p.length]);
  return left ? fill.join('') + s : s + fill.join('');
}

function trimChars(s: string, set: string, left: boolean, right: boolean): string {
  let a = 0;
  let b = s.length;
  while (left && a < b && set.includes(s[a])) a++;
  while (right && b > a && set.includes(s[b - 1])) b--;
  return s.slice(a, b);
}

/** UTF8String.toLowerCase().toTitleCase(): upper-case the first letter after each space. */
function initcap(s: string): string {
  const lower = s.toLowerCase();
  let out = '';
  for (let i = 0; i < lower.length; i++) out += i === 0 || lower[i - 1] === ' ' ? lower[i].toUpperCase() : lower[i];
  return out;
}

function groupCount(re: RegExp): number {
  return (new RegExp(`${re.source}|`).exec('') as RegExpExecArray).length - 1;
}

function regexGroupIndexError(groupCountValue: number, index: number): SparkRuntimeException {
  return new SparkRuntimeException(
    'INVALID_PARAMETER_VALUE.REGEX_GROUP_INDEX',
    `The value of parameter(s) \`idx\` in \`regexp_extract\` is invalid: Expects group index between 0 and ${groupCountValue}, but got ${index}.`,
    { messageParameters: { parameter: '`idx`', functionName: '`regexp_extract`', groupCount: String(groupCountValue), groupIndex: String(index) }, sqlState: '22023' },
  );
}

const unaryString = (names: string[], f: (s: string) => string): FunctionDef => ({
  names,
  arity: [1, 1],
  bind: (call) => rowFunction(T.string, [expectArg(call, 0, T.string)], ([s]) => f(s as string), { nullable: call.args[0].nullable }),
});

export const STRING_FUNCTIONS: readonly FunctionDef[] = [
  unaryString(['lower', 'lcase'], (s) => s.toLowerCase()),
  unaryString(['upper', 'ucase'], (s) => s.toUpperCase()),
  unaryString(['initcap'], initcap),
  unaryString(['reverse'], (s) => chars(s).reverse().join('')),
  unaryString(['ltrim'], (s) => trimChars(s, ' ', true, false)),
  unaryString(['rtrim'], (s) => trimChars(s, ' ', false, true)),
  {
    names: ['trim', 'btrim'],
    arity: [1, 2],
    bind: (call) => {
      const args = call.args.map((_, i) => expectArg(call, i, T.string));
      return rowFunction(T.string, args, ([s, set]) => trimChars(s as string, set === undefined ? ' ' : (set as string), true, true));
    },
  },
  {
    names: ['length', 'char_length', 'character_length', 'len'],
    arity: [1, 1],
    bind: (call) => rowFunction(T.int, [expectArg(call, 0, T.string)], ([s]) => numChars(s as string), { nullable: call.args[0].nullable }),
  },
  {
    names: ['substring', 'substr'],
    arity: [2, 3],
    bind: (call) => {
      const args = [expectArg(call, 0, T.string), expectArg(call, 1, T.int), ...(call.args.length > 2 ? [expectArg(call, 2, T.int)] : [])];
      return rowFunction(T.string, args, ([s, pos, len]) => substringSQL(s as string, pos as number, len === undefined ? 2147483647 : (len as number)));
    },
  },
  {
    names: ['concat'],
    arity: [0, Infinity],
    bind: (call) => rowFunction(T.string, call.args.map((_, i) => expectArg(call, i, T.string)), (vals) => vals.join('')),
  },
  {
    names: ['concat_ws'],
    arity: [1, Infinity],
    bind: (call) => {
      const args = call.args.map((a, i) => (a.dataType instanceof ArrayType ? a : expectArg(call, i, T.string)));
      return rowFunction(
        T.string,
        args,
        ([sep, ...rest]) => {
          if (sep === null) return null;
          const parts = rest.flatMap((v) => (v === null ? [] : Array.isArray(v) ? v.filter((x) => x !== null).map(String) : [String(v)]));
          return parts.join(String(sep));
        },
        { nullIntolerant: false, nullable: call.args[0].nullable },
      );
    },
  },
  ...(['lpad', 'rpad'] as const).map(
    (name): FunctionDef => ({
      names: [name],
      arity: [2, 3],
      bind: (call) => {
        const args = [expectArg(call, 0, T.string), expectArg(call, 1, T.int), ...(call.args.length > 2 ? [expectArg(call, 2, T.string)] : [])];
        return rowFunction(T.string, args, ([s, len, p]) => pad(s as string, len as number, p === undefined ? ' ' : (p as string), name === 'lpad'));
      },
    }),
  ),
  {
    names: ['instr'],
    arity: [2, 2],
    bind: (call) =>
      rowFunction(T.int, [expectArg(call, 0, T.string), expectArg(call, 1, T.string)], ([s, sub]) => {
        const i = (s as string).indexOf(sub as string);
        return i < 0 ? 0 : numChars((s as string).slice(0, i)) + 1;
      }),
  },
  {
    names: ['locate', 'position'],
    arity: [2, 3],
    bind: (call) => {
      const args = [expectArg(call, 0, T.string), expectArg(call, 1, T.string), ...(call.args.length > 2 ? [expectArg(call, 2, T.int)] : [])];
      // StringLocate: a NULL or < 1 start position gives 0, not NULL.
      return rowFunction(
        T.int,
        args,
        ([sub, s, pos]) => {
          if (sub === null || s === null) return null;
          const start = pos === undefined ? 1 : (pos as number | null);
          if (start === null || start < 1) return 0;
          const str = s as string;
          const from = substringSQL(str, 1, start - 1).length;
          const i = str.indexOf(sub as string, from);
          return i < 0 ? 0 : numChars(str.slice(0, i)) + 1;
        },
        { nullIntolerant: false },
      );
    },
  },
  {
    names: ['replace'],
    arity: [2, 3],
    bind: (call) => {
      const args = call.args.map((_, i) => expectArg(call, i, T.string));
      return rowFunction(T.string, args, ([s, search, rep]) => ((search as string) === '' ? s : (s as string).split(search as string).join(rep === undefined ? '' : (rep as string))));
    },
  },
  {
    names: ['split'],
    arity: [2, 3],
    bind: (call) => {
      const args = [expectArg(call, 0, T.string), expectArg(call, 1, T.string), ...(call.args.length > 2 ? [expectArg(call, 2, T.int)] : [])];
      return rowFunction(new ArrayType(T.string, false), args, ([s, re, limit]) => javaSplit(s as string, javaRegExp(re as string, 'split', true), limit === undefined ? -1 : (limit as number)));
    },
  },
  {
    names: ['regexp_replace'],
    arity: [3, 4],
    bind: (call) => {
      const args = [expectArg(call, 0, T.string), expectArg(call, 1, T.string), expectArg(call, 2, T.string), ...(call.args.length > 3 ? [expectArg(call, 3, T.int)] : [])];
      return rowFunction(T.string, args, ([s, re, rep, pos]) => {
        const str = s as string;
        const start = pos === undefined ? 0 : (pos as number) - 1;
        if (start !== 0 && start >= str.length) return str;
        const r = javaRegExp(re as string, 'regexp_replace', true);
        return str.slice(0, start) + str.slice(start).replace(r, javaReplacement(rep as string));
      });
    },
  },
  {
    names: ['regexp_extract'],
    arity: [2, 3],
    bind: (call) => {
      const args = [expectArg(call, 0, T.string), expectArg(call, 1, T.string), ...(call.args.length > 2 ? [expectArg(call, 2, T.int)] : [])];
      return rowFunction(T.string, args, ([s, re, idx]) => {
        const r = javaRegExp(re as string, 'regexp_extract');
        const index = idx === undefined ? 1 : (idx as number);
        const m = r.exec(s as string);
        if (!m) return '';
        if (index < 0 || index > groupCount(r)) throw regexGroupIndexError(groupCount(r), index);
        return m[index] ?? '';
      });
    },
  },
  ...(['contains', 'startswith', 'endswith'] as const).map(
    (name): FunctionDef => ({
      names: [name],
      arity: [2, 2],
      bind: (call) =>
        rowFunction(T.boolean, [expectArg(call, 0, T.string), expectArg(call, 1, T.string)], ([s, x]) =>
          name === 'contains' ? (s as string).includes(x as string) : name === 'startswith' ? (s as string).startsWith(x as string) : (s as string).endsWith(x as string),
        ),
    }),
  ),
];

