/**
 * The source-setup preview (issue 5 §4): what a folder source would read, before a query
 * starts. It lists the folder as the file stream source does (source-folder.ts), reads the
 * first files in the stream's order through the real format readers with the user's
 * options in PERMISSIVE mode, and reports the first rows, every corrupt record of those
 * files (file, line, text, why), the reader's warnings, and option changes that would fix
 * what looks wrong (timestampUnit, header). The schema is the user's, or the one Spark's
 * inference gives for the sampled files (the lab's "quick way").
 *
 * As in Spark, rows carry `_corrupt_record` only when the schema has that column
 * (FailureSafeParser fills it only then); to find corrupt records anyway, the preview reads
 * with the column added and drops it from the rows it shows.
 *
 * Sources that read no files have their own previews: kafka's latest records
 * (source-preview-kafka.ts); for rate and socket, why there are no rows
 * (source-preview-generated.ts).
 */
import { ColumnBatch } from '../batch/column-batch';
import { IllegalArgumentException, TidemarkError } from '../errors';
import type { FileReadResult, FormatReader, ReaderConf } from '../io/formats/format';
import { CaseInsensitiveOptions } from '../io/formats/case-insensitive-options';
import { decodeText } from '../io/formats/line-splitter';
import { isBinaryFormat } from '../io/formats/binary-formats';
import { inferSchema, readerFor } from '../io/formats/registry';
import type { SourceWarning } from '../io/source';
import { asNullable, TEXT_SCHEMA } from '../io/sources/source-schema';
import { isGeneratorFormat } from '../io/sources/generator-source-schemas';
import { defaultValue, sqlConfEntry } from '../plan/sql-conf-entries';
import { Session } from '../session';
import { StringType } from '../types/data-types';
import { toStructType } from '../types/ddl';
import { StructField, StructType } from '../types/struct-type';
import { toArrowIPC } from './arrow-export';
import { CorruptRecordDiagnosis } from './corrupt-record-reason';
import { RecordLocator } from './corrupt-record-lines';
import { csvHeaderSuggestion } from './csv-header-suggestion';
import { InputHealthTracker } from './input-health';
import { optionValue, withOption } from './option-suggestion';
import { readFileHead } from './preview-file-head';
import { previewGeneratedSource } from './source-preview-generated';
import { previewKafkaSource } from './source-preview-kafka';
import type { CorruptRecordInfo, SourcePreview, SourceSetup } from './protocol';
import { listSourceFolder, relativeName, type SourceFolder } from './source-folder';
import { timestampUnitSuggestions, type SampledFile } from './timestamp-unit-suggestions';

/** Corrupt records listed at most (the count in `warnings`/rows is not capped). */
const MAX_CORRUPT_LISTED = 100;
/** Characters of a corrupt record's text shown. */
const MAX_RECORD_TEXT = 300;

export async function previewSource(
  setup: SourceSetup,
  maxRows: number,
  conf: ReaderConf = sessionReaderConf(),
): Promise<SourcePreview> {
  const format = setup.format.toLowerCase();
  // Sources that read no files: kafka shows its latest records, rate and socket say why
  // they show none.
  if (format === 'kafka') return previewKafkaSource(setup, maxRows);
  if (isGeneratorFormat(format)) return previewGeneratedSource(setup);
  const options = withOption(setup.options, 'mode', 'PERMISSIVE');
  // Unknown formats and bad reader options fail before the folder is read.
  const reader = readerFor(format, options, conf);
  const folder = await listSourceFolder(setup.path, setup.options);
  const given = givenSchema(format, setup.schema);
  const warnings: SourceWarning[] = [];
  const sampled = await sampleFiles(
    folder,
    format,
    options,
    reader,
    given ?? new StructType(),
    maxRows,
    warnings,
  );
  const schema = given ?? asNullable(inferSchema(format, sampled, options, conf));

  const corruptColumn =
    optionValue(options, 'columnNameOfCorruptRecord') ?? conf.columnNameOfCorruptRecord;
  const hasRecordText = format !== 'text' && !isBinaryFormat(format);
  const addCorrupt = hasRecordText && schema.fieldIndex(corruptColumn) < 0;
  const readSchema = addCorrupt
    ? new StructType([...schema.fields, new StructField(corruptColumn, new StringType(), true)])
    : schema;
  const diagnosis = !hasRecordText
      ? null
      : new CorruptRecordDiagnosis(format, options, conf, readSchema, corruptColumn);
  const lineSep = new CaseInsensitiveOptions(options).get('lineSep') ?? null;

  const batches: ColumnBatch[] = [];
  const corrupt: CorruptRecordInfo[] = [];
  let numCorruptRecords = 0;
  for (const f of sampled) {
    const r = reader.read(f.path, f.data, readSchema);
    batches.push(r.batch);
    numCorruptRecords += r.numCorruptRecords;
    warnings.push(...r.warnings);
    if (diagnosis !== null && corrupt.length < MAX_CORRUPT_LISTED) {
      const locator = new RecordLocator(decodeText(f.data), lineSep);
      for (const text of corruptTexts(r, readSchema.fieldIndex(corruptColumn))) {
        if (corrupt.length >= MAX_CORRUPT_LISTED) break;
        corrupt.push({
          file: f.name,
          line: locator.locate(text) ?? 0,
          text: shorten(text),
          reason: diagnosis.reason(text),
        });
      }
    }
  }
  const all = ColumnBatch.concat(readSchema, batches).slice(0, maxRows);
  const rows = addCorrupt ? new ColumnBatch(schema, all.columns.slice(0, -1), all.numRows) : all;

  const health = new InputHealthTracker();
  health.record({ numCorruptRecords, warnings });
  const headerSuggestion = csvHeaderSuggestion(format, sampled, options, conf, given === null);
  return {
    files: folder.files.map((f) => ({
      name: relativeName(folder, f.path),
      size: f.size,
      modifiedMs: f.mtimeMs,
    })),
    sampledFiles: sampled.map((f) => f.name),
    schema: schema.jsonValue(),
    schemaDDL: schema.toDDL(),
    inferred: given === null,
    numRows: rows.numRows,
    ipc: toArrowIPC(rows),
    corrupt,
    warnings: health.snapshot().warnings,
    suggestions: [
      ...timestampUnitSuggestions(format, sampled, readSchema, options, conf),
      ...(headerSuggestion === null ? [] : [headerSuggestion]),
    ],
  };
}

