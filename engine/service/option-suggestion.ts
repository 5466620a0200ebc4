/**
 * How an OptionSuggestion is applied to a source's reader options. Options are matched
 * case-insensitively (Spark's CaseInsensitiveMap), so setting one replaces any spelling of
 * it. A suggestion with a `column` uses the per-column form of `timestampUnit`
 * (`Arrival_Time:ms,Creation_Time:ns`, see io/formats/timestamp-unit.ts): its `column:value`
 * entry joins the option's list, replacing that column's previous entry and keeping the
 * rest, so suggestions for several columns can be applied one after the other.
 */
import type { OptionSuggestion } from './protocol';

/** `options` with `key` set to `value`, whatever case the key had before. */
export function withOption(
  options: Readonly<Record<string, string>>,
  key: string,
  value: string,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(options))
    if (k.toLowerCase() !== key.toLowerCase()) out[k] = v;
  out[key] = value;
  return out;
}

/** The option's current value under any spelling of its name. */
export function optionValue(
  options: Readonly<Record<string, string>>,
  key: string,
): string | undefined {
  const lower = key.toLowerCase();
  for (const [k, v] of Object.entries(options)) if (k.toLowerCase() === lower) return v;
  return undefined;
}

/** A comma list of `column:unit` entries (and maybe one bare fallback) with `column` set to `value`. */
export function withColumnEntry(list: string | undefined, column: string, value: string): string {
  const kept = (list ?? '')
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p !== '')
    .filter((p) => {
      const colon = p.lastIndexOf(':');
      return colon < 0 || p.slice(0, colon).trim() !== column;
    });
  return [...kept, `${column}:${value}`].join(',');
}

/** The options the suggestion asks for. */
export function applySuggestion(
  options: Readonly<Record<string, string>>,
  suggestion: OptionSuggestion,
): Record<string, string> {
  const value =
    suggestion.column === null
      ? suggestion.value
      : withColumnEntry(
          optionValue(options, suggestion.option),
          suggestion.column,
          suggestion.value,
        );
  return withOption(options, suggestion.option, value);
}
