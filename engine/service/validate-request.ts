/**
 * The runtime check on every request that arrives from a UI (IPC or WebSocket) before it
 * reaches the engine: the right fields with the right JSON types, nothing else trusted.
 * Deeper checks (does the plan analyze, does the query exist) are the engine's, and come
 * back as error responses.
 */
import { isGeneratorFormat } from '../io/sources/generator-source-schemas';
import type { HostRequest, RequestType } from './protocol';
import { joinReferenceProblem } from './validate-join-reference';
import { isS3Path } from '../io/sources/s3/s3-uri';

const REQUEST_TYPES: ReadonlySet<RequestType> = new Set<RequestType>([
  'listQueries',
  'startDemo',
  'startQuery',
  'stopQuery',
  'sql',
  'getTriggerTable',
  'setTablePushLimit',
  'previewSource',
  'parseSchema',
  'analyzeDraft',
  'listFunctions',
  'exportSnapshot',
  'snapshotText',
  'sparkStatus',
  'runOnSpark',
  'stopSparkRun',
  'listSparkRuns',
  'lateDataTrace',
  'replayWatermark',
  'explainLateRow',
  'saveExportFile',
  'previewDraft',
  'draftFromPlan',
  'hostInfo',
  'pickFolder',
  'pickSaveFile',
  'pickOpenFile',
  'openWorkspace',
  'newWorkspace',
  'saveWorkspace',
  'autosaveWorkspace',
  'recentWorkspaces',
]);

const SNAPSHOT_FORMATS = new Set(['csv', 'jsonl', 'parquet', 'arrow']);
const DRAFT_STEP_KINDS = new Set([
  'filter',
  'select',
  'withColumn',
  'rename',
  'drop',
  'naDrop',
  'naFill',
  'watermark',
  'dropDuplicates',
  'groupBy',
  'cube',
  'rollup',
  'join',
]);
/**
 * Where a query may run on Spark: spark-submit's --master forms and Spark Connect URLs. It
 * becomes one argv element (never a shell word), and this keeps it to what Spark accepts.
 */
const SPARK_TARGET =
  /^(local(\[(\*|\d+)(,\d+)?\])?|yarn|(spark|mesos|k8s):\/\/[\w.:/[\],@-]+|sc:\/\/[\w.[\]:-]+(\/;[\w=;.-]*)?)$/;

/** Longest path or expression text accepted (a path longer than this is not a real one). */
const MAX_PATH = 4096;

