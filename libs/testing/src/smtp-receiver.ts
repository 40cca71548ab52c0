import type { AddressInfo } from 'node:net';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer, type SMTPServerAddress } from 'smtp-server';

/** One message as a mail server received it: the envelope and the parsed message. */
export interface ReceivedEmail {
  readonly to: string;
  readonly mail: ParsedMail;
  /** When the message was read in full (ms since the epoch). */
  readonly receivedAt: number;
}

/** The SMTP reply to one recipient: accept it, or refuse it with a code (450, 550...). */
export type MailboxBehaviour = (address: string, attempt: number) => 'accept' | number;

/**
 * A real SMTP server on loopback (`smtp-server`), which reads every message back with
 * `mailparser`, as a mailbox would. Tests script each recipient's reply: a 450 that passes, a
 * 550 that stays.
 */
export class SmtpReceiver {
  readonly received: ReceivedEmail[] = [];
  private readonly attempts = new Map<string, number>();
  private readonly server: SMTPServer;

  private constructor(private readonly behaviour: MailboxBehaviour) {
    this.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onRcptTo: (address, _session, callback) => callback(this.refusal(address)),
      onData: (stream, session, callback) => {
        simpleParser(stream)
          .then((mail) => {
            const receivedAt = Date.now();
            for (const recipient of session.envelope.rcptTo) {
              this.received.push({ to: recipient.address, mail, receivedAt });
            }
            callback();
          })
          .catch((error: Error) => callback(error));
      },
    });
  }

  static async start(behaviour: MailboxBehaviour = () => 'accept'): Promise<SmtpReceiver> {
    const receiver = new SmtpReceiver(behaviour);
    await new Promise<void>((resolve) => receiver.server.listen(0, '127.0.0.1', resolve));
    return receiver;
  }

  /** `SMTP_URL` for Vigil. */
  get url(): string {
    return `smtp://127.0.0.1:${(this.server.server.address() as AddressInfo).port}`;
  }

  /** The messages received for one address, oldest first. */
  to(address: string): ParsedMail[] {
    return this.received.filter((each) => each.to === address).map((each) => each.mail);
  }

  /** How many times a recipient was offered (accepted or refused). */
  attemptsFor(address: string): number {
    return this.attempts.get(address) ?? 0;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private refusal(address: SMTPServerAddress): Error | undefined {
    const attempt = (this.attempts.get(address.address) ?? 0) + 1;
    this.attempts.set(address.address, attempt);
    const reply = this.behaviour(address.address, attempt);
    if (reply === 'accept') return undefined;
    const error = new Error(
      reply >= 500 ? 'No such mailbox here' : 'Mailbox busy, try again later',
    ) as Error & { responseCode: number };
    error.responseCode = reply;
    return error;
  }
}
