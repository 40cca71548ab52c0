import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import nodemailer, { type Transporter } from 'nodemailer';
import { VIGIL_CONFIG, type VigilConfig } from '@app/platform';
import type { AttemptOutcome } from '@app/domain';

/** One email as the transport sends it. */
export interface OutgoingEmail {
  readonly to: string;
  readonly subject: string;
  readonly html: string;
  readonly text: string;
  /** The same on every attempt at one notification, so a retried send is recognisable. */
  readonly messageId: string;
  readonly headers: Readonly<Record<string, string>>;
}

/**
 * SMTP through one pooled nodemailer transport per worker (SMTP_URL, MAIL_FROM). Every send
 * resolves to an attempt outcome, never throws: a 2xx reply is delivered; a 5xx reply is
 * permanent (no such mailbox, refused), recorded with `gone` so that it is not retried; a 4xx
 * reply, a timeout or a connection failure is temporary and retried on the notification
 * schedule. Null when the email channel is off.
 */
@Injectable()
export class SmtpMailer implements OnModuleDestroy {
  private readonly logger = new Logger(SmtpMailer.name);
  private readonly transport: Transporter | null;

  constructor(@Inject(VIGIL_CONFIG) private readonly config: VigilConfig) {
    const { smtpUrl } = config;
    const { maxConnections, connectTimeoutMs, totalTimeoutMs } = config.runtime.email;
    this.transport = smtpUrl
      ? nodemailer.createTransport({
          url: smtpUrl,
          pool: true,
          maxConnections,
          connectionTimeout: connectTimeoutMs,
          greetingTimeout: connectTimeoutMs,
          socketTimeout: totalTimeoutMs,
        })
      : null;
    if (!this.transport) {
      this.logger.warn('email channel off: SMTP_URL is not set, no email will be sent');
    }
  }

  get enabled(): boolean {
    return this.transport !== null;
  }

  async send(email: OutgoingEmail): Promise<AttemptOutcome> {
    if (!this.transport) {
      return temporary(null, 'email channel off: SMTP_URL is not set', 0);
    }
    const startedAt = performance.now();
    try {
      const info: { response?: string } = await this.transport.sendMail({
        from: this.config.mailFrom,
        to: email.to,
        subject: email.subject,
        html: email.html,
        text: email.text,
        messageId: email.messageId,
        headers: email.headers,
      });
      const latencyMs = elapsed(startedAt);
      return { ok: true, status: replyCode(info.response) ?? 250, latencyMs };
    } catch (error) {
      const latencyMs = elapsed(startedAt);
      const { responseCode, code, response, message } = error as SmtpError;
      const reply = typeof response === 'string' ? response.slice(0, 1_024) : null;
      if (typeof responseCode === 'number' && responseCode >= 500) {
        return { ...temporary(responseCode, reply ?? message, latencyMs), gone: true };
      }
      return temporary(
        typeof responseCode === 'number' ? responseCode : null,
        reply ?? `${code ?? 'error'}: ${message}`,
        latencyMs,
      );
    }
  }

  onModuleDestroy(): void {
    this.transport?.close();
  }
}

interface SmtpError {
  readonly responseCode?: number;
  readonly code?: string;
  readonly response?: string;
  readonly message: string;
}

function temporary(
  status: number | null,
  error: string,
  latencyMs: number,
): Extract<AttemptOutcome, { ok: false }> {
  return {
    ok: false,
    status,
    error: error.slice(0, 1_024),
    latencyMs,
    responseExcerpt: null,
    gone: false,
    retryAfterMs: null,
    permanentFailure: null,
  };
}

/** `250 2.0.0 Ok: queued as ...` → 250. */
function replyCode(response: string | undefined): number | null {
  const match = /^(\d{3})\b/.exec(response ?? '');
  return match ? Number(match[1]) : null;
}

function elapsed(startedAt: number): number {
  return Math.round(performance.now() - startedAt);
}
