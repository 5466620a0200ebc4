/**
 * Which file-system paths a host API request reads or writes, so the router can check each
 * against the folder grants before the request goes on. Reader and writer options are
 * looked up case-insensitively, as Spark's CaseInsensitiveStringMap does (`PATH`, `Path`
 * and `path` are one option), so a differently spelled key cannot slip a path past the check.
 */
import type { RequestBody, SourceSetup, Workspace } from '../engine/service/protocol';

export interface NamedPath {
  readonly path: string;
  /** Where the request names it, for the error message (`startQuery: sink option path`). */
  readonly what: string;
}

/** The paths `body` names; empty for requests that touch no files. */
export function pathsOfRequest(body: RequestBody): NamedPath[] {
  switch (body.type) {
    case 'previewSource':
      return setupPaths(body.setup, 'previewSource: setup');
    case 'analyzeDraft':
      return setupPaths(body.draft.source, 'analyzeDraft: draft.source');
    case 'startQuery':
      return [
        ...sourceNodePaths(body.spec.plan, 'startQuery: spec.plan'),
        ...sinkPaths(body.spec.sink),
      ];
    case 'runOnSpark':
      // On a cluster, hdfs://, s3a://, abfss://… name the cluster's storage, not this
      // machine's: only local paths (plain or file://) are this host's to grant.
      return [
        ...sourceNodePaths(body.spec.plan, 'runOnSpark: spec.plan'),
        ...sinkPaths(body.spec.sink),
      ].flatMap(localPathOf);
    case 'exportSnapshot':
    case 'saveExportFile':
      return [{ path: body.path, what: `${body.type}: path` }];
    case 'openWorkspace':
    case 'saveWorkspace':
      return [{ path: body.path, what: `${body.type}: path` }];
    case 'autosaveWorkspace':
      return body.path === null ? [] : [{ path: body.path, what: 'autosaveWorkspace: path' }];
    default:
      return [];
  }
}

/** The source folders a workspace names (its sources and each query draft's source). */
export function workspaceSourcePaths(workspace: Workspace): NamedPath[] {
  return [
    ...workspace.sources.flatMap((s, i) => setupPaths(s.setup, `sources[${i}].setup`)),
    ...workspace.queries.flatMap((q, i) =>
      setupPaths(q.draft.source, `queries[${i}].draft.source`),
    ),
  ];
}

function setupPaths(setup: SourceSetup, what: string): NamedPath[] {
  return [
    // Sources that read no folder (rate, socket) leave the path empty: nothing to grant.
    ...(setup.path === '' ? [] : [{ path: setup.path, what: `${what}.path` }]),
    ...optionPaths(setup.options, ['path'], `${what}.options`),
  ].filter(isOnThisMachine);
}

/**
 * An S3 source (`s3://`, `s3a://`, `s3n://`) reads a bucket, not this machine's files: there
 * is no folder to grant (its credentials are the AWS ones). Every other path is checked.
 */
function isOnThisMachine(named: NamedPath): boolean {
  return !/^s3[an]?:\/\//i.test(named.path);
}

/**
 * Every `source` node anywhere in the plan JSON. The walk is generic (any object with
 * `op: 'source'`, under any key) so that a node kind added later is not skipped.
 */
function sourceNodePaths(plan: unknown, what: string): NamedPath[] {
  const found: NamedPath[] = [];
  const seen = new Set<object>();
  const visit = (node: unknown): void => {
    if (typeof node !== 'object' || node === null || seen.has(node)) return;
    seen.add(node);
    if (Array.isArray(node)) return node.forEach(visit);
    const record = node as Record<string, unknown>;
    if (record.op === 'source') {
      const label =
        `${what} source ${typeof record.id === 'string' ? `'${record.id}'` : ''}`.trim();
      if (typeof record.path === 'string' && record.path !== '')
        found.push({ path: record.path, what: `${label} path` });
      found.push(...optionPaths(record.options, ['path'], `${label} options`));
      found.splice(0, found.length, ...found.filter(isOnThisMachine));
    }
    Object.values(record).forEach(visit);
  };
  visit(plan);
  return found;
}

function sinkPaths(sink: {
  readonly options: Readonly<Record<string, string>>;
  readonly checkpointLocation?: string;
}): NamedPath[] {
  const paths = optionPaths(
    sink.options,
    ['path', 'checkpointLocation'],
    'startQuery: sink option',
  );
  if (typeof sink.checkpointLocation === 'string' && sink.checkpointLocation !== '')
    paths.push({ path: sink.checkpointLocation, what: 'startQuery: sink checkpointLocation' });
  return paths;
}

function optionPaths(options: unknown, names: readonly string[], what: string): NamedPath[] {
  if (typeof options !== 'object' || options === null) return [];
  const wanted = new Set(names.map((n) => n.toLowerCase()));
  return Object.entries(options as Record<string, unknown>)
    .filter(
      ([key, value]) => wanted.has(key.toLowerCase()) && typeof value === 'string' && value !== '',
    )
    .map(([key, value]) => ({ path: value as string, what: `${what} ${key}` }));
}

/** A local path as the file system sees it, or nothing for a remote storage URI. */
function localPathOf(named: NamedPath): NamedPath[] {
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(named.path);
  if (scheme === null) return [named];
  if (scheme[1].toLowerCase() !== 'file') return [];
  return [
    { ...named, path: decodeURIComponent(named.path.replace(/^file:\/\/(localhost)?/i, '')) },
  ];
}
