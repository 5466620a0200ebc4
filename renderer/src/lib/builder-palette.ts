/**
 * The builder's palette: the operators a user drags onto the pipeline, each making the
 * draft step it stands for, with defaults taken from the schema where one is obvious (the
 * first timestamp column for a watermark or a window) so a dropped node can run at once.
 * Window is not a step of its own: it is a `window(...)` grouping key, so it makes a
 * Group by node keyed by a window (Spark's TimeWindow); a session window likewise.
 */
import type { DraftStep } from '../../../engine/service/protocol';
import type { CompletionColumn } from './expression-completion';
import { windowKeyText } from './builder-window-keys';

export type PaletteId =
  | 'filter'
  | 'select'
  | 'withColumn'
  | 'rename'
  | 'drop'
  | 'naDrop'
  | 'naFill'
  | 'groupBy'
  | 'cube'
  | 'rollup'
  | 'window'
  | 'sessionWindow'
  | 'watermark'
  | 'dropDuplicates'
  | 'join'
  | 'sink';

export interface PaletteItem {
  readonly id: PaletteId;
  readonly label: string;
  /** The DataFrame call it makes, as the lab writes it. */
  readonly call: string;
  readonly description: string;
}

export const PALETTE: readonly PaletteItem[] = [
  {
    id: 'filter',
    label: 'Filter',
    call: 'filter',
    description: 'Keep the rows where a condition holds',
  },
  { id: 'select', label: 'Select', call: 'select', description: 'Choose or compute the columns' },
  {
    id: 'withColumn',
    label: 'Add column',
    call: 'withColumn',
    description: 'Add or replace one column',
  },
  { id: 'rename', label: 'Rename', call: 'withColumnRenamed', description: 'Rename a column' },
  { id: 'drop', label: 'Drop columns', call: 'drop', description: 'Remove columns' },
  { id: 'naDrop', label: 'Drop nulls', call: 'na.drop', description: 'Drop rows with nulls' },
  { id: 'naFill', label: 'Fill nulls', call: 'na.fill', description: 'Replace nulls with a value' },
  { id: 'groupBy', label: 'Group by', call: 'groupBy().agg', description: 'Group and aggregate' },
  {
    id: 'cube',
    label: 'Cube',
    call: 'cube().agg',
    description: 'Aggregate over every subset of the keys',
  },
  {
    id: 'rollup',
    label: 'Rollup',
    call: 'rollup().agg',
    description: 'Aggregate over the prefixes of the keys',
  },
  {
    id: 'window',
    label: 'Window',
    call: 'groupBy(window())',
    description: 'Count per event-time window',
  },
  {
    id: 'sessionWindow',
    label: 'Session window',
    call: 'groupBy(session_window())',
    description: 'Count per session of activity',
  },
  {
    id: 'watermark',
    label: 'Watermark',
    call: 'withWatermark',
    description: 'Bound how late event time may be',
  },
  {
    id: 'dropDuplicates',
    label: 'Deduplicate',
    call: 'dropDuplicates',
    description: 'Drop repeated rows',
  },
  {
    id: 'join',
    label: 'Join reference data',
    call: 'join',
    description: 'Join a static file or rows to the stream',
  },
  {
    id: 'sink',
    label: 'Sink',
    call: 'writeStream',
    description: 'Where and how the result is written',
  },
];

export function paletteItem(id: string): PaletteItem | undefined {
  return PALETTE.find((p) => p.id === id);
}

/** The first event-time candidate: a timestamp column, else the first column. */
export function timeColumn(columns: readonly CompletionColumn[]): string {
  return (columns.find((c) => c.type.startsWith('timestamp')) ?? columns[0])?.name ?? '';
}

/**
 * The step a palette item makes over `columns` (the schema where it lands); null for the
 * sink, which is always on the canvas (dropping it selects it).
 */
