/**
 * Where analyzeDraft's error belongs in the form: which step, which field, which line of a
 * list field, and which characters of that expression to underline. The engine reports the
 * field as `condition`, `exprs[1]`, `keys[0]` and the position as ErrorInfo.context (the
 * expression text with 0-based [start, stop) offsets, as Spark's Origin / QueryContext).
 */
import type {
  DraftAnalysis,
  DraftStep,
  ErrorInfo,
  ErrorPosition,
} from '../../../engine/service/protocol';
import { entryLine } from './draft-steps';

export interface ErrorSpan {
  readonly start: number;
  readonly stop: number;
}

export interface FieldError {
  readonly stepIndex: number;
  /** The DraftStep property (`exprs` for `exprs[1]`), or null when the engine named none. */
  readonly field: string | null;
  /** The entry of a list field, as the engine counted it (blank lines skipped), or null. */
  readonly entry: number | null;
  readonly error: ErrorInfo;
}

/** `exprs[1]` → { name: 'exprs', entry: 1 }; `condition` → { name: 'condition', entry: null }. */
export function parseFieldPath(path: string): { name: string; entry: number | null } | null {
  const m = /^([A-Za-z_]\w*)(?:\[(\d+)\])?$/.exec(path.trim());
  if (m === null) return null;
  return { name: m[1], entry: m[2] === undefined ? null : Number(m[2]) };
}

/** The error of step `stepIndex` (−1: the source), if the analysis has one. */
export function stepError(analysis: DraftAnalysis | null, stepIndex: number): FieldError | null {
  const step = analysis?.steps.find((s) => s.index === stepIndex);
  if (step === undefined || step.error === null) return null;
  const path = step.field === null ? null : parseFieldPath(step.field);
  return {
    stepIndex,
    field: path?.name ?? null,
    entry: path?.entry ?? null,
    error: step.error,
  };
}

/**
 * The error of `field` of `step`, with the line it is on (for list fields) and the text of
 * that line or of the whole field, or null when the error is elsewhere.
 */
export function fieldError(
  error: FieldError | null,
  step: DraftStep,
  field: string,
): { readonly error: ErrorInfo; readonly line: number | null; readonly text: string } | null {
  if (error === null || error.field !== field) return null;
  const value = (step as unknown as Record<string, unknown>)[field];
  if (Array.isArray(value)) {
    const lines = value as string[];
    const line = error.entry === null ? null : entryLine(lines, error.entry);
    if (line === null || line < 0) return { error: error.error, line: null, text: '' };
    return { error: error.error, line, text: lines[line] };
  }
  return { error: error.error, line: null, text: typeof value === 'string' ? value : '' };
}

/**
 * The [start, stop) of `context` inside `expression`. The engine may give the offsets in the
 * expression itself, or in a larger text that contains it (or in a trimmed copy of it), so
 * the offsets are shifted by where the two texts line up; null when they do not.
 */
export function spanWithin(
  expression: string,
  context: ErrorPosition | undefined,
): ErrorSpan | null {
  if (context === undefined || context.start === undefined) return null;
  const start = context.start;
  const stop = Math.max(context.stop ?? start + 1, start + 1);
  let shift = 0;
  const text = context.text;
  if (text !== undefined && text !== expression) {
    if (text.includes(expression) && expression !== '') shift = -text.indexOf(expression);
    else if (expression.includes(text) && text !== '') shift = expression.indexOf(text);
    else return null;
  }
  if (expression.length === 0) return null;
  const from = Math.max(0, start + shift);
  // An error at the very end ("expected an expression after +"): mark the last character.
  if (from >= expression.length) return { start: expression.length - 1, stop: expression.length };
  return { start: from, stop: Math.max(from + 1, Math.min(expression.length, stop + shift)) };
}

/** Where an error is, in words: `at characters 5–8 of “x +”`, `in part-3.json line 12`. */
export function positionText(context: ErrorPosition | undefined): string | null {
  if (context === undefined) return null;
  if (context.file !== undefined)
    return context.line === undefined
      ? `in ${context.file}`
      : `in ${context.file} line ${context.line}`;
  if (context.start === undefined) return null;
  const stop = Math.max(context.stop ?? context.start + 1, context.start + 1);
  const where =
    stop - context.start <= 1
      ? `at character ${context.start + 1}`
      : `at characters ${context.start + 1}–${stop}`;
  return context.text === undefined ? where : `${where} of “${context.text}”`;
}

/**
 * The message without the context block Spark appends (`\n== SQL (line 1, position 12) ==`
 * and the text with a caret line): the form marks the characters itself, and the block's
 * caret only lines up in a fixed-width font.
 */
export function messageHeadline(message: string): string {
  const block = message.indexOf('\n== ');
  return (block < 0 ? message : message.slice(0, block)).trimEnd();
}
