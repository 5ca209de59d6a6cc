import {
  BadRequestException,
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Patch,
  Post,
  Req,
  Inject,
} from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { Access, CurrentPrincipal, type Principal } from '@privacy-ledger/auth';
import { CLOCK, type Clock } from '@privacy-ledger/clock';
import { commandContext } from '@privacy-ledger/platform';
import { AddContactDto, ChangeContactDto } from './contact.dto';
import { ContactsService } from './contacts.service';

const uuid = (name: string) =>
  new ParseUUIDPipe({ version: '4', exceptionFactory: () => new BadRequestException(`${name} must be an id (a UUID)`) });
const contactId = uuid('contactId');

/** A customer's own contact persons (P4-P6): the account is always the caller's, never one named in the path. */
@ApiTags('contacts')
@ApiBearerAuth()
@Controller('accounts')
export class ContactsController {
  constructor(
    private readonly contacts: ContactsService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Access({ customer: true })
  @Get('me/contacts')
  list(@CurrentPrincipal() principal: Principal) {
    return this.contacts.list(principal.id);
  }

  @Access({ customer: true })
  @Post('me/contacts')
  @HttpCode(201)
  add(@CurrentPrincipal() principal: Principal, @Body() body: AddContactDto, @Req() request: Request) {
    return this.contacts.add(
      principal.id,
      { ...body, phones: body.phones ?? [], fax: body.fax ?? null },
      commandContext(request, principal.id, this.clock),
    );
  }

  @Access({ customer: true })
  @Patch('me/contacts/:contactId')
  change(
    @CurrentPrincipal() principal: Principal,
    @Param('contactId', contactId) id: string,
    @Body() body: ChangeContactDto,
    @Req() request: Request,
  ) {
    return this.contacts.change(principal.id, id, body, commandContext(request, principal.id, this.clock));
  }

  /** Removes the contact completely: its key is destroyed, so every stored copy of its data is unreadable. */
  @Access({ customer: true })
  @Delete('me/contacts/:contactId')
  @HttpCode(204)
  async remove(@CurrentPrincipal() principal: Principal, @Param('contactId', contactId) id: string, @Req() request: Request) {
    await this.contacts.remove(principal.id, id, commandContext(request, principal.id, this.clock));
  }

  /** Sends a new verification link to the contact's current address. */
  @Access({ customer: true })
  @Post('me/contacts/:contactId/email-verification')
  @HttpCode(202)
  async resend(@CurrentPrincipal() principal: Principal, @Param('contactId', contactId) id: string, @Req() request: Request) {
    await this.contacts.requestVerification(principal.id, id, commandContext(request, principal.id, this.clock));
    return { status: 'sent' };
  }

  /** Support and the privacy officer may read an account's contacts, to reach its people. */
  @Access({ staff: ['support', 'privacy-officer'] })
  @Get(':accountId/contacts')
  listForStaff(@Param('accountId', uuid('accountId')) accountId: string) {
    return this.contacts.list(accountId);
  }
}
