/**
 * The query form's source as a streaming DataFrame, built as a user would:
 * `spark.readStream.format(f).schema(schema).options(o).load(path)`. A failure names the
 * field of the source setup it is in (`schema`, `path`, `format`, `options`).
 */
import { basename } from 'node:path';
import { readerFor } from '../io/formats/registry';
import { isGeneratorFormat } from '../io/sources/generator-source-schemas';
import { schemaRequiredError } from '../io/sources/source-schema';
import { DataFrame } from '../plan/dataframe';
import type { SourceNode } from '../plan/logical-plan';
import type { Session } from '../session';
import { toStructType } from '../types/ddl';
import type { SourceSetup } from './protocol';

export type DraftOutcome =
  | { readonly ok: true; readonly df: DataFrame }
  | { readonly ok: false; readonly error: unknown; readonly field: string | null };

/** Runs `f`; a throw becomes a failure in `field`. */
function attempt<T>(
  field: string,
  f: () => T,
): { ok: true; value: T } | { ok: false; error: unknown; field: string } {
  try {
    return { ok: true, value: f() };
  } catch (error) {
    return { ok: false, error, field };
  }
}

export function draftSource(session: Session, setup: SourceSetup): DraftOutcome {
  const format = setup.format.toLowerCase();
  if (isGeneratorFormat(format)) return draftGeneratorSource(session, setup, format);
  // Without a schema a stream cannot be analysed: Spark's own refusal says what to do
  // (DataSource.sourceSchema); text alone has a fixed schema.
  if ((setup.schema === null || setup.schema === undefined) && format !== 'text')
    return { ok: false, error: schemaRequiredError(), field: 'schema' };
  const schema = attempt('schema', () =>
    setup.schema === null || setup.schema === undefined
      ? undefined
      : toStructType(setup.schema as object),
  );
  if (!schema.ok) return schema;
  const loaded = attempt('path', () => {
    const reader = session.readStream.format(setup.format).options(setup.options);
    return (schema.value === undefined ? reader : reader.schema(schema.value)).load(setup.path);
  });
  if (!loaded.ok) return loaded;
  // The reader is made at start(); making it now reports an unknown format or a bad option
  // value while the user is still on the form.
  const checked = attempt('options', () => readerFor(format, setup.options, session.readerConf()));
  if (!checked.ok) {
    const isFormat =
      (checked.error as { errorClass?: string }).errorClass === 'DATA_SOURCE_NOT_FOUND';
    return { ...checked, field: isFormat ? 'format' : 'options' };
  }
  // The session hands out a new source id on every load(); a name taken from the folder
  // keeps the plan, its code and its checkpoint's offsets the same from one edit to the next.
  const node: SourceNode = { ...(loaded.value.plan as SourceNode), id: sourceIdFor(setup.path) };
  return { ok: true, df: new DataFrame(node, session) };
}

/**
 * rate, rate-micro-batch and socket: no folder and a schema of their own, so the setup's
 * options are what can be wrong (Spark's getTable checks them at load()).
 */
function draftGeneratorSource(session: Session, setup: SourceSetup, format: string): DraftOutcome {
  const loaded = attempt('options', () => {
    const reader = session.readStream.format(format).options(setup.options);
    const withSchema =
      setup.schema === null || setup.schema === undefined
        ? reader
        : reader.schema(toStructType(setup.schema as object));
    return withSchema.load();
  });
  if (!loaded.ok) {
    const isSchema =
      (loaded.error as { errorClass?: string }).errorClass === '_LEGACY_ERROR_TEMP_1133';
    return { ...loaded, field: isSchema ? 'schema' : 'options' };
  }
  // Named after the format, so the plan and its checkpoint keep one id across edits.
  const node: SourceNode = { ...(loaded.value.plan as SourceNode), id: sourceIdFor(format) };
  return { ok: true, df: new DataFrame(node, session) };
}

/** `/data/Iot/` → `iot`; glob segments (`*.json`) are skipped; `source` when nothing is left. */
export function sourceIdFor(path: string): string {
  const segments = path.split(/[\\/]+/).filter((s) => s !== '' && !/[*?[\]{}]/.test(s));
  const last = segments.length > 0 ? basename(segments[segments.length - 1]) : '';
  const id = last
    .toLowerCase()
    .replace(/[^a-z0-9_]+/g, '_')
    .replace(/^_+|_+$/g, '');
  if (id === '') return 'source';
  return /^[0-9]/.test(id) ? `source_${id}` : id;
}
