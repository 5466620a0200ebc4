/**
 * What JSON and CSV share from Spark's FailureSafeParser: the corrupt-record column (only a
 * nullable STRING field named exactly like `columnNameOfCorruptRecord` receives the raw text,
 * ExprUtils.verifyColumnNameOfCorruptRecord) and the FAILFAST error.
 */
import { AnalysisException, SparkRuntimeException } from '../../errors';
import { StringType } from '../../types/data-types';
import type { StructType } from '../../types/struct-type';

/** Index of the corrupt-record column, or -1 when the schema has no field of that name. */
export function corruptColumnIndex(schema: StructType, name: string): number {
  const i = schema.fieldIndex(name);
  if (i < 0) return -1;
  const f = schema.fields[i];
  if (!(f.dataType instanceof StringType) || !f.nullable) {
    throw new AnalysisException(
      'INVALID_CORRUPT_RECORD_TYPE',
      `The column ${'`' + name + '`'} for corrupt records must have the nullable STRING type, but got ${f.dataType.simpleString().toUpperCase()}${f.nullable ? '' : ' NOT NULL'}.`,
      { messageParameters: { columnName: name, actualType: f.dataType.simpleString().toUpperCase() }, sqlState: '42804' },
    );
  }
  return i;
}

/** Longest bad record quoted in a message; the file and line say where the rest is. */
export const MAX_QUOTED_RECORD = 1000;

/** MALFORMED_RECORD_IN_PARSING.WITHOUT_SUGGESTION, pointing at the file and line. */
export function malformedRecordError(record: string, file: string, line: number): SparkRuntimeException {
  // A 100 MB bad line must not become a 100 MB message (logs, progress, the app's error panel).
  const quoted =
    record.length <= MAX_QUOTED_RECORD
      ? record
      : `${record.slice(0, MAX_QUOTED_RECORD)}… (${record.length - MAX_QUOTED_RECORD} more characters)`;
  return new SparkRuntimeException(
    'MALFORMED_RECORD_IN_PARSING.WITHOUT_SUGGESTION',
    `Malformed records are detected in record parsing: ${quoted}.\n` +
      "Parse Mode: FAILFAST. To process malformed records as null result, try setting the option 'mode' as 'PERMISSIVE'.",
    { messageParameters: { badRecord: quoted, failFastMode: 'FAILFAST' }, sqlState: '22023', context: { file, line } },
  );
}
