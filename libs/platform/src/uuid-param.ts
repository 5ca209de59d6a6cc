import { BadRequestException, ParseUUIDPipe, type ArgumentMetadata, type PipeTransform } from '@nestjs/common';

/**
 * A path parameter that must be an id (a v4 UUID): anything else is a 400 naming the parameter. Ids are kept in
 * lower case everywhere, so an id given in upper case names the same account, never a second one.
 */
export const uuidParam = (name: string): PipeTransform<string, Promise<string>> => {
  const uuid = new ParseUUIDPipe({ version: '4', exceptionFactory: () => new BadRequestException(`${name} must be an id (a UUID)`) });
  return {
    transform: async (value: string, metadata: ArgumentMetadata) => ((await uuid.transform(value, metadata)) as string).toLowerCase(),
  };
};
