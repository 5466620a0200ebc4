/**
 * What DataFrameReader and DataStreamReader share: format, schema (a StructType or a DDL
 * string) and options (names case-insensitive in Spark; kept as given, values as
 * strings, as Spark's DataFrameReader.option stores them), plus schema inference from
 * the files a path holds when a reader must infer one.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { AnalysisException, IllegalArgumentException } from '../errors';
import type { ReaderConf } from '../io/formats/format';
import { inferSchema } from '../io/formats/registry';
import { compileGlob, isGlobPath } from '../io/sources/glob-pattern';
import { asNullable } from '../io/sources/source-schema';
import { readS3SamplesSync } from '../io/sources/s3/s3-sync-samples';
import { isS3Path } from '../io/sources/s3/s3-uri';
import { checkSourcePath } from '../io/sources/static-files';
import type { Session } from '../session';
import { toStructType } from '../types/ddl';
import { DataFrame } from './dataframe';
import type { StructType } from '../types/struct-type';

export type OptionValue = string | number | boolean | null;

export abstract class SourceBuilder<Self> {
  protected sourceFormat: string;
  protected userSchema: StructType | undefined;
  protected readonly sourceOptions: Record<string, string> = {};

  constructor(
    protected readonly session: Session,
    private readonly streaming: boolean,
    defaultFormat: string,
  ) {
    this.sourceFormat = defaultFormat;
  }

  protected abstract self(): Self;
  /** The schema of the source node when the user gave none (text has a fixed one). */
  protected abstract schemaWhenNotGiven(format: string, path: string): StructType | undefined;

  /** A DataFrame over the path: a plain path must exist (PATH_NOT_FOUND); a glob may match later. */
  load(path?: string): DataFrame {
    const p = requirePath(path);
    if (!isGlobPath(p)) checkSourcePath(p);
    const format = this.sourceFormat.toLowerCase();
    const schema = this.userSchema ?? (format === 'text' ? undefined : this.schemaWhenNotGiven(format, p));
    return new DataFrame(
      {
        op: 'source',
        id: this.session.nextSourceId(),
        format,
        path: p,
        ...(schema ? { schema: schema.jsonValue() } : {}),
        options: { ...this.sourceOptions },
        streaming: this.streaming,
      },
      this.session,
    );
  }
  json(path: string, options: Readonly<Record<string, OptionValue>> = {}): DataFrame {
    this.format('json');
    this.options(options);
    return this.load(path);
  }
  csv(path: string, options: Readonly<Record<string, OptionValue>> = {}): DataFrame {
    this.format('csv');
    this.options(options);
    return this.load(path);
  }
  text(path: string, options: Readonly<Record<string, OptionValue>> = {}): DataFrame {
    this.format('text');
    this.options(options);
    return this.load(path);
  }

  format(source: string): Self {
    this.sourceFormat = source;
    return this.self();
  }
  schema(schema: StructType | string): Self {
    this.userSchema = toStructType(schema);
    return this.self();
  }
  option(key: string, value: OptionValue): Self {
    // Later settings of the same option win whatever their case (CaseInsensitiveMap).
    for (const k of Object.keys(this.sourceOptions))
      if (k.toLowerCase() === key.toLowerCase()) delete this.sourceOptions[k];
    this.sourceOptions[key] = value === null ? 'null' : String(value);
    return this.self();
  }
  options(opts: Readonly<Record<string, OptionValue>>): Self {
    for (const [k, v] of Object.entries(opts)) this.option(k, v);
    return this.self();
  }
}

/** Files a path names for inference: the file itself, the visible files of a folder, or a glob's matches. */
function samplePaths(path: string): string[] {
  const full = resolve(path);
  if (isGlobPath(path)) {
    const re = compileGlob(basename(full));
    const dir = dirname(full);
    return visibleFiles(dir).filter((f) => re.test(basename(f)));
  }
  const st = statSync(full, { throwIfNoEntry: false });
  if (!st) return [];
  return st.isDirectory() ? visibleFiles(full) : [full];
}

/** Spark's hidden-file rule: names starting with `_` or `.` are not data. */
function visibleFiles(dir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  return names
    .filter((n) => !n.startsWith('_') && !n.startsWith('.'))
    .map((n) => join(dir, n))
    .filter((p) => statSync(p, { throwIfNoEntry: false })?.isFile() === true)
    .sort();
}

/** Infers a nullable schema from the files under `path`, as DataSource.getOrInferFileFormatSchema. */
export function inferFileSchema(
  format: string,
  path: string,
  options: Readonly<Record<string, string>>,
  conf: ReaderConf,
): StructType {
  // An S3 prefix is read through a worker thread while this thread waits (s3-sync-bridge.ts).
  const samples = isS3Path(path)
    ? readS3SamplesSync(path, options, conf)
    : samplePaths(path).map((p) => ({
        path: p,
        data: new Uint8Array(readFileSync(p)),
      }));
  if (samples.length === 0) {
    throw new AnalysisException(
      'UNABLE_TO_INFER_SCHEMA',
      `Unable to infer schema for ${format.toUpperCase()}. It must be specified manually.`,
      {
        messageParameters: { format: format.toUpperCase() },
        sqlState: '42KD9',
      },
    );
  }
  return asNullable(inferSchema(format.toLowerCase(), samples, options, conf));
}

export function requirePath(path: string | undefined): string {
  if (path === undefined || path === '')
    throw new IllegalArgumentException("'path' is not specified");
  return path;
}
