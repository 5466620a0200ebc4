/**
 * The schema's DDL text form (`Arrival_Time BIGINT, Device STRING NOT NULL`), kept in step
 * with the table editor. Writing it is formatting; reading it only splits the text into
 * fields (top-level commas, a name, an optional `:`, a type, `NOT NULL`, `COMMENT '…'`), as
 * Spark's `StructType.fromDDL` reads them. Whether a type exists is the engine's call: an
 * unknown type comes back from the preview as the engine's error.
 */
import type { SchemaRow } from './draft-schema';

const PLAIN_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** `name TYPE[ NOT NULL]`, comma-separated; names back-quoted when not plain identifiers. */
export function rowsToDDL(rows: readonly SchemaRow[]): string {
  return rows
    .map((r) => {
      const name = PLAIN_NAME.test(r.name) ? r.name : '`' + r.name.replaceAll('`', '``') + '`';
      return `${name} ${caseType(r.type, 'upper')}${r.nullable ? '' : ' NOT NULL'}`;
    })
    .join(', ');
}

export type DDLParse =
  | { readonly ok: true; readonly rows: SchemaRow[] }
  | { readonly ok: false; readonly message: string; readonly position: number };

/** The fields of a DDL text, or where and why it cannot be read. */
export function parseDDLRows(text: string): DDLParse {
  const rows: SchemaRow[] = [];
  if (text.trim() === '') return { ok: true, rows };
  for (const part of splitTopLevel(text)) {
    if (!part.ok) return part;
    const field = readField(part.text, part.offset);
    if (!field.ok) return field;
    rows.push(field.row);
  }
  return { ok: true, rows };
}

type Part =
  | { readonly ok: true; readonly text: string; readonly offset: number }
  | { readonly ok: false; readonly message: string; readonly position: number };

/** Splits at commas outside <…>, (…), back quotes and string literals. */
function splitTopLevel(text: string): Part[] {
  const parts: Part[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '`' || ch === "'" || ch === '"') {
      const close = closingQuote(text, i);
      if (close < 0)
        return [...parts, { ok: false, message: `Unclosed ${ch} quote.`, position: i }];
      i = close;
    } else if (ch === '<' || ch === '(') depth++;
    else if (ch === '>' || ch === ')') {
      if (--depth < 0)
        return [...parts, { ok: false, message: `Unexpected '${ch}'.`, position: i }];
    } else if (ch === ',' && depth === 0) {
      parts.push({ ok: true, text: text.slice(start, i), offset: start });
      start = i + 1;
    }
  }
  if (depth > 0)
    return [
      ...parts,
      { ok: false, message: 'A type is missing its closing >.', position: text.length },
    ];
  parts.push({ ok: true, text: text.slice(start), offset: start });
  return parts;
}

function closingQuote(text: string, open: number): number {
  const q = text[open];
  for (let j = open + 1; j < text.length; j++) {
    if (q !== '`' && text[j] === '\\') j++;
    else if (text[j] === q) {
      if (q === '`' && text[j + 1] === '`') j++;
      else return j;
    }
  }
  return -1;
}

function readField(
  part: string,
  offset: number,
): { ok: true; row: SchemaRow } | { ok: false; message: string; position: number } {
  const lead = part.length - part.trimStart().length;
  const body = part.trim();
  const at = offset + lead;
  if (body === '')
    return { ok: false, message: 'A field is empty (two commas in a row?).', position: at };
  let name: string;
  let rest: string;
  if (body.startsWith('`')) {
    const close = closingQuote(body, 0);
    name = body.slice(1, close).replaceAll('``', '`');
    rest = body.slice(close + 1);
  } else {
    const m = /^[^\s:]+/.exec(body)!;
    name = m[0];
    rest = body.slice(m[0].length);
  }
  rest = rest.trim().replace(/^:\s*/, '');
  const comment = /\s+COMMENT\s+'(?:[^'\\]|\\.)*'\s*$/i.exec(' ' + rest);
  if (comment !== null) rest = (' ' + rest).slice(0, comment.index).trim();
  const notNull = /\s+NOT\s+NULL$/i.exec(' ' + rest);
  if (notNull !== null) rest = (' ' + rest).slice(0, notNull.index).trim();
  if (rest === '')
    return { ok: false, message: `The field ${name} has no type.`, position: at + body.length };
  return { ok: true, row: { name, type: caseType(rest, 'lower'), nullable: notNull === null } };
}

/**
 * DDL keywords are case-insensitive, so atomic types are shown upper-case in the text and
 * lower-case in the table; a nested type is left as typed, because it holds field names.
 */
function caseType(type: string, to: 'upper' | 'lower'): string {
  if (type.includes('<')) return type;
  return to === 'upper' ? type.toUpperCase() : type.toLowerCase();
}
