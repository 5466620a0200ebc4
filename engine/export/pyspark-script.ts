/**
 * The script being written by `toPySpark`: its statements, the imports they need, the
 * variable names taken, and the notes that expression printing collects for comments.
 * Statements are blocks separated by one blank line, in the order Python must run them.
 */
import type { ColumnPrintContext } from './python-column';
import { PythonNames } from './python-literals';

export class PySparkScript implements ColumnPrintContext {
  readonly names = new PythonNames();
  /** Classes from pyspark.sql.types. */
  readonly typeImports = new Set<string>();
  /** Whole import lines for Python's standard library (`import os`). */
  readonly stdImports = new Set<string>();
  readonly notes: string[] = [];
  /** `spark.hadoop.*` settings sources need on the session builder (S3A: s3-export.ts). */
  readonly sessionConf: Record<string, string> = {};
  /** Comment texts (no `#`) written above the session builder. */
  readonly sessionComments: string[] = [];
  private readonly blocks: string[][] = [];

  constructor(readonly streaming: boolean) {}

  addBlock(lines: readonly string[]): void {
    this.blocks.push([...lines]);
  }

  /**
   * `target = (base .step .step)`, one step per line: parentheses instead of the lab's
   * backslashes so a `# Tidemark:` comment can sit right above the step it explains.
   */
  addChain(
    target: string,
    base: string,
    steps: readonly string[],
    comments: readonly string[] = [],
  ): void {
    if (steps.length === 0) {
      this.addBlock([...comments, `${target} = ${base}`]);
      return;
    }
    this.addBlock([
      ...comments,
      `${target} = (`,
      `    ${base}`,
      ...steps.flatMap((s) => wrapCall(`    ${s}`)),
      ')',
    ]);
  }

  /** Notes added since `mark`, as comment lines, removed from the pending list. */
  takeNotes(mark: number): string[] {
    return this.notes.splice(mark).flatMap(commentLines);
  }

  body(): string {
    return this.blocks.map((b) => b.join('\n')).join('\n\n');
  }
}

/** `# text` as lines wrapped at about 100 columns; continuation lines indent by two. */
export function commentLines(text: string): string[] {
  const words = text.split(' ');
  const lines: string[] = [];
  let line = '#';
  for (const w of words) {
    if (line.length + 1 + w.length > 100 && line !== '#') {
      lines.push(line);
      line = '# ';
    }
    line += ` ${w}`;
  }
  lines.push(line);
  return lines;
}

const MAX_LINE = 100;

/**
 * A line longer than MAX_LINE that ends in a call with several arguments, one argument per
 * line (`.agg(` / `        F.avg("x"),` / ... / `    )`); other lines unchanged.
 */
export function wrapCall(line: string): string[] {
  if (line.length <= MAX_LINE || !line.endsWith(')') || line.trimStart().startsWith('#'))
    return [line];
  // One pass that skips string literals: `open` is the parenthesis of the last top-level call,
  // `cuts` the top-level commas inside it.
  let depth = 0;
  let quote: string | null = null;
  let open = -1;
  let cuts: number[] = [];
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quote !== null) {
      if (c === '\\') i++;
      else if (c === quote) quote = null;
    } else if (c === '"' || c === "'") {
      quote = c;
    } else if (c === '(' || c === '[' || c === '{') {
      if (depth === 0 && c === '(') {
        open = i;
        cuts = [];
      }
      depth++;
    } else if (c === ')' || c === ']' || c === '}') {
      depth--;
    } else if (c === ',' && depth === 1) {
      cuts.push(i);
    }
  }
  if (open < 0 || cuts.length === 0) return [line];
  const bounds = [open, ...cuts, line.length - 1];
  const args = bounds.slice(1).map((end, k) => line.slice(bounds[k] + 1, end).trim());
  const indent = /^ */.exec(line)?.[0] ?? '';
  return [line.slice(0, open + 1), ...args.map((a) => `${indent}    ${a},`), `${indent})`];
}
