import type { JsonObject, Position, SubjectRecord } from '@privacy-ledger/ledger';

/** A record as a service shows it: a field it never shows (a password hash, a full card number) is named in `withheld`, never its value. */
export type PersonalDataRecord = SubjectRecord & { readonly withheld?: readonly string[] };

/** One service's part of a subject access export (P15): what it holds of the account, as its ledger has it. */
export interface PersonalData {
  readonly service: string;
  readonly accountId: string;
  readonly generatedAt: string;
  /** The ledger position the records are complete through: nothing after it is in them. */
  readonly throughPosition: Position;
  /** The account had personal data here and every key of it is destroyed: the records hold no personal value. */
  readonly erased: boolean;
  readonly records: readonly PersonalDataRecord[];
}

/**
 * How records show personal parts that hold these fields: without them, naming them in `withheld`, and with what
 * `standIn` gives in their place (a card's brand and last four digits for its number).
 */
export function withholding(fields: readonly string[], standIn: (personal: JsonObject) => JsonObject = () => ({})) {
  return (record: SubjectRecord): PersonalDataRecord => {
    const personal = 'personal' in record ? record.personal : null;
    const withheld = fields.filter((field) => personal !== null && field in personal);
    if (personal === null || withheld.length === 0) return record;
    const shown = Object.fromEntries(Object.entries(personal).filter(([field]) => !fields.includes(field)));
    return { ...record, personal: { ...shown, ...standIn(personal) }, withheld };
  };
}
