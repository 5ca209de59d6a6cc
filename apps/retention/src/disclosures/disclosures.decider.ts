import { DomainRuleViolation, type Aggregate, type Decider } from '@privacy-ledger/ledger';
import { disclosureSubject, type DisclosureEvent, type DisclosureRecorded } from './disclosures.events';

export interface DisclosureState {
  readonly recorded: boolean;
}

export type DisclosureCommand = Omit<DisclosureRecorded['data'], 'recordedAt'> & {
  readonly type: 'RecordDisclosure';
  readonly recipient: string;
  readonly reference: string;
  readonly at: string;
};

/** What makes a record untrue to the register, each named, for one answer that lists them all. */
function problemsOf({ dataCategories, disclosedAt, legalBasis, barredFromNotice, at }: DisclosureCommand): string[] {
  const problems: string[] = [];
  if (dataCategories.length === 0) problems.push('dataCategories must name at least one category of data');
  if (disclosedAt > at) problems.push('disclosedAt must not be in the future');
  // The customer agreed to this disclosure: there is nothing legal process could forbid telling them.
  if (legalBasis === 'consent' && barredFromNotice)
    problems.push('a disclosure made with the customer’s consent cannot be barred from notice');
  return problems;
}

/** One command, one event: a disclosure's register entry is written once and never changed. */
function decide(command: DisclosureCommand, state: DisclosureState): DisclosureEvent[] {
  if (state.recorded) throw new DomainRuleViolation('conflict', `disclosure ${command.disclosureId} was recorded already`);
  const problems = problemsOf(command);
  if (problems.length > 0) throw new DomainRuleViolation('invalid', problems.join('; '));
  const { accountId, disclosureId, legalBasis, dataCategories, disclosedAt, barredFromNotice, recordedBy, at } = command;
  return [
    {
      type: 'DisclosureRecorded',
      data: { accountId, disclosureId, legalBasis, dataCategories, disclosedAt, barredFromNotice, recordedBy, recordedAt: at },
      personal: { recipient: command.recipient, reference: command.reference },
    },
  ];
}

export const disclosureDecider: Decider<DisclosureCommand, DisclosureState, DisclosureEvent> = {
  initialState: { recorded: false },
  decide,
  evolve: () => ({ recorded: true }),
};

export const disclosureAggregate: Aggregate<DisclosureCommand, DisclosureState, DisclosureEvent> = {
  name: 'disclosure',
  eventTypes: ['DisclosureRecorded'],
  decider: disclosureDecider,
  writesForClosedAccounts: true,
  subjectOf: (event) => disclosureSubject(event.data.disclosureId, event.data.accountId),
};
