/**
 * The runtime shape check of a join step's reference side (JoinReference), for
 * validate-request.ts: files to read statically, or rows typed inline. Whether the files
 * exist or the rows fit the DDL is the engine's to say, as an analysis error on the step.
 */

const MAX_PATH = 4096;

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/** Why `x` is not a JoinReference (named as `what`), or null when it is one. */
export function joinReferenceProblem(x: unknown, what: string): string | null {
  if (!isRecord(x))
    return `${what} must be { kind: 'files', source } or { kind: 'rows', schema, rows }`;
  if (x.kind === 'rows') {
    if (typeof x.schema !== 'string') return `${what}.schema must be a DDL string`;
    const rows = x.rows;
    if (!Array.isArray(rows) || !rows.every((r) => Array.isArray(r)))
      return `${what}.rows must be an array of rows (arrays of values)`;
    const scalar = (v: unknown): boolean =>
      v === null || ['string', 'number', 'boolean'].includes(typeof v);
    return rows.every((r: unknown[]) => r.every(scalar))
      ? null
      : `${what}.rows may hold only strings, numbers, booleans and nulls`;
  }
  if (x.kind !== 'files') return `${what}.kind must be files or rows`;
  const s = x.source;
  if (!isRecord(s)) return `${what}.source must be { path, format, schema, options }`;
  if (typeof s.path !== 'string' || s.path === '' || s.path.length > MAX_PATH)
    return `${what}.source.path must be a path`;
  if (typeof s.format !== 'string' || s.format === '')
    return `${what}.source.format must be a string`;
  if (s.schema !== null && !isRecord(s.schema) && typeof s.schema !== 'string')
    return `${what}.source.schema must be null, a DDL string or a StructType JSON object`;
  const options = s.options;
  return isRecord(options) && Object.values(options).every((v) => typeof v === 'string')
    ? null
    : `${what}.source.options must map option names to strings`;
}
