/**
 * Issue 7 §5: the plan-JSON loader under fuzzing. Any JSON (or text) gives a plan or an
 * IllegalArgumentException naming the bad path; plans built by random DataFrame chains
 * survive planToJSON → planFromJSON → planToJSON unchanged and analyze to the same schema.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IllegalArgumentException } from '../../engine/errors';
import { DataFrame } from '../../engine/plan/dataframe';
import { MAX_PLAN_DEPTH, planFromJSON, planToJSON } from '../../engine/plan/plan-json';
import { Session } from '../../engine/session';
import { buildChain, stepArb } from './arbitraries/dataframe-chains';
import { fuzzParams } from './arbitraries/fuzz-settings';

const DDL = 'x INT, s STRING, d DOUBLE, ts TIMESTAMP';
let dir: string;
let spark: Session;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'tidemark-fuzz-plan-'));
  writeFileSync(join(dir, 'part-0.json'), '{"x":1,"s":"a","d":0.5,"ts":"2024-01-01 00:00:00"}\n');
  spark = Session.builder().appName('fuzz-plan-json').config('spark.sql.session.timeZone', 'UTC').getOrCreate();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function startFrame(streaming: boolean): DataFrame {
  if (streaming) return spark.readStream.schema(DDL).json(dir);
  return spark.createDataFrame([[1, 'a', 0.5, null], [2, null, -1, null]], DDL);
}

const chainArb = fc.record({ streaming: fc.boolean(), steps: fc.array(stepArb, { maxLength: 6 }) });

/** Every path in a JSON value, as [parent, key] pairs, for mutation. */
function slots(v: unknown, out: [Record<string, unknown> | unknown[], string | number][] = []): typeof out {
  if (Array.isArray(v)) {
    v.forEach((x, i) => {
      out.push([v, i]);
      slots(x, out);
    });
  } else if (typeof v === 'object' && v !== null) {
    for (const [k, x] of Object.entries(v)) {
      out.push([v as Record<string, unknown>, k]);
      slots(x, out);
    }
  }
  return out;
}

/** planFromJSON's outcome: the plan, or its IllegalArgumentException checked for a named path. */
function loadOutcome(input: unknown): unknown {
  try {
    return planFromJSON(input);
  } catch (e) {
    if (!(e instanceof IllegalArgumentException)) throw e;
    expect(e.message).toMatch(/^Invalid plan JSON: (\$|version|plan)(:|\.|\[)/);
    return e;
  }
}

describe('planFromJSON on any input', () => {
  it('returns a plan or an IllegalArgumentException naming the path, for any JSON value or text', () => {
    fc.assert(
      fc.property(fc.oneof(fc.jsonValue(), fc.json(), fc.string(), fc.record({ version: fc.jsonValue(), plan: fc.jsonValue() })), (input) => {
        loadOutcome(input);
      }),
      fuzzParams(500),
    );
  });

  it('returns a plan or names the path when one value of a valid plan is replaced by any JSON', () => {
    const tags = fc.constantFrom('toString', '__proto__', 'constructor', 'filter', 'column', 'binary', 'valueOf');
    fc.assert(
      fc.property(chainArb, fc.nat(), fc.oneof(fc.jsonValue({ maxDepth: 2 }), tags), ({ streaming, steps }, at, replacement) => {
        const doc = planToJSON(buildChain(startFrame(streaming), steps, spark).plan) as { version: number; plan: unknown };
        const all = slots(doc.plan);
        if (all.length === 0) return;
        const [parent, key] = all[at % all.length];
        (parent as Record<string | number, unknown>)[key] = replacement;
        loadOutcome(doc);
      }),
      fuzzParams(300),
    );
  });

  it(`refuses a plan nested deeper than ${MAX_PLAN_DEPTH} nodes by path instead of overflowing`, () => {
    let plan: unknown = { op: 'table', name: 't' };
    for (let i = 0; i < 20_000; i++) plan = { op: 'filter', input: plan, condition: { kind: 'literal', value: true, dataType: 'boolean' } };
    const outcome = loadOutcome({ version: 1, plan });
    expect(outcome).toBeInstanceOf(IllegalArgumentException);
    expect((outcome as Error).message).toMatch(/^Invalid plan JSON: plan(\.input){1000}: plans nested deeper than 1000 levels/);
  });
});

describe('plans from DataFrame chains', () => {
  it('planToJSON → planFromJSON → planToJSON is identical and analyzes to the same schema', () => {
    fc.assert(
      fc.property(chainArb, ({ streaming, steps }) => {
        const df = buildChain(startFrame(streaming), steps, spark);
        const first = JSON.stringify(planToJSON(df.plan));
        const loaded = planFromJSON(JSON.parse(first));
        expect(JSON.stringify(planToJSON(loaded))).toBe(first);
        const again = new DataFrame(loaded, spark);
        expect(again.schema.toDDL()).toBe(df.schema.toDDL());
        expect(again.isStreaming).toBe(df.isStreaming);
      }),
      fuzzParams(200),
    );
  });
});
