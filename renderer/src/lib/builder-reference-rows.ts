/**
 * Inline reference rows as the join inspector types them: one JSON array per line
 * (`["nexus4_1", "ann"]`), values by position in the reference schema. Only the JSON is
 * checked here; whether the values fit the schema's types is the engine's to say.
 */

export type ParsedRows =
  | { readonly ok: true; readonly rows: unknown[][] }
  | { readonly ok: false; readonly problem: string };

export function parseRowLines(text: string): ParsedRows {
  const rows: unknown[][] = [];
  for (const [i, line] of text.split('\n').entries()) {
    if (line.trim() === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      return { ok: false, problem: `Line ${i + 1} is not JSON: write a row as ["a", 1, true].` };
    }
    if (!Array.isArray(value))
      return { ok: false, problem: `Line ${i + 1} is not an array of values.` };
    if (!value.every((v) => v === null || ['string', 'number', 'boolean'].includes(typeof v)))
      return {
        ok: false,
        problem: `Line ${i + 1}: values are strings, numbers, booleans or null.`,
      };
    rows.push(value);
  }
  return { ok: true, rows };
}

export function rowLines(rows: readonly (readonly unknown[])[]): string {
  return rows.map((r) => JSON.stringify(r)).join('\n');
}
