import { randomUUID } from 'node:crypto';
import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Req, Inject } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { Access, CurrentPrincipal, type Principal } from '@privacy-ledger/auth';
import { CLOCK, type Clock } from '@privacy-ledger/clock';
import { commandContext, uuidParam } from '@privacy-ledger/platform';
import { AddContactDto, ChangeContactDto } from './contact.dto';
import { AddContactCommand } from './add-contact.command';
import { ChangeContactCommand } from './change-contact.command';
import { ListContactsQuery } from './list-contacts.query';
import { RemoveContactCommand } from './remove-contact.command';
import { RequestEmailVerificationCommand } from './request-email-verification.command';

const contactId = uuidParam('contactId');

/** A customer's own contact persons (P4-P6): the account is always the caller's, never one named in the path. */
@ApiTags('contacts')
@ApiBearerAuth()
@Controller('accounts')
export class ContactsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Access({ customer: true })
  @Get('me/contacts')
  list(@CurrentPrincipal() principal: Principal) {
    return this.queries.execute(new ListContactsQuery(principal.id));
  }

  @Access({ customer: true })
  @Post('me/contacts')
  @HttpCode(201)
  add(@CurrentPrincipal() principal: Principal, @Body() body: AddContactDto, @Req() request: Request) {
    const contact = { ...body, phones: body.phones ?? [], fax: body.fax ?? null };
    return this.commands.execute(
      new AddContactCommand(principal.id, randomUUID(), contact, commandContext(request, principal.id, this.clock)),
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
    return this.commands.execute(new ChangeContactCommand(principal.id, id, body, commandContext(request, principal.id, this.clock)));
  }

  /** Removes the contact completely: its key is destroyed, so every stored copy of its data is unreadable. */
  @Access({ customer: true })
  @Delete('me/contacts/:contactId')
  @HttpCode(204)
  async remove(@CurrentPrincipal() principal: Principal, @Param('contactId', contactId) id: string, @Req() request: Request) {
    await this.commands.execute(new RemoveContactCommand(principal.id, id, commandContext(request, principal.id, this.clock)));
  }

  /** Sends a new verification link to the contact's current address. */
  @Access({ customer: true })
  @Post('me/contacts/:contactId/email-verification')
  @HttpCode(202)
  async resend(@CurrentPrincipal() principal: Principal, @Param('contactId', contactId) id: string, @Req() request: Request) {
    await this.commands.execute(new RequestEmailVerificationCommand(principal.id, id, commandContext(request, principal.id, this.clock)));
    return { status: 'sent' };
  }

  /** Support and the privacy officer may read an account's contacts, to reach its people. */
  @Access({ staff: ['support', 'privacy-officer'] })
  @Get(':accountId/contacts')
  listForStaff(@Param('accountId', uuidParam('accountId')) accountId: string) {
    return this.queries.execute(new ListContactsQuery(accountId));
  }
}
