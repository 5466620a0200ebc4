/**
 * The query form's steps: which kinds there are, what a new one holds, which fields each
 * shows and how an edit changes it. The engine parses and checks every expression
 * (analyzeDraft); this file only knows the shape of DraftStep.
 *
 * List fields (select's expressions, groupBy's keys and aggregates, columns) are edited one
 * entry per line, and the lines are kept as typed, blank ones included, so the text area
 * round-trips exactly while the user types. `stepForEngine` drops the blank lines before a
 * draft is analysed, run or saved; `entryLine` maps the engine's entry index back to a line.
 */
import type { DraftStep } from '../../../engine/service/protocol';

export type StepKind = DraftStep['kind'];

export interface StepKindInfo {
  readonly kind: StepKind;
  /** The DataFrame method the step is, as the lab writes it. */
  readonly label: string;
  readonly description: string;
}

export const STEP_KINDS: readonly StepKindInfo[] = [
  { kind: 'filter', label: 'filter', description: 'Keep the rows where a condition holds' },
  { kind: 'select', label: 'select', description: 'Choose or compute the columns' },
  { kind: 'withColumn', label: 'withColumn', description: 'Add or replace one column' },
  { kind: 'rename', label: 'withColumnRenamed', description: 'Rename a column' },
  { kind: 'drop', label: 'drop', description: 'Remove columns' },
  { kind: 'naDrop', label: 'na.drop', description: 'Drop rows with nulls' },
  { kind: 'naFill', label: 'na.fill', description: 'Replace nulls with a value' },
  { kind: 'watermark', label: 'withWatermark', description: 'Bound how late event time may be' },
  { kind: 'dropDuplicates', label: 'dropDuplicates', description: 'Drop repeated rows' },
  { kind: 'groupBy', label: 'groupBy', description: 'Group and aggregate (count() by default)' },
  { kind: 'cube', label: 'cube', description: 'Aggregate over every subset of the keys' },
  { kind: 'rollup', label: 'rollup', description: 'Aggregate over the prefixes of the keys' },
  { kind: 'join', label: 'join', description: 'Join reference data (chosen in the Builder)' },
];

/** How a field is edited. */
export type FieldInput =
  /** One Spark SQL expression. */
  | 'expression'
  /** Expressions, one per line. */
  | 'expressions'
  /** A column name (completed from the schema, no functions). */
  | 'column'
  /** Column names, one per line. */
  | 'columns'
  /** Free text the engine reads (a new name, a literal, an interval). */
  | 'text'
  | 'how'
  | 'number';

export interface StepField {
  /** The DraftStep property, and the name analyzeDraft's `field` uses. */
  readonly name: string;
  readonly label: string;
  readonly input: FieldInput;
  readonly placeholder: string;
  readonly hint?: string;
}

const GROUPING_FIELDS: readonly StepField[] = [
  { name: 'keys', label: 'Keys (one per line)', input: 'expressions', placeholder: 'gt\nModel' },
  {
    name: 'aggs',
    label: 'Aggregates (one per line; empty: count())',
    input: 'expressions',
    placeholder: 'avg(x)',
  },
];

const FIELDS: Record<StepKind, readonly StepField[]> = {
  filter: [
    { name: 'condition', label: 'Condition', input: 'expression', placeholder: "gt = 'walk'" },
  ],
  select: [
    {
      name: 'exprs',
      label: 'Columns or expressions (one per line)',
      input: 'expressions',
      placeholder: 'Device\nx * 2 AS x2',
    },
  ],
  withColumn: [
    { name: 'name', label: 'Column name', input: 'text', placeholder: 'speed' },
    { name: 'expr', label: 'Expression', input: 'expression', placeholder: 'sqrt(x*x + y*y)' },
  ],
  rename: [
    { name: 'from', label: 'Column', input: 'column', placeholder: 'gt' },
    { name: 'to', label: 'New name', input: 'text', placeholder: 'activity' },
  ],
  drop: [
    { name: 'columns', label: 'Columns (one per line)', input: 'columns', placeholder: 'Index' },
  ],
  naDrop: [
    { name: 'how', label: 'Drop a row when', input: 'how', placeholder: '' },
    {
      name: 'thresh',
      label: 'Keep rows with at least this many non-null values',
      input: 'number',
      placeholder: 'none',
      hint: "Spark's thresh; when set it overrides “drop a row when”.",
    },
    {
      name: 'subset',
      label: 'Only these columns (one per line; empty: all)',
      input: 'columns',
      placeholder: 'x\ny',
    },
  ],
  naFill: [
    {
      name: 'value',
      label: 'Value',
      input: 'text',
      placeholder: "0, 'unknown' or true",
      hint: 'Spark fills only the columns whose type matches the value.',
    },
    {
      name: 'subset',
      label: 'Only these columns (one per line; empty: all)',
      input: 'columns',
      placeholder: 'gt',
    },
  ],
  watermark: [
    { name: 'column', label: 'Event-time column', input: 'column', placeholder: 'Arrival_Time' },
    { name: 'delay', label: 'Delay threshold', input: 'text', placeholder: '10 minutes' },
  ],
  dropDuplicates: [
    {
      name: 'columns',
      label: 'Columns (one per line; empty: whole rows)',
      input: 'columns',
      placeholder: 'Device\nIndex',
    },
  ],
  groupBy: [
    {
      name: 'keys',
      label: 'Group by (one per line)',
      input: 'expressions',
      placeholder: "gt\nwindow(Arrival_Time, '10 minutes')",
    },
    {
      name: 'aggs',
      label: 'Aggregates (one per line; empty: count())',
      input: 'expressions',
      placeholder: 'avg(x) AS avg_x',
    },
  ],
  cube: GROUPING_FIELDS,
  rollup: GROUPING_FIELDS,
  // The reference data and the join type are edited in the builder (components/builder).
  join: [
    { name: 'on', label: 'Join on columns (one per line)', input: 'columns', placeholder: 'Device' },
    { name: 'condition', label: 'Or a condition', input: 'expression', placeholder: 'Device = device' },
  ],
};

