/**
 * The source-setup preview of a kafka source, against a real broker: the latest records per
 * partition (up to 20 in all, shared between partitions), the Kafka schema with key/value
 * shown as UTF-8 text under a `binary` label, no consumer group left on the broker, Spark's
 * option errors, and a clear error when the brokers cannot be reached or do not answer.
 */
import { createServer, type Server, type Socket } from 'node:net';
import { tableFromIPC } from 'apache-arrow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  KAFKA_PREVIEW_RECORDS,
  shareOut,
  withinDeadline,
} from '../../../engine/service/source-preview-kafka';
import { previewSource } from '../../../engine/service/source-preview';
import { EngineService } from '../../../engine/service/engine-service';
import type { HostResponse, SourcePreview, SourceSetup } from '../../../engine/service/protocol';
import { Session } from '../../../engine/session';
import { startKafkaBroker, type KafkaBroker } from '../../helpers/kafka-broker';

let broker: KafkaBroker;

beforeAll(async () => {
  broker = await startKafkaBroker();
  await broker.createTopic('sensors', 3);
  // Partition 0: 30 records, partition 1: 5, partition 2: none.
  await broker.produce(
    'sensors',
    Array.from({ length: 30 }, (_, i) => ({ partition: 0, key: `k${i}`, value: `{"n":${i}}` })),
  );
  await broker.produce(
    'sensors',
    Array.from({ length: 5 }, (_, i) => ({
      partition: 1,
      key: i === 0 ? null : `p1-${i}`,
      value: `température ${i}`,
      headers: { unit: 'C' },
    })),
  );
}, 120_000);

afterAll(async () => {
  await broker?.stop();
});

function kafka(options: Record<string, string>): SourceSetup {
  return {
    path: '',
    format: 'kafka',
    schema: null,
    options: { 'kafka.bootstrap.servers': broker.bootstrap, ...options },
  };
}

/** The preview's rows as the page decodes them: column → cell values, and the type labels. */
function rowsOf(p: SourcePreview): {
  cells: Record<string, unknown[]>;
  types: Record<string, string | undefined>;
} {
  const table = tableFromIPC(p.ipc);
  const cells: Record<string, unknown[]> = {};
  const types: Record<string, string | undefined> = {};
  for (const f of table.schema.fields) {
    cells[f.name] = [...(table.getChild(f.name) ?? [])].map((v) =>
      typeof v === 'bigint' ? Number(v) : v,
    );
    types[f.name] = f.metadata.get('spark.type');
  }
  return { cells, types };
}

