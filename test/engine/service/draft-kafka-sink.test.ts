/**
 * The kafka sink in the query form: offered to every draft whose output Spark's Kafka sink
 * can write, refused with Spark's own reason (KafkaWriter.validateQuery) when the output has
 * no `value` column; once chosen, its options (servers, topic or the topic column) are
 * judged as start() would, carried in the spec, saved in the workspace file, and written by
 * the PySpark and TypeScript code views.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KAFKA_SINK_COMMENT } from '../../../engine/export/kafka-export';
import { analyzeDraft } from '../../../engine/service/query-draft';
import type { DraftAnalysis, DraftStep, QueryDraft } from '../../../engine/service/protocol';
import { Session } from '../../../engine/session';
import { parseWorkspace, workspaceText } from '../../../main/workspace';
import { sampleWorkspace } from '../../main/helpers/workspace-fixture';

let session: Session;
let dir: string;

beforeAll(() => {
  session = Session.builder().appName('draft-kafka-sink-test').getOrCreate();
  dir = mkdtempSync(join(tmpdir(), 'tidemark-draft-kafka-'));
  mkdirSync(join(dir, 'events'));
  writeFileSync(
    join(dir, 'events', 'part-0.json'),
    '{"device":"d1","reading":1.5,"room":"lab"}\n{"device":"d2","reading":2.5,"room":"hall"}\n',
  );
});
afterAll(async () => {
  await session.stop();
  rmSync(dir, { recursive: true, force: true });
});

const SCHEMA = 'device STRING, reading DOUBLE, room STRING';

function draft(steps: DraftStep[], sink: Partial<QueryDraft['sink']> = {}): QueryDraft {
  return {
    name: 'readings_out',
    source: { path: join(dir, 'events'), format: 'json', schema: SCHEMA, options: {} },
    steps,
    sink: {
      format: 'memory',
      outputMode: 'append',
      options: {},
      trigger: { kind: 'default' },
      ...sink,
    },
  };
}

const kafkaCheck = (a: DraftAnalysis) => a.sinks.find((c) => c.value === 'kafka');
const asRecords: DraftStep = {
  kind: 'select',
  exprs: [
    'device AS key',
    "concat(device, ':', CAST(reading AS STRING)) AS value",
    'room AS topic',
  ],
};

describe('the kafka choice in the sink picker', () => {
  it("is refused with Spark's reason when the output has no value column", () => {
    const a = analyzeDraft(session, draft([{ kind: 'select', exprs: ['device', 'reading'] }]));
    expect(kafkaCheck(a)).toEqual({
      value: 'kafka',
      allowed: false,
      reason: "Required attribute 'value' not found",
    });
    // The query's own sink (memory) is not affected.
    expect(a.error).toBeNull();
  });

  it('is refused when the key is neither string nor binary', () => {
    const a = analyzeDraft(
      session,
      draft([{ kind: 'select', exprs: ['reading AS key', 'device AS value'] }]),
    );
    expect(kafkaCheck(a)?.reason).toBe('key attribute type must be a string or binary');
  });

  it('is offered when the output has a string value, before servers or topic are given', () => {
    const a = analyzeDraft(session, draft([asRecords]));
    expect(kafkaCheck(a)).toEqual({ value: 'kafka', allowed: true, reason: null });
  });
});

describe('a draft that writes to kafka', () => {
  it('without servers is refused with the producer’s own message and has no spec', () => {
    const a = analyzeDraft(session, draft([asRecords], { format: 'kafka', options: {} }));
    const reason = 'Missing required configuration "bootstrap.servers" which has no default value.';
    expect(kafkaCheck(a)).toEqual({ value: 'kafka', allowed: false, reason });
    expect(a.spec).toBeNull();
    expect(a.error?.message).toBe(reason);
  });

  it('taking the topic from a column needs a topic column (Spark’s message otherwise)', () => {
    const noTopic = analyzeDraft(
      session,
      draft([{ kind: 'select', exprs: ['device AS value'] }], {
        format: 'kafka',
        options: { 'kafka.bootstrap.servers': 'broker:9092' },
      }),
    );
    expect(noTopic.error?.message).toBe(
      "topic option required when no 'topic' attribute is present. Use the topic option for setting a topic.",
    );
    const fromColumn = analyzeDraft(
      session,
      draft([asRecords], {
        format: 'kafka',
        options: { 'kafka.bootstrap.servers': 'broker:9092' },
      }),
    );
    expect(fromColumn.error).toBeNull();
    expect(fromColumn.spec?.sink.options).toEqual({ 'kafka.bootstrap.servers': 'broker:9092' });
  });

  it('carries its options into the spec, the workspace file and the code views', () => {
    const sink = {
      format: 'kafka',
      outputMode: 'update' as const,
      options: { 'kafka.bootstrap.servers': 'broker:9092', topic: 'readings' },
      checkpointLocation: join(dir, 'cp'),
    };
    const d = draft([asRecords], sink);
    const a = analyzeDraft(session, d);
    expect(a.error).toBeNull();
    expect(a.spec?.sink).toEqual({ ...d.sink, queryName: 'readings_out' });

    const py = a.code.pyspark ?? '';
    const write = py.slice(py.indexOf('.writeStream'));
    expect(write).toContain('.format("kafka")');
    expect(write).toContain('.outputMode("update")');
    expect(write).toContain('.option("kafka.bootstrap.servers", "broker:9092")');
    expect(write).toContain('.option("topic", "readings")');
    expect(write).toContain(`.option("checkpointLocation", "${join(dir, 'cp')}")`);
    // The at-least-once note, wrapped as a Python comment.
    expect(py).toContain(`# ${KAFKA_SINK_COMMENT.slice(0, 60)}`);
    const ts = a.code.typescript ?? '';
    expect(ts).toContain(".format('kafka')");
    expect(ts).toContain(".option('kafka.bootstrap.servers', 'broker:9092')");
    expect(ts).toContain(".option('topic', 'readings')");

    // Saved and opened again: the query's sink is the same.
    const w = sampleWorkspace(join(dir, 'events'));
    const saved = {
      ...w,
      queries: [{ ...w.queries[0], draft: { ...w.queries[0].draft, sink: d.sink } }],
    };
    const opened = parseWorkspace(workspaceText(saved), join(dir, 'w.tidemark'));
    expect(opened.queries[0].draft.sink).toEqual(d.sink);
  });
});
