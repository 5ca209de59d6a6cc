import { deciderSpec } from '@privacy-ledger/testing';
import type { ConsentChanged } from './consents.events';
import { consentsDecider, granted } from './consents.decider';

const spec = deciderSpec(consentsDecider);
const at = '2026-11-23T09:00:00.000Z';
const set = (purpose: 'marketing-mailings' | `sharing:${string}`, value: boolean) =>
  ({ type: 'SetConsent', accountId: 'a1', purpose, granted: value, policyVersion: '2', changedBy: 'a1', at }) as const;
const changed = (purpose: 'marketing-mailings' | `sharing:${string}`, value: boolean): ConsentChanged => ({
  type: 'ConsentChanged',
  data: { accountId: 'a1', policyVersion: '2', changedAt: at, changedBy: 'a1' },
  personal: { purpose, granted: value },
});
/** As recorded before choices were sealed: the choice in clear. */
const changedInClear = (purpose: 'marketing-mailings' | `sharing:${string}`, value: boolean): ConsentChanged => ({
  type: 'ConsentChanged',
  data: { accountId: 'a1', purpose, granted: value, policyVersion: '1', changedAt: at, changedBy: 'a1' },
  personal: null,
});
const state = (history: ConsentChanged[]) => history.reduce(consentsDecider.evolve, consentsDecider.initialState);

describe('consents decider (P13, P15)', () => {
  it('starts with mailings on and no sharing, and records only real changes of mind', () => {
    expect(granted(consentsDecider.initialState, 'marketing-mailings')).toBe(true);
    expect(granted(consentsDecider.initialState, 'sharing:acme')).toBe(false);
    spec.given([]).when(set('marketing-mailings', true)).then([]);
    spec.given([]).when(set('sharing:acme', false)).then([]);
  });

  it('opts out of mailings and back in, each time with the policy version in force', () => {
    spec
      .given([])
      .when(set('marketing-mailings', false))
      .then([changed('marketing-mailings', false)]);
    spec
      .given([changed('marketing-mailings', false)])
      .when(set('marketing-mailings', true))
      .then([changed('marketing-mailings', true)]);
  });

  it('grants and withdraws sharing per named partner', () => {
    spec
      .given([])
      .when(set('sharing:acme', true))
      .then([changed('sharing:acme', true)]);
    spec
      .given([changed('sharing:acme', true)])
      .when(set('sharing:other', true))
      .then([changed('sharing:other', true)]);
    spec
      .given([changed('sharing:acme', true)])
      .when(set('sharing:acme', false))
      .then([changed('sharing:acme', false)]);
  });

  it('reads choices recorded in clear before they were sealed', () => {
    spec
      .given([changedInClear('marketing-mailings', false)])
      .when(set('marketing-mailings', true))
      .then([changed('marketing-mailings', true)]);
  });

  it('keeps no choice whose key is destroyed: the erased account chose nothing any more', () => {
    const erased = state([{ ...changed('sharing:acme', true), personal: { shredded: true } } as ConsentChanged]);
    expect(erased).toMatchObject({ choices: {}, history: [], shredded: true });
  });
});
