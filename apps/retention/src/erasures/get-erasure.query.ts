import { Query } from '@nestjs/cqrs';
import type { ErasureView } from './erasure-view';

/** One erasure, by the id its requester was given. */
export class GetErasureQuery extends Query<ErasureView> {
  constructor(readonly erasureId: string) {
    super();
  }
}
