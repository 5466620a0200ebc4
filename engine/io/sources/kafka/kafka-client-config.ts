/**
 * Turns the `kafka.`-prefixed options (Kafka's own client settings, prefix dropped) into a
 * kafkajs client configuration. The settings kafkajs has an equivalent for are honoured:
 * bootstrap.servers, client.id, request.timeout.ms, socket.connection.setup.timeout.ms,
 * security.protocol (SSL / SASL_SSL / SASL_PLAINTEXT) with sasl.mechanism PLAIN or
 * SCRAM-SHA-256/512 and the username/password of sasl.jaas.config. Others are accepted and
 * not used, as the Java client only warns about settings it does not know.
 */
import type { KafkaConfig, logLevel, SASLOptions } from 'kafkajs';
import { IllegalArgumentException } from '../../../errors';

function param(params: Readonly<Record<string, string>>, key: string): string | undefined {
  const found = Object.keys(params).find((k) => k.toLowerCase() === key);
  return found === undefined ? undefined : params[found];
}

function positiveInt(params: Readonly<Record<string, string>>, key: string): number | undefined {
  const v = param(params, key);
  if (v === undefined) return undefined;
  if (!/^\d+$/.test(v.trim())) {
    throw new IllegalArgumentException(
      `Invalid value ${v} for configuration ${key}: Not a number of type INT`,
    );
  }
  return Number(v.trim());
}

/** `org.apache.kafka.common.security.plain.PlainLoginModule required username="u" password="p";` */
function jaasCredentials(jaas: string): { username: string; password: string } {
  const pick = (name: string): string | undefined =>
    new RegExp(`${name}\\s*=\\s*"([^"]*)"`).exec(jaas)?.[1];
  const username = pick('username');
  const password = pick('password');
  if (username === undefined || password === undefined) {
    throw new IllegalArgumentException(
      'kafka.sasl.jaas.config must name a username="..." and a password="..." ' +
        '(PlainLoginModule or ScramLoginModule)',
    );
  }
  return { username, password };
}

function saslOf(params: Readonly<Record<string, string>>): SASLOptions {
  const mechanism = (param(params, 'sasl.mechanism') ?? 'GSSAPI').toUpperCase();
  const jaas = param(params, 'sasl.jaas.config') ?? '';
  const creds = jaasCredentials(jaas);
  switch (mechanism) {
    case 'PLAIN':
      return { mechanism: 'plain', ...creds };
    case 'SCRAM-SHA-256':
      return { mechanism: 'scram-sha-256', ...creds };
    case 'SCRAM-SHA-512':
      return { mechanism: 'scram-sha-512', ...creds };
    default:
      throw new IllegalArgumentException(
        `kafka.sasl.mechanism ${mechanism} is not supported by Tidemark's Kafka client ` +
          '(use PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512)',
      );
  }
}

export function kafkaClientConfig(params: Readonly<Record<string, string>>): KafkaConfig {
  const servers = (param(params, 'bootstrap.servers') ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  if (servers.length === 0) {
    throw new IllegalArgumentException(
      "Option 'kafka.bootstrap.servers' must be specified for configuring Kafka consumer",
    );
  }
  const protocol = (param(params, 'security.protocol') ?? 'PLAINTEXT').toUpperCase();
  if (!['PLAINTEXT', 'SSL', 'SASL_PLAINTEXT', 'SASL_SSL'].includes(protocol)) {
    throw new IllegalArgumentException(
      `Invalid value ${protocol} for configuration security.protocol: ` +
        'String must be one of: PLAINTEXT, SSL, SASL_PLAINTEXT, SASL_SSL',
    );
  }
  return {
    clientId: param(params, 'client.id') ?? 'tidemark',
    brokers: servers,
    ssl: protocol === 'SSL' || protocol === 'SASL_SSL',
    sasl: protocol.startsWith('SASL_') ? saslOf(params) : undefined,
    requestTimeout: positiveInt(params, 'request.timeout.ms') ?? 30000,
    connectionTimeout: positiveInt(params, 'socket.connection.setup.timeout.ms') ?? 10000,
    // Failures reach the user as query errors; kafkajs's own console logging would only repeat them.
    // logLevel.NOTHING, as its number: kafkajs itself is loaded only when a broker is reached.
    logLevel: 0 as logLevel,
    retry: { retries: 5, initialRetryTime: 100, maxRetryTime: 2000 },
  };
}
