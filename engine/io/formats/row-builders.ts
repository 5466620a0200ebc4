/**
 * Column builders for a reader's output schema, fed one staged row at a time. Readers convert
 * a record's values into a small staging array first (so a record that turns out malformed
 * can still be dropped or nulled), then append the row here with typed appends.
 *
 * Columns the plan does not read (column pruning) can be marked `alwaysNull`: they get no
 * builder work per row and come out as one all-NULL vector.
 */
import { ColumnBatch } from '../../batch/column-batch';
import { nullVector } from '../../batch/vector';
import { BoolBuilder, NumericBuilder, StringBuilder, makeBuilder, type VectorBuilder } from '../../batch/vector-builder';
import type { StructType } from '../../types/struct-type';

const enum Append {
  Number,
  String,
  Bool,
  Other,
}

export class RowBuilders {
  readonly builders: VectorBuilder[];
  private readonly appends: Append[];
  private readonly alwaysNull: readonly boolean[];
  numRows = 0;

  /** `alwaysNull[i]`: column i is never given a value (appendRow ignores it). */
  constructor(
    readonly schema: StructType,
    alwaysNull?: readonly boolean[],
  ) {
    this.builders = schema.fields.map((f) => makeBuilder(f.dataType));
    this.appends = this.builders.map((b) =>
      b instanceof NumericBuilder ? Append.Number : b instanceof StringBuilder ? Append.String : b instanceof BoolBuilder ? Append.Bool : Append.Other,
    );
    this.alwaysNull = alwaysNull ?? this.builders.map(() => false);
  }

  /** Appends `values` (one per field; null/undefined = NULL). */
  appendRow(values: readonly unknown[]): void {
    const n = this.builders.length;
    for (let i = 0; i < n; i++) {
      if (this.alwaysNull[i]) continue;
      const v = values[i];
      const b = this.builders[i];
      if (v === null || v === undefined) {
        b.appendNull();
        continue;
      }
      switch (this.appends[i]) {
        case Append.Number:
          (b as NumericBuilder).appendNumber(v as number);
          break;
        case Append.String:
          (b as StringBuilder).appendString(v as string);
          break;
        case Append.Bool:
          (b as BoolBuilder).appendBool(v as boolean);
          break;
        default:
          b.append(v);
      }
    }
    this.numRows++;
  }

  /** Sizes every column that gets values for `rows` rows in all (an estimate is fine). */
  reserve(rows: number): void {
    for (let i = 0; i < this.builders.length; i++) if (!this.alwaysNull[i]) this.builders[i].reserve?.(rows);
  }

  finish(): ColumnBatch {
    const n = this.numRows;
    const columns = this.builders.map((b, i) => (this.alwaysNull[i] && n > 0 ? nullVector(b.type, n) : b.finish()));
    return new ColumnBatch(this.schema, columns, n);
  }
}
