import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { KEYRING, type Keyring } from '@privacy-ledger/keyring';
import { sealedPartFromStore } from '@privacy-ledger/ledger';
import { READ_MODELS, type ReadModelStore } from '@privacy-ledger/projections';
import { ListMySessionsQuery, type SessionRecordView } from './list-my-sessions.query';
import { SESSION_HISTORY, type SessionRecord } from './session-history.projection';
import { keyringAccountOf } from './session.events';

@QueryHandler(ListMySessionsQuery)
export class ListMySessionsHandler implements IQueryHandler<ListMySessionsQuery> {
  constructor(
    @Inject(READ_MODELS) private readonly readModels: ReadModelStore,
    @Inject(KEYRING) private readonly keyring: Keyring,
  ) {}

  async execute({ principalId, kind }: ListMySessionsQuery): Promise<SessionRecordView[]> {
    const records = await this.readModels.list<SessionRecord>(SESSION_HISTORY, { where: { principalId }, limit: 100 });
    const opened = await this.keyring.decryptMany<{ ipAddress: string; userAgent: string | null }>(
      records.flatMap(({ sealed }) => (sealed ? [sealedPartFromStore(sealed, keyringAccountOf(principalId, kind))] : [])),
    );
    let next = 0;
    return records.map(({ sessionId, startedAt, sealed }) => {
      const client = sealed ? opened[next++] : null;
      return { sessionId, startedAt, ...(client?.status === 'ok' ? client.value : { erased: true as const }) };
    });
  }
}
