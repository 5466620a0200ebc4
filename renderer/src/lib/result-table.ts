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
import { decodeColumnSteps, type DecodedColumn } from './result-columns';

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
  const decoding = startDecoding(ipc);
  for (let c = 0; c < decoding.numColumns; c++) {
    const steps = decoding.decode(c);
    while (steps.next().done !== true);
  }
  return decoding.table();
}

/**
 * The same table, decoded a slice per task: `pause` runs between slices of at most
 * DECODE_STEP_ROWS rows of one column (and after the IPC is read), so a 1M-row table, whose
 * whole decode takes several hundred ms, never holds the page's main thread for longer
 * than one slice — a whole column of 1M rows took 35–70 ms (the long-task target of issue
 * 8: no task over 50 ms while the engine catches up).
 */
export async function decodeResultTableInSlices(
  ipc: Uint8Array,
  pause: () => Promise<void>,
  stepRows?: number,
): Promise<ResultTable> {
  const decoding = startDecoding(ipc, stepRows);
  for (let c = 0; c < decoding.numColumns; c++) {
    const steps = decoding.decode(c);
    do await pause();
    while (steps.next().done !== true);
  }
  return decoding.table();
}

interface Decoding {
  readonly numColumns: number;
  /** Decodes column `column` as its steps are taken. */
  decode(column: number): Generator<void, void, void>;
  table(): ResultTable;
}

function startDecoding(ipc: Uint8Array, stepRows?: number): Decoding {
  const arrow = tableFromIPC(ipc);
  const numRows = arrow.numRows;
  const fields = arrow.schema.fields;
  const decoded: DecodedColumn[] = [];
  return {
    numColumns: fields.length,
    *decode(c) {
      const field = fields[c];
      const sparkType = field.metadata.get('spark.type') ?? String(field.type);
      const vector = arrow.getChildAt(c) as Vector | null;
      const chunks = vector === null ? [] : (vector.data as Data[]);
      decoded[c] = yield* decodeColumnSteps(chunks, field.typeId, sparkType, numRows, vector, stepRows);
    },
    table: () => resultTable(fields, decoded, numRows),
  };
}

function resultTable(
  fields: readonly { readonly name: string; readonly typeId: Type }[],
  decoded: readonly DecodedColumn[],
  numRows: number,
): ResultTable {
  const columns = fields.map((f, c) => ({
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
