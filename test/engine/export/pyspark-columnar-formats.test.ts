/**
 * The PySpark export of the columnar file formats: Parquet sources and sinks use Spark's own
 * `.parquet(path)` / `.format("parquet")`; Arrow IPC sources (a Tidemark extension) are read
 * as Parquet with a comment saying how to convert the files.
 */
import { describe, expect, it } from 'vitest';
import { toPySpark } from '../../../engine/export/to-pyspark';
import type { QuerySpec, SourceNode } from '../../../engine/plan/logical-plan';
import { parseDDL } from '../../../engine/types/ddl';

function query(format: string): QuerySpec {
  const source: SourceNode = {
    op: 'source',
    id: 'events',
    format,
    path: '/data/in',
    schema: parseDDL('device STRING, x DOUBLE').jsonValue(),
    options: {},
    streaming: true,
  };
  return {
    plan: source,
    sink: {
      format: 'parquet',
      outputMode: 'append',
      options: { path: '/data/out', checkpointLocation: '/data/cp' },
      trigger: { kind: 'default' },
    },
  };
}

describe('toPySpark with parquet and arrow', () => {
  it('reads parquet with the shortcut and writes a parquet file sink', () => {
    const script = toPySpark(query('parquet'));
    expect(script).toContain('.parquet("/data/in")');
    expect(script).toContain('.format("parquet")');
    expect(script).toContain('"/data/out"');
  });

  it('reads arrow as parquet, with a comment explaining the conversion', () => {
    const script = toPySpark(query('arrow'));
    expect(script).toContain('.parquet("/data/in")');
    expect(script).not.toContain('"arrow"');
    expect(script).toMatch(/# Tidemark: format arrow reads Arrow IPC files; Spark has no Arrow file source/);
  });
});
