/**
 * The program being written by `toTypeScript`: its statements, the names it imports from
 * 'tidemark', and the variable names taken. Statements are blocks separated by one blank
 * line, in the order they must run (the TypeScript twin of pyspark-script.ts).
 */
import type { StructType } from '../types/struct-type';
import { TypeScriptNames } from './typescript-literals';
import { tsSchemaChain } from './typescript-schema';

const MAX_LINE = 100;

export class TypeScriptProgram {
  readonly names = new TypeScriptNames();
  /** Named imports from 'tidemark' (Session, StructType, type classes, expr, ...). */
  readonly imports = new Set<string>(['Session']);
  private readonly blocks: string[][] = [];
  private readonly schemas = new Map<string, string>();

  addBlock(lines: readonly string[]): void {
    this.blocks.push([...lines]);
  }

  /**
   * `const target = base` then one `.call(...)` per line, as Prettier lays out a method
   * chain; a call too long for one line gets one argument per line.
   */
  addChain(
    target: string,
    base: string,
    calls: readonly MethodCall[],
    comments: readonly string[] = [],
  ): void {
    const head = `const ${target} = ${base}`;
    if (calls.length === 0) {
      this.addBlock([...comments, `${head};`]);
      return;
    }
    const lines = calls.flatMap((c) => callLines(c, '  '));
    lines[lines.length - 1] += ';';
    this.addBlock([...comments, head, ...lines]);
  }

  /**
   * The variable holding `schema`, written once: sources reading the same schema (a stream
   * and a static read of one folder) share it.
   */
  schemaVariable(schema: StructType): string {
    const key = JSON.stringify(schema.jsonValue());
    let variable = this.schemas.get(key);
    if (variable === undefined) {
      variable = this.names.take('schema');
      this.schemas.set(key, variable);
      this.addBlock(tsSchemaChain(variable, schema, this.imports));
    }
    return variable;
  }

  body(): string {
    return this.blocks.map((b) => b.join('\n')).join('\n\n');
  }
}

/** `.method(arg, arg)`; `comment` goes on the line above it. */
export interface MethodCall {
  readonly method: string;
  readonly args: readonly string[];
  readonly comment?: string;
}

export function call(method: string, ...args: string[]): MethodCall {
  return { method, args };
}

function callLines(c: MethodCall, indent: string): string[] {
  const comment = c.comment === undefined ? [] : commentLines(c.comment, indent);
  const flat = `${indent}.${c.method}(${c.args.join(', ')})`;
  if (flat.length <= MAX_LINE || c.args.length < 2) return [...comment, flat];
  return [
    ...comment,
    `${indent}.${c.method}(`,
    ...c.args.map((a) => `${indent}  ${a},`),
    `${indent})`,
  ];
}

/** `// text` wrapped at about 100 columns. */
export function commentLines(text: string, indent = ''): string[] {
  const lines: string[] = [];
  let line = `${indent}//`;
  for (const w of text.split(' ')) {
    if (line.length + 1 + w.length > MAX_LINE && line !== `${indent}//`) {
      lines.push(line);
      line = `${indent}//`;
    }
    line += ` ${w}`;
  }
  lines.push(line);
  return lines;
}
