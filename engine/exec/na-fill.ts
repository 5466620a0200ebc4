/**
 * na.fill: coalesce(col, value) per chosen column, NaN replaced too in float/double
 * columns (DataFrameNaFunctions.fillCol). Values arrive already cast to the column's
 * type by the analyzer. State: none. Cost: one new vector per filled column that has
 * nulls or NaN; untouched columns are shared.
 */
import { ColumnBatch } from '../batch/column-batch';
import type { Vector } from '../batch/vector';
import type { NaFillColumn } from '../plan/resolved-plan';
import type { StructType } from '../types/struct-type';
import type { ExecContext, Operator } from './operator';

export class NaFillExec implements Operator {
  constructor(
    private readonly input: Operator,
    private readonly fills: readonly NaFillColumn[],
    readonly schema: StructType,
  ) {}

  execute(ctx: ExecContext): ColumnBatch {
    const batch = this.input.execute(ctx);
    if (batch.numRows === 0) return batch.withSchema(this.schema);
    const columns = [...batch.columns];
    for (const f of this.fills)
      columns[f.index] = fillVector(columns[f.index], f.value, batch.numRows);
    return new ColumnBatch(this.schema, columns, batch.numRows);
  }
}

function fillVector(v: Vector, value: number | string | boolean, n: number): Vector {
  const validity = v.validity;
  switch (v.storage) {
    case 'float64': {
      const isFloating = v.type.typeName === 'double' || v.type.typeName === 'float';
      let touched = validity !== null;
      if (!touched && isFloating)
        for (let i = 0; i < n && !touched; i++) touched = v.values[i] !== v.values[i];
      if (!touched) return v;
      const values = new Float64Array(v.values.subarray(0, n));
      const x = value as number;
      for (let i = 0; i < n; i++)
        if ((validity !== null && validity[i] === 0) || (isFloating && values[i] !== values[i]))
          values[i] = x;
      return { ...v, validity: null, values };
    }
    case 'int32': {
      if (validity === null) return v;
      const values = new Int32Array(v.values.subarray(0, n));
      for (let i = 0; i < n; i++) if (validity[i] === 0) values[i] = value as number;
      return { ...v, validity: null, values };
    }
    case 'bool': {
      if (validity === null) return v;
      const values = new Uint8Array(v.values.subarray(0, n));
      for (let i = 0; i < n; i++) if (validity[i] === 0) values[i] = value ? 1 : 0;
      return { ...v, validity: null, values };
    }
    case 'string': {
      if (validity === null) return v;
      const s = value as string;
      let code = v.dict.indexOf(s);
      const dict = code >= 0 ? v.dict : [...v.dict, s];
      if (code < 0) code = dict.length - 1;
      const codes = new Int32Array(v.codes.subarray(0, n));
      for (let i = 0; i < n; i++) if (validity[i] === 0) codes[i] = code;
      return { ...v, validity: null, codes, dict };
    }
    default:
      return v;
  }
}
