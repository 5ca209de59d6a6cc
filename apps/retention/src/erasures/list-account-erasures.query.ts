import { Query } from '@nestjs/cqrs';
import type { ErasureAnswer } from './erasure-view';

/** Every erasure of one account, for the privacy officer and the auditor. */
export class ListAccountErasuresQuery extends Query<{ erasures: ErasureAnswer[] }> {
  constructor(readonly accountId: string) {
    super();
  }
}
