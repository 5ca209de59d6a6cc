import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { KEYRING, type Keyring } from '@privacy-ledger/keyring';
import { DomainRuleViolation, streamOf, type SubjectStream } from '@privacy-ledger/ledger';
import { GetPersonalDataQuery, PersonalDataExporter, withholding, type PersonalData } from '@privacy-ledger/platform';
import { listAll, READ_MODELS, type ReadModelStore } from '@privacy-ledger/projections';
import { accountAggregate } from '../accounts/account.decider';
import { consentsAggregate } from '../consents/consents.decider';
import { passwordResetAggregate } from '../password-reset/password-reset.decider';
import { SESSION_HISTORY, sessionHistoryProjection, type SessionRecord } from '../sessions/session-history.projection';
import { sessionRevocationsAggregate } from '../sessions/session-revocations.decider';
import { sessionAggregate } from '../sessions/session.decider';
import { sessionIdOfSubject } from '../sessions/session.events';

/**
 * What identity holds of a customer: the account with its details, billing details and password changes, its
 * consents, password resets, session revocations, and every session (P16). Password hashes are withheld: a
 * hash in an export that gets copied could be guessed at offline, and it tells the customer nothing.
 */
@QueryHandler(GetPersonalDataQuery)
export class GetPersonalDataHandler implements IQueryHandler<GetPersonalDataQuery> {
  constructor(
    private readonly exporter: PersonalDataExporter,
    @Inject(READ_MODELS) private readonly readModels: ReadModelStore,
    @Inject(KEYRING) private readonly keyring: Keyring,
  ) {}

  async execute({ accountId, purpose }: GetPersonalDataQuery): Promise<PersonalData> {
    const exported = await this.exporter.export(accountId, {
      foundThrough: [sessionHistoryProjection.name],
      streams: () => this.streamsOf(accountId),
      present: withholding(['passwordHash']),
    });
    const account = streamOf(accountAggregate, accountId);
    // An erasure can be asked for an id no account ever had: its check counts nothing here, where an export says so.
    if (purpose === 'subject-access' && !exported.records.some((record) => record.stream === account))
      throw new DomainRuleViolation('not_found', 'no such account');
    return exported;
  }

  private async streamsOf(accountId: string): Promise<SubjectStream[]> {
    return [
      { aggregate: accountAggregate, id: accountId },
      { aggregate: consentsAggregate, id: accountId },
      { aggregate: passwordResetAggregate, id: accountId },
      { aggregate: sessionRevocationsAggregate, id: accountId },
      ...[...(await this.sessionsOf(accountId))].map((sessionId) => ({ aggregate: sessionAggregate, id: sessionId })),
    ];
  }

  /** The session history names the account's sessions until an erasure empties it; the keyring, by their keys, after. */
  private async sessionsOf(accountId: string): Promise<Set<string>> {
    const listed = await listAll<SessionRecord>(this.readModels, SESSION_HISTORY, { principalId: accountId });
    const keyed = (await this.keyring.subjectsOf(accountId)).map(sessionIdOfSubject);
    return new Set([...listed.map((session) => session.sessionId), ...keyed.filter((id): id is string => id !== null)]);
  }
}
