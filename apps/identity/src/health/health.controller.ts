import { Controller, Get, Inject } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Public } from '@privacy-ledger/auth';
import { PLATFORM, type Platform } from '../platform.token';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(@Inject(PLATFORM) private readonly platform: Platform) {}

  @Public()
  @Get()
  async health() {
    await this.platform.db.query('select 1');
    return { status: 'ok', service: 'identity' };
  }
}
