/**
 * Hashes a batch's grouping keys to dense group ids 0..numGroups-1 without building a
 * row object per row. Each key column is first turned into per-row integer codes — the
 * value itself for int/bool, the (normalised) double for float64, a code in the
 * operator's global string dictionary for strings (the batch dictionary is remapped
 * once, not per row), JSON text for nested values — and the columns are folded
 * pairwise into dense ids (id = dense(prevId × cardinality + code)).
 */
import type { Vector } from '../../batch/vector';
import { T } from '../../types/data-types';
import { valueAt } from '../../batch/values';
import { encodeStateKey } from './state-key';
import { Float64CodeTable } from './float64-code-table';

/** Largest (groups × codes) product folded through a lookup table instead of a Map (16 MiB). */
const DENSE_TABLE_MAX = 1 << 22;

export interface GroupIds {
  /**
   * Group id per row. A view of the encoder's own buffer: valid until its next `encode` (every
   * caller reads it within the batch), so a stream of batches reuses one allocation.
   */
  readonly gids: Int32Array;
  readonly numGroups: number;
  /** A row of each group (its first), to read the key values from. */
  readonly firstRow: Int32Array;
}

/**
 * Row-sized buffers kept from batch to batch: a fresh set per batch (a code, id and table array
 * per key column, ~6 MB for 100k rows and a window key) was freed memory that glibc's
 * malloc keeps rather than returning, so the process grew by several batches' worth.
 */
class Scratch {
  private buffers: Int32Array[] = [new Int32Array(0), new Int32Array(0), new Int32Array(0), new Int32Array(0)];

  /** Buffer `slot` with room for `n` values (contents undefined). */
  get(slot: number, n: number): Int32Array {
    let b = this.buffers[slot];
    if (b.length < n) this.buffers[slot] = b = new Int32Array(Math.max(n, Math.ceil(b.length * 1.5)));
    return b;
  }
}

const CODES = 0;
const IDS_A = 1;
const IDS_B = 2;
const TABLE = 3;

export class GroupKeyEncoder {
  /** Per key column: global string dictionary (string columns only). */
  private readonly globalDicts = new Map<number, Map<string, number>>();
  /** Per key column (after flattening): the per-batch codes of its values. */
  private readonly codeTables = new Map<number, Float64CodeTable>();
  private readonly scratch = new Scratch();

  encode(keys: readonly Vector[], numRows: number): GroupIds {
    if (keys.length === 0) {
      // A global aggregate has exactly one group, even over no rows (SPARK-21977).
      return {
        gids: new Int32Array(numRows),
        numGroups: 1,
        firstRow: new Int32Array([numRows > 0 ? 0 : -1]),
      };
    }
    const flat = flattenStructKeys(keys);
    if (flat.length === 1) return this.singleColumn(flat[0], numRows);
    let ids = this.scratch.get(IDS_A, numRows);
    ids.fill(0, 0, numRows);
    let spare = this.scratch.get(IDS_B, numRows);
    let numGroups = 1;
    let firstRow = new Int32Array(numRows > 0 ? 1 : 0);
    flat.forEach((v, c) => {
      const codes = this.columnCodes(v, c, numRows);
      const next = spare;
      const first: number[] = [];
      const space = numGroups * codes.cardinality;
      // Bounded by the rows too, so a small batch over many groups does not clear a large table.
      if (space <= DENSE_TABLE_MAX && space <= 4 * numRows + 4096) {
        // ids < numGroups and codes < cardinality: the pair indexes a table, no hashing.
        const table = this.scratch.get(TABLE, space);
        table.fill(-1, 0, space);
        const cc = codes.codes;
        const card = codes.cardinality;
        for (let i = 0; i < numRows; i++) {
          const k = ids[i] * card + cc[i];
          let d = table[k];
          if (d < 0) {
            d = table[k] = first.length;
            first.push(i);
          }
          next[i] = d;
        }
      } else {
        const dense = new Map<number, number>();
        for (let i = 0; i < numRows; i++) {
          const k = ids[i] * codes.cardinality + codes.codes[i];
          let d = dense.get(k);
          if (d === undefined) {
            d = first.length;
            dense.set(k, d);
            first.push(i);
          }
          next[i] = d;
        }
      }
      spare = ids;
      ids = next;
      numGroups = first.length;
      firstRow = Int32Array.from(first);
    });
    return { gids: ids.subarray(0, numRows), numGroups, firstRow };
  }

