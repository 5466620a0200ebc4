/**
 * Growable builders that readers and operators append to, then `finish()` into an
 * immutable Vector. Strings are dictionary-encoded as they arrive.
 */
import type { DataType } from '../types/data-types';
import type { StructType } from '../types/struct-type';
import type { Vector } from './vector';

export interface VectorBuilder {
  readonly type: DataType;
  readonly length: number;
  appendNull(): void;
  /** Room for `n` values in all (a hint; builders without typed arrays ignore it). */
  reserve?(n: number): void;
  /** Appends a row value in the form `valueAt` returns (see values.ts). */
  append(value: unknown): void;
  finish(): Vector;
}

const INITIAL = 64;

abstract class BuilderBase {
  protected validity: Uint8Array = new Uint8Array(INITIAL);
  protected hasNull = false;
  length = 0;
  protected grow(capacity: number): void {
    const next = new Uint8Array(capacity);
    next.set(this.validity);
    this.validity = next;
  }
  protected finishValidity(): Uint8Array | null {
    return this.hasNull ? this.validity.slice(0, this.length) : null;
  }
}

/**
 * Base of the typed-array builders. Validity is allocated at the first NULL: most columns
 * have none, and a validity array per column per file was a store per value and an
 * allocation per column that `finish()` then dropped. `reserve(n)` sizes the arrays once when
 * the row count is known or estimated (a file's size, line-chunks.ts), instead of doubling
 * through a dozen copies for a 100k-row file.
 */
abstract class TypedBuilderBase {
  /** 1 valid, 0 NULL; null while every value so far is valid. */
  private nulls: Uint8Array | null = null;
  length = 0;
  protected abstract capacity(): number;
  protected abstract resizeValues(capacity: number): void;

  reserve(n: number): void {
    if (n > this.capacity()) this.setCapacity(n);
  }
  /** Makes room for one more value. */
  protected room(): void {
    if (this.length === this.capacity()) this.setCapacity(Math.max(INITIAL, this.capacity() * 2));
  }
  protected markNull(): void {
    if (this.nulls === null) {
      this.nulls = new Uint8Array(this.capacity());
      this.nulls.fill(1, 0, this.length);
    }
    this.nulls[this.length] = 0;
  }
  protected markValid(): void {
    if (this.nulls !== null) this.nulls[this.length] = 1;
  }
  protected finishValidity(): Uint8Array | null {
    return this.nulls === null ? null : this.nulls.slice(0, this.length);
  }
  private setCapacity(capacity: number): void {
    this.resizeValues(capacity);
    if (this.nulls !== null) {
      const next = new Uint8Array(capacity);
      next.set(this.nulls.subarray(0, this.length));
      this.nulls = next;
    }
  }
}

export class NumericBuilder extends TypedBuilderBase implements VectorBuilder {
  private values: Float64Array | Int32Array;
  constructor(
    readonly type: DataType,
    private readonly storage: 'int32' | 'float64',
  ) {
    super();
    this.values = storage === 'int32' ? new Int32Array(INITIAL) : new Float64Array(INITIAL);
  }
  protected capacity(): number {
    return this.values.length;
  }
  protected resizeValues(capacity: number): void {
    const next = this.storage === 'int32' ? new Int32Array(capacity) : new Float64Array(capacity);
    next.set(this.values.subarray(0, this.length));
    this.values = next;
  }
  appendNull(): void {
    this.room();
    this.markNull();
    this.values[this.length++] = 0;
  }
  appendNumber(x: number): void {
    this.room();
    this.markValid();
    this.values[this.length++] = x;
  }
  append(value: unknown): void {
    if (value === null || value === undefined) this.appendNull();
    else if (value instanceof Date) this.appendNumber(value.getTime() * 1000);
    else this.appendNumber(Number(value));
  }
  finish(): Vector {
    const values = this.values.slice(0, this.length);
    return this.storage === 'int32'
      ? { storage: 'int32', type: this.type, length: this.length, validity: this.finishValidity(), values: values as Int32Array }
      : { storage: 'float64', type: this.type, length: this.length, validity: this.finishValidity(), values: values as Float64Array };
  }
}

