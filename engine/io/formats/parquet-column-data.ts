/**
 * Synchronous decoding of one top-level Parquet column from a whole file held in memory.
 * Format readers are synchronous (format.ts) while hyparquet's public read API is async, so
 * this drives hyparquet's own page decoder (readColumn) and nested assembly (assembleNested)
 * directly, as its readRowGroup/assembleAsync do, one row group at a time.
 *
 * Values come back as hyparquet decodes them, except that the parsers below keep dates as
 * days and timestamps as microseconds since the epoch (Tidemark's column representation),
 * and unannotated BYTE_ARRAY stays binary (Spark's binaryAsString=false).
 */
import type { FileMetaData, ParquetParsers, SchemaTree } from 'hyparquet';
import type { assembleNested } from 'hyparquet/src/assemble.js';
import { hyparquetInternals } from './format-libraries';

let parsers: ParquetParsers | undefined;

/** hyparquet's parsers with Tidemark's date and timestamp representations (built on first use). */
const tidemarkParsers = (): ParquetParsers => (parsers ??= {
  ...hyparquetInternals().convert.DEFAULT_PARSERS,
  timestampFromMilliseconds: (millis: bigint) => Number(millis) * 1000,
  timestampFromMicroseconds: (micros: bigint) => Number(micros),
  // INT96 and NANOS: truncated to microseconds, Spark's precision.
  timestampFromNanoseconds: (nanos: bigint) => Number(nanos / 1000n) - (nanos < 0n && nanos % 1000n !== 0n ? 1 : 0),
  dateFromDays: (days: number) => days,
});

/** All values of top-level column `node` (a child of the schema root), row by row. */
export function readTopLevelColumn(
  buffer: ArrayBuffer,
  metadata: FileMetaData,
  tree: SchemaTree,
  node: SchemaTree,
): unknown[] {
  const { assemble, column, schema, utils } = hyparquetInternals();
  const PARSERS = tidemarkParsers();
  const name = node.element.name;
  const out: unknown[] = [];
  for (const group of metadata.row_groups) {
    const groupRows = Number(group.num_rows);
    const leaves = new Map<string, unknown[]>();
    for (const chunk of group.columns) {
      const meta = chunk.meta_data;
      if (meta === undefined) throw new Error('parquet column metadata is undefined');
      if (meta.path_in_schema[0] !== name) continue;
      const schemaPath = schema.getTreePath(tree, meta.path_in_schema);
      const start = Number(meta.dictionary_page_offset || meta.data_page_offset);
      const end = start + Number(meta.total_compressed_size);
      if (start < 0 || end > buffer.byteLength) throw new Error(`parquet column ${meta.path_in_schema.join('.')} lies outside the file`);
      const decoder = {
        pathInSchema: meta.path_in_schema,
        element: schemaPath[schemaPath.length - 1].element,
        schemaPath,
        type: meta.type,
        codec: meta.codec,
        parsers: PARSERS,
        utf8: false,
      };
      const reader = { view: new DataView(buffer, start, end - start), offset: 0 };
      const { data } = column.readColumn(reader, { groupStart: 0, selectStart: 0, selectEnd: groupRows, groupRows }, decoder);
      leaves.set(meta.path_in_schema.join('.'), Array.from(utils.flatten(data) as ArrayLike<unknown>).slice(0, groupRows));
    }
    if (node.children.length === 0) {
      const values = leaves.get(name) ?? [];
      for (let r = 0; r < groupRows; r++) out.push(values[r] ?? null);
      continue;
    }
    const sub = leaves as unknown as Map<string, Parameters<typeof assembleNested>[0] extends Map<string, infer V> ? V : never>;
    assemble.assembleNested(sub, node, PARSERS);
    const assembled = (sub.get(name) ?? []) as ArrayLike<unknown>;
    for (let r = 0; r < groupRows; r++) out.push(assembled[r] ?? null);
  }
  return out;
}
