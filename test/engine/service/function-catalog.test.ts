import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lookupFunction, parseExpr, scalarFunctionNames } from '../../../engine/expr/index';
import { SUPPORTED_AGGREGATES } from '../../../engine/plan/aggregate-signatures';
import { listFunctions } from '../../../engine/service/function-catalog';
import { Session } from '../../../engine/session';

const catalog = listFunctions();
const byName = new Map(catalog.map((f) => [f.name, f]));

describe('listFunctions', () => {
  it('lists the common functions with their group and usage', () => {
    expect(byName.get('count')).toEqual({
      name: 'count',
      group: 'aggregate',
      usage: 'count(expr)',
    });
    expect(byName.get('avg')?.group).toBe('aggregate');
    expect(byName.get('window')).toEqual({
      name: 'window',
      group: 'window',
      usage: 'window(timeColumn, windowDuration[, slideDuration[, startTime]])',
    });
    expect(byName.get('session_window')?.group).toBe('window');
    expect(byName.get('upper')).toEqual({ name: 'upper', group: 'string', usage: 'upper(str)' });
    expect(byName.get('to_timestamp')).toEqual({
      name: 'to_timestamp',
      group: 'datetime',
      usage: 'to_timestamp(timestamp_str[, fmt])',
    });
    // An alias is listed under its own name.
    expect(byName.get('substr')?.usage).toBe('substr(str, pos[, len])');
  });

  it('is sorted by name without duplicates', () => {
    const names = catalog.map((f) => f.name);
    expect(names).toEqual([...names].sort());
    expect(new Set(names).size).toBe(names.length);
  });

  it('takes its names from the registries', () => {
    const names = new Set(catalog.map((f) => f.name));
    for (const n of scalarFunctionNames()) expect(names, n).toContain(n);
    for (const n of SUPPORTED_AGGREGATES) expect(names, n).toContain(n);
    expect(catalog.filter((f) => f.group === 'other')).toEqual([]);
  });

  it('gives each registered function a usage that matches its arity', () => {
    for (const f of catalog) {
      expect(f.usage.startsWith(`${f.name}(`), f.name).toBe(true);
      const def = lookupFunction(f.name);
      if (def === undefined) continue;
      const params = f.usage.slice(f.name.length + 1, -1);
      const count = (s: string): number => s.split(',').filter((p) => /\w/.test(p)).length;
      const required = count(params.replace(/\[.*\]/, ''));
      expect(required, f.usage).toBe(def.arity[0]);
      if (params.includes('...')) expect(def.arity[1], f.usage).toBe(Infinity);
      else expect(count(params), f.usage).toBe(def.arity[1]);
    }
  });

  it('names only functions the expression parser accepts', () => {
    for (const f of catalog) {
      const text =
        f.name === 'cast' || f.name === 'try_cast' ? `${f.name}(x AS INT)` : `${f.name}(x)`;
      const e = parseExpr(text);
      expect(e.kind === 'call' ? e.name.toLowerCase() : e.kind, text).toBe(
        e.kind === 'call' ? f.name : 'cast',
      );
    }
  });
});

describe('listFunctions: every function runs in a query', () => {
  let session: Session;
  beforeAll(() => {
    session = Session.builder().appName('function-catalog-test').getOrCreate();
    session
      .createDataFrame(
        [
          { k: 'a', x: 1.5, ts: new Date('2024-06-10T10:00:00Z') },
          { k: 'b', x: 2, ts: new Date('2024-06-10T10:00:30Z') },
        ],
        'k string, x double, ts timestamp',
      )
      .createOrReplaceTempView('t');
  });
  afterAll(async () => {
    await session.stop();
  });

  it('runs every aggregate, grouping and window function', async () => {
    for (const f of catalog.filter((c) => c.group === 'aggregate' || c.group === 'window')) {
      const query =
        f.group === 'window'
          ? `SELECT ${f.name}(ts, '1 minute') AS w, count(*) AS n FROM t GROUP BY ${f.name}(ts, '1 minute')`
          : f.name.startsWith('grouping')
            ? `SELECT k, ${f.name}(k) AS g FROM t GROUP BY CUBE(k)`
            : `SELECT ${f.name}(x) AS r FROM t`;
      const rows = await session.sql(query).collect();
      expect(rows.length, query).toBeGreaterThan(0);
    }
  });

  it('binds every scalar function with some arguments of its minimum arity', async () => {
    const pool = ['true', 'k', 'x', 'ts', '1', "'a'"];
    const tuples = (n: number): string[][] =>
      n === 0 ? [[]] : tuples(n - 1).flatMap((t) => pool.map((p) => [...t, p]));
    for (const f of catalog) {
      const def = lookupFunction(f.name);
      if (def === undefined) continue;
      let ran = false;
      for (const args of tuples(def.arity[0])) {
        try {
          await session.sql(`SELECT ${f.name}(${args.join(', ')}) AS r FROM t`).collect();
          ran = true;
          break;
        } catch {
          // Another argument type may fit.
        }
      }
      expect(ran, f.name).toBe(true);
    }
    await session.sql('SELECT cast(x AS INT) AS a, try_cast(k AS INT) AS b FROM t').collect();
  });
});
