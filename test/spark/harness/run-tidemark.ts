/**
 * The Tidemark side of a scenario, through the public API only: a fresh `Session` with the
 * scenario's settings, a `DataFrame` over the scenario plan (validated plan JSON), and
 * `writeStream.foreachBatch(...)` collecting every micro-batch. Each step's files are
 * written (hidden name, then renamed, with the step's modification time) in one
 * synchronous run, so the query — which runs on this event loop — sees a step whole; then
 * `processAllAvailable()` runs it to quiescence, no-data batches included.
 */
import { mkdirSync, renameSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataFrame, Session } from '../../../engine/index';
import type { StreamingQuery } from '../../../engine/index';
import type { Scenario } from './scenario';
import { scenarioPlan, scenarioTrigger } from './scenario-plan';
import { sessionConf } from './spark-manifest';
import type { EngineError } from './run-spark';
import { stepFiles, type StepFile } from './step-files';
import { canonicalRows, type CanonicalBatch } from './typed-rows';

export interface TidemarkScenarioResult {
  readonly ok: boolean;
  readonly seconds: number;
  readonly batches: CanonicalBatch[];
  readonly error: EngineError | null;
}

const ERROR_CLASS = /\[([A-Z][A-Z0-9_]*(?:\.[A-Z][A-Z0-9_]*)*)\]/g;

/** Error class names of an error and its causes, outermost first (as spark-runner.py lists them). */
export function errorInfo(phase: string, e: unknown): EngineError {
  const classes: string[] = [];
  let condition: string | null = null;
  const messages: string[] = [];
  for (let cur: unknown = e, depth = 0; cur !== undefined && cur !== null && depth < 8; depth++) {
    const err = cur as { errorClass?: unknown; message?: unknown; cause?: unknown };
    if (typeof err.errorClass === 'string') {
      condition ??= err.errorClass;
      if (!classes.includes(err.errorClass)) classes.push(err.errorClass);
    }
    const message = typeof err.message === 'string' ? err.message : String(cur);
    messages.push(message);
    for (const m of message.matchAll(ERROR_CLASS)) if (!classes.includes(m[1])) classes.push(m[1]);
    cur = err.cause;
  }
  return {
    phase,
    type: (e as Error)?.constructor?.name ?? typeof e,
    condition,
    classes,
    message: messages.join('\n  caused by: ').slice(0, 4000),
  };
}

function publish(inputDir: string, files: readonly StepFile[]): void {
  for (const f of files) {
    const hidden = join(inputDir, `.${f.name}.tmp`);
    writeFileSync(hidden, f.base64 === undefined ? f.text : Buffer.from(f.base64, 'base64'));
    const seconds = f.mtimeMs / 1000;
    utimesSync(hidden, seconds, seconds);
    renameSync(hidden, join(inputDir, f.name));
  }
}

async function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      p,
      new Promise<T>((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(`${what} did not finish within ${ms / 1000} s`)),
          ms,
        );
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

export async function runOnTidemark(
  scenario: Scenario,
  workDir: string,
  baseMs: number,
  stepTimeoutMs = 60_000,
): Promise<TidemarkScenarioResult> {
  const started = Date.now();
  const inputDir = join(workDir, 'input');
  mkdirSync(inputDir, { recursive: true });
  await Session.getActiveSession()?.stop();
  const session = Session.builder()
    .appName('tidemark-conformance')
    .config(sessionConf(scenario))
    .getOrCreate();
  const batches: CanonicalBatch[] = [];
  let query: StreamingQuery | null = null;
  let error: EngineError | null = null;
  try {
    const df = new DataFrame(scenarioPlan(scenario, inputDir), session);
    const trigger = scenarioTrigger(scenario);
    const writer = df.writeStream
      .outputMode(scenario.sink.outputMode)
      .option('checkpointLocation', join(workDir, 'checkpoint'))
      .foreachBatch(async (batchDf, batchId) => {
        const batch = await batchDf.toBatch();
        const fields = batch.schema.fields;
        batches.push({
          batchId,
          columns: fields.map((f) => ({ name: f.name, type: f.dataType.simpleString() })),
          rows: canonicalRows(
            batch.toArrays(),
            fields.map((f) => f.dataType),
          ),
        });
      });
    if (trigger.kind === 'processingTime') writer.trigger({ processingTime: trigger.interval });
    else if (trigger.kind === 'availableNow') writer.trigger({ availableNow: true });
    else if (trigger.kind === 'once') writer.trigger({ once: true });
    query = writer.start();
  } catch (e) {
    error = errorInfo('start', e);
  }
  if (query !== null) {
    const files = stepFiles(scenario, baseMs);
    for (let s = 0; s < files.length && error === null; s++) {
      try {
        publish(inputDir, files[s]);
        await withTimeout(
          query.processAllAvailable(),
          stepTimeoutMs,
          `processAllAvailable after step ${s}`,
        );
      } catch (e) {
        error = { ...errorInfo('run', e), step: s } as EngineError;
      }
    }
    await query.stop().catch(() => undefined);
  }
  await session.stop();
  batches.sort((a, b) => a.batchId - b.batchId);
  return { ok: error === null, seconds: (Date.now() - started) / 1000, batches, error };
}
