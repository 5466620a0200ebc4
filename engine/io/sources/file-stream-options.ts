/**
 * The file source's options, validated with Spark's messages (FileStreamOptions.scala,
 * FileIndexOptions, JavaUtils.timeStringAsMs). Option names are case-insensitive, as
 * Spark's CaseInsensitiveMap. Tidemark adds `fileStableMs` and `ignoreFilePatterns`.
 */
import { IllegalArgumentException } from '../../errors';
import { DEFAULT_IGNORE_FILE_PATTERNS } from './file-name-filter';

export type CleanSourceMode = 'off' | 'archive' | 'delete';

export interface FileStreamOptions {
  readonly maxFilesPerTrigger: number | undefined;
  readonly maxBytesPerTrigger: number | undefined;
  /** Relative to the newest file seen, not the wall clock (FileStreamOptions.maxFileAgeMs). */
  readonly maxFileAgeMs: number;
  readonly latestFirst: boolean;
  readonly fileNameOnly: boolean;
  readonly cleanSource: CleanSourceMode;
  readonly sourceArchiveDir: string | undefined;
  /**
   * Accepted and validated as Spark does; Tidemark lists the folder at every trigger
   * instead of caching leftover listings, so both only guard user typos here.
   */
  readonly maxCachedFiles: number;
  readonly discardCachedInputRatio: number;
  /** Glob on file names (PartitioningAwareFileIndex.matchPathPattern). */
  readonly pathGlobFilter: string | undefined;
  readonly recursiveFileLookup: boolean;
  readonly ignoreMissingFiles: boolean;
  /** Skip files that cannot be read (FileScanRDD's ignoreCorruptFiles) instead of failing. */
  readonly ignoreCorruptFiles: boolean;
  /** Tidemark: a file is read once its size and mtime have held still this long. */
  readonly fileStableMs: number;
  /** Tidemark: comma-separated globs of temporary names never read. */
  readonly ignoreFilePatterns: string;
}

/** A case-insensitive view of user options (Spark's CaseInsensitiveMap). */
export function caseInsensitive(options: Readonly<Record<string, string>>): Map<string, string> {
  const map = new Map<string, string>();
  for (const [k, v] of Object.entries(options)) map.set(k.toLowerCase(), v);
  return map;
}

export function parseFileStreamOptions(
  options: Readonly<Record<string, string>>,
): FileStreamOptions {
  const p = caseInsensitive(options);
  for (const disallowed of ['modifiedBefore', 'modifiedAfter']) {
    if (p.has(disallowed.toLowerCase())) {
      throw new IllegalArgumentException(
        `option '${disallowed}' is not allowed in file stream sources`,
      );
    }
  }
  const maxFilesPerTrigger = optionalPositive(p, 'maxFilesPerTrigger', 32);
  const maxBytesPerTrigger = optionalPositive(p, 'maxBytesPerTrigger', 64);
  if (maxFilesPerTrigger !== undefined && maxBytesPerTrigger !== undefined) {
    throw new IllegalArgumentException(
      "Options 'maxFilesPerTrigger' and 'maxBytesPerTrigger' can't be both set at the same time",
    );
  }
  const sourceArchiveDir = p.get('sourcearchivedir');
  const cleanSource = parseCleanSource(p.get('cleansource'));
  if (cleanSource === 'archive' && sourceArchiveDir === undefined) {
    throw new IllegalArgumentException("Archive mode must be used with 'sourceArchiveDir' option.");
  }
  return {
    maxFilesPerTrigger,
    maxBytesPerTrigger,
    maxFileAgeMs: timeStringAsMs(p.get('maxfileage') ?? '7d'),
    latestFirst: booleanOption(p, 'latestFirst', false),
    fileNameOnly: booleanOption(p, 'fileNameOnly', false),
    cleanSource,
    sourceArchiveDir,
    maxCachedFiles: parseMaxCachedFiles(p.get('maxcachedfiles')),
    discardCachedInputRatio: parseDiscardRatio(p.get('discardcachedinputratio')),
    pathGlobFilter: p.get('pathglobfilter'),
    recursiveFileLookup: booleanOption(p, 'recursiveFileLookup', false),
    ignoreMissingFiles: booleanOption(p, 'ignoreMissingFiles', false),
    ignoreCorruptFiles: booleanOption(p, 'ignoreCorruptFiles', false),
    fileStableMs: parseStableMs(p.get('filestablems')),
    ignoreFilePatterns: p.get('ignorefilepatterns') ?? DEFAULT_IGNORE_FILE_PATTERNS,
  };
}

