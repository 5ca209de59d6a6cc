import { BadRequestException, HttpException, HttpStatus } from '@nestjs/common';

const VERSION = /^"?(0|[1-9][0-9]{0,9})"?$/;

/**
 * The version an If-Match header names (digits, optionally quoted), undefined when there is none; anything
 * else is a 400. `required`: a change that must name the version it was made to (428 without one).
 */
export function ifMatchVersion(header: string | undefined, what: string, required = false): number | undefined {
  if (header === undefined) {
    if (required)
      throw new HttpException(`If-Match is required: the version of the ${what} this change was made to`, HttpStatus.PRECONDITION_REQUIRED);
    return undefined;
  }
  const version = VERSION.exec(header)?.[1];
  if (version === undefined) throw new BadRequestException(`If-Match must be the version number of the ${what}`);
  return Number(version);
}
