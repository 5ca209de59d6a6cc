import { BadRequestException, ValidationPipe, type ArgumentMetadata } from '@nestjs/common';
import type { ValidationError } from 'class-validator';

/**
 * class-validator with every problem named (400), unknown fields refused, and one more check before it:
 * text must be well-formed UTF-16. A lone surrogate ("\ud800" in JSON) makes class-validator's string
 * checks throw (isEmail calls encodeURI), so such a string is named as a problem and the rest of the
 * request is validated with it made well-formed, to name every other problem as well.
 */
export class RequestValidationPipe extends ValidationPipe {
  constructor() {
    super({ whitelist: true, forbidNonWhitelisted: true, transform: true, stopAtFirstError: false });
  }

  /** A field left out is named once, as required, rather than by every rule its absent value fails. */
  override createExceptionFactory(): (errors?: ValidationError[]) => unknown {
    const factory = super.createExceptionFactory();
    return (errors = []) => factory(errors.map(namingMissing));
  }

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    try {
      return await this.validated(value, metadata);
    } catch (error) {
      if (!(error instanceof BadRequestException)) throw error;
      throw new BadRequestException(messagesOf(error).map(withoutUnsafePropertyName));
    }
  }

  private async validated(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'custom') return super.transform(value, metadata);
    const illFormed: string[] = [];
    const wellFormed = toWellFormed(value, metadata.type === 'body' ? '' : (metadata.data ?? metadata.type), illFormed);
    if (illFormed.length === 0) return super.transform(value, metadata);
    const problems = illFormed.map((path) => `${path || 'the body'} must be well-formed text: it holds a lone UTF-16 surrogate`);
    try {
      await super.transform(wellFormed, metadata);
    } catch (error) {
      if (!(error instanceof BadRequestException)) throw error;
      problems.push(...messagesOf(error));
    }
    throw new BadRequestException(problems);
  }
}

/**
 * Optional fields are never checked when absent, so a rule that failed on an absent value names a required one. A
 * null is a value given, and named by the rules it breaks (a change may set an optional field, never clear it).
 */
function namingMissing(error: ValidationError): ValidationError {
  if (error.children?.length) return Object.assign(error, { children: error.children.map(namingMissing) });
  if (error.value !== undefined) return error;
  return Object.assign(error, { constraints: { isDefined: `${error.property} is required` } });
}

/** Between the problems one rule names at once (the fields a kind of account lacks): each is a problem of its own. */
export const PROBLEMS_APART = '\n';

function messagesOf(error: BadRequestException): string[] {
  const { message } = error.getResponse() as { message?: unknown };
  return (Array.isArray(message) ? message.map(String) : [String(message)]).flatMap((joined) => joined.split(PROBLEMS_APART));
}

/** A name a client may have made up; quoted back only when it cannot hold a card number or other data. */
const UNKNOWN_PROPERTY = /^(.*)property (.*) should not exist$/s;
const PLAIN_NAME = /^[A-Za-z_][A-Za-z0-9_-]{0,63}$/;
const DIGIT_RUN = /[0-9]{4}/;

function withoutUnsafePropertyName(message: string): string {
  const [, path, name] = UNKNOWN_PROPERTY.exec(message) ?? [];
  if (name === undefined || (PLAIN_NAME.test(name) && !DIGIT_RUN.test(name))) return message;
  return `${path}a property whose name is not repeated here (not a plain field name) should not exist`;
}

/** With the u flag a surrogate pair is one code point, so only a lone surrogate is in the category Cs. */
const LONE_SURROGATE = /\p{Cs}/u;
const LONE_SURROGATES = /\p{Cs}/gu;

/** A copy of `value` with every string well-formed; the dotted path of each one that was not goes into `illFormed`. */
function toWellFormed(value: unknown, path: string, illFormed: string[]): unknown {
  if (typeof value === 'string') {
    if (!LONE_SURROGATE.test(value)) return value;
    illFormed.push(path);
    return value.replace(LONE_SURROGATES, '\uFFFD');
  }
  if (Array.isArray(value)) return value.map((item, index) => toWellFormed(item, join(path, String(index)), illFormed));
  if (value !== null && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, toWellFormed(item, join(path, key), illFormed)]));
  return value;
}

const join = (path: string, key: string) => (path ? `${path}.${key}` : key);
