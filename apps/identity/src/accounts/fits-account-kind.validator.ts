import { ValidateBy, ValidateIf, type ValidationArguments } from 'class-validator';
import { PROBLEMS_APART } from '@privacy-ledger/platform';
import { hasField, isAccountKind, problemsOfKind } from './account-kinds';
import type { ContactDetails } from './account.events';

const problemsOf = ({ value, object }: ValidationArguments) => (isAccountKind(value) ? problemsOfKind(value, object) : []);

/**
 * On a field only some kinds of account have: checked when given to such a kind. Given to another, `kind` says it
 * does not apply, and nothing is said of its value.
 */
export const CheckedForItsKind = (field: keyof ContactDetails) =>
  ValidateIf(({ kind }: { kind: unknown }, value) => value !== undefined && (!isAccountKind(kind) || hasField(kind, field)));

/** On a signup's `kind`: names, with every other problem of the request, the contact fields that kind lacks or must not have. */
export const FitsAccountKind = () =>
  ValidateBy({
    name: 'fitsAccountKind',
    validator: {
      validate: (value, args) => problemsOf({ ...args!, value }).length === 0,
      defaultMessage: (args) => problemsOf(args!).join(PROBLEMS_APART),
    },
  });
