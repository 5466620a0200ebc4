/**
 * `df.writeStream`: PySpark's DataStreamWriter. Collects format, output mode, query name,
 * options and trigger, then `start()` validates in Spark's order (DataStreamWriter.
 * startInternal → StreamingQueryManager.startQuery → ResolveWriteToStream):
 *
 * 1. memory sink needs a queryName; the sink must support the output mode (file sinks:
 *    append only) and, for files, a path;
 * 2. the checkpoint location: option `checkpointLocation`, else
 *    `spark.sql.streaming.checkpointLocation/<queryName or uuid>`; file sinks must have one,
 *    the others run without (logs in memory); a memory sink may only recover in Complete mode;
 * 3. UnsupportedOperationChecker rules for the plan and output mode;
 * 4. the query name / id must not be in use by an active query.
 *
 * Then the plan is compiled once, one Source is created per streaming source node, and the
 * query starts. A memory sink's table is registered under the query name.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { randomUUID } from 'node:crypto';
import { AnalysisException, IllegalArgumentException } from '../errors';
import { compilePlan } from '../exec/compile';
import { loadStaticInputs } from '../exec/execute-static';
import type { OutputMode } from '../exec/physical-plan';
import { createSink } from '../io/sinks/create-sink';
import { optionValue, type ConsoleOutput } from '../io/sinks/console-sink';
import { ForeachBatchSink, type ForeachBatchFunction } from '../io/sinks/foreach-batch-sink';
import { ForeachSink, type ForeachFunction, type ForeachWriter } from '../io/sinks/foreach-sink';
import { MemorySink } from '../io/sinks/memory-sink';
import type { Sink } from '../io/sink';
import type { Source } from '../io/source';
import { createStreamingSource } from '../io/sources/create-source';
import { explainString } from '../plan/explain';
import { requiredColumnsBySource } from '../plan/required-columns';
import type { DataFrame } from '../plan/dataframe';
import {
  inputsOf,
  type LogicalPlan,
  type SinkSpec,
  type SourceNode,
  type TriggerSpec,
} from '../plan/logical-plan';
import { Checkpoint } from './checkpoint';
import { triggerIntervalMs } from './interval-strings';
import { SparkIllegalArgumentException } from './stream-errors';
import { readStreamingConf } from './streaming-conf';
import { readResourceLimits } from './resource-limits';
import type { StreamingQuery } from './streaming-query';
import { checkForStreaming } from './unsupported-operation-checker';

/** PySpark's keyword form: `trigger(processingTime='3 seconds')`, `trigger(once=True)`, `trigger(availableNow=True)`. */
export interface TriggerOptions {
  readonly processingTime?: string;
  readonly once?: boolean;
  readonly availableNow?: boolean;
}

/** InternalOutputModes.apply: case-insensitive; anything else is STREAMING_OUTPUT_MODE.INVALID. */
export function parseOutputMode(mode: string): OutputMode {
  const m = mode.toLowerCase();
  if (m === 'append' || m === 'update' || m === 'complete') return m;
  throw new SparkIllegalArgumentException(
    'STREAMING_OUTPUT_MODE.INVALID',
    `Invalid streaming output mode: ${mode}. Accepted output modes are 'Append', 'Complete', 'Update'.`,
    { messageParameters: { outputMode: mode }, sqlState: '42KDE' },
  );
}

export class DataStreamWriter {
  private source: string | null = null;
  private mode: OutputMode = 'append';
  private triggerSpec: TriggerSpec = { kind: 'default' };
  private readonly extraOptions = new Map<string, { key: string; value: string }>();
  private foreachBatchFn: ForeachBatchFunction<DataFrame> | null = null;
  private foreachWriter: ForeachWriter | ForeachFunction | null = null;
  private consoleOutput: ConsoleOutput | undefined;

  constructor(readonly df: DataFrame) {
    if (!df.isStreaming) {
      throw new AnalysisException(
        'WRITE_STREAM_NOT_ALLOWED',
        '`writeStream` can be called only on streaming Dataset/DataFrame.',
        {
          sqlState: '42601',
        },
      );
    }
  }

  format(source: string): this {
    this.source = source;
    return this;
  }

  outputMode(mode: string): this {
    this.mode = parseOutputMode(mode);
    return this;
  }

  queryName(name: string): this {
    return this.option('queryName', name);
  }

  option(key: string, value: string | number | boolean): this {
    this.extraOptions.set(key.toLowerCase(), { key, value: String(value) });
    return this;
  }

  options(options: Readonly<Record<string, string | number | boolean>>): this {
    for (const [k, v] of Object.entries(options)) this.option(k, v);
    return this;
  }

