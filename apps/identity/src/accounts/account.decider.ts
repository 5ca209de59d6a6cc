import {
  DomainRuleViolation,
  isShredded,
  unknownCommand,
  unknownEvent,
  type Aggregate,
  type Decider,
  type Shredded,
} from '@privacy-ledger/ledger';
import { contactSubject, customerSubject, IDENTITY_ACCOUNT_STREAM, primaryContactId } from '@privacy-ledger/contracts';
import type { AccountEvent, AccountKind, AccountSecrets, BillingDetails, ContactDetails } from './account.events';
import { foreignTo, problemsOfNewAccount } from './account-kinds';

export type AccountState =
  | { readonly status: 'none' }
  | {
      readonly status: 'open';
      readonly accountId: string;
      readonly kind: AccountKind;
      readonly openedAt: string;
      readonly secrets: AccountSecrets | Shredded;
      readonly billing: BillingDetails | Shredded | null;
      /** Password resets already carried out here. */
      readonly resets: readonly string[];
    };

export type AccountCommand =
  | {
      readonly type: 'OpenAccount';
      readonly accountId: string;
      readonly kind: AccountKind;
      readonly secrets: AccountSecrets;
      readonly at: string;
    }
  | { readonly type: 'ChangeAccountDetails'; readonly changes: Partial<ContactDetails>; readonly at: string }
  | { readonly type: 'ChangeBillingDetails'; readonly details: BillingDetails; readonly at: string }
  | { readonly type: 'ChangePassword'; readonly passwordHash: string; readonly resetId: string; readonly at: string };

/** The open account whose data can still be read, or the reason why not. */
function readable(state: AccountState): Extract<AccountState, { status: 'open' }> & { secrets: AccountSecrets } {
  if (state.status !== 'open') throw new DomainRuleViolation('not_found', 'no such account');
  if (isShredded(state.secrets)) throw new DomainRuleViolation('conflict', 'this account was erased');
  return state as Extract<AccountState, { status: 'open' }> & { secrets: AccountSecrets };
}

function refuseInvalid(problems: string[]): void {
  if (problems.length > 0) throw new DomainRuleViolation('invalid', problems.join('; '));
}

export const accountDecider: Decider<AccountCommand, AccountState, AccountEvent> = {
  initialState: { status: 'none' },

  decide(command, state) {
    switch (command.type) {
      case 'OpenAccount': {
        if (state.status !== 'none') throw new DomainRuleViolation('conflict', 'this account already exists');
        const { username, passwordHash, ...details } = command.secrets;
        refuseInvalid(problemsOfNewAccount(command.kind, details));
        const { accountId, at } = command;
        const contact = { name: details.name, email: details.email, ...(details.phone ? { phone: details.phone } : {}) };
        return [
          {
            type: 'AccountOpened',
            data: { accountId, kind: command.kind, openedAt: at },
            personal: { username, passwordHash, ...details },
          },
          {
            type: 'PrimaryContactSubmitted',
            data: { accountId, contactId: primaryContactId(accountId), submittedAt: at },
            personal: contact,
          },
        ];
      }
      case 'ChangeBillingDetails': {
        const { accountId } = readable(state);
        return [{ type: 'BillingDetailsChanged', data: { accountId, changedAt: command.at }, personal: command.details }];
      }
      case 'ChangePassword': {
        const { accountId, resets } = readable(state);
        if (resets.includes(command.resetId)) return [];
        return [
          {
            type: 'AccountPasswordChanged',
            data: { accountId, changedAt: command.at, reason: 'reset', resetId: command.resetId },
            personal: { passwordHash: command.passwordHash },
          },
        ];
      }
      case 'ChangeAccountDetails': {
        const account = readable(state);
        refuseInvalid(foreignTo(account.kind, command.changes));
        const current = account.secrets;
        const fields = (Object.keys(command.changes) as (keyof ContactDetails)[]).filter(
          (field) => command.changes[field] !== undefined && JSON.stringify(command.changes[field]) !== JSON.stringify(current[field]),
        );
        if (fields.length === 0) return [];
        const personal = Object.fromEntries(fields.map((field) => [field, command.changes[field]])) as Partial<ContactDetails>;
        return [{ type: 'AccountDetailsChanged', data: { accountId: account.accountId, fields, changedAt: command.at }, personal }];
      }
      default:
        return unknownCommand(command);
    }
  },

  evolve(state, event) {
    switch (event.type) {
      case 'PrimaryContactSubmitted':
        return state;
      case 'AccountOpened':
        return {
          status: 'open',
          accountId: event.data.accountId,
          kind: event.data.kind,
          openedAt: event.data.openedAt,
          secrets: event.personal,
          billing: null,
          resets: [],
        };
      case 'AccountDetailsChanged':
        if (state.status !== 'open') return state;
        if (isShredded(state.secrets) || isShredded(event.personal)) return { ...state, secrets: { shredded: true } };
        return { ...state, secrets: { ...state.secrets, ...event.personal } };
      case 'BillingDetailsChanged':
        return state.status === 'open' ? { ...state, billing: event.personal } : state;
      case 'AccountPasswordChanged': {
        if (state.status !== 'open') return state;
        const resets = [...state.resets, event.data.resetId];
        if (isShredded(state.secrets) || isShredded(event.personal)) return { ...state, resets, secrets: { shredded: true } };
        return { ...state, resets, secrets: { ...state.secrets, passwordHash: event.personal.passwordHash } };
      }
      default:
        return unknownEvent(event, state);
    }
  },
};

export const accountAggregate: Aggregate<AccountCommand, AccountState, AccountEvent> = {
  name: IDENTITY_ACCOUNT_STREAM,
  eventTypes: ['AccountOpened', 'PrimaryContactSubmitted', 'AccountDetailsChanged', 'BillingDetailsChanged', 'AccountPasswordChanged'],
  decider: accountDecider,
  /** Everything is the customer's, kept by identity, except the hand-over of the primary contact, kept by contacts. */
  subjectOf: (event) =>
    event.type === 'PrimaryContactSubmitted'
      ? contactSubject(event.data.contactId, event.data.accountId)
      : customerSubject(event.data.accountId),
};