/** Scala's `str.toInt` / `str.toLong` then `> 0`, with FileStreamOptions' message. */
function optionalPositive(p: Map<string, string>, name: string, bits: 32 | 64): number | undefined {
  const str = p.get(name.toLowerCase());
  if (str === undefined) return undefined;
  const n = parseJavaInteger(str, bits);
  if (n === null || n <= 0n) {
    throw new IllegalArgumentException(
      `Invalid value '${str}' for option '${name}', must be a positive integer`,
    );
  }
  return Number(n);
}

/** Java's Integer.parseInt / Long.parseLong: optional sign, ASCII digits, in range. */
export function parseJavaInteger(str: string, bits: 32 | 64): bigint | null {
  if (!/^[+-]?\d+$/.test(str)) return null;
  const n = BigInt(str);
  const max = bits === 32 ? 2147483647n : 9223372036854775807n;
  return n > max || n < -max - 1n ? null : n;
}

/** Scala's `toBoolean` (true/false, any case), with FileStreamOptions' message. */
export function booleanOption(
  p: Map<string, string>,
  name: string,
  defaultValue: boolean,
): boolean {
  const str = p.get(name.toLowerCase());
  if (str === undefined) return defaultValue;
  const lower = str.toLowerCase();
  if (lower === 'true') return true;
  if (lower === 'false') return false;
  throw new IllegalArgumentException(
    `Invalid value '${str}' for option '${name}', must be 'true' or 'false'`,
  );
}

function parseCleanSource(value: string | undefined): CleanSourceMode {
  if (value === undefined) return 'off';
  const upper = value.toUpperCase();
  if (upper === 'ARCHIVE' || upper === 'DELETE' || upper === 'OFF')
    return upper.toLowerCase() as CleanSourceMode;
  // Spark prints the Option itself (`Some(x)`) and the enumeration in declaration order.
  throw new IllegalArgumentException(
    `Invalid mode for clean source option Some(${value}). Must be one of ARCHIVE,DELETE,OFF`,
  );
}

function parseMaxCachedFiles(str: string | undefined): number {
  if (str === undefined) return 10000;
  const n = parseJavaInteger(str, 32);
  if (n === null || n < 0n) {
    throw new IllegalArgumentException(
      `Invalid value '${str}' for option 'maxCachedFiles', must be an integer greater than or equal to 0`,
    );
  }
  return Number(n);
}

function parseDiscardRatio(str: string | undefined): number {
  if (str === undefined) return 0.2;
  const x = str.trim() === '' ? NaN : Number(str.trim().replace(/[fFdD]$/, ''));
  if (!(x >= 0 && x <= 1)) {
    throw new IllegalArgumentException(
      `Invalid value '${str}' for option 'discardCachedInputRatio', must be a positive float between 0 and 1`,
    );
  }
  return x;
}

function parseStableMs(str: string | undefined): number {
  if (str === undefined) return 50;
  const ms = timeStringAsMs(str);
  if (ms < 0) {
    throw new IllegalArgumentException(
      `Invalid value '${str}' for option 'fileStableMs', must be 0 or more milliseconds`,
    );
  }
  return ms;
}

const TIME_UNITS_MS: Readonly<Record<string, number>> = {
  us: 0.001,
  ms: 1,
  s: 1000,
  m: 60_000,
  min: 60_000,
  h: 3_600_000,
  d: 86_400_000,
};

const TIME_ERROR =
  'Time must be specified as seconds (s), milliseconds (ms), microseconds (us), minutes (m or min), ' +
  'hour (h), or day (d). E.g. 50s, 100ms, or 250us.';

/**
 * JavaUtils.timeStringAsMs: `<integer>[unit]`, no unit meaning milliseconds; microseconds
 * truncate toward zero as TimeUnit.convert does.
 */
export function timeStringAsMs(str: string): number {
  const m = /^(-?[0-9]+)([a-z]+)?$/.exec(str.toLowerCase().trim());
  if (!m) throw new IllegalArgumentException(`${TIME_ERROR}\nFailed to parse time string: ${str}`);
  const unit = m[2] ?? 'ms';
  const factor = TIME_UNITS_MS[unit];
  if (factor === undefined)
    throw new IllegalArgumentException(`${TIME_ERROR}\nInvalid suffix: "${unit}"`);
  return Math.trunc(Number(m[1]) * factor);
}
