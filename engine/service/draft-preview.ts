/**
 * `previewDraft`: the first rows after every step of a draft, so the builder can show what
 * each node does to real data. The first files of the source (in the stream's read order)
 * are read as a static batch with `spark.read` and the draft's schema and options, and the
 * steps are applied to that batch with the same DataFrame calls analyzeDraft makes
 * (draft-steps.ts). As a batch query, aggregations emit all their groups and withWatermark
 * changes nothing (Spark's EliminateEventTimeWatermark drops it on batch plans).
 *
 * Cheap by construction: at most PREVIEW_FILES files and PREVIEW_SOURCE_ROWS rows are read
 * once; each step then runs over those rows held in memory (a LocalRelation).
 */
import { toArrowIPC } from './arrow-export';
import { DataFrame } from '../plan/dataframe';
import type { Session } from '../session';
import { toStructType } from '../types/ddl';
import { draftSource } from './draft-source';
import { draftStep } from './draft-steps';
import { errorInfo } from './error-info';
import type { DraftPreview, ErrorInfo, QueryDraft, StepPreview } from './protocol';
import { listSourceFolder, relativeName } from './source-folder';

/** Files read at most for a preview. */
export const PREVIEW_FILES = 3;
/** Source rows kept at most (enough for a few groups to show). */
export const PREVIEW_SOURCE_ROWS = 2000;
export const DEFAULT_PREVIEW_STEP_ROWS = 5;

export async function previewDraft(
  session: Session,
  draft: QueryDraft,
  maxRows: number = DEFAULT_PREVIEW_STEP_ROWS,
): Promise<DraftPreview> {
  const steps: StepPreview[] = [];
  const failed = (index: number, e: unknown): StepPreview => ({
    index,
    numRows: 0,
    ipc: null,
    error: errorInfo(e),
  });
  const skipped = (index: number): StepPreview => ({ index, numRows: 0, ipc: null, error: null });

  let files: string[] = [];
  let df: DataFrame | null = null;
  // The stream's own checks first: a draft whose source cannot stream has no preview either.
  const source = draftSource(session, draft.source);
  if (!source.ok) steps.push(failed(-1, source.error));
  else {
    try {
      const read = await readFirstFiles(session, draft, source.df.schema.jsonValue());
      files = read.files;
      df = read.df;
      steps.push(await rowsOf(-1, df, maxRows));
    } catch (e) {
      steps.push(failed(-1, e));
    }
  }

  for (const [i, step] of draft.steps.entries()) {
    if (df === null) {
      steps.push(skipped(i));
      continue;
    }
    if (step.disabled === true) {
      steps.push(await rowsOf(i, df, maxRows));
      continue;
    }
    const outcome = draftStep(df, step);
    if (!outcome.ok) {
      steps.push(failed(i, outcome.error));
      df = null;
      continue;
    }
    df = outcome.df;
    const shown = await rowsOf(i, df, maxRows);
    steps.push(shown);
    if (shown.error !== null) df = null;
  }
  return { files, steps };
}

async function rowsOf(index: number, df: DataFrame, maxRows: number): Promise<StepPreview> {
  try {
    const batch = await df.limit(maxRows).toBatch();
    return { index, numRows: batch.numRows, ipc: toArrowIPC(batch), error: null };
  } catch (e) {
    const error: ErrorInfo = errorInfo(e);
    return { index, numRows: 0, ipc: null, error };
  }
}

/** The first files of the folder, in the stream's order, as one in-memory relation. */
async function readFirstFiles(
  session: Session,
  draft: QueryDraft,
  streamSchema: unknown,
): Promise<{ files: string[]; df: DataFrame }> {
  const setup = draft.source;
  const folder = await listSourceFolder(setup.path, setup.options);
  const schema =
    setup.schema === null || setup.schema === undefined
      ? undefined
      : toStructType(setup.schema as object);
  const files: string[] = [];
  let rows: unknown[][] = [];
  // An empty folder still has the stream's schema: the steps show their (empty) output.
  let schemaJSON: unknown = streamSchema;
  for (const file of folder.readOrder.slice(0, PREVIEW_FILES)) {
    const reader = session.read.format(setup.format).options(setup.options);
    const batch = await (schema === undefined ? reader : reader.schema(schema))
      .load(file.path)
      .toBatch();
    files.push(relativeName(folder, file.path));
    schemaJSON = batch.schema.jsonValue();
    rows = rows.concat(batch.toArrays());
    if (rows.length >= PREVIEW_SOURCE_ROWS) break;
  }
  return {
    files,
    df: new DataFrame(
      { op: 'localRelation', schema: schemaJSON, rows: rows.slice(0, PREVIEW_SOURCE_ROWS) },
      session,
    ),
  };
}
