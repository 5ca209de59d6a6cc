import { createParamDecorator, SetMetadata, type ExecutionContext } from '@nestjs/common';
import type { Principal, StaffRole } from './principal';

export interface AccessRule {
  /** Customers may call it (for their own account only: handlers act on the caller's id). */
  readonly customer?: boolean;
  /** Staff holding any of these roles may call it. */
  readonly staff?: readonly StaffRole[];
}

export const ACCESS_RULE = 'privacy-ledger:access';
export const PUBLIC_ROUTE = 'privacy-ledger:public';
export const STEP_UP_ROUTE = 'privacy-ledger:step-up';
export const OPEN_TO_CLOSED_ROUTE = 'privacy-ledger:open-to-closed';

/** Every route states who may call it; a route without a rule is denied. */
export const Access = (rule: AccessRule) => SetMetadata(ACCESS_RULE, rule);
export const Public = () => SetMetadata(PUBLIC_ROUTE, true);
/** Billing data and cards (P14): the caller must have re-entered the password within the step-up window. */
export const RequiresStepUp = () => SetMetadata(STEP_UP_ROUTE, true);
/** What the customer of a closed account may still do (reactivate it, take their data): every other route refuses them. */
export const OpenToClosedAccount = () => SetMetadata(OPEN_TO_CLOSED_ROUTE, true);

export const CurrentPrincipal = createParamDecorator((_: unknown, context: ExecutionContext): Principal => {
  return context.switchToHttp().getRequest<{ principal: Principal }>().principal;
});
