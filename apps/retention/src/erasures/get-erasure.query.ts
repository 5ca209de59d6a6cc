import { Query } from '@nestjs/cqrs';
import type { ErasureAnswer } from './erasure-view';

/** One erasure, by the id its requester was given. */
export class GetErasureQuery extends Query<ErasureAnswer> {
  constructor(readonly erasureId: string) {
    super();
  }
}
