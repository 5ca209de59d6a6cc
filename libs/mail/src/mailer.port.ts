export interface MailRecipient {
  readonly name?: string;
  readonly address: string;
}

export interface MailMessage {
  /** Name and address apart, so no name can smuggle in another recipient. */
  readonly to: MailRecipient;
  readonly subject: string;
  readonly text: string;
}

/** Sends a message to the outside world. The sender's address is the adapter's configuration. */
export interface Mailer {
  send(message: MailMessage): Promise<void>;
}

export const MAILER = Symbol('Mailer');