/** Why `message` is not a HostRequest, or null when it is one. */
export function requestProblem(message: unknown): string | null {
  if (!isRecord(message)) return 'a request must be a JSON object';
  const { id, type } = message;
  if (typeof id !== 'number' || !Number.isSafeInteger(id) || id < 0)
    return 'a request needs a whole-number `id`';
  if (typeof type !== 'string' || !REQUEST_TYPES.has(type as RequestType)) {
    return `unknown request type ${JSON.stringify(type)}; expected one of ${[...REQUEST_TYPES].join(', ')}`;
  }
  switch (type as RequestType) {
    case 'listQueries':
    case 'startDemo':
      return null;
    case 'startQuery': {
      const spec = message.spec;
      if (!isRecord(spec) || !isRecord(spec.plan) || !isRecord(spec.sink))
        return 'startQuery needs `spec: { plan, sink }`';
      if (typeof spec.plan.op !== 'string') return 'startQuery: `spec.plan.op` must be a string';
      if (typeof spec.sink.format !== 'string')
        return 'startQuery: `spec.sink.format` must be a string';
      return null;
    }
    case 'stopQuery':
      return typeof message.queryId === 'string' ? null : 'stopQuery needs a string `queryId`';
    case 'sql':
      if (typeof message.text !== 'string') return 'sql needs a string `text`';
      if (
        message.maxRows !== undefined &&
        !(
          typeof message.maxRows === 'number' &&
          Number.isSafeInteger(message.maxRows) &&
          message.maxRows >= 0
        )
      ) {
        return 'sql: `maxRows` must be a whole number';
      }
      return null;
    case 'getTriggerTable':
      if (typeof message.queryId !== 'string') return 'getTriggerTable needs a string `queryId`';
      return typeof message.batchId === 'number' && Number.isSafeInteger(message.batchId)
        ? null
        : 'getTriggerTable needs a whole-number `batchId`';
    // issue 8: the push limit for result tables (null: every table is pushed).
    case 'setTablePushLimit':
      return message.maxRows === null || isCount(message.maxRows)
        ? null
        : 'setTablePushLimit: `maxRows` must be a whole number or null';
    case 'previewSource': {
      const problem = sourceSetupProblem(message.setup, 'previewSource: `setup`');
      if (problem !== null) return problem;
      return message.maxRows === undefined || isCount(message.maxRows)
        ? null
        : 'previewSource: `maxRows` must be a whole number';
    }
    case 'analyzeDraft':
      return draftProblem(message.draft);
    case 'previewDraft':
      if (message.maxRows !== undefined && !isCount(message.maxRows))
        return 'previewDraft: `maxRows` must be a whole number';
      return draftProblem(message.draft);
    case 'draftFromPlan':
      return isRecord(message.plan) || typeof message.plan === 'string'
        ? null
        : 'draftFromPlan needs `plan`: plan JSON (an object or its text)';
    case 'parseSchema':
      return typeof message.schema === 'string' || isRecord(message.schema)
        ? null
        : 'parseSchema needs `schema`: a DDL string or a StructType JSON object';
    case 'listFunctions':
    case 'sparkStatus':
    case 'listSparkRuns':
    case 'hostInfo':
    case 'newWorkspace':
    case 'recentWorkspaces':
      return null;
    case 'exportSnapshot': {
      const problem = snapshotSourceProblem(message.source, 'exportSnapshot');
      if (problem !== null) return problem;
      if (typeof message.format !== 'string' || !SNAPSHOT_FORMATS.has(message.format))
        return `exportSnapshot: \`format\` must be one of ${[...SNAPSHOT_FORMATS].join(', ')}`;
      return isPath(message.path) ? null : 'exportSnapshot needs an absolute `path`';
    }
    case 'snapshotText':
      return snapshotSourceProblem(message.source, 'snapshotText');
    case 'runOnSpark': {
      const spec = message.spec;
      if (!isRecord(spec) || !isRecord(spec.plan) || !isRecord(spec.sink))
        return 'runOnSpark needs `spec: { plan, sink }`';
      return typeof message.target === 'string' && SPARK_TARGET.test(message.target)
        ? null
        : 'runOnSpark: `target` must be a Spark master URL (local[*], spark://host:port, yarn, k8s://…) or sc://host:port';
    }
    case 'lateDataTrace':
      if (typeof message.queryId !== 'string') return 'lateDataTrace needs a string `queryId`';
      return message.sinceBatch === undefined || isCount(message.sinceBatch)
        ? null
        : 'lateDataTrace: `sinceBatch` must be a whole number';
    case 'replayWatermark':
      return replayProblem(message);
    case 'explainLateRow':
      if (typeof message.queryId !== 'string') return 'explainLateRow needs a string `queryId`';
      return isCount(message.batchId) && isCount(message.row)
        ? null
        : 'explainLateRow needs whole-number `batchId` and `row`';
    case 'stopSparkRun':
      return typeof message.runId === 'string' ? null : 'stopSparkRun needs a string `runId`';
    case 'saveExportFile': {
      if (!isPath(message.path)) return 'saveExportFile needs an absolute `path`';
      const content = message.content;
      if (isRecord(content) && content.encoding === 'utf8' && typeof content.text === 'string')
        return null;
      if (isRecord(content) && content.encoding === 'base64' && typeof content.base64 === 'string')
        return null;
      return 'saveExportFile needs `content`: { encoding: "utf8", text } or { encoding: "base64", base64 }';
    }
    case 'pickFolder':
      if (!['source', 'output', 'checkpoint'].includes(message.purpose as string))
        return 'pickFolder: `purpose` must be source, output or checkpoint';
      return typedPathProblem(message.typedPath, 'pickFolder');
    case 'pickSaveFile':
      if (!['workspace', 'export'].includes(message.purpose as string))
        return 'pickSaveFile: `purpose` must be workspace or export';
      if (typeof message.defaultName !== 'string' || message.defaultName.length > 255)
        return 'pickSaveFile needs a string `defaultName`';
      return typedPathProblem(message.typedPath, 'pickSaveFile');
    case 'pickOpenFile':
      if (message.purpose !== 'workspace') return 'pickOpenFile: `purpose` must be workspace';
      return typedPathProblem(message.typedPath, 'pickOpenFile');
    case 'openWorkspace':
      return isPath(message.path) ? null : 'openWorkspace needs an absolute `path`';
    case 'saveWorkspace':
      if (!isPath(message.path)) return 'saveWorkspace needs an absolute `path`';
      return isRecord(message.workspace) ? null : 'saveWorkspace needs a `workspace` object';
    case 'autosaveWorkspace':
      if (message.path !== null && !isPath(message.path))
        return 'autosaveWorkspace: `path` must be null or an absolute path';
      return isRecord(message.workspace) ? null : 'autosaveWorkspace needs a `workspace` object';
  }
}

/** replayWatermark: two variants, each a label and a delay string or null. */
function replayProblem(message: Record<string, unknown>): string | null {
  if (typeof message.queryId !== 'string') return 'replayWatermark needs a string `queryId`';
  const variants = message.variants;
  if (!Array.isArray(variants) || variants.length !== 2)
    return 'replayWatermark needs `variants`: two { label, delay } objects';
  for (const [i, v] of variants.entries()) {
    if (!isRecord(v) || typeof v.label !== 'string' || (v.delay !== null && typeof v.delay !== 'string'))
      return `replayWatermark: \`variants[${i}]\` must be { label: string, delay: string | null }`;
  }
  return message.maxBatches === undefined || isCount(message.maxBatches)
    ? null
    : 'replayWatermark: `maxBatches` must be a whole number';
}