export class BoolBuilder extends TypedBuilderBase implements VectorBuilder {
  private values = new Uint8Array(INITIAL);
  constructor(readonly type: DataType) {
    super();
  }
  protected capacity(): number {
    return this.values.length;
  }
  protected resizeValues(capacity: number): void {
    const next = new Uint8Array(capacity);
    next.set(this.values.subarray(0, this.length));
    this.values = next;
  }
  appendNull(): void {
    this.room();
    this.markNull();
    this.values[this.length++] = 0;
  }
  appendBool(b: boolean): void {
    this.room();
    this.markValid();
    this.values[this.length++] = b ? 1 : 0;
  }
  append(value: unknown): void {
    if (value === null || value === undefined) this.appendNull();
    else this.appendBool(Boolean(value));
  }
  finish(): Vector {
    return { storage: 'bool', type: this.type, length: this.length, validity: this.finishValidity(), values: this.values.slice(0, this.length) };
  }
}

export class StringBuilder extends TypedBuilderBase implements VectorBuilder {
  private codes = new Int32Array(INITIAL);
  private readonly dict: string[] = [];
  private readonly index = new Map<string, number>();
  constructor(readonly type: DataType) {
    super();
  }
  protected capacity(): number {
    return this.codes.length;
  }
  protected resizeValues(capacity: number): void {
    const next = new Int32Array(capacity);
    next.set(this.codes.subarray(0, this.length));
    this.codes = next;
  }
  appendNull(): void {
    this.room();
    this.markNull();
    this.codes[this.length++] = 0;
  }
  appendString(s: string): void {
    this.room();
    let code = this.index.get(s);
    if (code === undefined) {
      code = this.dict.length;
      this.dict.push(s);
      this.index.set(s, code);
    }
    this.markValid();
    this.codes[this.length++] = code;
  }
  append(value: unknown): void {
    if (value === null || value === undefined) this.appendNull();
    else this.appendString(typeof value === 'string' ? value : String(value));
  }
  /** The dictionary code of `s`, adding it when new (readers that keep their own lookup by bytes). */
  codeOf(s: string): number {
    let code = this.index.get(s);
    if (code === undefined) {
      code = this.dict.length;
      this.dict.push(s);
      this.index.set(s, code);
    }
    return code;
  }
  /** Appends a value by a code `codeOf` returned. */
  appendCode(code: number): void {
    this.room();
    this.markValid();
    this.codes[this.length++] = code;
  }
  finish(): Vector {
    return { storage: 'string', type: this.type, length: this.length, validity: this.finishValidity(), codes: this.codes.slice(0, this.length), dict: this.dict };
  }
}

export class ObjectBuilder extends BuilderBase implements VectorBuilder {
  private readonly values: unknown[] = [];
  constructor(readonly type: DataType) {
    super();
  }
  appendNull(): void {
    if (this.length === this.validity.length) this.grow(this.validity.length * 2);
    this.validity[this.length++] = 0;
    this.values.push(null);
    this.hasNull = true;
  }
  append(value: unknown): void {
    if (value === null || value === undefined) return this.appendNull();
    if (this.length === this.validity.length) this.grow(this.validity.length * 2);
    this.validity[this.length++] = 1;
    this.values.push(value);
  }
  finish(): Vector {
    return { storage: 'object', type: this.type, length: this.length, validity: this.finishValidity(), values: this.values };
  }
}

export class StructBuilder extends BuilderBase implements VectorBuilder {
  readonly children: VectorBuilder[];
  constructor(readonly type: StructType) {
    super();
    this.children = type.fields.map((f) => makeBuilder(f.dataType));
  }
  appendNull(): void {
    if (this.length === this.validity.length) this.grow(this.validity.length * 2);
    this.validity[this.length++] = 0;
    this.hasNull = true;
    for (const c of this.children) c.appendNull();
  }
  /** Marks a row valid after the caller appended one value to every child. */
  appendValidRow(): void {
    if (this.length === this.validity.length) this.grow(this.validity.length * 2);
    this.validity[this.length++] = 1;
  }
  append(value: unknown): void {
    if (value === null || value === undefined) return this.appendNull();
    const o = value as Record<string, unknown>;
    this.type.fields.forEach((f, i) => this.children[i].append(o[f.name]));
    this.appendValidRow();
  }
  finish(): Vector {
    return { storage: 'struct', type: this.type, length: this.length, validity: this.finishValidity(), children: this.children.map((c) => c.finish()) };
  }
}

export function makeBuilder(type: DataType): VectorBuilder {
  switch (type.storage) {
    case 'bool':
      return new BoolBuilder(type);
    case 'int32':
      return new NumericBuilder(type, 'int32');
    case 'float64':
      return new NumericBuilder(type, 'float64');
    case 'string':
      return new StringBuilder(type);
    case 'struct':
      return new StructBuilder(type as StructType);
    case 'object':
      return new ObjectBuilder(type);
  }
}
