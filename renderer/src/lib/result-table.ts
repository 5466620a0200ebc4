/**
 * A result table for display: the engine's Arrow IPC bytes (engine/service/arrow-export.ts)
 * decoded once into typed columns, so a 100,000-row table costs a few typed arrays, not
 * 100,000 row objects. Cells are formatted on demand — the grid asks only for the rows on
 * screen — and sorting compares the typed values, never the text.
 *
 * Cells read as Spark's show() prints them (cell-format.ts); numbers are right-aligned as in
 * show(); the Spark type comes from the field metadata the engine writes (`spark.type`).
 */
import { tableFromIPC, Type, type Data, type Vector } from 'apache-arrow';
import { decodeColumn, type DecodedColumn } from './result-columns';

/** How a column's values are kept and compared. */
export type ColumnKind =
  | 'integer'
  | 'long'
  | 'fractional'
  | 'decimal'
  | 'boolean'
  | 'string'
  | 'timestamp'
  | 'date'
  | 'other';

export interface ResultColumn {
  readonly name: string;
  /** Spark's simpleString (`bigint`, `string`, `timestamp`). */
  readonly sparkType: string;
  readonly numeric: boolean;
  readonly kind: ColumnKind;
}

export interface ResultTable {
  readonly columns: readonly ResultColumn[];
  readonly numRows: number;
  isNull(row: number, column: number): boolean;
  /** The cell as Spark's show() prints it (`NULL` for null). */
  text(row: number, column: number): string;
  /** The column's cells lower-cased, built on first use (the filter box reads them). */
  lowerTexts(column: number): readonly string[];
  /**
   * Orders rows `a` and `b` by `column` ascending: nulls first (Spark's ASC NULLS FIRST,
   * SortOrder's default), NaN above every number (Spark's NaN semantics), strings by code
   * point (UTF8String.binaryCompare), nested values by their text.
   */
  compare(column: number, a: number, b: number): number;
}

export function decodeResultTable(ipc: Uint8Array): ResultTable {
  const arrow = tableFromIPC(ipc);
  const numRows = arrow.numRows;
  const decoded: DecodedColumn[] = arrow.schema.fields.map((field, c) => {
    const sparkType = field.metadata.get('spark.type') ?? String(field.type);
    const vector = arrow.getChildAt(c) as Vector | null;
    const chunks = vector === null ? [] : (vector.data as Data[]);
    return decodeColumn(chunks, field.typeId, sparkType, numRows, vector);
  });
  const columns = arrow.schema.fields.map((f, c) => ({
    name: f.name,
    sparkType: decoded[c].sparkType,
    numeric: isNumericType(f.typeId),
    kind: decoded[c].kind,
  }));
  const lower = new Map<number, string[]>();
  return {
    columns,
    numRows,
    isNull: (row, column) => decoded[column].nulls[row] === 1,
    text: (row, column) => decoded[column].text(row),
    lowerTexts(column) {
      let texts = lower.get(column);
      if (texts === undefined) {
        const col = decoded[column];
        texts = Array.from({ length: numRows }, (_, r) => col.text(r).toLowerCase());
        lower.set(column, texts);
      }
      return texts;
    },
    compare(column, a, b) {
      const col = decoded[column];
      const nullA = col.nulls[a] === 1;
      const nullB = col.nulls[b] === 1;
      if (nullA || nullB) return nullA === nullB ? 0 : nullA ? -1 : 1;
      return col.compare(a, b);
    },
  };
}

function isNumericType(typeId: Type): boolean {
  return typeId === Type.Int || typeId === Type.Float || typeId === Type.Decimal;
}
