import { ValidateIf, type ValidationOptions } from 'class-validator';

/**
 * A field a request may leave out but, when it is there, must be valid. Unlike class-validator's
 * IsOptional, null is not "left out": it meets the field's validators and is refused by name.
 */
export const Omittable = (options?: ValidationOptions) => ValidateIf((_, value) => value !== undefined, options);
