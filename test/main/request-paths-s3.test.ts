/**
 * S3 sources and the folder grants: an `s3://` (or s3a/s3n) source path names a bucket, not
 * this machine's files, so it needs no grant; every local path (plain or file:) beside it,
 * and every sink path, is still checked.
 */
import { describe, expect, it } from 'vitest';
import { pathsOfRequest, workspaceSourcePaths } from '../../main/request-paths';
import { checkWorkspaceShape } from '../../main/workspace-shape';
import { sampleWorkspace } from './helpers/workspace-fixture';
import { requestProblem } from '../../engine/service/validate-request';
import type { RequestBody, SourceSetup, Workspace } from '../../engine/service/protocol';

const setup = (path: string, options: Record<string, string> = {}): SourceSetup => ({
  path,
  format: 'json',
  schema: null,
  options,
});

describe('request paths of S3 sources', () => {
  it('previewSource: an S3 URI needs no grant, a local path or a path option still does', () => {
    for (const uri of ['s3://lab/Iot/', 'S3A://lab/Iot/', 's3n://lab/x']) {
      expect(pathsOfRequest({ type: 'previewSource', setup: setup(uri) })).toEqual([]);
    }
    expect(
      pathsOfRequest({ type: 'previewSource', setup: setup('s3://lab/Iot/', { PATH: '/etc' }) }),
    ).toEqual([{ path: '/etc', what: 'previewSource: setup.options PATH' }]);
    expect(pathsOfRequest({ type: 'previewSource', setup: setup('/data/iot') })).toEqual([
      { path: '/data/iot', what: 'previewSource: setup.path' },
    ]);
    expect(pathsOfRequest({ type: 'previewSource', setup: setup('file:///data/iot') })).toEqual([
      { path: 'file:///data/iot', what: 'previewSource: setup.path' },
    ]);
    // Not S3: other schemes are still checked as paths (and refused by the grants).
    expect(pathsOfRequest({ type: 'previewSource', setup: setup('s3x://lab/') })).toHaveLength(1);
  });

  it('startQuery: the S3 source is skipped, the sink and checkpoint are checked', () => {
    const body = {
      type: 'startQuery',
      spec: {
        plan: {
          op: 'project',
          input: {
            op: 'source',
            id: 'source-0',
            format: 'json',
            path: 's3a://lab/Iot/',
            options: {},
            streaming: true,
          },
        },
        sink: {
          format: 'json',
          outputMode: 'append',
          options: { path: '/out' },
          trigger: { kind: 'default' },
          checkpointLocation: '/cp',
        },
      },
    } as unknown as RequestBody;
    expect(pathsOfRequest(body).map((p) => p.path)).toEqual(['/out', '/cp']);
  });

  it('a workspace naming an S3 source asks for no grant for it', () => {
    const workspace = {
      sources: [{ setup: setup('s3://lab/Iot/') }, { setup: setup('/data/local') }],
      queries: [{ draft: { source: setup('s3://lab/Iot/') } }],
    } as unknown as Workspace;
    expect(workspaceSourcePaths(workspace).map((p) => p.path)).toEqual(['/data/local']);
  });
});

describe('S3 URIs in request and workspace shapes', () => {
  it('previewSource accepts an s3:// path; a relative path is still refused', () => {
    const preview = (path: string) =>
      requestProblem({ id: 1, type: 'previewSource', setup: setup(path) });
    expect(preview('s3://lab/Iot/')).toBeNull();
    expect(preview('s3a://lab/Iot/')).toBeNull();
    expect(preview('data/iot')).toBe('previewSource: `setup`.path must be an absolute path');
  });

  it('a saved workspace may name an S3 source; a relative folder is still refused', () => {
    const w = JSON.parse(JSON.stringify(sampleWorkspace('/data/iot'))) as {
      sources: { setup: object }[];
    };
    w.sources[0].setup = setup('s3://lab/Iot/', { 'fs.s3.useRequesterPaysHeader': 'true' });
    expect(checkWorkspaceShape(w).sources[0].setup.path).toBe('s3://lab/Iot/');
    w.sources[0].setup = setup('relative/dir');
    expect(() => checkWorkspaceShape(w)).toThrow('sources[0].setup.path must be an absolute path');
  });
});