function isCount(x: unknown): boolean {
  return typeof x === 'number' && Number.isSafeInteger(x) && x >= 0;
}

/** An absolute POSIX or Windows path of sane length, without NUL bytes. */
function isPath(x: unknown): x is string {
  return (
    typeof x === 'string' &&
    x.length > 0 &&
    x.length <= MAX_PATH &&
    !x.includes('\0') &&
    (x.startsWith('/') || /^[A-Za-z]:[\\/]/.test(x) || x.startsWith('\\\\'))
  );
}

function typedPathProblem(x: unknown, what: string): string | null {
  return x === undefined || isPath(x) ? null : `${what}: \`typedPath\` must be an absolute path`;
}

function isStringRecord(x: unknown): boolean {
  return isRecord(x) && Object.values(x).every((v) => typeof v === 'string');
}

function isStringArray(x: unknown): boolean {
  return Array.isArray(x) && x.every((v) => typeof v === 'string');
}

function sourceSetupProblem(x: unknown, what: string): string | null {
  if (!isRecord(x)) return `${what} must be an object { path, format, schema, options }`;
  if (typeof x.format !== 'string' || x.format === '') return `${what}.format must be a string`;
  // rate, rate-micro-batch and socket read no folder: their path may be empty.
  const pathless = isGeneratorFormat(x.format) && x.path === '';
  // An S3 source names its bucket by URI (s3://bucket/prefix/; s3a://, s3n://).
  const s3 = typeof x.path === 'string' && isS3Path(x.path) && x.path.length <= 4096;
  if (!pathless && !s3 && !isPath(x.path)) return `${what}.path must be an absolute path`;
  if (x.schema !== null && !isRecord(x.schema) && typeof x.schema !== 'string')
    return `${what}.schema must be null, a DDL string or a StructType JSON object`;
  return isStringRecord(x.options) ? null : `${what}.options must map option names to strings`;
}

function snapshotSourceProblem(x: unknown, what: string): string | null {
  if (!isRecord(x)) return `${what} needs a \`source\` object`;
  if (x.kind === 'trigger') {
    if (typeof x.queryId !== 'string') return `${what}: \`source.queryId\` must be a string`;
    return typeof x.batchId === 'number' && Number.isSafeInteger(x.batchId)
      ? null
      : `${what}: \`source.batchId\` must be a whole number`;
  }
  if (x.kind === 'sql')
    return typeof x.text === 'string' ? null : `${what}: \`source.text\` must be a string`;
  return `${what}: \`source.kind\` must be trigger or sql`;
}

function draftProblem(x: unknown): string | null {
  if (!isRecord(x)) return 'analyzeDraft needs a `draft` object';
  if (typeof x.name !== 'string') return 'analyzeDraft: `draft.name` must be a string';
  const source = sourceSetupProblem(x.source, 'analyzeDraft: `draft.source`');
  if (source !== null) return source;
  if (!Array.isArray(x.steps)) return 'analyzeDraft: `draft.steps` must be an array';
  for (const [i, step] of x.steps.entries()) {
    if (!isRecord(step) || typeof step.kind !== 'string' || !DRAFT_STEP_KINDS.has(step.kind))
      return `analyzeDraft: \`draft.steps[${i}].kind\` must be one of ${[...DRAFT_STEP_KINDS].join(', ')}`;
    for (const [key, value] of Object.entries(step)) {
      if (key === 'kind') continue;
      if (key === 'disabled') {
        if (typeof value === 'boolean') continue;
        return `analyzeDraft: \`draft.steps[${i}].disabled\` has the wrong type`;
      }
      if (key === 'right' && step.kind === 'join') {
        const problem = joinReferenceProblem(value, `analyzeDraft: \`draft.steps[${i}].right\``);
        if (problem !== null) return problem;
        continue;
      }
      const ok =
        typeof value === 'string' ||
        isStringArray(value) ||
        (key === 'thresh' && (value === null || isCount(value)));
      if (!ok) return `analyzeDraft: \`draft.steps[${i}].${key}\` has the wrong type`;
    }
  }
  const sink = x.sink;
  if (!isRecord(sink) || typeof sink.format !== 'string' || typeof sink.outputMode !== 'string')
    return 'analyzeDraft: `draft.sink` needs `format` and `outputMode`';
  if (!isStringRecord(sink.options))
    return 'analyzeDraft: `draft.sink.options` must map names to strings';
  if (!isRecord(sink.trigger) || typeof sink.trigger.kind !== 'string')
    return 'analyzeDraft: `draft.sink.trigger` needs a `kind`';
  return null;
}

export function isHostRequest(message: unknown): message is HostRequest {
  return requestProblem(message) === null;
}

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}
