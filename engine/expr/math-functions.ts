/**
 * Math functions (Spark's mathExpressions.scala and the try_* arithmetic):
 * - round (HALF_UP) and bround (HALF_EVEN) round the value's decimal form, as Spark's
 *   BigDecimal(d).setScale does — so round(2.675, 2) = 2.68 although 2.675 is stored as
 *   2.67499…; the result keeps the input type.
 * - ceil/floor return BIGINT; ln/log10/log2/log of a value <= 0 is NULL (not NaN).
 * - greatest/least skip NULLs and are NULL only when every argument is.
 */
import { FloatType, T, isIntegral } from '../types/data-types';
import { arithmeticEvaluator, negateEvaluator, type ArithmeticOp } from './arithmetic';
import { castEvaluator, modeOf } from './cast-evaluator';
import { arithmeticType, widerCommonType } from './coercion';
import { compareValues } from './comparison';
import { dataTypeMismatch, toSQLType } from './expr-errors';
import { expectArg, expectNumeric, rowFunction, type FunctionCall, type FunctionDef } from './function-def';
import { numericMap, numericMap2 } from './numeric-map';

/** Rounds the shortest decimal representation of x to `scale` places. */
export function roundDecimal(x: number, scale: number, halfEven: boolean): number {
  if (!Number.isFinite(x)) return x;
  const m = /^(-?)(\d+)(?:\.(\d+))?(?:e([+-]\d+))?$/.exec(String(x));
  if (!m) return x;
  const digits = BigInt(m[2] + (m[3] ?? ''));
  const exp10 = Number(m[4] ?? 0) - (m[3]?.length ?? 0);
  if (-exp10 <= scale) return x;
  const drop = -exp10 - scale;
  const unit = 10n ** BigInt(drop);
  let q = digits / unit;
  const r = digits % unit;
  const half = unit / 2n;
  if (r > half || (r === half && (!halfEven || q % 2n === 1n))) q += 1n;
  const v = Number(`${m[1]}${q}e${-scale}`);
  return v === 0 ? 0 : v;
}

function roundFunction(name: 'round' | 'bround'): FunctionDef {
  return {
    names: [name],
    arity: [1, 2],
    bind: (call) => {
      const arg = expectNumeric(call, 0, T.double);
      const scaleArg = call.args.length > 1 ? expectArg(call, 1, T.int) : undefined;
      const scaleConst = scaleArg ? scaleArg.constant : { value: 0 };
      if (!scaleConst) {
        throw dataTypeMismatch('NON_FOLDABLE_INPUT', call.sqlExpr, 'the input `scale` should be a foldable "INT" expression; however, got a non-foldable expression.', { inputName: '`scale`', inputType: '"INT"' }, call.context);
      }
      const scale = scaleConst.value === null ? null : Number(scaleConst.value);
      const t = arg.dataType;
      const isFloat = t instanceof FloatType;
      return numericMap(arg, t, (x) => {
        if (scale === null) return null;
        if (isIntegral(t) && scale >= 0) return x;
        const r = roundDecimal(x, scale, name === 'bround');
        return isFloat ? Math.fround(r) : r;
      }, arg.nullable || scale === null);
    },
  };
}

const doubleFn = (names: string[], f: (x: number) => number | null, nullable = false): FunctionDef => ({
  names,
  arity: [1, 1],
  bind: (call) => numericMap(expectArg(call, 0, T.double, '"DOUBLE"'), T.double, f, nullable),
});

const positive = (f: (x: number) => number) => (x: number): number | null => (x <= 0 ? null : f(x));

function tryArithmetic(name: string, op: ArithmeticOp): FunctionDef {
  return {
    names: [name],
    arity: [2, 2],
    bind: (call) => {
      const [l, r] = call.args;
      const base = arithmeticType(l.dataType, r.dataType, call.conf.ansi);
      if (base === null) {
        throw dataTypeMismatch('BINARY_OP_DIFF_TYPES', call.sqlExpr, `the left and right operands of the binary operator have incompatible types (${toSQLType(l.dataType)} and ${toSQLType(r.dataType)}).`, { left: toSQLType(l.dataType), right: toSQLType(r.dataType) }, call.context);
      }
      const type = op === '/' ? T.double : base;
      const cast = (e: typeof l) => castEvaluator(e, type, modeOf(call.conf.ansi), call.conf.timeZone, call.sqlExpr, call.context);
      return arithmeticEvaluator(op, type, cast(l), cast(r), { mode: 'try', context: call.context });
    },
  };
}

