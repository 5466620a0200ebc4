/**
 * A conformance scenario is data: `test/spark/scenarios/<area>/<name>.json`. Adding one
 * needs no code. The file holds
 *
 * - `name`, `area`, `description`, and `sparkTest` (the Spark suite and test it follows);
 * - `schema` (DDL or Spark's JSON form), `format` (default "json"), `readerOptions`;
 * - `plan`: plan JSON (engine/plan/logical-plan.ts), bare or as `{version, plan}`. Its
 *   streaming source node has `path: "$INPUT"` and may leave out `id`, `format`, `schema`,
 *   `options` and `streaming`, which come from the fields above. Wherever a node holds an
 *   expression, a string may stand for it: it is read with Tidemark's `parseExpr`, as
 *   PySpark's `expr("...")` reads it on Spark;
 * - `sink`: `{outputMode, trigger?}` (trigger defaults to `{kind: "default"}`);
 * - `conf`: session settings (e.g. `{"spark.sql.ansi.enabled": "false"}`);
 * - `steps`: each step is `{files: [[line, ...], ...]}`; a line is raw text (so malformed
 *   JSON can be written) or an object, written with JSON.stringify;
 * - `expect`: `intentionalDifference` (why Spark runs a converted form of the plan; the
 *   rows must still agree through the export's conversion) and/or `error` (both engines
 *   must fail with it: `errorClass` among the error's classes, `messageContains` in its text);
 * - `floatTolerance` (relative, default 1e-9), `unorderedArrays` (columns whose array
 *   values are compared as multisets, e.g. collect_list, whose order Spark leaves open);
 * - `variants`: the same scenario run again under other settings, each
 *   `{suffix, conf?, expect?}`; the runs are named `<name>[<suffix>]` (ANSI on and off).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

export interface ExpectedError {
  readonly errorClass?: string;
  readonly messageContains?: string;
}

export interface ScenarioExpect {
  readonly intentionalDifference?: string;
  readonly error?: ExpectedError;
}

export interface ScenarioVariant {
  readonly suffix: string;
  readonly conf?: Readonly<Record<string, string>>;
  readonly expect?: ScenarioExpect;
}

export type InputLine = string | Readonly<Record<string, unknown>>;

export interface ScenarioFile {
  readonly name: string;
  readonly area: string;
  readonly sparkTest?: string;
  readonly description: string;
  readonly schema: string | Readonly<Record<string, unknown>>;
  readonly format?: string;
  readonly readerOptions?: Readonly<Record<string, string>>;
  readonly plan: unknown;
  readonly sink: {
    readonly outputMode: 'append' | 'update' | 'complete';
    readonly trigger?: { readonly kind: string; readonly interval?: string };
  };
  readonly conf?: Readonly<Record<string, string>>;
  readonly steps: readonly { readonly files: readonly (readonly InputLine[])[] }[];
  readonly expect?: ScenarioExpect;
  readonly floatTolerance?: number;
  readonly unorderedArrays?: readonly string[];
  readonly variants?: readonly ScenarioVariant[];
}

/** One run of a scenario: the file with one variant's settings applied. */
export interface Scenario extends Omit<ScenarioFile, 'variants'> {
  /** Path of the scenario file, relative to the scenarios folder. */
  readonly file: string;
  /** The name the runs are reported under: `name` or `name[suffix]`. */
  readonly id: string;
  readonly conf: Readonly<Record<string, string>>;
}

const REQUIRED = ['name', 'area', 'description', 'schema', 'plan', 'sink', 'steps'] as const;
const MODES = new Set(['append', 'update', 'complete']);

/** Every scenario run under `dir`, sorted by area then id. Throws on a malformed file, naming it. */
export function loadScenarios(dir: string): Scenario[] {
  const out: Scenario[] = [];
  for (const path of jsonFiles(dir)) {
    const rel = relative(dir, path);
    let data: ScenarioFile;
    try {
      data = JSON.parse(readFileSync(path, 'utf8')) as ScenarioFile;
    } catch (e) {
      throw new Error(`${rel}: not valid JSON (${(e as Error).message})`);
    }
    checkScenario(data, rel);
    out.push(...expandVariants(data, rel));
  }
  const ids = new Set<string>();
  for (const s of out) {
    if (ids.has(s.id)) throw new Error(`${s.file}: scenario name '${s.id}' is used twice`);
    ids.add(s.id);
  }
  return out.sort((a, b) => a.area.localeCompare(b.area) || a.id.localeCompare(b.id));
}

function jsonFiles(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((entry) => {
      const path = join(dir, entry);
      if (statSync(path).isDirectory()) return jsonFiles(path);
      return entry.endsWith('.json') ? [path] : [];
    });
}

function checkScenario(data: ScenarioFile, rel: string): void {
  const record = data as unknown as Record<string, unknown>;
  for (const key of REQUIRED) {
    if (record[key] === undefined) throw new Error(`${rel}: missing "${key}"`);
  }
  if (!MODES.has(data.sink.outputMode))
    throw new Error(`${rel}: sink.outputMode must be append, update or complete`);
  if (!Array.isArray(data.steps) || data.steps.length === 0)
    throw new Error(`${rel}: "steps" must be a non-empty array`);
  data.steps.forEach((step, i) => {
    if (!Array.isArray(step.files)) throw new Error(`${rel}: steps[${i}].files must be an array`);
    step.files.forEach((f: unknown, j: number) => {
      if (!Array.isArray(f))
        throw new Error(`${rel}: steps[${i}].files[${j}] must be an array of lines`);
    });
  });
  const folder = rel.split(/[\\/]/)[0];
  if (folder !== data.area)
    throw new Error(`${rel}: area '${data.area}' differs from its folder '${folder}'`);
}

function expandVariants(data: ScenarioFile, rel: string): Scenario[] {
  const { variants, ...base } = data;
  const conf = data.conf ?? {};
  if (variants === undefined || variants.length === 0)
    return [{ ...base, file: rel, id: data.name, conf }];
  return variants.map((v) => ({
    ...base,
    file: rel,
    id: `${data.name}[${v.suffix}]`,
    conf: { ...conf, ...(v.conf ?? {}) },
    expect: v.expect ?? data.expect,
  }));
}

/** The text of one input file: one line per record, newline-terminated. */
export function fileText(lines: readonly InputLine[]): string {
  return lines.map((l) => (typeof l === 'string' ? l : JSON.stringify(l))).join('\n') + '\n';
}
