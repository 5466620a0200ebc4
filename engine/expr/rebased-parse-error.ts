/**
 * A ParseException raised while parsing a fragment (the type in `x::type` or `CAST(x AS type)`,
 * handed to types/ddl) re-pointed at the whole expression text, so the caret lands in what
 * the user typed, as Spark's single parser reports a bad type inside the statement.
 */
import { ParseException, describeContext } from '../errors';

export function rebasedParseError(e: ParseException, text: string, offset: number, fragmentEnd: number): ParseException {
  const start = offset + (e.context?.start ?? 0);
  const stop = Math.min(offset + (e.context?.stop ?? fragmentEnd - offset), fragmentEnd);
  return new ParseException(e.errorClass, bareMessage(e), {
    messageParameters: { ...e.messageParameters },
    ...(e.sqlState !== undefined ? { sqlState: e.sqlState } : {}),
    context: { text, start, stop: Math.max(stop, start) },
    cause: e,
  });
}

/** The message as passed to the constructor: without `[CLASS] `, ` SQLSTATE: …` and the context block. */
function bareMessage(e: ParseException): string {
  let m = e.message;
  const context = describeContext(e.context);
  if (context && m.endsWith(context)) m = m.slice(0, -context.length);
  const state = e.sqlState ? ` SQLSTATE: ${e.sqlState}` : '';
  if (state && m.endsWith(state)) m = m.slice(0, -state.length);
  const head = `[${e.errorClass}] `;
  return m.startsWith(head) ? m.slice(head.length) : m;
}
