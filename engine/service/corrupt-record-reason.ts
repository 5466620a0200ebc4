/**
 * Why a record is corrupt, in the user's terms. The readers only say *that* a record is bad
 * (FailureSafeParser keeps its text, not the cause), so the cause is found by asking the
 * same machinery again: the reader's own JSON tokenizer for syntax, then the real reader
 * on the record alone, converting one field at a time (`requiredColumns`), to name the
 * field whose value does not fit its type. Messages follow Spark's where Spark has one:
 * JacksonParser's CANNOT_PARSE_JSON_FIELD, UnivocityParser's "Malformed CSV record".
 */
import type { ReaderConf } from '../io/formats/format';
import { csvOptions } from '../io/formats/csv-options';
import { CsvTokenizer } from '../io/formats/csv-tokenizer';
import { JSON_SYNTAX, JsonCursor } from '../io/formats/json-cursor';
import { jsonReadOptions } from '../io/formats/json-options';
import { readerFor } from '../io/formats/registry';
import type { FormatReader } from '../io/formats/format';
import type { StructField, StructType } from '../types/struct-type';
import { withOption } from './option-suggestion';

export class CorruptRecordDiagnosis {
  private readonly reader: FormatReader;

  /**
   * `options` are the preview's (PERMISSIVE); `schema` is the read schema, which holds the
   * corrupt-record column `corruptColumn`.
   */
  constructor(
    private readonly format: string,
    private readonly options: Readonly<Record<string, string>>,
    private readonly conf: ReaderConf,
    private readonly schema: StructType,
    private readonly corruptColumn: string,
  ) {
    // The record is read on its own: a CSV header would swallow it.
    this.reader = readerFor(format, withOption(options, 'header', 'false'), conf);
  }

  reason(record: string): string {
    if (this.format === 'json') {
      return (
        this.syntaxReason(record) ??
        this.fieldReason(record, (f) => jsonFieldMessage(f, topLevelValue(record, f.name)))
      );
    }
    const tokens = new CsvTokenizer(record, csvOptions(this.options, this.conf)).next() ?? [];
    const expected = this.dataFields().length;
    if (tokens.length !== expected) {
      return `Malformed CSV record: expected ${expected} value${expected === 1 ? '' : 's'}, found ${tokens.length}.`;
    }
    return this.fieldReason(record, (f, i) => {
      const token = tokens[i];
      return `Cannot parse ${token === null || token === undefined ? 'an empty value' : JSON.stringify(token)} as ${typeName(f)} for column \`${f.name}\`.`;
    });
  }

  private dataFields(): StructField[] {
    return this.schema.fields.filter((f) => f.name !== this.corruptColumn);
  }

  /** JSON that does not tokenize, or is not an object (or array of objects): null when it is fine. */
  private syntaxReason(record: string): string | null {
    const cursor = new JsonCursor(record, jsonReadOptions(this.options, this.conf));
    cursor.reset(0, record.length);
    let first = -1;
    try {
      first = cursor.skipWs();
      if (first !== -1) cursor.skipValue();
    } catch (e) {
      if (e !== JSON_SYNTAX) throw e;
      return syntaxMessage(record, cursor.pos);
    }
    if (first !== 123 && first !== 91) {
      return `Not a JSON object: each record must be an object (or an array of objects), this one is ${JSON.stringify(shorten(record.trim(), 40))}.`;
    }
    if (first === 91 && this.isBad(record, [this.corruptColumn])) {
      return 'Not a JSON object: an element of this top-level array is not an object.';
    }
    return null;
  }

  /** The fields whose value does not convert, each described by `describe`. */
  private fieldReason(
    record: string,
    describe: (f: StructField, position: number) => string,
  ): string {
    const reasons = this.dataFields()
      .map((f, i) => (this.isBad(record, [f.name, this.corruptColumn]) ? describe(f, i) : null))
      .filter((r): r is string => r !== null);
    return reasons.length > 0 ? reasons.join(' ') : 'The record does not match the schema.';
  }

  private isBad(record: string, requiredColumns: readonly string[]): boolean {
    const data = new TextEncoder().encode(record);
    return this.reader.read('record', data, this.schema, requiredColumns).numCorruptRecords > 0;
  }
}

/**
 * JacksonParser's CANNOT_PARSE_JSON_FIELD. The value is shown when standard JSON can read the
 * record (records using Spark's lenient syntax, e.g. single quotes, get the message without it).
 */
function jsonFieldMessage(f: StructField, found: { value: unknown } | null): string {
  if (found === null)
    return `Cannot parse the field name '${f.name}' to target Spark data type ${typeName(f)}.`;
  const v = found.value;
  const text = typeof v === 'string' ? v : JSON.stringify(v);
  return `Cannot parse the field name '${f.name}' and the value ${shorten(text, 80)} of the JSON token type ${jsonTokenType(v)} to target Spark data type ${typeName(f)}.`;
}

/** Jackson's JsonToken name for a parsed value. */
function jsonTokenType(v: unknown): string {
  if (typeof v === 'string') return 'VALUE_STRING';
  if (typeof v === 'number') return Number.isInteger(v) ? 'VALUE_NUMBER_INT' : 'VALUE_NUMBER_FLOAT';
  if (typeof v === 'boolean') return v ? 'VALUE_TRUE' : 'VALUE_FALSE';
  if (v === null) return 'VALUE_NULL';
  return Array.isArray(v) ? 'START_ARRAY' : 'START_OBJECT';
}

/** The record's top-level field `name`, when the record is a standard JSON object that has it. */
function topLevelValue(record: string, name: string): { value: unknown } | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(record);
  } catch {
    return null;
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return null;
  return Object.prototype.hasOwnProperty.call(parsed, name)
    ? { value: (parsed as Record<string, unknown>)[name] }
    : null;
}

function typeName(f: StructField): string {
  return `"${f.dataType.simpleString().toUpperCase()}"`;
}

function syntaxMessage(record: string, cursorPos: number): string {
  const pos = exactSyntaxPosition(record, cursorPos);
  if (pos >= record.trimEnd().length) {
    return 'Malformed JSON: the record ends before its object, array or string is closed.';
  }
  const from = Math.max(0, pos - 20);
  const snippet =
    (from > 0 ? '…' : '') + record.slice(from, pos + 20) + (pos + 20 < record.length ? '…' : '');
  return `Malformed JSON at column ${pos + 1} (unexpected '${record[pos]}'): ${snippet}`;
}

/**
 * The tokenizer stops at or just after the offending character. Where the record is
 * standard JSON up to there, JSON.parse names the exact offset; it is used when it agrees.
 */
function exactSyntaxPosition(record: string, cursorPos: number): number {
  try {
    JSON.parse(record);
  } catch (e) {
    const m = /at position (\d+)/.exec((e as Error).message);
    if (m !== null && Math.abs(Number(m[1]) - cursorPos) <= 1) return Number(m[1]);
  }
  return Math.min(cursorPos, record.length);
}

function shorten(text: string, max: number): string {
  return text.length <= max ? text : text.slice(0, max) + '…';
}
