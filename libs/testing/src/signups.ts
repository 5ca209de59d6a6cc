/** What an individual enters at signup (P1), as a test names the values it looks for afterwards. */
export interface IndividualSignup {
  readonly username: string;
  readonly name: string;
  readonly email: string;
  readonly street: string;
  readonly phone: string;
}

/** The body of POST /accounts for an individual, with these values. */
export function individualSignup({ username, name, email, street, phone }: IndividualSignup, password: string) {
  return {
    kind: 'individual',
    username,
    password,
    name,
    email,
    address: { street, city: 'Utrecht', postalCode: '3511 AA', country: 'NL' },
    phone,
  };
}
