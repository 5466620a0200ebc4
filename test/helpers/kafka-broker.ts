/**
 * A real Apache Kafka broker for tests: KRaft mode (one process that is both broker and
 * controller), listening on free 127.0.0.1 ports, its log in a temp folder. The jars come
 * from Maven Central through scripts/kafka-env.sh, which the helper runs itself so a clean
 * clone works; without java or mvn the test fails with that script's message (never skips).
 *
 *   const broker = await startKafkaBroker();   // in beforeAll, ~5–15 s
 *   broker.bootstrap                           // "127.0.0.1:<port>"
 *   await broker.stop();                       // in afterAll: kills the JVM, removes the folder
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Kafka, logLevel, type Admin, type Message, type Producer } from 'kafkajs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

export interface KafkaBroker {
  readonly bootstrap: string;
  readonly admin: Admin;
  readonly producer: Producer;
  createTopic(topic: string, numPartitions?: number): Promise<void>;
  /** Sends and waits for the broker's acknowledgement (acks=all). */
  produce(topic: string, messages: Message[]): Promise<void>;
  stop(): Promise<void>;
}

/** The libs folder scripts/kafka-env.sh prepared (its last stdout line). */
function brokerLibs(): string {
  const run = spawnSync('bash', [join(ROOT, 'scripts/kafka-env.sh')], { encoding: 'utf8' });
  if (run.error !== undefined || run.status !== 0) {
    throw new Error(
      `scripts/kafka-env.sh failed (exit ${run.status}): the Kafka tests need Java 17+ and Maven.\n` +
        `${run.stderr ?? ''}${run.error?.message ?? ''}`,
    );
  }
  const lines = run.stdout.trim().split('\n');
  return lines[lines.length - 1];
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}

/**
 * A Kafka Uuid as StorageTool random-uuid prints it: 16 random bytes, base64url, no padding,
 * never starting with '-' (Kafka's Uuid.randomUuid draws again too: the format tool's argument
 * parser would take "-x…" for an option, which failed 1 broker start in 64).
 */
function clusterId(): string {
  for (;;) {
    const id = randomBytes(16).toString('base64url');
    if (!id.startsWith('-')) return id;
  }
}

function java(): string {
  return process.env.JAVA_HOME ? join(process.env.JAVA_HOME, 'bin', 'java') : 'java';
}

export async function startKafkaBroker(): Promise<KafkaBroker> {
  const libs = brokerLibs();
  const dir = mkdtempSync(join(tmpdir(), 'tidemark-kafka-'));
  let child: ChildProcess | undefined;
  let clients: { admin: Admin; producer: Producer } | undefined;
  const logFile = join(dir, 'broker.log');
  const cleanup = async (): Promise<void> => {
    if (clients !== undefined) {
      await clients.producer.disconnect().catch(() => undefined);
      await clients.admin.disconnect().catch(() => undefined);
    }
    if (child !== undefined && child.exitCode === null && child.signalCode === null) {
      const exited = new Promise<void>((r) => child?.once('exit', () => r()));
      child.kill('SIGKILL');
      await exited;
    }
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    const port = await freePort();
    const controllerPort = await freePort();
    const props = join(dir, 'server.properties');
    writeFileSync(
      props,
      [
        'process.roles=broker,controller',
        'node.id=1',
        `controller.quorum.voters=1@127.0.0.1:${controllerPort}`,
        `listeners=PLAINTEXT://127.0.0.1:${port},CONTROLLER://127.0.0.1:${controllerPort}`,
        `advertised.listeners=PLAINTEXT://127.0.0.1:${port}`,
        'controller.listener.names=CONTROLLER',
        'inter.broker.listener.name=PLAINTEXT',
        'listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT',
        `log.dirs=${join(dir, 'data')}`,
        'num.partitions=1',
        'offsets.topic.replication.factor=1',
        'transaction.state.log.replication.factor=1',
        'transaction.state.log.min.isr=1',
        'group.initial.rebalance.delay.ms=0',
        'auto.create.topics.enable=true',
        'num.network.threads=2',
        'num.io.threads=2',
        'background.threads=2',
        '',
      ].join('\n'),
    );
    const log4j = join(dir, 'log4j.properties');
    writeFileSync(
      log4j,
      'log4j.rootLogger=WARN, stdout\nlog4j.appender.stdout=org.apache.log4j.ConsoleAppender\n' +
        'log4j.appender.stdout.layout=org.apache.log4j.PatternLayout\n' +
        'log4j.appender.stdout.layout.ConversionPattern=[%d] %p %m (%c)%n\n',
    );
    const jvm = [
      '-Xmx384m',
      '-XX:+UseSerialGC',
      '-XX:TieredStopAtLevel=1',
      `-Dlog4j.configuration=file:${log4j}`,
      '-cp',
      `${libs}/*`,
    ];
    const format = spawnSync(
      java(),
      [...jvm, 'kafka.tools.StorageTool', 'format', '-t', clusterId(), '-c', props],
      { encoding: 'utf8' },
    );
    if (format.status !== 0)
      throw new Error(`kafka-storage format failed:\n${format.stdout}\n${format.stderr}`);
    const out: string[] = [];
    child = spawn(java(), [...jvm, 'kafka.Kafka', props], { stdio: ['ignore', 'pipe', 'pipe'] });
    // Should the test process end without afterAll (a crash, a timeout kill), the JVM goes too.
    const orphan = child;
    process.once('exit', () => orphan.kill('SIGKILL'));
    child.stdout?.on('data', (d: Buffer) => out.push(d.toString()));
    child.stderr?.on('data', (d: Buffer) => out.push(d.toString()));
    const bootstrap = `127.0.0.1:${port}`;
    const kafka = new Kafka({
      clientId: 'tidemark-test',
      brokers: [bootstrap],
      logLevel: logLevel.NOTHING,
      retry: { retries: 2 },
    });
    const admin = kafka.admin();
    // Idempotent, so a retried send (a leader still moving right after createTopic) cannot
    // write a record twice and make a test count one record too many.
    const producer = kafka.producer({
      allowAutoTopicCreation: false,
      idempotent: true,
      maxInFlightRequests: 1,
    });
    clients = { admin, producer };
    await waitUntilAnswering(admin, child, out);
    await producer.connect();
    writeFileSync(logFile, out.join(''));
    return {
      bootstrap,
      admin,
      producer,
      async createTopic(topic, numPartitions = 1) {
        await admin.createTopics({
          topics: [{ topic, numPartitions, replicationFactor: 1 }],
          waitForLeaders: true,
        });
      },
      async produce(topic, messages) {
        await producer.send({ topic, messages, acks: -1 });
      },
      stop: cleanup,
    };
  } catch (e) {
    const log = (() => {
      try {
        return readFileSync(logFile, 'utf8');
      } catch {
        return '';
      }
    })();
    await cleanup();
    throw new Error(
      `Kafka broker did not start: ${(e as Error).message}${log ? `\n${log.slice(-4000)}` : ''}`,
    );
  }
}

async function waitUntilAnswering(admin: Admin, child: ChildProcess, out: string[]): Promise<void> {
  const deadline = Date.now() + 60000;
  for (;;) {
    if (child.exitCode !== null)
      throw new Error(`the broker exited with ${child.exitCode}:\n${out.join('').slice(-4000)}`);
    try {
      await admin.connect();
      await admin.listTopics();
      return;
    } catch (e) {
      if (Date.now() > deadline)
        throw new Error(
          `no answer within 60 s (${(e as Error).message}):\n${out.join('').slice(-4000)}`,
        );
      await new Promise((r) => setTimeout(r, 250));
    }
  }
}
