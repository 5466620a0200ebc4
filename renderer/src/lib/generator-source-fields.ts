/**
 * The sources that read no folder — Spark's `rate`, `rate-micro-batch` and `socket` — and
 * the option fields the source setup shows for them instead of the folder picker. Names,
 * defaults and meanings are Spark's (RateStreamProvider, RatePerMicroBatchProvider,
 * TextSocketSourceProvider); the engine checks the values and reports Spark's errors.
 */
import { optionValue } from './draft-reader-options';
export interface GeneratorField {
  readonly key: string;
  readonly label: string;
  /** What the engine assumes when the option is absent (shown as the placeholder). */
  readonly placeholder: string;
  readonly description: string;
}

export interface GeneratorFormatInfo {
  readonly format: string;
  readonly summary: string;
  readonly fields: readonly GeneratorField[];
  /** Options a new setup of this format starts with, so it runs as soon as it is picked. */
  readonly defaults: Readonly<Record<string, string>>;
  /** The fixed schema, as DDL, for the setup to show. */
  readonly schema: (options: Readonly<Record<string, string>>) => string;
}

const RATE_DDL = 'timestamp TIMESTAMP, value BIGINT';
const numPartitions: GeneratorField = {
  key: 'numPartitions',
  label: 'Partitions',
  placeholder: 'default',
  description: 'Only changes the order Spark returns rows in; Tidemark reads one partition.',
};

export const GENERATOR_FORMATS: readonly GeneratorFormatInfo[] = [
  {
    format: 'rate',
    summary:
      'Generates value 0, 1, 2, … at a steady rate with the time each was due: for demos and load tests.',
    fields: [
      {
        key: 'rowsPerSecond',
        label: 'Rows per second',
        placeholder: '1',
        description: 'How many rows each second.',
      },
      {
        key: 'rampUpTime',
        label: 'Ramp-up time',
        placeholder: '0s',
        description: 'How long to grow to that rate (e.g. 5s), in whole seconds.',
      },
      numPartitions,
    ],
    defaults: { rowsPerSecond: '10' },
    schema: () => RATE_DDL,
  },
  {
    format: 'rate-micro-batch',
    summary: 'The same rows every run: a fixed number per micro-batch with a fixed time step.',
    fields: [
      {
        key: 'rowsPerBatch',
        label: 'Rows per batch',
        placeholder: 'required',
        description: 'How many rows each micro-batch.',
      },
      {
        key: 'startTimestamp',
        label: 'Start time (epoch ms)',
        placeholder: '0',
        description: 'The timestamp of the first batch’s rows.',
      },
      {
        key: 'advanceMillisPerBatch',
        label: 'Time step (ms)',
        placeholder: '1000',
        description: 'How far the timestamp moves on from one batch to the next.',
      },
      numPartitions,
    ],
    defaults: { rowsPerBatch: '10' },
    schema: () => RATE_DDL,
  },
  {
    format: 'socket',
    summary:
      'Text lines from a TCP server (e.g. `nc -lk 9999`), one row per line. Not fault tolerant: lines are not replayed after a restart.',
    fields: [
      {
        key: 'host',
        label: 'Host',
        placeholder: 'required',
        description: 'The server to connect to.',
      },
      { key: 'port', label: 'Port', placeholder: 'required', description: 'Its TCP port.' },
      {
        key: 'includeTimestamp',
        label: 'Include timestamp',
        placeholder: 'false',
        description: 'true adds a `timestamp` column: when each line arrived.',
      },
    ],
    defaults: { host: 'localhost', port: '9999' },
    schema: (options) =>
      optionValue(options, 'includeTimestamp')?.toLowerCase() === 'true'
        ? 'value STRING, timestamp TIMESTAMP'
        : 'value STRING',
  },
];

export function generatorFormat(format: string): GeneratorFormatInfo | undefined {
  const f = format.toLowerCase();
  return GENERATOR_FORMATS.find((g) => g.format === f);
}

/**
 * The setup after picking `format`: a generator format reads no folder and fixes its own
 * schema, so path and schema are cleared and its starting options filled in; a file format
 * keeps what the user had, minus a generator's options.
 */
export function switchFormat<
  S extends {
    path: string;
    format: string;
    schema: unknown;
    options: Readonly<Record<string, string>>;
  },
>(setup: S, format: string): S {
  const next = generatorFormat(format);
  const previous = generatorFormat(setup.format);
  if (next !== undefined)
    return { ...setup, format, path: '', schema: null, options: { ...next.defaults } };
  if (previous !== undefined) return { ...setup, format, options: {} };
  return { ...setup, format };
}
