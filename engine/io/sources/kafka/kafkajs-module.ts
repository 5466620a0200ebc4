/**
 * kafkajs, loaded when a query first reaches a broker: importing it with the engine put it on
 * the heap of every process, Kafka or not (see s3-sdk.ts for why the startup heap matters).
 */
export type KafkaJs = typeof import('kafkajs');

let module: Promise<KafkaJs> | undefined;

export function kafkajs(): Promise<KafkaJs> {
  module ??= import('kafkajs');
  return module;
}
