import type { ConsentPurpose } from './consents.events';
import { granted, type ConsentsState } from './consents.decider';

const PARTNER = 'sharing:';

export interface ConsentsView {
  readonly marketingMailings: boolean;
  readonly partners: { partner: string; granted: boolean; policyVersion: string; changedAt: string }[];
  readonly history: { purpose: ConsentPurpose; granted: boolean; policyVersion: string; changedAt: string; changedBy: string }[];
}

/** The current choices, and every change with its time and policy version. */
export function consentsView(state: ConsentsState): ConsentsView {
  const partners = Object.entries(state.choices)
    .filter(([purpose]) => purpose.startsWith(PARTNER))
    .map(([purpose, choice]) => ({ partner: purpose.slice(PARTNER.length), ...choice! }));
  return {
    marketingMailings: granted(state, 'marketing-mailings'),
    partners,
    history: state.history.map(({ purpose, granted: value, policyVersion, changedAt, changedBy }) => ({
      purpose,
      granted: value,
      policyVersion,
      changedAt,
      changedBy,
    })),
  };
}