  /**
   * One key column: its codes are already dense group ids in first-seen order (every code
   * source hands them out that way), so they are the answer without the pairwise fold.
   */
  private singleColumn(v: Vector, numRows: number): GroupIds {
    const { codes } = this.columnCodes(v, 0, numRows);
    const first: number[] = [];
    for (let i = 0; i < numRows; i++) if (codes[i] === first.length) first.push(i);
    return { gids: codes.subarray(0, numRows), numGroups: first.length, firstRow: Int32Array.from(first) };
  }

  private columnCodes(
    v: Vector,
    column: number,
    n: number,
  ): { codes: Int32Array; cardinality: number } {
    const codes = this.scratch.get(CODES, n);
    const validity = v.validity;
    switch (v.storage) {
      case 'bool':
      case 'int32':
      case 'float64': {
        const table = this.tableFor(column);
        const values = v.values;
        for (let i = 0; i < n; i++) {
          if (validity !== null && validity[i] === 0) codes[i] = table.nullCode();
          // SameValueZero: NaN meets NaN, -0 meets 0, as Spark groups them.
          else codes[i] = table.codeOf(values[i]);
        }
        return { codes, cardinality: Math.max(1, table.size) };
      }
      case 'string': {
        const table = this.tableFor(column);
        let dict = this.globalDicts.get(column);
        if (!dict) this.globalDicts.set(column, (dict = new Map()));
        const remap = new Int32Array(v.dict.length);
        for (let d = 0; d < v.dict.length; d++) {
          let g = dict.get(v.dict[d]);
          if (g === undefined) {
            g = dict.size;
            dict.set(v.dict[d], g);
          }
          remap[d] = g;
        }
        // One hash lookup per dictionary entry; rows then only index arrays.
        const byEntry = new Int32Array(v.dict.length).fill(-1);
        stringRowCodes(codes, v.codes, validity, n, byEntry, remap, table);
        return { codes, cardinality: Math.max(1, table.size) };
      }
      default: {
        const local = new Map<string | null, number>();
        const codeOf = (key: string | null): number => {
          let c = local.get(key);
          if (c === undefined) {
            c = local.size;
            local.set(key, c);
          }
          return c;
        };
        for (let i = 0; i < n; i++)
          codes[i] = validity !== null && validity[i] === 0 ? codeOf(null) : codeOf(encodeStateKey([valueAt(v, i)]));
        return { codes, cardinality: Math.max(1, local.size) };
      }
    }
  }

  /** The column's code table, emptied for this batch (kept across batches: no per-batch allocation). */
  private tableFor(column: number): Float64CodeTable {
    let table = this.codeTables.get(column);
    if (table === undefined) this.codeTables.set(column, (table = new Float64CodeTable()));
    else table.reset();
    return table;
  }
}

/**
 * Codes of a dictionary-encoded column's rows: the first row of each dictionary entry asks the
 * table, the others read `byEntry`. Its own small function, so V8 compiles the row loop alone.
 */
function stringRowCodes(
  codes: Int32Array,
  rowCodes: Int32Array,
  validity: Uint8Array | null,
  n: number,
  byEntry: Int32Array,
  remap: Int32Array,
  table: Float64CodeTable,
): void {
  for (let i = 0; i < n; i++) {
    if (validity !== null && validity[i] === 0) {
      codes[i] = table.nullCode();
      continue;
    }
    const d = rowCodes[i];
    let c = byEntry[d];
    if (c < 0) c = byEntry[d] = table.codeOf(remap[d]);
    codes[i] = c;
  }
}

/**
 * A struct key whose fields are all primitive (a `window` column) is hashed field by field,
 * so window grouping stays on typed arrays; a NULL struct gets its own code column.
 */
function flattenStructKeys(keys: readonly Vector[]): Vector[] {
  const out: Vector[] = [];
  for (const v of keys) {
    if (v.storage !== 'struct' || v.children.some((c) => c.storage === 'struct' || c.storage === 'object')) {
      out.push(v);
      continue;
    }
    if (v.validity !== null)
      out.push({ storage: 'bool', type: T.boolean, length: v.length, validity: null, values: v.validity });
    for (const c of v.children) {
      if (v.validity === null) out.push(c);
      else {
        // Fields under a NULL struct are meaningless: mask them so equal NULL structs group together.
        const validity = new Uint8Array(v.length);
        for (let i = 0; i < v.length; i++) validity[i] = v.validity[i] & (c.validity === null ? 1 : c.validity[i]);
        out.push({ ...c, validity } as Vector);
      }
    }
  }
  return out;
}
