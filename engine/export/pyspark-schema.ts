/**
 * Spark data types as PySpark code (`pyspark.sql.types`), and a schema as the lab's
 * `StructType().add(name, Type(), True)` chain, one field per line.
 */
import { ArrayType, DataType, DecimalType, MapType } from '../types/data-types';
import { StructType } from '../types/struct-type';
import { pyStr } from './python-literals';

/**
 * PySpark code constructing `t`; adds every pyspark.sql.types class it uses to `imports`.
 * The engine's type classes carry PySpark's names (engine/types/data-types.ts).
 */
export function pyDataType(t: DataType, imports: Set<string>): string {
  const cls = t.constructor.name;
  imports.add(cls);
  if (t instanceof StructType) {
    imports.add('StructField');
    const fields = t.fields.map(
      (f) =>
        `StructField(${pyStr(f.name)}, ${pyDataType(f.dataType, imports)}, ${f.nullable ? 'True' : 'False'})`,
    );
    return `StructType([${fields.join(', ')}])`;
  }
  if (t instanceof ArrayType)
    return `ArrayType(${pyDataType(t.elementType, imports)}, ${t.containsNull ? 'True' : 'False'})`;
  if (t instanceof MapType) {
    return `MapType(${pyDataType(t.keyType, imports)}, ${pyDataType(t.valueType, imports)}, ${t.valueContainsNull ? 'True' : 'False'})`;
  }
  if (t instanceof DecimalType) return `DecimalType(${t.precision}, ${t.scale})`;
  return `${cls}()`;
}

/**
 * `<variable> = StructType()\` then `.add("name", Type(), True)\` per field, the type column
 * aligned, as the lab's hands-on 1 writes its schema. `typeOverride` replaces a field's
 * type (Tidemark-only reader options read some columns under another type).
 */
export function pySchemaChain(
  variable: string,
  schema: StructType,
  imports: Set<string>,
  typeOverride: ReadonlyMap<string, DataType> = new Map(),
): string[] {
  imports.add('StructType');
  if (schema.fields.length === 0) return [`${variable} = StructType()`];
  const names = schema.fields.map((f) => `${pyStr(f.name)},`);
  const width = Math.max(...names.map((n) => n.length));
  const lines = [`${variable} = StructType()\\`];
  schema.fields.forEach((f, i) => {
    const type = pyDataType(typeOverride.get(f.name) ?? f.dataType, imports);
    const end = i === schema.fields.length - 1 ? '' : '\\';
    lines.push(
      `    .add(${names[i].padEnd(width)} ${type}, ${f.nullable ? 'True' : 'False'})${end}`,
    );
  });
  return lines;
}
