/**
 * Compares two engines' micro-batch output, batch by batch.
 *
 * Alignment rule: only batches that produced at least one row are compared, in batch-id
 * order. Both engines must produce the same number of such batches, and the k-th one of
 * each must hold the same rows. Batches without rows (no-data batches that only evict
 * state, data batches whose rows were all late or filtered) are left out on both sides,
 * because whether an engine calls the sink for them is not observable in the result;
 * batch ids are reported but not compared.
 *
 * Within a batch, rows are a multiset: order is free (Spark's shuffle decides it). Column
 * names and types (Spark's simpleString) must agree. Doubles and floats agree within a
 * relative tolerance (absolute near zero); every other value must be equal after
 * canonicalisation (typed-rows.ts). Columns listed as unordered arrays (collect_list,
 * collect_set) have their array elements sorted first on both sides.
 */
import { ArrayType, DataType } from '../../../engine/types/data-types';
import { StructType } from '../../../engine/types/struct-type';
import { sparkType, type CanonicalBatch, type CanonicalColumn } from './typed-rows';

export interface CompareOptions {
  /** Relative tolerance for double/float values (default 1e-9; floats at least 1e-6). */
  readonly floatTolerance?: number;
  readonly unorderedArrays?: readonly string[];
}

export interface BatchComparison {
  readonly equal: boolean;
  readonly differences: string[];
}

const MAX_LISTED = 8;

function isFloatType(t: DataType | null): boolean {
  return t !== null && (t.typeName === 'double' || t.typeName === 'float');
}

/** Splits a value into its exact part (floats replaced by "~") and its float values, in order. */
function split(v: unknown, t: DataType | null, floats: unknown[]): unknown {
  if (v === null) return null;
  if (isFloatType(t)) {
    floats.push(v);
    return '~';
  }
  if (t instanceof StructType && typeof v === 'object') {
    const obj = v as Record<string, unknown>;
    return t.fields.map((f) => split(obj[f.name] ?? null, f.dataType, floats));
  }
  if (t instanceof ArrayType && Array.isArray(v))
    return v.map((x) => split(x, t.elementType, floats));
  return v;
}

function floatsClose(a: unknown, b: unknown, tol: number): boolean {
  if (typeof a === 'number' && typeof b === 'number') {
    if (a === b) return true;
    const scale = Math.max(Math.abs(a), Math.abs(b));
    return Math.abs(a - b) <= tol * Math.max(scale, 1);
  }
  return a === b;
}

function sortedArrays(
  rows: readonly (readonly unknown[])[],
  columns: readonly CanonicalColumn[],
  unordered: readonly string[],
): unknown[][] {
  const idx = columns.map((c, i) => (unordered.includes(c.name) ? i : -1)).filter((i) => i >= 0);
  return rows.map((row) => {
    const out = [...row];
    for (const i of idx) {
      if (Array.isArray(out[i]))
        out[i] = [...(out[i] as unknown[])].sort((a, b) =>
          cmp(JSON.stringify(a), JSON.stringify(b)),
        );
    }
    return out;
  });
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Rows of `a` not matched in `b` and rows of `b` not matched in `a`. */
export function rowMultisetDiff(
  a: readonly (readonly unknown[])[],
  b: readonly (readonly unknown[])[],
  types: readonly (DataType | null)[],
  tolerance: number,
): { onlyInA: unknown[][]; onlyInB: unknown[][] } {
  type Entry = { row: readonly unknown[]; floats: unknown[]; used: boolean };
  const group = (rows: readonly (readonly unknown[])[]): Map<string, Entry[]> => {
    const m = new Map<string, Entry[]>();
    for (const row of rows) {
      const floats: unknown[] = [];
      const key = JSON.stringify(row.map((v, i) => split(v, types[i] ?? null, floats)));
      const list = m.get(key) ?? [];
      list.push({ row, floats, used: false });
      m.set(key, list);
    }
    return m;
  };
  const ga = group(a);
  const gb = group(b);
  const onlyInA: unknown[][] = [];
  for (const [key, entries] of ga) {
    const candidates = gb.get(key) ?? [];
    for (const e of entries) {
      const match = candidates.find(
        (c) =>
          !c.used &&
          c.floats.length === e.floats.length &&
          c.floats.every((f, i) => floatsClose(f, e.floats[i], tolerance)),
      );
      if (match) match.used = true;
      else onlyInA.push([...e.row]);
    }
  }
  const onlyInB = [...gb.values()]
    .flat()
    .filter((e) => !e.used)
    .map((e) => [...e.row]);
  return { onlyInA, onlyInB };
}

function describeColumns(cols: readonly CanonicalColumn[]): string {
  return cols.map((c) => `${c.name}: ${c.type}`).join(', ');
}

function listRows(rows: readonly unknown[][]): string {
  const shown = rows.slice(0, MAX_LISTED).map((r) => `    ${JSON.stringify(r)}`);
  if (rows.length > MAX_LISTED) shown.push(`    … ${rows.length - MAX_LISTED} more`);
  return shown.join('\n');
}

/** Spark's batches are the reference; differences are worded from Tidemark's side. */
export function compareBatches(
  spark: readonly CanonicalBatch[],
  tidemark: readonly CanonicalBatch[],
  options: CompareOptions = {},
): BatchComparison {
  const differences: string[] = [];
  const tolerance = options.floatTolerance ?? 1e-9;
  const unordered = options.unorderedArrays ?? [];

  if (spark.length > 0 && tidemark.length > 0) {
    const s = describeColumns(spark[0].columns);
    const t = describeColumns(tidemark[0].columns);
    if (s !== t) differences.push(`schema differs:\n  Spark:    ${s}\n  Tidemark: ${t}`);
  }

  const sparkOut = spark.filter((b) => b.rows.length > 0);
  const tidemarkOut = tidemark.filter((b) => b.rows.length > 0);
  const ids = (bs: readonly CanonicalBatch[]): string => `[${bs.map((b) => b.batchId).join(', ')}]`;
  if (sparkOut.length !== tidemarkOut.length) {
    differences.push(
      `batches with output: Spark ${sparkOut.length} ${ids(sparkOut)}, Tidemark ${tidemarkOut.length} ${ids(tidemarkOut)}`,
    );
  }
  const n = Math.max(sparkOut.length, tidemarkOut.length);
  for (let k = 0; k < n; k++) {
    const s = sparkOut[k];
    const t = tidemarkOut[k];
    const label = `output batch #${k + 1} (Spark batch ${s?.batchId ?? '-'}, Tidemark batch ${t?.batchId ?? '-'})`;
    const columns = (s ?? t).columns;
    const types = columns.map((c) => sparkType(c.type));
    const floatTol = types.map((ty) =>
      ty?.typeName === 'float' ? Math.max(tolerance, 1e-6) : tolerance,
    );
    const sRows = sortedArrays(s?.rows ?? [], columns, unordered);
    const tRows = sortedArrays(t?.rows ?? [], columns, unordered);
    const { onlyInA, onlyInB } = rowMultisetDiff(
      sRows,
      tRows,
      types,
      Math.max(...floatTol, tolerance),
    );
    if (onlyInA.length > 0 || onlyInB.length > 0) {
      const parts = [`${label}: ${sRows.length} Spark rows, ${tRows.length} Tidemark rows`];
      if (onlyInA.length > 0) parts.push(`  only in Spark:\n${listRows(onlyInA)}`);
      if (onlyInB.length > 0) parts.push(`  only in Tidemark:\n${listRows(onlyInB)}`);
      differences.push(parts.join('\n'));
    }
  }
  return { equal: differences.length === 0, differences };
}
