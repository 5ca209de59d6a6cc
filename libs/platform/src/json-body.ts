import { isUtf8 } from 'node:buffer';
import { BadRequestException, UnsupportedMediaTypeException } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { json, type NextFunction, type Request, type Response } from 'express';

/** Every request body here is a small form; a larger one is refused (413) before it is read. */
export const MAX_BODY_BYTES = '100kb';
/** Every body here nests three levels at most; a far deeper one only exhausts the recursion of whoever reads it next. */
export const MAX_BODY_DEPTH = 32;

/**
 * Bodies are JSON and nothing else: a body of another type is a 415 (forms and text included, so no
 * request is read in a way its DTO did not foresee). Requests without a body are unaffected.
 */
export function acceptJsonBodiesOnly(app: NestExpressApplication): void {
  app.use(refuseOtherMediaTypes);
  // Express's own parser, since Nest's useBodyParser drops a `verify` of ours.
  // Not strict: a body of another JSON value (null, a string, a number) is parsed, to be refused by its name below.
  app.use(json({ limit: MAX_BODY_BYTES, inflate: false, strict: false, verify: refuseInvalidUtf8 }));
  app.use(refuseOddShapes);
}

function refuseOtherMediaTypes(request: Request, _response: Response, next: NextFunction): void {
  const hasBody = request.headers['transfer-encoding'] !== undefined || Number(request.headers['content-length'] ?? 0) > 0;
  if (hasBody && !request.is('application/json'))
    return next(new UnsupportedMediaTypeException('the body must be JSON, sent with Content-Type: application/json'));
  next();
}

/** A decoder would turn broken bytes into U+FFFD and store them as if sent; the client hears of them instead. */
function refuseInvalidUtf8(_request: Request, _response: Response, body: Buffer): void {
  if (!isUtf8(body)) throw Object.assign(new Error('the body is not valid UTF-8'), { status: 400, type: 'entity.not.utf8' });
}

/** Every body here is one object: too deep, an array, or a key named like a member of every object is a 400 before validation. */
function refuseOddShapes(request: Request, _response: Response, next: NextFunction): void {
  const { depth, inheritedName } = shapeOf(request.body);
  if (depth > MAX_BODY_DEPTH)
    return next(new BadRequestException(`the body nests objects and arrays more than ${MAX_BODY_DEPTH} levels deep`));
  const notAnObject = Array.isArray(request.body) ? 'an array' : scalarNamed(request.body);
  if (notAnObject) return next(new BadRequestException(`the body must be a JSON object, not ${notAnObject}`));
  // JSON.parse keeps "__proto__" or "constructor" as plain keys, which validation takes for members every object
  // has and lets through: refused like any unknown field.
  if (inheritedName) return next(new BadRequestException(`property ${inheritedName} should not exist`));
  next();
}

/** What a parsed body that is no object is, by name; undefined when there was no body or it is an object. */
function scalarNamed(body: unknown): string | undefined {
  if (body === null) return 'null';
  return typeof body === 'object' || body === undefined ? undefined : `a ${typeof body}`;
}

/** Without recursion, so that measuring a deep value cannot overflow the stack either. */
function shapeOf(value: unknown): { depth: number; inheritedName: string | undefined } {
  let depth = 0;
  let inheritedName: string | undefined;
  const pending: [unknown, number][] = [[value, 0]];
  while (pending.length > 0) {
    const [item, level] = pending.pop()!;
    if (item === null || typeof item !== 'object') continue;
    depth = Math.max(depth, level + 1);
    if (depth > MAX_BODY_DEPTH) break;
    inheritedName ??= Object.keys(item).find((key) => key in Object.prototype);
    for (const child of Object.values(item)) pending.push([child, level + 1]);
  }
  return { depth, inheritedName };
}