describe('kafka source preview', () => {
  it('shows the latest records of each partition, 20 in all, shared between partitions', async () => {
    const p = await previewSource(kafka({ subscribe: 'sensors' }), 50);
    expect(p.numRows).toBe(KAFKA_PREVIEW_RECORDS);
    expect(p.schemaDDL).toBe(
      '`key` BINARY, `value` BINARY, `topic` STRING, `partition` INT, `offset` BIGINT, `timestamp` TIMESTAMP, `timestampType` INT',
    );
    expect(p.inferred).toBe(false);
    const { cells, types } = rowsOf(p);
    // Partition 1 has only 5 records: partition 0 gives the other 15, its latest (15..29).
    expect(cells.partition).toEqual([...Array(15).fill(0), ...Array(5).fill(1)]);
    expect(cells.offset).toEqual([
      ...Array.from({ length: 15 }, (_, i) => 15 + i),
      ...Array.from({ length: 5 }, (_, i) => i),
    ]);
    expect(cells.key.slice(0, 2)).toEqual(['k15', 'k16']);
    expect(cells.value[14]).toBe('{"n":29}');
    // UTF-8 decoded as CAST(value AS STRING) would; a record without a key has a null key.
    expect(cells.value.slice(15)).toEqual([0, 1, 2, 3, 4].map((i) => `température ${i}`));
    expect(cells.key[15]).toBeNull();
    expect(cells.topic.every((t) => t === 'sensors')).toBe(true);
    expect(types.key).toBe('binary');
    expect(types.value).toBe('binary');
    expect(types.offset).toBe('bigint');
    expect(p.note).toContain('3 partitions');
    expect(p.note).toContain('UTF-8');
    expect(p.files).toEqual([]);
  });

  it('keeps to a smaller row budget and leaves no consumer group behind', async () => {
    const p = await previewSource(kafka({ subscribePattern: 'sens.*' }), 4);
    const { cells } = rowsOf(p);
    expect(cells.partition).toEqual([0, 0, 1, 1]);
    expect(cells.offset).toEqual([28, 29, 3, 4]);
    // Read by assignment: the broker knows no group, and a second preview sees the same rows.
    const { groups } = await broker.admin.listGroups();
    expect(groups).toEqual([]);
    const again = await previewSource(kafka({ subscribePattern: 'sens.*' }), 4);
    expect(rowsOf(again).cells.offset).toEqual([28, 29, 3, 4]);
  });

  it('reads only the assigned partitions, with headers when includeHeaders is set', async () => {
    const p = await previewSource(
      kafka({ assign: '{"sensors":[1,2]}', includeHeaders: 'true' }),
      50,
    );
    expect(p.schemaDDL).toContain('`headers` ARRAY<STRUCT<key: STRING, value: BINARY>>');
    const { cells } = rowsOf(p);
    expect(cells.partition).toEqual([1, 1, 1, 1, 1]);
    const first = (cells.headers[0] as { toJSON(): { key: string; value: Uint8Array }[] }).toJSON();
    expect(first.map((h) => [h.key, new TextDecoder().decode(h.value)])).toEqual([['unit', 'C']]);
  });

  it('is what the host API answers to the page’s previewSource request', async () => {
    const service = new EngineService({
      session: Session.builder().appName('kafka-preview-service').getOrCreate(),
      onEvent: () => undefined,
    });
    try {
      const answer = await service.handle({
        id: 1,
        type: 'previewSource',
        setup: kafka({ subscribe: 'sensors' }),
        maxRows: 50,
      });
      expect(answer.ok).toBe(true);
      const p = (answer as Extract<HostResponse, { ok: true }>).result as SourcePreview;
      expect(rowsOf(p).cells.offset.slice(-5)).toEqual([0, 1, 2, 3, 4]);
    } finally {
      await service.stop();
    }
  });

  it('a topic that does not exist gives no rows and says so', async () => {
    const p = await previewSource(kafka({ subscribe: 'nowhere' }), 50);
    expect(p.numRows).toBe(0);
    expect(p.note).toContain('No partition matches Subscribe[nowhere]');
  });

  it("refuses bad options with Spark's message before connecting", async () => {
    await expect(previewSource(kafka({}), 50)).rejects.toThrow(
      'One of the following options must be specified for Kafka source: subscribe, subscribepattern, assign.',
    );
    await expect(
      previewSource(kafka({ subscribe: 'sensors', endingOffsets: 'latest' }), 50),
    ).rejects.toThrow('ending offset not valid in streaming queries');
  });
});

describe('kafka source preview without a broker', () => {
  it('names the servers when nothing listens there', async () => {
    const port = await closedPort();
    await expect(
      previewSource(
        {
          path: '',
          format: 'kafka',
          schema: null,
          options: { 'kafka.bootstrap.servers': `127.0.0.1:${port}`, subscribe: 't' },
        },
        50,
      ),
    ).rejects.toThrow(
      `[KAFKA_BROKERS_UNREACHABLE] Could not read from the Kafka brokers at 127.0.0.1:${port}`,
    );
  });

  // The client's own timeouts are shortened and the whole read has a deadline, so this ends
  // with an error (which of the two fires first depends on the client) instead of waiting.
  it('gives up on a server that accepts connections and never answers', async () => {
    const sockets: Socket[] = [];
    const silent: Server = createServer((s) => sockets.push(s));
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    const port = (silent.address() as { port: number }).port;
    try {
      await expect(
        previewSource(
          {
            path: '',
            format: 'kafka',
            schema: null,
            options: { 'kafka.bootstrap.servers': `127.0.0.1:${port}`, subscribe: 't' },
          },
          50,
        ),
      ).rejects.toThrow(
        `[KAFKA_BROKERS_UNREACHABLE] Could not read from the Kafka brokers at 127.0.0.1:${port}: `,
      );
    } finally {
      for (const s of sockets) s.destroy();
      await new Promise<void>((r) => silent.close(() => r()));
    }
  }, 15_000);
});

describe('withinDeadline', () => {
  it('ends a read that never finishes with an error naming the servers', async () => {
    await expect(
      withinDeadline(new Promise(() => undefined), ['b1:9092', 'b2:9092'], 50),
    ).rejects.toThrow(
      'Could not read from the Kafka brokers at b1:9092, b2:9092: they did not answer within 0.05 s.',
    );
    await expect(withinDeadline(Promise.resolve(7), ['b1:9092'], 50)).resolves.toBe(7);
  });
});

describe('shareOut', () => {
  it('shares the budget evenly and gives a short partition’s share to the others', () => {
    expect(shareOut([30, 5, 0], 20)).toEqual([15, 5, 0]);
    expect(shareOut([100, 100, 100], 20)).toEqual([7, 7, 6]);
    expect(shareOut([2, 1], 20)).toEqual([2, 1]);
    expect(shareOut([], 20)).toEqual([]);
  });
});

/** A port nothing listens on: bound, then released. */
async function closedPort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as { port: number }).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}
