import { Kafka, logLevel } from 'kafkajs';

export interface KafkaSettings {
  /** host:port of one or more brokers. */
  readonly brokers: readonly string[];
  /** Put before every topic name, so that runs side by side (tests, environments on one cluster) never share topics. */
  readonly topicPrefix?: string;
}

/** Partitions of a topic the relay or a subscriber creates; a stream's events share one whatever the count. */
const PARTITIONS_PER_TOPIC = 3;

/**
 * A client with short timeouts, so an unreachable broker fails a batch in seconds and shows in /health, and
 * silent: its failures reach the caller as errors, which the services log by name and code only.
 */
export function kafkaClient(clientId: string, brokers: readonly string[]): Kafka {
  return new Kafka({
    clientId,
    brokers: [...brokers],
    connectionTimeout: 3000,
    requestTimeout: 10_000,
    retry: { retries: 5, initialRetryTime: 300 },
    logLevel: logLevel.NOTHING,
  });
}

/** Creates the topics that are missing; an existing topic, made by another process or by an operator, is left as it is. */
export async function ensureTopics(kafka: Kafka, topics: readonly string[]): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    await admin.createTopics({ topics: topics.map((topic) => ({ topic, numPartitions: PARTITIONS_PER_TOPIC })), waitForLeaders: true });
  } finally {
    await admin.disconnect();
  }
}
