/**
 * Type and schema strings: DDL ("Arrival_Time TIMESTAMP, Device STRING"), type names as
 * Spark's parser accepts them (int/integer, bigint/long, array<...>, struct<...>,
 * map<...>), and Spark's JSON schema form (StructType.fromJson / DataType.fromJson).
 */
import { ParseException } from '../errors';
import {
  ArrayType,
  BinaryType,
  BooleanType,
  ByteType,
  DataType,
  DateType,
  DayTimeIntervalType,
  DecimalType,
  DoubleType,
  FloatType,
  IntegerType,
  LongType,
  MapType,
  NullType,
  ShortType,
  StringType,
  TimestampType,
} from './data-types';
import { StructField, StructType } from './struct-type';

const ATOMIC: Record<string, () => DataType> = {
  string: () => new StringType(),
  varchar: () => new StringType(),
  char: () => new StringType(),
  binary: () => new BinaryType(),
  boolean: () => new BooleanType(),
  bool: () => new BooleanType(),
  tinyint: () => new ByteType(),
  byte: () => new ByteType(),
  smallint: () => new ShortType(),
  short: () => new ShortType(),
  int: () => new IntegerType(),
  integer: () => new IntegerType(),
  bigint: () => new LongType(),
  long: () => new LongType(),
  float: () => new FloatType(),
  real: () => new FloatType(),
  double: () => new DoubleType(),
  timestamp: () => new TimestampType(),
  timestamp_ltz: () => new TimestampType(),
  date: () => new DateType(),
  void: () => new NullType(),
  null: () => new NullType(),
  decimal: () => new DecimalType(10, 0),
  dec: () => new DecimalType(10, 0),
  numeric: () => new DecimalType(10, 0),
};

/** A tiny recursive-descent reader over a type/DDL string. */
class TypeReader {
  pos = 0;
  constructor(readonly text: string) {}

  fail(message: string): never {
    throw new ParseException('PARSE_SYNTAX_ERROR', message, {
      sqlState: '42601',
      context: { text: this.text, start: Math.min(this.pos, this.text.length), stop: this.pos + 1 },
    });
  }
  skipSpace(): void {
    while (this.pos < this.text.length && /\s/.test(this.text[this.pos])) this.pos++;
  }
  peek(): string {
    this.skipSpace();
    return this.text[this.pos] ?? '';
  }
  eat(ch: string): boolean {
    if (this.peek() === ch) {
      this.pos++;
      return true;
    }
    return false;
  }
  expect(ch: string): void {
    if (!this.eat(ch)) this.fail(`Syntax error at or near ${this.describeHere()}: expected '${ch}'.`);
  }
  describeHere(): string {
    return this.pos >= this.text.length ? 'end of input' : `'${this.text.slice(this.pos, this.pos + 12)}'`;
  }
  atEnd(): boolean {
    this.skipSpace();
    return this.pos >= this.text.length;
  }
  /** An identifier: plain word or `back-quoted`. */
  identifier(): string {
    this.skipSpace();
    if (this.text[this.pos] === '`') {
      let out = '';
      this.pos++;
      while (this.pos < this.text.length) {
        const c = this.text[this.pos++];
        if (c === '`') {
          if (this.text[this.pos] === '`') {
            out += '`';
            this.pos++;
            continue;
          }
          return out;
        }
        out += c;
      }
      this.fail('Unclosed back-quoted identifier.');
    }
    const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(this.text.slice(this.pos));
    if (!m) this.fail(`Syntax error at or near ${this.describeHere()}: expected a name.`);
    this.pos += m[0].length;
    return m[0];
  }
  integer(): number {
    this.skipSpace();
    const m = /^\d+/.exec(this.text.slice(this.pos));
    if (!m) this.fail(`Syntax error at or near ${this.describeHere()}: expected a number.`);
    this.pos += m[0].length;
    return Number(m[0]);
  }
  dataType(): DataType {
    const start = this.pos;
    const name = this.identifier().toLowerCase();
    if (name === 'array') {
      this.expect('<');
      const element = this.dataType();
      this.expect('>');
      return new ArrayType(element, true);
    }
    if (name === 'map') {
      this.expect('<');
      const key = this.dataType();
      this.expect(',');
      const value = this.dataType();
      this.expect('>');
      return new MapType(key, value, true);
    }
    if (name === 'struct') {
      this.expect('<');
      const fields: StructField[] = [];
      if (!this.eat('>')) {
        do {
          const fieldName = this.identifier();
          this.eat(':');
          const type = this.dataType();
          const nullable = !this.notNull();
          this.comment();
          fields.push(new StructField(fieldName, type, nullable));
        } while (this.eat(','));
        this.expect('>');
      }
      return new StructType(fields);
    }
    const make = ATOMIC[name];
    if (!make) {
      this.pos = start;
      this.skipSpace();
      throw new ParseException(
        'UNSUPPORTED_DATATYPE',
        `Unsupported data type "${name.toUpperCase()}".`,
        { sqlState: '0A000', context: { text: this.text, start: this.pos, stop: this.pos + name.length } },
      );
    }
    if ((name === 'decimal' || name === 'dec' || name === 'numeric') && this.eat('(')) {
      const precision = this.integer();
      const scale = this.eat(',') ? this.integer() : 0;
      this.expect(')');
      return new DecimalType(precision, scale);
    }
    if ((name === 'varchar' || name === 'char') && this.eat('(')) {
      this.integer();
      this.expect(')');
    }
    return make();
  }
  notNull(): boolean {
    const save = this.pos;
    this.skipSpace();
    if (/^not\s+null\b/i.test(this.text.slice(this.pos))) {
      this.pos += /^not\s+null/i.exec(this.text.slice(this.pos))![0].length;
      return true;
    }
    this.pos = save;
    return false;
  }
  comment(): void {
    this.skipSpace();
    const m = /^comment\s+'((?:[^'\\]|\\.)*)'/i.exec(this.text.slice(this.pos));
    if (m) this.pos += m[0].length;
  }
}

