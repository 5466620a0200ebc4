/**
 * apache-arrow and hyparquet, loaded the first time an Arrow or Parquet file is read or
 * written, not with the engine. Importing them up front put ~4 MB on the heap of every process
 * (a folder of JSON lines included); V8 sizes its first old-generation limit from the live
 * heap after start-up, so that start-up weight was paid several times over in peak memory.
 *
 * The readers are synchronous, so these use require(esm) (Node ≥ 20.19, the engines field):
 * the modules are loaded synchronously and are the same instances `import` gives elsewhere.
 * apache-arrow is required by its ES module's path (its `require` export is a separate
 * CommonJS copy, whose classes would fail the `instanceof` tests against the service's).
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

type ApacheArrow = typeof import('apache-arrow');
type Hyparquet = typeof import('hyparquet');
type HyparquetInternals = {
  readonly assemble: typeof import('hyparquet/src/assemble.js');
  readonly column: typeof import('hyparquet/src/column.js');
  readonly convert: typeof import('hyparquet/src/convert.js');
  readonly schema: typeof import('hyparquet/src/schema.js');
  readonly utils: typeof import('hyparquet/src/utils.js');
};
type HyparquetWriter = typeof import('hyparquet-writer');

const requireHere = createRequire(import.meta.url);

let arrow: ApacheArrow | undefined;
let hyparquet: Hyparquet | undefined;
let internals: HyparquetInternals | undefined;
let writer: HyparquetWriter | undefined;

export function apacheArrow(): ApacheArrow {
  arrow ??= requireHere(join(dirname(requireHere.resolve('apache-arrow')), 'Arrow.node.mjs')) as ApacheArrow;
  return arrow;
}

export function hyparquetModule(): Hyparquet {
  hyparquet ??= requireHere('hyparquet') as Hyparquet;
  return hyparquet;
}

/** The parts of hyparquet that read one column chunk (parquet-column-data.ts). */
export function hyparquetInternals(): HyparquetInternals {
  internals ??= {
    assemble: requireHere('hyparquet/src/assemble.js') as HyparquetInternals['assemble'],
    column: requireHere('hyparquet/src/column.js') as HyparquetInternals['column'],
    convert: requireHere('hyparquet/src/convert.js') as HyparquetInternals['convert'],
    schema: requireHere('hyparquet/src/schema.js') as HyparquetInternals['schema'],
    utils: requireHere('hyparquet/src/utils.js') as HyparquetInternals['utils'],
  };
  return internals;
}

export function hyparquetWriter(): HyparquetWriter {
  writer ??= requireHere('hyparquet-writer') as HyparquetWriter;
  return writer;
}
