import { Inject, Injectable, ServiceUnavailableException } from '@nestjs/common';
import { CLOCK, type Clock } from '@privacy-ledger/clock';
import { KEYRING, type Keyring } from '@privacy-ledger/keyring';
import {
  EVENT_STORE,
  exportSubjectRecords,
  isErased,
  type EventStore,
  type Position,
  type SubjectRecord,
  type SubjectStream,
} from '@privacy-ledger/ledger';
import { READ_MODELS, type ReadModels } from '@privacy-ledger/projections';
import { SERVICE_NAME } from '../nest/service-module';
import type { PersonalData, PersonalDataRecord } from './personal-data';

/** What a service knows of an account's history: which of its streams are the account's, and how each record is shown. */
export interface AccountHistory {
  /** Projections some of the streams are found through: the streams are all of them once these have caught up. */
  readonly foundThrough?: readonly string[];
  /** Asked once those projections have caught up. */
  readonly streams: () => Promise<readonly SubjectStream[]>;
  /** What a record shows of what it holds, where the service never shows all of it (a card number, a password hash). */
  readonly present?: (record: SubjectRecord) => PersonalDataRecord;
}

/**
 * A service's part of a subject access export, built from its ledger: the account's streams replayed up to the
 * head of the log and opened with the service's own keys. Complete, or a 503: never records that silently miss
 * a stream a lagging read model did not name yet.
 */
@Injectable()
export class PersonalDataExporter {
  constructor(
    @Inject(EVENT_STORE) private readonly events: EventStore,
    @Inject(KEYRING) private readonly keyring: Keyring,
    @Inject(READ_MODELS) private readonly readModels: ReadModels,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(SERVICE_NAME) private readonly service: string,
  ) {}

  async export(accountId: string, history: AccountHistory): Promise<PersonalData> {
    const through = await this.events.headPosition();
    for (const projection of history.foundThrough ?? []) await this.waitFor(projection, through);
    const records = await exportSubjectRecords(this.events, this.keyring, await history.streams(), through);
    return {
      service: this.service,
      accountId,
      generatedAt: this.clock.now().toISOString(),
      throughPosition: through,
      erased: isErased(records),
      records: history.present ? records.map(history.present) : records,
    };
  }

  private async waitFor(projection: string, through: Position): Promise<void> {
    if (!(await this.readModels.applied(projection, through).catch(() => false)))
      throw new ServiceUnavailableException(`the ${projection} read model is behind the ledger: see /health, and ask again`);
  }
}
