import { describe, expect, it } from 'vitest';
import { ColumnBatch } from '../../../engine/batch/column-batch';
import { bindExpr, parseExpr } from '../../../engine/expr/index';
import { parseDDL } from '../../../engine/types/ddl';
import { ANSI, errorOf, evalOne, evalRows } from './expr-harness';

describe('string functions (stringExpressions.scala)', () => {
  it('upper, lower, initcap, reverse', () => {
    expect(evalOne("upper('abc')")).toBe('ABC');
    expect(evalOne("lower('AbC')")).toBe('abc');
    expect(evalOne("initcap('hello wORLD')")).toBe('Hello World');
    expect(evalOne("reverse('abc')")).toBe('cba');
  });
  it('length counts characters, not UTF-16 units', () => {
    expect(evalOne("length('héllo')")).toBe(5);
    expect(evalOne("char_length('😀a')")).toBe(2);
    expect(evalOne('length(NULL)')).toBe(null);
  });
  it('substring is 1-based, pos 0 acts as 1, negative pos counts from the end', () => {
    expect(evalOne("substring('Spark SQL', 5)")).toBe('k SQL');
    expect(evalOne("substring('Spark SQL', -3)")).toBe('SQL');
    expect(evalOne("substring('Spark SQL', 5, 1)")).toBe('k');
    expect(evalOne("substr('Spark', 0, 2)")).toBe('Sp');
    expect(evalOne("substring('Spark', 10, 2)")).toBe('');
  });
  it('concat is NULL if any argument is; concat_ws skips NULLs', () => {
    expect(evalOne("concat('a', 1, 'b')")).toBe('a1b');
    expect(evalOne("concat('a', NULL)")).toBe(null);
    expect(evalOne("concat_ws('-', 'a', NULL, 'b')")).toBe('a-b');
    expect(evalOne("'a' || 'b'")).toBe('ab');
  });
  it('trim removes spaces only; ltrim and rtrim one side', () => {
    expect(evalOne("trim('  a b  ')")).toBe('a b');
    expect(evalOne("trim('\ta ')")).toBe('\ta');
    expect(evalOne("ltrim('  a  ')")).toBe('a  ');
    expect(evalOne("rtrim('  a  ')")).toBe('  a');
  });
  it('lpad and rpad pad or truncate', () => {
    expect(evalOne("lpad('hi', 5, '??')")).toBe('???hi');
    expect(evalOne("rpad('hi', 5, 'ab')")).toBe('hiaba');
    expect(evalOne("lpad('hello', 2, '?')")).toBe('he');
    expect(evalOne("lpad('hi', 4)")).toBe('  hi');
  });
  it('instr and locate are 1-based and 0 when absent', () => {
    expect(evalOne("instr('SparkSQL', 'SQL')")).toBe(6);
    expect(evalOne("instr('Spark', 'x')")).toBe(0);
    expect(evalOne("locate('a', 'banana')")).toBe(2);
    expect(evalOne("locate('a', 'banana', 3)")).toBe(4);
    expect(evalOne("locate('a', 'banana', 0)")).toBe(0);
  });
  it('replace, split, regexp_replace, regexp_extract', () => {
    expect(evalOne("replace('ABCabc', 'abc', 'DEF')")).toBe('ABCDEF');
    expect(evalOne("split('oneAtwoBthreeC', '[ABC]')")).toEqual(['one', 'two', 'three', '']);
    expect(evalOne("split('oneAtwoBthreeC', '[ABC]', 2)")).toEqual(['one', 'twoBthreeC']);
    expect(evalOne("regexp_replace('100-200', '(\\\\d+)', 'num')")).toBe('num-num');
    expect(evalOne("regexp_replace('a-b', '(\\\\w)-(\\\\w)', '$2-$1')")).toBe('b-a');
    expect(evalOne("regexp_extract('100-200', '(\\\\d+)-(\\\\d+)', 1)")).toBe('100');
    expect(evalOne("regexp_extract('foo', '(\\\\d+)', 1)")).toBe('');
    expect(errorOf(() => evalOne("regexp_extract('1', '(\\\\d)', 3)")).errorClass).toBe('INVALID_PARAMETER_VALUE.REGEX_GROUP_INDEX');
  });
  it('contains, startswith, endswith', () => {
    expect(evalOne("contains('Spark', 'par')")).toBe(true);
    expect(evalOne("startswith('Spark', 'Sp')")).toBe(true);
    expect(evalOne("endswith('Spark', 'x')")).toBe(false);
  });
  it('casts numbers to string implicitly', () => {
    expect(evalOne('upper(1.5)')).toBe('1.5');
  });
  it('evaluates a 1→1 function once per dictionary entry', () => {
    const schema = parseDDL('s STRING');
    const rows = Array.from({ length: 1000 }, (_, i) => ({ s: i % 2 === 0 ? 'sit' : 'walk' }));
    const batch = ColumnBatch.fromRows(schema, rows);
    const v = bindExpr(parseExpr('upper(s)'), schema, ANSI).evaluate(batch, { batchTimestampUs: 0 });
    expect(v.storage === 'string' && v.dict).toEqual(['SIT', 'WALK']);
    expect(evalRows('upper(s)', [{ s: 'a' }, { s: null }])).toEqual(['A', null]);
  });
});
