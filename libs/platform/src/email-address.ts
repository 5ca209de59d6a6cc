import { applyDecorators } from '@nestjs/common';
import { IsEmail, MaxLength } from 'class-validator';
import { IsFreeText } from './free-text';

/** An e-mail address, as every form here takes one: well formed, at most 254 characters, nothing invisible in it. */
export const IsEmailAddress = (): PropertyDecorator =>
  applyDecorators(IsEmail({}, { message: '$property must be an e-mail address' }), MaxLength(254), IsFreeText());
