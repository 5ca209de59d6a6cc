import { isShredded, type Aggregate, type Decider } from '@privacy-ledger/ledger';
import { customerSubject } from '../accounts/account.events';
import type { ConsentChanged, ConsentChoice, ConsentPurpose } from './consents.events';

/**
 * Without a recorded choice, marketing mailings are sent (the customer may opt out at any time, as the
 * policy says) and nothing is shared with any partner (P13: never without consent).
 */
export const DEFAULT_CONSENT = (purpose: ConsentPurpose) => purpose === 'marketing-mailings';

export interface ConsentsState {
  readonly choices: Readonly<Partial<Record<ConsentPurpose, { granted: boolean; policyVersion: string; changedAt: string }>>>;
  readonly history: readonly (ConsentChoice & { policyVersion: string; changedAt: string; changedBy: string })[];
  /** Choices whose key is destroyed: the account was erased, and what it chose is gone with it. */
  readonly shredded: boolean;
}

export type SetConsent = {
  type: 'SetConsent';
  accountId: string;
  purpose: ConsentPurpose;
  granted: boolean;
  policyVersion: string;
  changedBy: string;
  at: string;
};

export const granted = (state: ConsentsState, purpose: ConsentPurpose) => state.choices[purpose]?.granted ?? DEFAULT_CONSENT(purpose);

export const consentsDecider: Decider<SetConsent, ConsentsState, ConsentChanged> = {
  initialState: { choices: {}, history: [], shredded: false },
  decide(command, state) {
    if (granted(state, command.purpose) === command.granted) return [];
    const { accountId, purpose, policyVersion, changedBy, at } = command;
    return [
      {
        type: 'ConsentChanged',
        data: { accountId, policyVersion, changedAt: at, changedBy },
        personal: { purpose, granted: command.granted },
      },
    ];
  },
  evolve(state, { data, personal }) {
    const choice = choiceOf(data, personal);
    if (!choice) return { ...state, shredded: true };
    const { policyVersion, changedAt, changedBy } = data;
    return {
      choices: { ...state.choices, [choice.purpose]: { granted: choice.granted, policyVersion, changedAt } },
      history: [...state.history, { ...choice, policyVersion, changedAt, changedBy }],
      shredded: state.shredded,
    };
  },
};

export const consentsAggregate: Aggregate<SetConsent, ConsentsState, ConsentChanged> = {
  name: 'consents',
  eventTypes: ['ConsentChanged'],
  decider: consentsDecider,
  subjectOf: (event) => customerSubject(event.data.accountId),
};

/** The choice an event records: sealed, or in clear in an event recorded before choices were sealed; null once its key is destroyed. */
function choiceOf(data: ConsentChanged['data'], personal: ConsentChanged['personal']): ConsentChoice | null {
  if (personal && !isShredded(personal)) return personal;
  if (data.purpose !== undefined && data.granted !== undefined) return { purpose: data.purpose, granted: data.granted };
  return null;
}
