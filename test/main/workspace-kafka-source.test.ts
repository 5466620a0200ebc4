// A workspace holding a kafka source (no folder: path '') saves and opens again, while a
// relative folder is still refused.
import { describe, expect, it } from 'vitest';
import { checkWorkspaceShape } from '../../main/workspace-shape';
import { sampleWorkspace } from './helpers/workspace-fixture';

describe('workspace shape with a source that reads no folder', () => {
  it('accepts a kafka source with an empty path and its options', () => {
    const w = JSON.parse(JSON.stringify(sampleWorkspace('/data/iot'))) as { sources: { setup: object }[] };
    w.sources[0].setup = {
      path: '',
      format: 'kafka',
      schema: null,
      options: { 'kafka.bootstrap.servers': 'localhost:9092', subscribe: 'events' },
    };
    expect(checkWorkspaceShape(w).sources[0].setup.format).toBe('kafka');
    w.sources[0].setup = { path: 'relative/dir', format: 'json', schema: null, options: {} };
    expect(() => checkWorkspaceShape(w)).toThrow('sources[0].setup.path must be an absolute path');
  });
});
