/**
 * StructType and StructField as in PySpark: `new StructType().add('x', new DoubleType(), true)`,
 * also accepting a type name (`.add('x', 'double')`) as PySpark does.
 */
import { DataType } from './data-types';
import { parseDataType } from './ddl';
import { typeSQL } from './type-sql';

export class StructField {
  constructor(
    readonly name: string,
    readonly dataType: DataType,
    readonly nullable = true,
    readonly metadata: Readonly<Record<string, unknown>> = {},
  ) {}
  jsonValue(): unknown {
    return {
      name: this.name,
      type: this.dataType.jsonValue(),
      nullable: this.nullable,
      metadata: this.metadata,
    };
  }
  simpleString(): string {
    return `${this.name}:${this.dataType.simpleString()}`;
  }
  toString(): string {
    return `StructField('${this.name}', ${this.dataType.toString()}, ${this.nullable ? 'True' : 'False'})`;
  }
}

export class StructType extends DataType {
  readonly typeName = 'struct';
  readonly storage = 'struct';
  readonly fields: readonly StructField[];

  constructor(fields: readonly StructField[] = []) {
    super();
    this.fields = fields;
  }

  /** Returns a new StructType with one more field (PySpark's `add` mutates; ours is immutable and chainable). */
  add(field: StructField): StructType;
  add(
    name: string,
    dataType: DataType | string,
    nullable?: boolean,
    metadata?: Record<string, unknown>,
  ): StructType;
  add(
    nameOrField: string | StructField,
    dataType?: DataType | string,
    nullable = true,
    metadata: Record<string, unknown> = {},
  ): StructType {
    if (nameOrField instanceof StructField) return new StructType([...this.fields, nameOrField]);
    if (dataType === undefined)
      throw new TypeError(`StructType.add('${nameOrField}') needs a data type`);
    const type = typeof dataType === 'string' ? parseDataType(dataType) : dataType;
    return new StructType([...this.fields, new StructField(nameOrField, type, nullable, metadata)]);
  }

  get names(): string[] {
    return this.fields.map((f) => f.name);
  }
  get length(): number {
    return this.fields.length;
  }
  /** Exact (case-sensitive) lookup, as Spark's StructType.getFieldIndex. */
  fieldIndex(name: string): number {
    return this.fields.findIndex((f) => f.name === name);
  }
  /** Lookup honouring spark.sql.caseSensitive; -1 if absent. Ambiguity is the caller's to report. */
  resolveIndex(name: string, caseSensitive: boolean): number {
    if (caseSensitive) return this.fieldIndex(name);
    const exact = this.fieldIndex(name);
    if (exact >= 0) return exact;
    const lower = name.toLowerCase();
    return this.fields.findIndex((f) => f.name.toLowerCase() === lower);
  }
  field(name: string): StructField | undefined {
    return this.fields.find((f) => f.name === name);
  }

  simpleString(): string {
    return `struct<${this.fields.map((f) => f.simpleString()).join(',')}>`;
  }
  override jsonValue(): unknown {
    return { type: 'struct', fields: this.fields.map((f) => f.jsonValue()) };
  }
  /** Spark's `schema.json()` string. */
  json(): string {
    return JSON.stringify(this.jsonValue());
  }
  /** Spark's `toDDL`: "`a` INT, `b` STRING". */
  toDDL(): string {
    return this.fields
      .map(
        (f) =>
          `${'`' + f.name.replace(/`/g, '``') + '`'} ${typeSQL(f.dataType)}${f.nullable ? '' : ' NOT NULL'}`,
      )
      .join(', ');
  }
  /** Spark's printTreeString, as `df.printSchema()` shows it. */
  treeString(): string {
    const lines = ['root'];
    const walk = (t: DataType, prefix: string): void => {
      if (t instanceof StructType) {
        for (const f of t.fields) {
          lines.push(`${prefix}|-- ${f.name}: ${f.dataType.typeName} (nullable = ${f.nullable})`);
          walk(f.dataType, prefix + '|    ');
        }
      }
    };
    walk(this, ' ');
    return lines.join('\n') + '\n';
  }
  override toString(): string {
    return `StructType([${this.fields.map((f) => f.toString()).join(', ')}])`;
  }
}