/** Parses a type string as Spark's `DataType.fromDDL`: "int", "array<string>", "struct<a:int>". */
export function parseDataType(text: string): DataType {
  if (/^\s*interval\s+day\s+to\s+second\s*$/i.test(text)) return new DayTimeIntervalType();
  const reader = new TypeReader(text);
  const type = reader.dataType();
  if (!reader.atEnd()) reader.fail(`Syntax error at or near ${reader.describeHere()}.`);
  return type;
}

/**
 * Parses a DDL schema string as Spark's `StructType.fromDDL`:
 * "Arrival_Time TIMESTAMP, Device STRING NOT NULL". A bare type string such as
 * "struct<a:int>" is accepted too.
 */
export function parseDDL(text: string): StructType {
  const trimmed = text.trim();
  if (/^struct\s*</i.test(trimmed)) {
    const t = parseDataType(trimmed);
    if (t instanceof StructType) return t;
  }
  const reader = new TypeReader(text);
  const fields: StructField[] = [];
  if (reader.atEnd()) return new StructType([]);
  do {
    const name = reader.identifier();
    reader.eat(':');
    const type = reader.dataType();
    const nullable = !reader.notNull();
    reader.comment();
    fields.push(new StructField(name, type, nullable));
  } while (reader.eat(','));
  if (!reader.atEnd()) reader.fail(`Syntax error at or near ${reader.describeHere()}.`);
  return new StructType(fields);
}

/** Reads Spark's JSON type form (the output of `DataType.jsonValue`). */
export function dataTypeFromJSON(json: unknown): DataType {
  if (typeof json === 'string') {
    const decimal = /^decimal\((\d+),\s*(\d+)\)$/.exec(json);
    if (decimal) return new DecimalType(Number(decimal[1]), Number(decimal[2]));
    return parseDataType(json);
  }
  if (json && typeof json === 'object') {
    const o = json as Record<string, unknown>;
    switch (o.type) {
      case 'struct':
        return new StructType(
          (o.fields as Record<string, unknown>[]).map(
            (f) =>
              new StructField(
                String(f.name),
                dataTypeFromJSON(f.type),
                f.nullable !== false,
                (f.metadata as Record<string, unknown>) ?? {},
              ),
          ),
        );
      case 'array':
        return new ArrayType(dataTypeFromJSON(o.elementType), o.containsNull !== false);
      case 'map':
        return new MapType(dataTypeFromJSON(o.keyType), dataTypeFromJSON(o.valueType), o.valueContainsNull !== false);
    }
  }
  throw new ParseException('INVALID_JSON_DATA_TYPE', `Failed to convert the JSON string '${JSON.stringify(json)}' to a data type.`, {
    sqlState: '2203G',
  });
}

/** Reads a schema from Spark's JSON form, a DDL string, or a StructType. */
export function toStructType(schema: StructType | string | object): StructType {
  if (schema instanceof StructType) return schema;
  if (typeof schema === 'string') {
    const t = schema.trim();
    if (t.startsWith('{')) return toStructType(JSON.parse(t) as object);
    return parseDDL(t);
  }
  const t = dataTypeFromJSON(schema);
  if (!(t instanceof StructType)) throw new ParseException('INVALID_SCHEMA', `The input schema ${JSON.stringify(schema)} is not a valid schema string.`, { sqlState: '42K07' });
  return t;
}