function extremum(name: 'greatest' | 'least'): FunctionDef {
  return {
    names: [name],
    arity: [2, Infinity],
    bind: (call: FunctionCall) => {
      const type = widerCommonType(call.args.map((a) => a.dataType), call.conf.ansi);
      if (type === null) {
        const types = call.args.map((a) => toSQLType(a.dataType)).join(' or ');
        throw dataTypeMismatch('DATA_DIFF_TYPES', call.sqlExpr, `Input to \`${name}\` should all be the same type, but it's [${call.args.map((a) => toSQLType(a.dataType)).join(', ')}].`, { functionName: `\`${name}\``, dataType: `[${types}]` }, call.context);
      }
      const args = call.args.map((a) => castEvaluator(a, type, modeOf(call.conf.ansi), call.conf.timeZone, call.sqlExpr, call.context));
      const sign = name === 'greatest' ? 1 : -1;
      return rowFunction(
        type,
        args,
        (vals) => {
          let best: unknown = null;
          for (const v of vals) if (v !== null && (best === null || sign * compareValues(v, best, type) > 0)) best = v;
          return best;
        },
        { nullIntolerant: false, nullable: args.every((a) => a.nullable) },
      );
    },
  };
}

function ceilFloor(names: string[], f: (x: number) => number): FunctionDef {
  return {
    names,
    arity: [1, 1],
    bind: (call) => {
      const arg = expectNumeric(call, 0, T.double);
      return numericMap(arg, T.long, (x) => (Number.isNaN(x) ? 0 : f(x)), false);
    },
  };
}

function absFunction(): FunctionDef {
  return {
    names: ['abs'],
    arity: [1, 1],
    bind: (call) => {
      const arg = expectNumeric(call, 0, T.double);
      return negateEvaluator(arg, true, { mode: modeOf(call.conf.ansi), context: call.context });
    },
  };
}

export const MATH_FUNCTIONS: readonly FunctionDef[] = [
  absFunction(),
  roundFunction('round'),
  roundFunction('bround'),
  ceilFloor(['ceil', 'ceiling'], Math.ceil),
  ceilFloor(['floor'], Math.floor),
  doubleFn(['sqrt'], Math.sqrt),
  doubleFn(['cbrt'], Math.cbrt),
  doubleFn(['exp'], Math.exp),
  doubleFn(['ln'], positive(Math.log), true),
  doubleFn(['log10'], positive(Math.log10), true),
  doubleFn(['log2'], positive(Math.log2), true),
  doubleFn(['signum', 'sign'], (x) => (Number.isNaN(x) ? NaN : Math.sign(x) + 0)),
  doubleFn(['degrees'], (x) => (x * 180) / Math.PI),
  doubleFn(['radians'], (x) => (x * Math.PI) / 180),
  {
    names: ['log'],
    arity: [1, 2],
    bind: (call) => {
      if (call.args.length === 1) return numericMap(expectArg(call, 0, T.double), T.double, positive(Math.log));
      return numericMap2(expectArg(call, 0, T.double), expectArg(call, 1, T.double), T.double, (b, x) => (b <= 0 || x <= 0 ? null : Math.log(x) / Math.log(b)));
    },
  },
  {
    names: ['pow', 'power'],
    arity: [2, 2],
    bind: (call) => numericMap2(expectArg(call, 0, T.double), expectArg(call, 1, T.double), T.double, (x, y) => Math.pow(x, y)),
  },
  {
    names: ['pmod'],
    arity: [2, 2],
    bind: (call) => {
      const type = arithmeticType(call.args[0].dataType, call.args[1].dataType, call.conf.ansi) ?? T.double;
      const a = castEvaluator(call.args[0], type, modeOf(call.conf.ansi), call.conf.timeZone, call.sqlExpr, call.context);
      const b = castEvaluator(call.args[1], type, modeOf(call.conf.ansi), call.conf.timeZone, call.sqlExpr, call.context);
      const mod = arithmeticEvaluator('%', type, a, b, { mode: modeOf(call.conf.ansi), context: call.context });
      return numericMap2(mod, b, type, (r, d) => (r < 0 ? (r + d) % d : r));
    },
  },
  tryArithmetic('try_add', '+'),
  tryArithmetic('try_subtract', '-'),
  tryArithmetic('try_multiply', '*'),
  tryArithmetic('try_divide', '/'),
  tryArithmetic('try_mod', '%'),
  extremum('greatest'),
  extremum('least'),
];

