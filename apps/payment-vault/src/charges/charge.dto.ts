import { NamesRequest } from '../card-requests/card-request.dto';

/** A charge names the customer's request; the amount is the one the customer asked for. */
export class ChargeDto {
  @NamesRequest('charge') requestId: string;
}
