import { BadRequestException, ParseUUIDPipe } from '@nestjs/common';

/** A path parameter that must be an id (a v4 UUID): anything else is a 400 naming the parameter. */
export const uuidParam = (name: string) =>
  new ParseUUIDPipe({ version: '4', exceptionFactory: () => new BadRequestException(`${name} must be an id (a UUID)`) });