/**
 * The first files in the stream's order, until they hold `maxRows` rows (at least one file,
 * so a schema can be inferred). Rows are counted with `countSchema` (an empty schema when
 * inferring: every record still gives its rows). Unreadable files are skipped with a warning.
 */
async function sampleFiles(
  folder: SourceFolder,
  format: string,
  options: Readonly<Record<string, string>>,
  reader: FormatReader,
  countSchema: StructType,
  maxRows: number,
  warnings: SourceWarning[],
): Promise<SampledFile[]> {
  const o = new CaseInsensitiveOptions(options);
  const lineBased =
    !isBinaryFormat(format) && !o.boolean('multiLine', false) && !o.boolean('wholetext', false);
  const lineSep = o.get('lineSep') ?? null;
  const sampled: SampledFile[] = [];
  const unreadable: string[] = [];
  let rows = 0;
  for (const f of folder.readOrder) {
    if (sampled.length > 0 && rows >= maxRows) break;
    const name = relativeName(folder, f.path);
    const head = await readFileHead(f.path, lineBased, lineSep, undefined, folder.readBytes);
    if (!head.ok) {
      unreadable.push(`${name} (${head.reason})`);
      warnings.push({
        code: 'FILE_NOT_READABLE',
        message: `Skipped ${f.path}: ${head.reason}.`,
        file: f.path,
      });
      continue;
    }
    let numRows: number;
    try {
      numRows = reader.read(f.path, head.data, format === 'text' ? TEXT_SCHEMA : countSchema).batch.numRows;
    } catch (e) {
      // A damaged binary file (not Parquet, a cut Arrow stream) is unreadable as a whole;
      // text readers only throw on purpose (TidemarkError), which the preview shows.
      if (e instanceof TidemarkError || !isBinaryFormat(format)) throw e;
      const reason = e instanceof Error ? e.message : String(e);
      unreadable.push(`${name} (${reason})`);
      warnings.push({ code: 'FILE_NOT_READABLE', message: `Skipped ${f.path}: ${reason}.`, file: f.path });
      continue;
    }
    sampled.push({ name, path: f.path, data: head.data });
    rows += numRows;
  }
  if (sampled.length === 0 && unreadable.length > 0) {
    throw new IllegalArgumentException(
      `The folder ${folder.root} has no readable files: ${unreadable.join(', ')}.`,
    );
  }
  return sampled;
}

/**
 * The schema the user gave, made nullable as the file source reads it (source-schema.ts);
 * text's fixed `value string` (TextFileFormat); null when it is to be inferred.
 */
function givenSchema(format: string, schema: unknown): StructType | null {
  if (format === 'text') return TEXT_SCHEMA;
  if (schema === null || schema === undefined) return null;
  return asNullable(toStructType(schema as object));
}

/** The corrupt-record texts of one file's read, one per bad record. */
function corruptTexts(r: FileReadResult, corruptIdx: number): string[] {
  const v = r.batch.columns[corruptIdx];
  if (v === undefined || v.storage !== 'string') return [];
  const texts: string[] = [];
  // The rows of one record (a top-level JSON array) are adjacent and share its text: count
  // the record once. `surplus` says how many such extra rows there are.
  let surplus = -r.numCorruptRecords;
  for (let i = 0; i < r.batch.numRows; i++)
    if (v.validity === null || v.validity[i] === 1) surplus++;
  let previous = -2;
  for (let i = 0; i < r.batch.numRows; i++) {
    if (v.validity !== null && v.validity[i] === 0) continue;
    const text = v.dict[v.codes[i]];
    const sameRecord = surplus > 0 && previous === i - 1 && texts[texts.length - 1] === text;
    previous = i;
    if (sameRecord) surplus--;
    else texts.push(text);
  }
  return texts;
}

function shorten(text: string): string {
  return text.length <= MAX_RECORD_TEXT ? text : text.slice(0, MAX_RECORD_TEXT) + '…';
}

/** The service's session settings (time zone, corrupt column name), or Spark's defaults. */
function sessionReaderConf(): ReaderConf {
  const active = Session.getActiveSession();
  if (active !== undefined) return active.readerConf();
  const zone = sqlConfEntry('spark.sql.session.timeZone');
  return {
    timeZone: (zone === undefined ? undefined : defaultValue(zone)) ?? 'UTC',
    columnNameOfCorruptRecord: '_corrupt_record',
  };
}
