/**
 * The shape of every plan node and expression kind in plan JSON, as data: field name →
 * field type (`?` marks optional fields). plan-json.ts walks a document against these
 * tables and reports the first mismatch with its path.
 */
export type FieldType =
  | 'string'
  | 'number'
  | 'boolean'
  | 'strings'
  | 'plan'
  | 'plans'
  | 'expr'
  | 'exprs'
  | 'any'
  | 'options'
  | 'literalValue'
  | 'fillValue'
  | 'renames'
  | 'groupingSets'
  | 'branches'
  | 'span'
  | 'rows'
  | readonly ['enum', ...string[]];

export type Shape = Readonly<Record<string, FieldType>>;

export const PLAN_SHAPES: Readonly<Record<string, Shape>> = {
  source: {
    id: 'string',
    format: 'string',
    'path?': 'string',
    'schema?': 'any',
    options: 'options',
    streaming: 'boolean',
  },
  localRelation: { schema: 'any', rows: 'rows' },
  table: { name: 'string' },
  project: { input: 'plan', exprs: 'exprs' },
  filter: { input: 'plan', condition: 'expr' },
  withColumns: { input: 'plan', names: 'strings', exprs: 'exprs' },
  withColumnsRenamed: { input: 'plan', renames: 'renames' },
  drop: { input: 'plan', columns: 'strings' },
  naDrop: { input: 'plan', how: ['enum', 'any', 'all'], 'thresh?': 'number', 'subset?': 'strings' },
  naFill: { input: 'plan', value: 'fillValue', 'subset?': 'strings' },
  aggregate: {
    input: 'plan',
    groupBy: 'exprs',
    aggregates: 'exprs',
    kind: ['enum', 'groupBy', 'cube', 'rollup'],
    'groupingSets?': 'groupingSets',
  },
  watermark: { input: 'plan', column: 'string', delay: 'string' },
  sort: { input: 'plan', orders: 'exprs' },
  limit: { input: 'plan', n: 'number' },
  deduplicate: { input: 'plan', 'columns?': 'strings', 'withinWatermark?': 'boolean' },
  join: {
    left: 'plan',
    right: 'plan',
    how: ['enum', 'inner', 'left', 'right', 'full', 'left_semi', 'left_anti', 'cross'],
    'using?': 'strings',
    'condition?': 'expr',
  },
  union: { inputs: 'plans', 'byName?': 'boolean' },
};

const span = { 'span?': 'span' } as const;

export const EXPR_SHAPES: Readonly<Record<string, Shape>> = {
  literal: { value: 'literalValue', dataType: 'string', ...span },
  column: { name: 'strings', ...span },
  star: { 'qualifier?': 'string', ...span },
  call: { name: 'string', args: 'exprs', 'distinct?': 'boolean', ...span },
  unary: { op: ['enum', '-', '+', 'NOT', '~'], arg: 'expr', ...span },
  binary: {
    op: [
      'enum',
      '+',
      '-',
      '*',
      '/',
      '%',
      'div',
      '=',
      '<=>',
      '!=',
      '<',
      '<=',
      '>',
      '>=',
      'AND',
      'OR',
      '||',
      '&',
      '|',
      '^',
    ],
    left: 'expr',
    right: 'expr',
    ...span,
  },
  isNull: { arg: 'expr', negated: 'boolean', ...span },
  like: {
    arg: 'expr',
    pattern: 'expr',
    'escape?': 'string',
    negated: 'boolean',
    'caseInsensitive?': 'boolean',
    ...span,
  },
  rlike: { arg: 'expr', pattern: 'expr', negated: 'boolean', ...span },
  in: { arg: 'expr', list: 'exprs', negated: 'boolean', ...span },
  between: { arg: 'expr', low: 'expr', high: 'expr', negated: 'boolean', ...span },
  case: { 'operand?': 'expr', branches: 'branches', 'otherwise?': 'expr', ...span },
  cast: { arg: 'expr', to: 'string', 'try?': 'boolean', ...span },
  alias: { arg: 'expr', name: 'string', ...span },
  field: { arg: 'expr', field: 'string', ...span },
  subscript: { arg: 'expr', index: 'expr', ...span },
  sortOrder: { arg: 'expr', ascending: 'boolean', nullsFirst: 'boolean', ...span },
};
