import { ValidateBy, type ValidationArguments } from 'class-validator';
import { isAccountKind, problemsOfNewAccount } from './account-kinds';

const problemsOf = ({ value, object }: ValidationArguments) => (isAccountKind(value) ? problemsOfNewAccount(value, object) : []);

/** On a signup's `kind`: names, with every other problem of the request, the contact fields that kind lacks or must not have. */
export const FitsAccountKind = () =>
  ValidateBy({
    name: 'fitsAccountKind',
    validator: {
      validate: (value, args) => problemsOf({ ...args!, value }).length === 0,
      defaultMessage: (args) => problemsOf(args!).join('; '),
    },
  });
