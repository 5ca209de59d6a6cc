import { NamesRequest } from '../card-requests/card-request.dto';
import { ChangeCardDto } from '../cards/card.dto';

/** The edit a customer asked for, entered by the card custodian who applies it, with the request it carries out. */
export class CustodianEditDto extends ChangeCardDto {
  @NamesRequest('edit') requestId: string;
}
