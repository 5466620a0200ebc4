/** Shared test harness: parse an expression, bind it to a schema, evaluate it over rows. */
import { ColumnBatch } from '../../../engine/batch/column-batch';
import { valueAt } from '../../../engine/batch/values';
import { bindExpr, parseExpr, type ExprConf } from '../../../engine/expr/index';
import { parseDDL } from '../../../engine/types/ddl';
import type { DataType } from '../../../engine/types/data-types';

export const ANSI: ExprConf = { caseSensitive: false, ansi: true, timeZone: 'UTC' };
export const LEGACY: ExprConf = { caseSensitive: false, ansi: false, timeZone: 'UTC' };

export const SCHEMA = 'i INT, j INT, l BIGINT, d DOUBLE, s STRING, t STRING, b BOOLEAN, ts TIMESTAMP, dt DATE';

/** Evaluates `text` over `rows` (default: one row of nulls) and returns the column values. */
export function evalRows(text: string, rows: Record<string, unknown>[] = [{}], conf: ExprConf = ANSI, ddl = SCHEMA): unknown[] {
  const schema = parseDDL(ddl);
  const batch = ColumnBatch.fromRows(schema, rows);
  const bound = bindExpr(parseExpr(text), schema, { ...conf, sourceText: text });
  const v = bound.evaluate(batch, { batchTimestampUs: 1_700_000_000_000_000 });
  return Array.from({ length: batch.numRows }, (_, i) => valueAt(v, i));
}

/** Evaluates a constant expression (no input columns) once. */
export function evalOne(text: string, conf: ExprConf = ANSI): unknown {
  return evalRows(text, [{}], conf)[0];
}

export function typeOf(text: string, conf: ExprConf = ANSI, ddl = SCHEMA): DataType {
  return bindExpr(parseExpr(text), parseDDL(ddl), conf).dataType;
}

/** The thrown error (fails the test when nothing is thrown). */
export function errorOf(f: () => unknown): Error & { errorClass?: string; sqlState?: string } {
  try {
    f();
  } catch (e) {
    return e as Error & { errorClass?: string };
  }
  throw new Error('expected an error');
}
