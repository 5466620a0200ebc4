/**
 * A result table for display: Arrow IPC bytes (as the engine sends them, see
 * engine/service/arrow-export.ts) decoded once into column headers and formatted cells.
 * Numbers are right-aligned as in Spark's show(); the Spark type comes from the field
 * metadata the engine writes (`spark.type`).
 */
import { tableFromIPC, Type, type Data, type Vector } from 'apache-arrow';
import {
  formatDateMillis,
  formatDouble,
  formatNested,
  formatNull,
  formatTimestampMicros,
} from './cell-format';

export interface ResultColumn {
  readonly name: string;
  /** Spark's simpleString (`bigint`, `string`, `timestamp`). */
  readonly sparkType: string;
  readonly numeric: boolean;
}

export interface ResultTable {
  readonly columns: readonly ResultColumn[];
  /** rows[r][c]: the cell text. */
  readonly rows: readonly (readonly string[])[];
  /** Cells that are NULL (shown dimmed): rows[r][c] for nulls[r * columns + c] === 1. */
  readonly nulls: Uint8Array;
}

export function decodeResultTable(ipc: Uint8Array): ResultTable {
  const table = tableFromIPC(ipc);
  const columns = table.schema.fields.map((f) => {
    const sparkType = f.metadata.get('spark.type') ?? String(f.type);
    return { name: f.name, sparkType, numeric: isNumericType(f.typeId) };
  });
  const width = columns.length;
  const rows: string[][] = Array.from({ length: table.numRows }, () => new Array<string>(width));
  const nulls = new Uint8Array(table.numRows * width);
  table.schema.fields.forEach((field, c) => {
    const vector = table.getChildAt(c);
    if (vector === null) return;
    formatColumn(vector, field.typeId, columns[c].sparkType, (r, text, isNull) => {
      rows[r][c] = text;
      if (isNull) nulls[r * width + c] = 1;
    });
  });
  return { columns, rows, nulls };
}

function isNumericType(typeId: Type): boolean {
  return typeId === Type.Int || typeId === Type.Float || typeId === Type.Decimal;
}

/** Walks a column's chunks, handing each row's text to `put`. */
function formatColumn(
  vector: Vector,
  typeId: Type,
  sparkType: string,
  put: (row: number, text: string, isNull: boolean) => void,
): void {
  let row = 0;
  for (const data of vector.data as Data[]) {
    for (let i = 0; i < data.length; i++, row++) {
      if (!data.getValid(i)) {
        put(row, formatNull(), true);
        continue;
      }
      put(row, formatValue(data, i, typeId, sparkType, vector, row), false);
    }
  }
}

function formatValue(
  data: Data,
  i: number,
  typeId: Type,
  sparkType: string,
  vector: Vector,
  row: number,
): string {
  switch (typeId) {
    case Type.Timestamp:
      // The raw int64 keeps every microsecond; vector.get() would round through milliseconds.
      return formatTimestampMicros((data.values as BigInt64Array)[data.offset + i]);
    case Type.Date:
      return formatDateMillis(vector.get(row) as number);
    case Type.Float:
      // Decimals travel as doubles (engine/service/arrow-types.ts) but print as plain decimals.
      return sparkType.startsWith('decimal')
        ? String(vector.get(row))
        : formatDouble(vector.get(row) as number);
    case Type.Int:
    case Type.Bool:
    case Type.Utf8:
    case Type.Dictionary:
      return String(vector.get(row));
    default:
      return formatNested(vector.get(row));
  }
}
