import type { RecordedEvent } from '@privacy-ledger/ledger';
import type { Reactor } from '@privacy-ledger/projections';
import { Partitioners, type Kafka, type Producer } from 'kafkajs';
import { ensureTopics, kafkaClient, type KafkaSettings } from './kafka-connection';
import { toKafkaMessage, topicOf } from './ledger-message';

export interface KafkaRelayOptions extends KafkaSettings {
  /** The bounded context, named as its service is, whose events this relay publishes. */
  readonly context: string;
  /** `<service>/<aggregate>` for the event types a service registered: the service part is the event's context. */
  readonly ownerOf: (type: string) => string | undefined;
}

/** At most this many messages a request: a whole ledger batch (500 events) could pass the broker's 1 MB record-batch limit. */
const MESSAGES_PER_SEND = 100;

/**
 * Publishes its context's ledger events to the context's topic, in log order, and skips every other event. As a
 * reactor under the projection runner it is the one relay of its name across processes (the lease), and its
 * checkpoint moves only after Kafka acknowledged the batch on all in-sync replicas: a crash sends a batch again,
 * never loses one. The idempotent producer keeps a partition's order through its own retries.
 */
export class KafkaRelay implements Reactor {
  readonly name: string;
  readonly topic: string;
  private readonly kafka: Kafka;
  private producer: Promise<Producer> | null = null;

  constructor(private readonly options: KafkaRelayOptions) {
    this.topic = topicOf(options.context, options.topicPrefix);
    // Named for its topic: another prefix is another topic, which the relay fills from the log's start.
    this.name = `kafka-relay-${this.topic}`;
    this.kafka = kafkaClient(`privacy-ledger-relay-${options.context}`, options.brokers);
  }

  handle(event: RecordedEvent): Promise<void> {
    return this.handleBatch([event]);
  }

  async handleBatch(events: readonly RecordedEvent[]): Promise<void> {
    const messages = events.filter((event) => this.isOfContext(event)).map(toKafkaMessage);
    if (messages.length === 0) return;
    const producer = await this.connected();
    try {
      for (let start = 0; start < messages.length; start += MESSAGES_PER_SEND)
        await producer.send({ topic: this.topic, acks: -1, messages: messages.slice(start, start + MESSAGES_PER_SEND) });
    } catch (error) {
      await this.close(); // the retry starts on a fresh connection
      throw error;
    }
  }

  async close(): Promise<void> {
    const producer = this.producer;
    this.producer = null;
    await producer?.then(
      (connected) => connected.disconnect(),
      () => undefined,
    );
  }

  private isOfContext(event: RecordedEvent): boolean {
    return this.options.ownerOf(event.type)?.split('/')[0] === this.options.context;
  }

  private connected(): Promise<Producer> {
    this.producer ??= this.connect().catch((error: unknown) => {
      this.producer = null;
      throw error;
    });
    return this.producer;
  }

  private async connect(): Promise<Producer> {
    await ensureTopics(this.kafka, [this.topic]);
    const producer = this.kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      allowAutoTopicCreation: false,
      createPartitioner: Partitioners.DefaultPartitioner,
    });
    await producer.connect();
    return producer;
  }
}
