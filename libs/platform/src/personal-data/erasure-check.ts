import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsString, MaxLength } from 'class-validator';
import type { PersonalData } from './personal-data';

/** The keys an erasure certificate names for this service, by subject id. */
export class ErasureCheckDto {
  @ApiProperty({ type: [String], description: 'the subject ids of the keys the certificate says this service destroyed' })
  @IsArray({ message: 'subjectIds must be an array of subject ids' })
  @ArrayMaxSize(100_000, { message: 'subjectIds holds at most 100000 ids' })
  @IsString({ each: true, message: 'each subject id must be a string' })
  @MaxLength(200, { each: true, message: 'each subject id is at most 200 characters' })
  subjectIds: string[];
}

/**
 * What an auditor re-checks of a certificate against the running service, without seeing any personal data: which
 * of the named keys are still here, and whether the account's events are still in the ledger and open to nobody.
 */
export interface ErasureCheck {
  readonly service: string;
  readonly accountId: string;
  readonly throughPosition: number;
  /** The keys of the account still held here: those the certificate names, and every other of the account. */
  readonly liveKeys: readonly string[];
  readonly events: number;
  readonly sealedParts: number;
  readonly openedParts: number;
  readonly shreddedParts: number;
}

export function erasureCheckOf(part: PersonalData, liveKeys: readonly string[]): ErasureCheck {
  const count = (holds: (record: PersonalData['records'][number]) => boolean) => part.records.filter(holds).length;
  const shreddedParts = count((record) => 'shredded' in record && record.shredded === true);
  const openedParts = count((record) => 'personal' in record && record.personal !== null);
  const keptElsewhere = count((record) => 'keptBy' in record);
  return {
    service: part.service,
    accountId: part.accountId,
    throughPosition: part.throughPosition,
    liveKeys,
    events: part.records.length,
    sealedParts: shreddedParts + openedParts + keptElsewhere,
    openedParts,
    shreddedParts,
  };
}
