/**
 * A scenario's plan JSON made concrete for one engine run: expression strings parsed, the
 * streaming source node completed from the scenario's schema/format/readerOptions with its
 * path set to the run's input folder, then validated with `planFromJSON`, so both engines
 * run exactly the plan a workspace would save.
 */
import type { Expr } from '../../../engine/expr/ast';
import { parseExpr } from '../../../engine/expr/parser';
import type { LogicalPlan, QuerySpec, TriggerSpec } from '../../../engine/plan/logical-plan';
import { PLAN_JSON_VERSION, planFromJSON } from '../../../engine/plan/plan-json';
import { toStructType } from '../../../engine/types/ddl';
import type { Scenario } from './scenario';

/** The placeholder a scenario's source path uses for the folder the steps write into. */
export const INPUT_PLACEHOLDER = '$INPUT';

/** Plan node fields that hold one expression, or a list of them. */
const EXPR_FIELDS = new Set(['condition']);
const EXPR_LIST_FIELDS = new Set(['exprs', 'groupBy', 'aggregates', 'orders']);
const CHILD_FIELDS = ['input', 'left', 'right'] as const;

type Json = Record<string, unknown>;

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function expression(v: unknown, where: string): Expr {
  if (typeof v !== 'string') return v as Expr;
  try {
    return parseExpr(v);
  } catch (e) {
    throw new Error(
      `${where}: cannot parse expression ${JSON.stringify(v)}: ${(e as Error).message}`,
    );
  }
}

function completeNode(
  node: unknown,
  scenario: Scenario,
  inputPath: string,
  where: string,
): unknown {
  if (!isObject(node)) return node;
  const out: Json = { ...node };
  if (node.op === 'source') return completeSource(out, scenario, inputPath);
  for (const [key, value] of Object.entries(node)) {
    if (EXPR_FIELDS.has(key)) out[key] = expression(value, `${where}.${key}`);
    else if (EXPR_LIST_FIELDS.has(key) && Array.isArray(value))
      out[key] = value.map((e, i) => expression(e, `${where}.${key}[${i}]`));
  }
  for (const key of CHILD_FIELDS) {
    if (node[key] !== undefined)
      out[key] = completeNode(node[key], scenario, inputPath, `${where}.${key}`);
  }
  if (Array.isArray(node.inputs))
    out.inputs = node.inputs.map((p, i) =>
      completeNode(p, scenario, inputPath, `${where}.inputs[${i}]`),
    );
  return out;
}

function completeSource(node: Json, scenario: Scenario, inputPath: string): Json {
  const streaming = node.streaming ?? true;
  return {
    id: 'input',
    format: scenario.format ?? 'json',
    schema: toStructType(scenario.schema as string | object).jsonValue(),
    options: { ...(scenario.readerOptions ?? {}) },
    ...node,
    streaming,
    path: node.path === INPUT_PLACEHOLDER ? inputPath : node.path,
  };
}

/** The scenario's plan for a run reading `inputPath`, validated as plan JSON. */
export function scenarioPlan(scenario: Scenario, inputPath: string): LogicalPlan {
  const doc =
    isObject(scenario.plan) && 'version' in scenario.plan
      ? scenario.plan
      : { version: PLAN_JSON_VERSION, plan: scenario.plan };
  const plan = completeNode((doc as Json).plan, scenario, inputPath, 'plan');
  return planFromJSON({ version: (doc as Json).version, plan });
}

export function scenarioTrigger(scenario: Scenario): TriggerSpec {
  return (scenario.sink.trigger ?? { kind: 'default' }) as TriggerSpec;
}

/**
 * The query as the PySpark export sees it: the plan, written by foreachBatch (the Spark
 * runner swaps the exported stand-in function for its collector).
 */
export function scenarioQuerySpec(
  scenario: Scenario,
  inputPath: string,
  checkpoint: string,
): QuerySpec {
  return {
    plan: scenarioPlan(scenario, inputPath),
    sink: {
      format: 'foreachBatch',
      outputMode: scenario.sink.outputMode,
      options: {},
      trigger: scenarioTrigger(scenario),
      checkpointLocation: checkpoint,
    },
  };
}
