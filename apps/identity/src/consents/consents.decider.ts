import { holdsNoPersonalData, type Aggregate, type Decider } from '@privacy-ledger/ledger';
import type { ConsentChanged, ConsentPurpose } from './consents.events';

/**
 * Without a recorded choice, marketing mailings are sent (the customer may opt out at any time, as the
 * policy says) and nothing is shared with any partner (P13: never without consent).
 */
export const DEFAULT_CONSENT = (purpose: ConsentPurpose) => purpose === 'marketing-mailings';

export interface ConsentsState {
  readonly choices: Readonly<Partial<Record<ConsentPurpose, { granted: boolean; policyVersion: string; changedAt: string }>>>;
  readonly history: readonly ConsentChanged['data'][];
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
  initialState: { choices: {}, history: [] },
  decide(command, state) {
    if (granted(state, command.purpose) === command.granted) return [];
    const { accountId, purpose, policyVersion, changedBy, at } = command;
    return [
      {
        type: 'ConsentChanged',
        data: { accountId, purpose, granted: command.granted, policyVersion, changedAt: at, changedBy },
        personal: null,
      },
    ];
  },
  evolve(state, { data }) {
    return {
      choices: {
        ...state.choices,
        [data.purpose]: { granted: data.granted, policyVersion: data.policyVersion, changedAt: data.changedAt },
      },
      history: [...state.history, data],
    };
  },
};

export const consentsAggregate: Aggregate<SetConsent, ConsentsState, ConsentChanged> = {
  name: 'consents',
  eventTypes: ['ConsentChanged'],
  decider: consentsDecider,
  subjectOf: holdsNoPersonalData,
};
