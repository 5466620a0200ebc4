/**
 * A micro-batch: a schema plus one vector per field, all of `numRows` rows. Operators
 * consume and produce ColumnBatches; nothing is converted to row objects on the hot path.
 */
import type { StructType } from '../types/struct-type';
import { valueAt } from './values';
import { makeBuilder } from './vector-builder';
import { nullVector, type Vector } from './vector';
import { takeVector, concatVectors } from './vector-ops';

export class ColumnBatch {
  constructor(
    readonly schema: StructType,
    readonly columns: readonly Vector[],
    readonly numRows: number,
  ) {
    if (columns.length !== schema.fields.length) {
      throw new Error(`ColumnBatch: ${columns.length} columns for a schema of ${schema.fields.length} fields`);
    }
  }

  static empty(schema: StructType): ColumnBatch {
    return new ColumnBatch(schema, schema.fields.map((f) => nullVector(f.dataType, 0)), 0);
  }

  /** Builds a batch from row objects keyed by field name (tests, small inputs, sinks). */
  static fromRows(schema: StructType, rows: readonly Record<string, unknown>[]): ColumnBatch {
    const builders = schema.fields.map((f) => makeBuilder(f.dataType));
    for (const row of rows) schema.fields.forEach((f, i) => builders[i].append(row[f.name]));
    return new ColumnBatch(schema, builders.map((b) => b.finish()), rows.length);
  }

  column(name: string): Vector {
    const i = this.schema.fieldIndex(name);
    if (i < 0) throw new Error(`No column ${name} in ${this.schema.simpleString()}`);
    return this.columns[i];
  }

  /** Rows as plain objects keyed by field name (values as `valueAt` returns them). */
  toRows(): Record<string, unknown>[] {
    const names = this.schema.names;
    const out: Record<string, unknown>[] = new Array(this.numRows);
    for (let r = 0; r < this.numRows; r++) {
      const row: Record<string, unknown> = {};
      for (let c = 0; c < names.length; c++) row[names[c]] = valueAt(this.columns[c], r);
      out[r] = row;
    }
    return out;
  }

  /** Rows as arrays in column order. */
  toArrays(): unknown[][] {
    const out: unknown[][] = new Array(this.numRows);
    for (let r = 0; r < this.numRows; r++) out[r] = this.columns.map((c) => valueAt(c, r));
    return out;
  }

  /** Gathers the given rows (in that order). */
  take(indices: Int32Array): ColumnBatch {
    return new ColumnBatch(this.schema, this.columns.map((c) => takeVector(c, indices)), indices.length);
  }

  /** Keeps rows where mask[i] === 1. */
  filter(mask: Uint8Array): ColumnBatch {
    let n = 0;
    for (let i = 0; i < this.numRows; i++) n += mask[i];
    if (n === this.numRows) return this;
    const idx = new Int32Array(n);
    for (let i = 0, j = 0; i < this.numRows; i++) if (mask[i] === 1) idx[j++] = i;
    return this.take(idx);
  }

  slice(start: number, end: number): ColumnBatch {
    const s = Math.max(0, start);
    const e = Math.min(this.numRows, end);
    const idx = new Int32Array(Math.max(0, e - s));
    for (let i = 0; i < idx.length; i++) idx[i] = s + i;
    return this.take(idx);
  }

  /** Same columns under a new schema of equal width (renames, nullability changes). */
  withSchema(schema: StructType): ColumnBatch {
    return new ColumnBatch(schema, this.columns, this.numRows);
  }

  static concat(schema: StructType, batches: readonly ColumnBatch[]): ColumnBatch {
    const nonEmpty = batches.filter((b) => b.numRows > 0);
    if (nonEmpty.length === 0) return ColumnBatch.empty(schema);
    if (nonEmpty.length === 1) return nonEmpty[0].withSchema(schema);
    const total = nonEmpty.reduce((n, b) => n + b.numRows, 0);
    const columns = schema.fields.map((_, c) => concatVectors(nonEmpty.map((b) => b.columns[c]), total));
    return new ColumnBatch(schema, columns, total);
  }
}
