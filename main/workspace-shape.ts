/**
 * The shape check of a workspace (protocol.ts `Workspace`, current version), field by
 * field, so a hand-edited or damaged file is refused with the exact field at fault
 * (`queries[0].draft.steps[2].condition must be a string`) instead of failing later in the UI.
 */
import type { Workspace } from '../engine/service/protocol';

export const WORKSPACE_FORMAT = 'tidemark-workspace';

/** A field that is missing or of the wrong kind; `field` is a path like `sources[1].setup.path`. */
export class WorkspaceShapeError extends Error {
  constructor(
    readonly field: string,
    problem: string,
  ) {
    super(`${field} ${problem}`);
    this.name = 'WorkspaceShapeError';
  }
}

type Rec = Record<string, unknown>;
type FieldKind = 'string' | 'strings' | 'countOrNull' | readonly string[];

/** The fields of each query-form step (protocol.ts DraftStep), by kind. */
const STEP_FIELDS: Readonly<Record<string, Readonly<Record<string, FieldKind>>>> = {
  filter: { condition: 'string' },
  select: { exprs: 'strings' },
  withColumn: { name: 'string', expr: 'string' },
  rename: { from: 'string', to: 'string' },
  drop: { columns: 'strings' },
  naDrop: { how: ['any', 'all'], thresh: 'countOrNull', subset: 'strings' },
  naFill: { value: 'string', subset: 'strings' },
  watermark: { column: 'string', delay: 'string' },
  dropDuplicates: { columns: 'strings' },
  groupBy: { keys: 'strings', aggs: 'strings' },
};
const OUTPUT_MODES = ['append', 'update', 'complete'] as const;
const TRIGGER_KINDS = ['default', 'processingTime', 'once', 'availableNow'] as const;

/** `value` as a Workspace, or a WorkspaceShapeError naming the first bad field. */
export function checkWorkspaceShape(value: unknown): Workspace {
  const w = record(value, 'the workspace');
  if (w.format !== WORKSPACE_FORMAT)
    throw new WorkspaceShapeError('format', `must be "${WORKSPACE_FORMAT}"`);
  wholeNumber(w.version, 'version');
  string(w.name, 'name');
  const sourceIds = new Set<string>();
  array(w.sources, 'sources').forEach((s, i) => {
    const at = `sources[${i}]`;
    const source = record(s, at);
    const id = nonEmptyString(source.id, `${at}.id`);
    if (sourceIds.has(id)) throw new WorkspaceShapeError(`${at}.id`, `repeats the id "${id}"`);
    sourceIds.add(id);
    string(source.name, `${at}.name`);
    sourceSetup(source.setup, `${at}.setup`);
    oneOf(source.schemaMode, ['manual', 'inferred'], `${at}.schemaMode`);
  });
  const queryIds = new Set<string>();
  array(w.queries, 'queries').forEach((q, i) => {
    const at = `queries[${i}]`;
    const query = record(q, at);
    const id = nonEmptyString(query.id, `${at}.id`);
    if (queryIds.has(id)) throw new WorkspaceShapeError(`${at}.id`, `repeats the id "${id}"`);
    queryIds.add(id);
    const sourceId = string(query.sourceId, `${at}.sourceId`);
    if (!sourceIds.has(sourceId))
      throw new WorkspaceShapeError(`${at}.sourceId`, `names no source ("${sourceId}")`);
    draft(query.draft, `${at}.draft`);
    if (query.plan !== null) {
      const plan = record(query.plan, `${at}.plan`);
      wholeNumber(plan.version, `${at}.plan.version`);
      record(plan.plan, `${at}.plan.plan`);
    }
    boolean(query.autoStart, `${at}.autoStart`);
  });
  const layout = record(w.layout, 'layout');
  oneOf(layout.theme, ['system', 'light', 'dark'], 'layout.theme');
  if (layout.selectedQueryId !== null) string(layout.selectedQueryId, 'layout.selectedQueryId');
  oneOf(layout.view, ['source', 'query', 'builder', 'results', 'dashboard', 'lens', 'sql'], 'layout.view');
  if (
    typeof layout.sidebarWidth !== 'number' ||
    !Number.isFinite(layout.sidebarWidth) ||
    layout.sidebarWidth < 0
  )
    throw new WorkspaceShapeError('layout.sidebarWidth', 'must be a number of pixels (0 or more)');
  return value as Workspace;
}

