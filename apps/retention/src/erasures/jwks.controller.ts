import { Controller, Get } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Public } from '@privacy-ledger/auth';
import { ErasureCertificates } from './erasure-certificate';

@ApiTags('erasures')
@Controller('.well-known')
export class RetentionJwksController {
  constructor(private readonly certificates: ErasureCertificates) {}

  /** The public keys erasure certificates are checked with, offline or here. */
  @Public()
  @Get('jwks.json')
  jwks() {
    return this.certificates.jwks;
  }
}
