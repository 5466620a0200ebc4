/**
 * What new things start as, chosen so that they run as they are (ui-anchors c10: defaults
 * that make the first run work): a source reads JSON, a query writes to the lab's memory
 * sink, and the demo workspace is the lab's Hand-on 2 (`activity_count`) ready to edit.
 */
import type {
  QueryDraft,
  SourceSetup,
  Workspace,
  WorkspaceQuery,
  WorkspaceSource,
} from '../../../engine/service/protocol';
import { schemaFromRows, type SchemaRow } from './draft-schema';
import { defaultSink } from './draft-sink';

/** A unique id for a source or query of a workspace. */
export function newId(): string {
  return globalThis.crypto.randomUUID();
}

export function freshWorkspace(name = 'Untitled'): Workspace {
  return {
    format: 'tidemark-workspace',
    version: 1,
    name,
    sources: [],
    queries: [],
    layout: { theme: 'system', selectedQueryId: null, view: 'source', sidebarWidth: 280 },
  };
}

/** The last part of a folder path, Windows or POSIX. */
export function folderName(path: string): string {
  const parts = path.split(/[\\/]+/).filter((p) => p !== '');
  return parts.length === 0 ? path : parts[parts.length - 1];
}

export function newSource(id: string, path = '', taken: readonly string[] = []): WorkspaceSource {
  const setup: SourceSetup = { path, format: 'json', schema: null, options: {} };
  const base = path === '' ? 'source' : folderName(path);
  return { id, name: uniqueName(base, taken), setup, schemaMode: 'manual' };
}

/** A new query over `source`, named `query_1`, `query_2`, … (a memory sink's table name). */
export function newQuery(
  id: string,
  source: WorkspaceSource,
  taken: readonly string[],
): WorkspaceQuery {
  const draft: QueryDraft = {
    name: uniqueName('query', taken, true),
    source: source.setup,
    steps: [],
    sink: defaultSink(),
  };
  return { id, sourceId: source.id, draft, plan: null, autoStart: false };
}

/** `base`, or `base_2`, `base_3`, … (always numbered when `numbered`), not in `taken`. */
export function uniqueName(base: string, taken: readonly string[], numbered = false): string {
  if (!numbered && !taken.includes(base)) return base;
  for (let n = numbered ? 1 : 2; ; n++) {
    const name = `${base}_${n}`;
    if (!taken.includes(name)) return name;
  }
}

/** The lab's sensor schema, with the two times as the epoch numbers the files hold. */
export const LAB_SENSOR_SCHEMA: readonly SchemaRow[] = [
  { name: 'Arrival_Time', type: 'bigint', nullable: true },
  { name: 'Creation_Time', type: 'bigint', nullable: true },
  { name: 'Device', type: 'string', nullable: true },
  { name: 'Index', type: 'bigint', nullable: true },
  { name: 'Model', type: 'string', nullable: true },
  { name: 'User', type: 'string', nullable: true },
  { name: 'gt', type: 'string', nullable: true },
  { name: 'x', type: 'double', nullable: true },
  { name: 'y', type: 'double', nullable: true },
  { name: 'z', type: 'double', nullable: true },
];

export const DEMO_QUERY_NAME = 'activity_count';

/**
 * The demo as a workspace: the simulator's folder as a JSON source with the lab's schema
 * typed by hand ("the reliable way"), and the lab's activity count as a draft:
 * `groupBy("gt").count()`, memory sink, complete mode, query name `activity_count`.
 */
export function labDemoWorkspace(
  demoDir: string,
  ids: { readonly source: string; readonly query: string },
): Workspace {
  const source: WorkspaceSource = {
    id: ids.source,
    name: 'sensors',
    setup: {
      path: demoDir,
      format: 'json',
      schema: schemaFromRows(LAB_SENSOR_SCHEMA),
      options: {},
    },
    schemaMode: 'manual',
  };
  const query: WorkspaceQuery = {
    id: ids.query,
    sourceId: source.id,
    draft: {
      name: DEMO_QUERY_NAME,
      source: source.setup,
      steps: [{ kind: 'groupBy', keys: ['gt'], aggs: [] }],
      sink: { ...defaultSink(), outputMode: 'complete' },
    },
    plan: null,
    autoStart: false,
  };
  const base = freshWorkspace('Activity count (lab demo)');
  return {
    ...base,
    sources: [source],
    queries: [query],
    layout: { ...base.layout, selectedQueryId: query.id, view: 'query' },
  };
}
