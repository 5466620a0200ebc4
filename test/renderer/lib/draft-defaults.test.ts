import { describe, expect, it } from 'vitest';
import {
  folderName,
  freshWorkspace,
  labDemoWorkspace,
  newId,
  newQuery,
  newSource,
  uniqueName,
} from '../../../renderer/src/lib/draft-defaults';
import { rowsFromSchema } from '../../../renderer/src/lib/draft-schema';
import { rowsToDDL } from '../../../renderer/src/lib/draft-schema-ddl';

describe('draft defaults', () => {
  it('names sources after their folder and queries query_1, query_2, …', () => {
    expect(folderName('/home/ana/data/sensors/')).toBe('sensors');
    expect(folderName('C:\\data\\iot')).toBe('iot');
    const source = newSource('s1', '/data/sensors', ['sensors']);
    expect(source).toMatchObject({
      name: 'sensors_2',
      setup: { path: '/data/sensors', format: 'json', schema: null, options: {} },
    });
    expect(newQuery('q', source, ['query_1']).draft).toMatchObject({
      name: 'query_2',
      steps: [],
      sink: { format: 'memory', outputMode: 'append', trigger: { kind: 'default' } },
    });
    expect(uniqueName('x', [])).toBe('x');
    expect(newId()).not.toBe(newId());
  });

  it('opens the demo as the lab’s activity_count over the demo folder', () => {
    const ws = labDemoWorkspace('/tmp/demo/sensors', { source: 's', query: 'q' });
    expect(ws.format).toBe('tidemark-workspace');
    expect(ws.sources[0].setup.path).toBe('/tmp/demo/sensors');
    expect(rowsToDDL(rowsFromSchema(ws.sources[0].setup.schema))).toBe(
      'Arrival_Time BIGINT, Creation_Time BIGINT, Device STRING, Index BIGINT, Model STRING, ' +
        'User STRING, gt STRING, x DOUBLE, y DOUBLE, z DOUBLE',
    );
    expect(ws.queries[0].draft).toMatchObject({
      name: 'activity_count',
      steps: [{ kind: 'groupBy', keys: ['gt'], aggs: [] }],
      sink: { format: 'memory', outputMode: 'complete' },
    });
    expect(ws.layout).toMatchObject({ selectedQueryId: 'q', view: 'query' });
    expect(freshWorkspace().queries).toEqual([]);
  });
});
