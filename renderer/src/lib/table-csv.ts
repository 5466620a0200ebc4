/**
 * What a table view shows, as CSV text (RFC 4180): a header line, then one line per row.
 * Fields are quoted only when they must be (a comma, a quote, a line break, or spaces at an
 * end), quotes doubled. NULL and non-finite numbers are empty fields, as Spark's CSV writer
 * writes NULL (nullValue defaults to ""); charts treat those as gaps too (ui-anchors.md c14).
 */

export type CsvValue = string | number | boolean | null | undefined;

export function toCSV(header: readonly string[], rows: readonly (readonly CsvValue[])[]): string {
  const lines = [header.map(csvField).join(',')];
  for (const row of rows) lines.push(row.map(csvField).join(','));
  return `${lines.join('\n')}\n`;
}

export function csvField(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  const text = String(value);
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A file name for an export: letters, digits, dot, dash and underscore only. */
export function exportFileName(base: string, extension: 'csv' | 'png'): string {
  const safe = base.replace(/[^\w.-]+/g, '_').replace(/^[._]+|_+$/g, '') || 'export';
  return `${safe}.${extension}`;
}
