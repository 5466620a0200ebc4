/**
 * Where an error is, as the error panels show it: the expression or statement text split
 * around the failing span (ErrorPosition's 0-based [start, stop) offsets, the way Spark's
 * Origin carries them), with the line and column of its start, or a file and line.
 */
import type { ErrorPosition } from '../../../engine/service/protocol';

export interface MarkedSpan {
  readonly before: string;
  /** The failing text; one character (or a space at the end) for a zero-width position. */
  readonly span: string;
  readonly after: string;
  /** 1-based, of the span's start. */
  readonly line: number;
  readonly column: number;
}

export function markedSpan(position: ErrorPosition | undefined): MarkedSpan | null {
  const text = position?.text;
  const start = position?.start;
  if (text === undefined || start === undefined || start < 0 || start > text.length) return null;
  const stop = Math.min(text.length, Math.max(position?.stop ?? start, start + 1));
  const before = text.slice(0, start);
  const lines = before.split('\n');
  return {
    before,
    span: start < text.length ? text.slice(start, stop) : ' ',
    after: text.slice(stop),
    line: lines.length,
    column: lines[lines.length - 1].length + 1,
  };
}

/** `line 2, column 7`, `sensors/part-3.json:12`, or null when the error has no position. */
export function positionLabel(position: ErrorPosition | undefined): string | null {
  if (position === undefined) return null;
  const marked = markedSpan(position);
  if (marked !== null) return `line ${marked.line}, column ${marked.column}`;
  if (position.file !== undefined)
    return position.line === undefined ? position.file : `${position.file}:${position.line}`;
  return null;
}
