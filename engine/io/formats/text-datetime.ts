/**
 * Timestamp and date text as the JSON and CSV readers parse it (JacksonParser /
 * UnivocityParser): the `timestampFormat` / `dateFormat` pattern when the option is set
 * (no fallback then), otherwise Spark's default formatter — the CAST string rules — and, if
 * that fails, the 1.x/2.0 fallback with every "GMT" removed.
 */
import { cleanLegacyTimestampStr, stringToDate, stringToTimestamp, type DateTimePattern } from '../../types/datetime';

export function parseTimestampText(s: string, format: DateTimePattern | null, timeZone: string): number | null {
  if (format !== null) return format.parse(s, timeZone);
  const v = stringToTimestamp(s, timeZone);
  if (v !== null) return v;
  return s.includes('GMT') ? stringToTimestamp(cleanLegacyTimestampStr(s), timeZone) : null;
}

export function parseDateText(s: string, format: DateTimePattern | null): number | null {
  if (format !== null) return format.parseDate(s);
  const v = stringToDate(s);
  if (v !== null) return v;
  return s.includes('GMT') ? stringToDate(cleanLegacyTimestampStr(s)) : null;
}
