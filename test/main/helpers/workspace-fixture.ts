// A small but complete workspace (one folder source, one query with every field set), as
// the renderer would save it, for the workspace, router and server tests.
import type { Workspace } from '../../../engine/service/protocol';

export function sampleWorkspace(sourceDir: string, name = 'Sensors'): Workspace {
  const setup = {
    path: sourceDir,
    format: 'json',
    schema: {
      type: 'struct',
      fields: [{ name: 'gt', type: 'string', nullable: true, metadata: {} }],
    },
    options: { multiLine: 'false' },
  };
  return {
    format: 'tidemark-workspace',
    version: 1,
    name,
    sources: [{ id: 'src-1', name: 'sensors', setup, schemaMode: 'manual' }],
    queries: [
      {
        id: 'q-1',
        sourceId: 'src-1',
        draft: {
          name: 'activity_count',
          source: setup,
          steps: [
            { kind: 'filter', condition: "gt <> 'null'" },
            { kind: 'naDrop', how: 'any', thresh: null, subset: [] },
            { kind: 'groupBy', keys: ['gt'], aggs: [] },
          ],
          sink: {
            format: 'memory',
            outputMode: 'complete',
            options: {},
            trigger: { kind: 'processingTime', interval: '2 seconds' },
          },
        },
        plan: { version: 1, plan: { op: 'source', id: 's0', format: 'json', options: {} } },
        autoStart: true,
      },
    ],
    layout: { theme: 'dark', selectedQueryId: 'q-1', view: 'results', sidebarWidth: 300 },
  };
}
