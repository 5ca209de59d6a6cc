import { Controller, Get } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Public } from '@privacy-ledger/auth';
import { TokenSigner } from './token-signer';

@ApiTags('tokens')
@Controller('.well-known')
export class JwksController {
  constructor(private readonly signer: TokenSigner) {}

  /** The public keys other services verify access tokens with. */
  @Public()
  @Get('jwks.json')
  jwks() {
    return this.signer.jwks;
  }
}
