import { BadRequestException } from '@nestjs/common';

/** Visible ASCII, as the IETF draft "The Idempotency-Key HTTP Header Field" and payment APIs take it. */
const KEY = /^[\x21-\x7e]{1,255}$/;

/**
 * The Idempotency-Key a client sends with a request that must take effect once, however often it is sent:
 * required (400 without one, as the draft says), 1 to 255 visible ASCII characters.
 */
export function idempotencyKey(header: string | undefined): string {
  if (header === undefined)
    throw new BadRequestException(
      'an Idempotency-Key header is required: a value of your own for this charge, e.g. a UUID, sent again on a retry',
    );
  if (!KEY.test(header)) throw new BadRequestException('Idempotency-Key must be 1 to 255 visible ASCII characters');
  return header;
}