export function fieldsOf(kind: StepKind): readonly StepField[] {
  return FIELDS[kind];
}

export function isStepKind(value: string): value is StepKind {
  return STEP_KINDS.some((k) => k.kind === value);
}

/** A new step of `kind`, empty but for defaults that make sense on their own. */
export function newStep(kind: StepKind): DraftStep {
  switch (kind) {
    case 'filter':
      return { kind, condition: '' };
    case 'select':
      return { kind, exprs: [''] };
    case 'withColumn':
      return { kind, name: '', expr: '' };
    case 'rename':
      return { kind, from: '', to: '' };
    case 'drop':
      return { kind, columns: [''] };
    case 'naDrop':
      return { kind, how: 'any', thresh: null, subset: [] };
    case 'naFill':
      return { kind, value: '0', subset: [] };
    case 'watermark':
      return { kind, column: '', delay: '10 minutes' };
    case 'dropDuplicates':
      return { kind, columns: [] };
    case 'groupBy':
    case 'cube':
    case 'rollup':
      return { kind, keys: [''], aggs: [] };
    case 'join':
      return { kind, right: { kind: 'rows', schema: '', rows: [] }, on: [], condition: '', how: 'inner' };
  }
}

/** The field's value as the form shows it: list fields one entry per line. */
export function fieldText(step: DraftStep, field: string): string {
  const value = (step as unknown as Record<string, unknown>)[field];
  if (Array.isArray(value)) return value.join('\n');
  if (value === null || value === undefined) return '';
  return String(value);
}

/** `step` with `field` set from the form's text. */
export function withFieldText(step: DraftStep, field: StepField, text: string): DraftStep {
  let value: unknown;
  switch (field.input) {
    case 'expressions':
    case 'columns':
      value = text === '' ? [] : text.split('\n');
      break;
    case 'number': {
      const n = Number.parseInt(text, 10);
      value = text.trim() === '' || Number.isNaN(n) ? null : n;
      break;
    }
    case 'how':
      value = text === 'all' ? 'all' : 'any';
      break;
    default:
      value = text;
  }
  return { ...step, [field.name]: value } as DraftStep;
}

/** The step as the engine takes it: blank list entries dropped, entries trimmed. */
export function stepForEngine(step: DraftStep): DraftStep {
  const out: Record<string, unknown> = { ...step };
  for (const [key, value] of Object.entries(step)) {
    if (Array.isArray(value))
      out[key] = (value as string[]).map((s) => s.trim()).filter((s) => s !== '');
  }
  return out as DraftStep;
}

/** The line of a list field that holds the engine's entry `entry` (blank lines skipped). */
export function entryLine(lines: readonly string[], entry: number): number {
  let seen = -1;
  for (let i = 0; i < lines.length; i++) {
    if (lines[i].trim() === '') continue;
    if (++seen === entry) return i;
  }
  return -1;
}

/** The steps with step `index` moved by `delta` (−1 up, +1 down); unchanged at the ends. */
export function moveStep(
  steps: readonly DraftStep[],
  index: number,
  delta: -1 | 1,
): readonly DraftStep[] {
  const to = index + delta;
  if (index < 0 || index >= steps.length || to < 0 || to >= steps.length) return steps;
  const out = [...steps];
  [out[index], out[to]] = [out[to], out[index]];
  return out;
}

export function removeStep(steps: readonly DraftStep[], index: number): readonly DraftStep[] {
  return steps.filter((_, i) => i !== index);
}
