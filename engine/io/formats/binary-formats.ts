/**
 * Formats whose files are binary and self-describing (Parquet, Arrow IPC): they are read
 * whole (their schema sits in a footer or header, so a file's head is not a smaller file),
 * carry no records as text lines, and so have no malformed records, no corrupt-record
 * column and no line numbers.
 */
const BINARY_FORMATS: ReadonlySet<string> = new Set(['parquet', 'arrow']);

export function isBinaryFormat(format: string): boolean {
  return BINARY_FORMATS.has(format.toLowerCase());
}
