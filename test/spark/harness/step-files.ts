/**
 * The files each step publishes, named and timed the same for both engines. Modification
 * times are set explicitly, a second apart in step order: file sources order new files by
 * modification time (FileStreamSource sorts by it; maxFilesPerTrigger takes the oldest
 * first), and times an hour in the past pass Tidemark's fileStableMs check at once.
 *
 * For `format: "parquet"` a step file's lines are still JSON records: they are read with the
 * scenario's schema (Tidemark's JSON reader) and written as one Parquet file (Tidemark's
 * writer, which records the Spark schema as Spark does), carried as `base64`.
 */
import { JsonReader } from '../../../engine/io/formats/json-reader';
import { ParquetWriter } from '../../../engine/io/formats/parquet-writer';
import { toStructType } from '../../../engine/types/ddl';
import { fileText, type Scenario } from './scenario';

export interface StepFile {
  readonly name: string;
  readonly text: string;
  /** The file's bytes for binary formats (then `text` is empty). */
  readonly base64?: string;
  readonly mtimeMs: number;
}

export function stepFiles(scenario: Scenario, baseMs: number): StepFile[][] {
  let n = 0;
  return scenario.steps.map((step, s) =>
    step.files.map((lines, f) => ({
      name: `step-${String(s).padStart(3, '0')}-file-${String(f).padStart(2, '0')}.${scenario.format ?? 'json'}`,
      ...content(scenario, fileText(lines)),
      mtimeMs: baseMs + 1000 * n++,
    })),
  );
}

/** A base time an hour ago, whole seconds (some filesystems keep coarse mtimes). */
export function defaultBaseMs(): number {
  return Math.floor(Date.now() / 1000) * 1000 - 3_600_000;
}

function content(scenario: Scenario, text: string): { text: string; base64?: string } {
  if ((scenario.format ?? 'json').toLowerCase() !== 'parquet') return { text };
  const conf = {
    timeZone: scenario.conf['spark.sql.session.timeZone'] ?? 'UTC',
    columnNameOfCorruptRecord: '_corrupt_record',
  };
  const schema = toStructType(scenario.schema);
  const batch = new JsonReader({ mode: 'FAILFAST' }, conf).read('step', new TextEncoder().encode(text), schema).batch;
  return { text: '', base64: Buffer.from(new ParquetWriter().encode(batch)).toString('base64') };
}
