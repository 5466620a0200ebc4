/**
 * Spark data types as Tidemark TypeScript API code (`new TimestampType()`), and a schema
 * as `new StructType().add('name', new Type(), true)` with one field per line, as the
 * lab's hands-on 1 builds its schema.
 */
import { ArrayType, DecimalType, MapType, type DataType } from '../types/data-types';
import { StructType, type StructField } from '../types/struct-type';
import { tsStr } from './typescript-literals';

/** The API class of each type, by typeName (not constructor.name, which bundlers may rename). */
const TYPE_CLASSES: Readonly<Record<string, string>> = {
  string: 'StringType',
  binary: 'BinaryType',
  boolean: 'BooleanType',
  byte: 'ByteType',
  short: 'ShortType',
  integer: 'IntegerType',
  long: 'LongType',
  float: 'FloatType',
  double: 'DoubleType',
  decimal: 'DecimalType',
  timestamp: 'TimestampType',
  date: 'DateType',
  'interval day to second': 'DayTimeIntervalType',
  void: 'NullType',
  array: 'ArrayType',
  map: 'MapType',
  struct: 'StructType',
};

/** Code constructing `t`; adds the classes it uses to `imports`. */
export function tsDataType(t: DataType, imports: Set<string>): string {
  const cls = TYPE_CLASSES[t.typeName];
  if (cls === undefined)
    throw new TypeError(`No TypeScript API class for data type ${t.simpleString()}`);
  imports.add(cls);
  if (t instanceof StructType)
    return `new StructType()${t.fields.map((f) => fieldCall(f, imports)).join('')}`;
  if (t instanceof ArrayType)
    return `new ArrayType(${tsDataType(t.elementType, imports)}, ${t.containsNull})`;
  if (t instanceof MapType) {
    return `new MapType(${tsDataType(t.keyType, imports)}, ${tsDataType(t.valueType, imports)}, ${t.valueContainsNull})`;
  }
  if (t instanceof DecimalType) return `new DecimalType(${t.precision}, ${t.scale})`;
  return `new ${cls}()`;
}

/** `.add('name', new Type(), nullable[, metadata])`; metadata only when there is some. */
function fieldCall(f: StructField, imports: Set<string>): string {
  const metadata = Object.keys(f.metadata).length > 0 ? `, ${JSON.stringify(f.metadata)}` : '';
  return `.add(${tsStr(f.name)}, ${tsDataType(f.dataType, imports)}, ${f.nullable}${metadata})`;
}

/** `const <variable> = new StructType()` then one `.add(...)` per field. */
export function tsSchemaChain(
  variable: string,
  schema: StructType,
  imports: Set<string>,
): string[] {
  imports.add('StructType');
  const lines = [`const ${variable} = new StructType()`];
  for (const f of schema.fields) lines.push(`  ${fieldCall(f, imports)}`);
  lines[lines.length - 1] += ';';
  return lines;
}