  /** Exactly one of processingTime / once / availableNow, as PySpark's DataStreamWriter.trigger. */
  trigger(options: TriggerOptions): this {
    const given = Object.entries(options).filter(([, v]) => v !== undefined);
    if (given.length !== 1) {
      throw new SparkIllegalArgumentException(
        'ONLY_ALLOW_SINGLE_TRIGGER',
        'Only allow single trigger to be set.',
      );
    }
    if (options.processingTime !== undefined) {
      if (typeof options.processingTime !== 'string' || options.processingTime.trim() === '') {
        throw new SparkIllegalArgumentException(
          'VALUE_NOT_NON_EMPTY_STR',
          `Value for \`processingTime\` must be a non empty string, got '${String(options.processingTime)}'.`,
        );
      }
      triggerIntervalMs(options.processingTime);
      this.triggerSpec = { kind: 'processingTime', interval: options.processingTime };
    } else if (options.once !== undefined) {
      if (options.once !== true)
        throw new SparkIllegalArgumentException(
          'VALUE_NOT_TRUE',
          `Value for \`once\` must be True, got '${String(options.once)}'.`,
        );
      this.triggerSpec = { kind: 'once' };
    } else {
      if (options.availableNow !== true) {
        throw new SparkIllegalArgumentException(
          'VALUE_NOT_TRUE',
          `Value for \`availableNow\` must be True, got '${String(options.availableNow)}'.`,
        );
      }
      this.triggerSpec = { kind: 'availableNow' };
    }
    return this;
  }

  foreachBatch(fn: ForeachBatchFunction<DataFrame>): this {
    if (typeof fn !== 'function')
      throw new IllegalArgumentException('foreachBatch function cannot be null');
    this.source = 'foreachBatch';
    this.foreachBatchFn = fn;
    return this;
  }

  foreach(writer: ForeachWriter | ForeachFunction): this {
    if (writer === null || writer === undefined)
      throw new IllegalArgumentException('foreach writer cannot be null');
    this.source = 'foreach';
    this.foreachWriter = writer;
    return this;
  }

  /** Where the console sink prints (default process.stdout): lets a host route it to a panel. */
  consoleSinkOutput(out: ConsoleOutput): this {
    this.consoleOutput = out;
    return this;
  }

  /** What this writer would start, as data (workspaces, the PySpark export). */
  toSinkSpec(): SinkSpec {
    const options = this.optionRecord();
    const checkpointLocation = optionValue(options, 'checkpointLocation');
    const queryName = optionValue(options, 'queryName');
    return {
      format: this.formatName(),
      outputMode: this.mode,
      ...(queryName !== undefined ? { queryName } : {}),
      options,
      trigger: this.triggerSpec,
      ...(checkpointLocation !== undefined ? { checkpointLocation } : {}),
    };
  }

