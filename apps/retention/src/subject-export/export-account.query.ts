import { Query } from '@nestjs/cqrs';
import type { SubjectExport } from './subject-export';

/**
 * Whose export, and who asks: the caller's own Authorization goes to every service, so each one checks the
 * caller itself. `self`: the customer asks for their own (each service's `me` route, with its step-up).
 */
export class ExportAccountQuery extends Query<SubjectExport> {
  constructor(
    readonly accountId: string,
    readonly caller: { readonly self: boolean; readonly authorization: string; readonly correlationId: string },
  ) {
    super();
  }
}