function sourceSetup(value: unknown, at: string): void {
  const setup = record(value, at);
  const path = string(setup.path, `${at}.path`);
  // Empty for the sources that read no folder (rate, rate-micro-batch, socket, kafka).
  // An S3 source's path is its s3:// (s3a://, s3n://) URI.
  if (path !== '' && !isAbsolutePath(path) && !/^s3[an]?:\/\//i.test(path))
    throw new WorkspaceShapeError(`${at}.path`, 'must be an absolute path');
  nonEmptyString(setup.format, `${at}.format`);
  if (setup.schema !== null) record(setup.schema, `${at}.schema`);
  stringRecord(setup.options, `${at}.options`);
}

function draft(value: unknown, at: string): void {
  const d = record(value, at);
  string(d.name, `${at}.name`);
  sourceSetup(d.source, `${at}.source`);
  array(d.steps, `${at}.steps`).forEach((s, i) => {
    const stepAt = `${at}.steps[${i}]`;
    const step = record(s, stepAt);
    const fields = STEP_FIELDS[step.kind as string];
    if (typeof step.kind !== 'string' || fields === undefined)
      throw new WorkspaceShapeError(
        `${stepAt}.kind`,
        `must be one of ${Object.keys(STEP_FIELDS).join(', ')}`,
      );
    for (const [name, kind] of Object.entries(fields)) field(step[name], kind, `${stepAt}.${name}`);
  });
  const sink = record(d.sink, `${at}.sink`);
  nonEmptyString(sink.format, `${at}.sink.format`);
  oneOf(sink.outputMode, OUTPUT_MODES, `${at}.sink.outputMode`);
  stringRecord(sink.options, `${at}.sink.options`);
  if (sink.queryName !== undefined) string(sink.queryName, `${at}.sink.queryName`);
  if (sink.checkpointLocation !== undefined)
    string(sink.checkpointLocation, `${at}.sink.checkpointLocation`);
  const trigger = record(sink.trigger, `${at}.sink.trigger`);
  if (oneOf(trigger.kind, TRIGGER_KINDS, `${at}.sink.trigger.kind`) === 'processingTime')
    string(trigger.interval, `${at}.sink.trigger.interval`);
}

function field(value: unknown, kind: FieldKind, at: string): void {
  if (kind === 'string') string(value, at);
  else if (kind === 'strings') strings(value, at);
  else if (kind === 'countOrNull') {
    if (value !== null) wholeNumber(value, at);
  } else oneOf(value, kind, at);
}

function record(value: unknown, at: string): Rec {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new WorkspaceShapeError(at, 'must be an object');
  return value as Rec;
}

function array(value: unknown, at: string): unknown[] {
  if (!Array.isArray(value)) throw new WorkspaceShapeError(at, 'must be an array');
  return value;
}

function string(value: unknown, at: string): string {
  if (typeof value !== 'string') throw new WorkspaceShapeError(at, 'must be a string');
  return value;
}

function nonEmptyString(value: unknown, at: string): string {
  if (string(value, at) === '') throw new WorkspaceShapeError(at, 'must not be empty');
  return value as string;
}

function strings(value: unknown, at: string): void {
  array(value, at).forEach((v, i) => string(v, `${at}[${i}]`));
}

function stringRecord(value: unknown, at: string): void {
  for (const [key, v] of Object.entries(record(value, at))) string(v, `${at}.${key}`);
}

function boolean(value: unknown, at: string): void {
  if (typeof value !== 'boolean') throw new WorkspaceShapeError(at, 'must be true or false');
}

function wholeNumber(value: unknown, at: string): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0)
    throw new WorkspaceShapeError(at, 'must be a whole number');
  return value;
}

function oneOf<T extends string>(value: unknown, allowed: readonly T[], at: string): T {
  if (typeof value !== 'string' || !allowed.includes(value as T))
    throw new WorkspaceShapeError(at, `must be one of ${allowed.join(', ')}`);
  return value as T;
}

/** POSIX, Windows drive or UNC: a workspace may be opened on another OS than it was saved on. */
function isAbsolutePath(path: string): boolean {
  return path.startsWith('/') || /^[A-Za-z]:[\\/]/.test(path) || path.startsWith('\\\\');
}