  start(path?: string): StreamingQuery {
    const session = this.df.session;
    const options = this.optionRecord();
    if (path !== undefined) {
      if (
        optionValue(options, 'path') !== undefined &&
        session.conf.get('spark.sql.legacy.pathOptionBehavior.enabled', 'false') !== 'true'
      ) {
        throw new AnalysisException(
          '_LEGACY_ERROR_TEMP_1300',
          "There is a 'path' option set and start() is called with a path parameter. Either remove the path option, or call start() without the parameter. To ignore this check, set 'spark.sql.legacy.pathOptionBehavior.enabled' to 'true'.",
          { messageParameters: { method: 'start' } },
        );
      }
      options.path = path;
    }
    const format = this.formatName();
    const queryName = optionValue(options, 'queryName') ?? null;
    const readerConf = session.readerConf();
    const schema = this.df.schema;
    const resourceLimits = readResourceLimits(session.conf, options);

    // 1. the sink
    let sink: Sink;
    if (format === 'memory' && queryName === null) {
      throw new AnalysisException(
        '_LEGACY_ERROR_TEMP_1220',
        'queryName must be specified for memory sink',
      );
    }
    if (format === 'foreachBatch' && this.foreachBatchFn !== null) {
      sink = new ForeachBatchSink(this.foreachBatchFn, (batch) => session.dataFrameOfBatch(batch));
    } else if (format === 'foreach' && this.foreachWriter !== null) {
      sink = new ForeachSink(this.foreachWriter);
    } else {
      sink = createSink({
        format,
        outputMode: this.mode,
        options,
        schema,
        readerConf,
        consoleOutput: this.consoleOutput,
        compactInterval: Number(
          session.conf.get('spark.sql.streaming.fileSink.log.compactInterval', '10'),
        ),
        memorySinkLimits: resourceLimits.memorySink,
      });
    }

    // 2. the checkpoint location (ResolveWriteToStream.resolveCheckpointLocation)
    const isFileSink = !['memory', 'console', 'noop', 'foreach', 'foreachBatch'].includes(format);
    const configured = session.conf.get('spark.sql.streaming.checkpointLocation', null);
    const checkpointLocation =
      optionValue(options, 'checkpointLocation') ??
      (configured ? join(configured, queryName ?? randomUUID()) : undefined);
    if (checkpointLocation === undefined && isFileSink) {
      throw new AnalysisException(
        '_LEGACY_ERROR_TEMP_1298',
        'checkpointLocation must be specified either through option("checkpointLocation", ...) or SparkSession.conf.set("spark.sql.streaming.checkpointLocation", ...)',
        { messageParameters: { config: 'spark.sql.streaming.checkpointLocation' } },
      );
    }
    if (format === 'memory' && this.mode !== 'complete' && checkpointLocation !== undefined) {
      const offsets = join(resolve(checkpointLocation), 'offsets');
      if (existsSync(offsets)) {
        throw new AnalysisException(
          '_LEGACY_ERROR_TEMP_1299',
          `This query does not support recovering from checkpoint location. Delete file:${offsets} to start over.`,
          { messageParameters: { checkpointPath: `file:${offsets}` } },
        );
      }
    }

    // 3. the streaming checks
    if (session.conf.get('spark.sql.streaming.unsupportedOperationCheck', 'true') !== 'false') {
      checkForStreaming(
        this.df.plan,
        this.mode,
        (name) => {
          const entry = session.catalog.lookup(name);
          return entry?.kind === 'view' ? entry.plan : undefined;
        },
        {
          sparkCompatible: session.conf.get('spark.tidemark.sparkCompatible', 'false') === 'true',
          checkCorrectness:
            session.conf.get('spark.sql.streaming.statefulOperator.checkCorrectness.enabled', 'true') !== 'false',
        },
      );
    }

    // 4. compile, create the sources and start
    const checkpoint = new Checkpoint(
      checkpointLocation === undefined ? undefined : resolve(checkpointLocation),
    );
    const id = checkpoint.queryId();
    session.streams.checkCanStart(queryName, id);
    const physical = compilePlan(this.df.plan, session);
    const viewPlan = (name: string): LogicalPlan | undefined => {
      const entry = session.catalog.lookup(name);
      return entry?.kind === 'view' ? entry.plan : undefined;
    };
    const nodes = streamingSourceNodes(this.df.plan, viewPlan);
    const required = requiredColumnsBySource(this.df.plan, viewPlan);
    const sources: { id: string; source: Source }[] = [];
    try {
      physical.sourceIds.forEach((sourceId, i) => {
        const node = nodes.get(sourceId);
        if (node === undefined)
          throw new IllegalArgumentException(`No streaming source with id ${sourceId} in the plan`);
        sources.push({
          id: sourceId,
          source: createStreamingSource(node, readerConf, checkpoint.sourcePath(i), required.get(sourceId)),
        });
      });
    } catch (e) {
      for (const s of sources) void s.source.stop().catch(() => undefined);
      throw e;
    }
    const query = session.streams.startQuery(
      {
        id,
        runId: randomUUID(),
        name: queryName,
        plan: physical,
        ...(hasStaticSource(this.df.plan)
          ? {
              preparePlan: async () =>
                compilePlan(this.df.plan, session, {
                  staticInputs: await loadStaticInputs(this.df.plan, session),
                }),
            }
          : {}),
        sources,
        sink,
        outputMode: this.mode,
        trigger: this.triggerSpec,
        checkpoint,
        conf: readStreamingConf(session.conf),
        resourceLimits,
      },
      () => explainString(this.df.plan),
    );
    if (sink instanceof MemorySink && queryName !== null)
      session.catalog.registerMemoryTable(queryName, sink);
    return query;
  }

  private formatName(): string {
    if (this.source === 'foreach' || this.source === 'foreachBatch') return this.source;
    return (
      this.source ??
      this.df.session.conf.get('spark.sql.sources.default', 'parquet') ??
      'parquet'
    ).toLowerCase();
  }

  private optionRecord(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const { key, value } of this.extraOptions.values()) out[key] = value;
    return out;
  }
}

/** Streaming source nodes by id, in plan order, looking through temp views. */
function streamingSourceNodes(
  plan: LogicalPlan,
  resolveView: (name: string) => LogicalPlan | undefined,
): Map<string, SourceNode> {
  const out = new Map<string, SourceNode>();
  const walk = (p: LogicalPlan): void => {
    if (p.op === 'source' && p.streaming && !out.has(p.id)) out.set(p.id, p);
    if (p.op === 'table') {
      const view = resolveView(p.name);
      if (view !== undefined) walk(view);
    }
    for (const c of inputsOf(p)) walk(c);
  };
  walk(plan);
  return out;
}

/** Whether a streaming plan also reads a static file source (a stream–static join). */
function hasStaticSource(plan: LogicalPlan): boolean {
  if (plan.op === 'source') return !plan.streaming;
  return inputsOf(plan).some(hasStaticSource);
}
