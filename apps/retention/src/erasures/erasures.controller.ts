import { Controller, Get, Param } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { Public } from '@privacy-ledger/auth';
import { GetErasureQuery } from './get-erasure.query';

/** The shape of an erasure id: anything else is not one, and is answered as an unknown one. */
const ERASURE_ID = /^[A-Za-z0-9_-]{32}$/;

/**
 * An erasure's state for whoever holds its id: the requester, whose tokens stopped working with the closure,
 * keeps only the id. The id is 192 random bits, given to no one else.
 */
@ApiTags('erasures')
@Controller('erasures')
export class ErasuresController {
  constructor(private readonly queries: QueryBus) {}

  @Public()
  @Get(':erasureId')
  get(@Param('erasureId') erasureId: string) {
    return this.queries.execute(new GetErasureQuery(ERASURE_ID.test(erasureId) ? erasureId : ''));
  }
}