export function stepFor(id: PaletteId, columns: readonly CompletionColumn[]): DraftStep | null {
  const first = columns[0]?.name ?? '';
  switch (id) {
    case 'filter':
      return { kind: 'filter', condition: '' };
    case 'select':
      return { kind: 'select', exprs: columns.map((c) => c.name) };
    case 'withColumn':
      return { kind: 'withColumn', name: '', expr: '' };
    case 'rename':
      return { kind: 'rename', from: first, to: '' };
    case 'drop':
      return { kind: 'drop', columns: [] };
    case 'naDrop':
      return { kind: 'naDrop', how: 'any', thresh: null, subset: [] };
    case 'naFill':
      return { kind: 'naFill', value: '0', subset: [] };
    case 'groupBy':
    case 'cube':
    case 'rollup':
      return { kind: id, keys: [], aggs: [] };
    case 'window':
      return {
        kind: 'groupBy',
        keys: [
          windowKeyText({
            kind: 'window',
            column: timeColumn(columns),
            duration: '10 minutes',
            slide: '',
          }),
        ],
        aggs: [],
      };
    case 'sessionWindow':
      return {
        kind: 'groupBy',
        keys: [
          windowKeyText({
            kind: 'session_window',
            column: timeColumn(columns),
            duration: '5 minutes',
            slide: '',
          }),
        ],
        aggs: [],
      };
    case 'watermark':
      return { kind: 'watermark', column: timeColumn(columns), delay: '10 minutes' };
    case 'dropDuplicates':
      return { kind: 'dropDuplicates', columns: [] };
    case 'join':
      return {
        kind: 'join',
        right: {
          kind: 'rows',
          schema: `${first === '' ? 'key' : first} STRING, label STRING`,
          rows: [],
        },
        on: first === '' ? [] : [first],
        condition: '',
        how: 'left',
      };
    case 'sink':
      return null;
  }
}

/** What a node is called on the canvas. */
export function nodeTitle(step: DraftStep): string {
  switch (step.kind) {
    case 'filter':
      return 'Filter';
    case 'select':
      return 'Select';
    case 'withColumn':
      return 'Add column';
    case 'rename':
      return 'Rename';
    case 'drop':
      return 'Drop columns';
    case 'naDrop':
      return 'Drop nulls';
    case 'naFill':
      return 'Fill nulls';
    case 'watermark':
      return 'Watermark';
    case 'dropDuplicates':
      return 'Deduplicate';
    case 'groupBy':
      return step.keys.some((k) => /^\s*(session_)?window\s*\(/i.test(k))
        ? 'Window + group by'
        : 'Group by';
    case 'cube':
      return 'Cube';
    case 'rollup':
      return 'Rollup';
    case 'join':
      return 'Join reference data';
  }
}

/** One line saying what the node does, in the DataFrame API's words. */
export function nodeSummary(step: DraftStep): string {
  switch (step.kind) {
    case 'filter':
      return step.condition === '' ? 'filter(…)' : `filter(${step.condition})`;
    case 'select':
      return `select(${step.exprs.join(', ')})`;
    case 'withColumn':
      return `withColumn(${step.name || '…'}, ${step.expr || '…'})`;
    case 'rename':
      return `withColumnRenamed(${step.from || '…'}, ${step.to || '…'})`;
    case 'drop':
      return `drop(${step.columns.join(', ')})`;
    case 'naDrop':
      return `na.drop(how=${step.how}${step.thresh === null ? '' : `, thresh=${step.thresh}`}${step.subset.length ? `, subset=[${step.subset.join(', ')}]` : ''})`;
    case 'naFill':
      return `na.fill(${step.value}${step.subset.length ? `, [${step.subset.join(', ')}]` : ''})`;
    case 'watermark':
      return `withWatermark(${step.column || '…'}, '${step.delay}')`;
    case 'dropDuplicates':
      return `dropDuplicates(${step.columns.join(', ')})`;
    case 'groupBy':
    case 'cube':
    case 'rollup':
      return `${step.kind}(${step.keys.join(', ')}).${step.aggs.length === 0 ? 'count()' : `agg(${step.aggs.join(', ')})`}`;
    case 'join':
      return `join(${step.right.kind === 'files' ? step.right.source.path || 'file…' : `${step.right.rows.length} rows`}, ${step.condition !== '' ? step.condition : `[${step.on.join(', ')}]`}, '${step.how}')`;
  }
}
