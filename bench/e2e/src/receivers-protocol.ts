/** Messages between the bench and its subscribers' process (receivers.process.ts). */
export type ReceiversRequest =
  | { readonly type: 'start'; readonly webhooks: number }
  /** The `whsec_` secret of each webhook receiver, in the order of their URLs. */
  | { readonly type: 'secrets'; readonly secrets: readonly string[] }
  | { readonly type: 'report' };

/**
 * One webhook request: receiver index, webhook-id, the item's URL, verified, received at, the
 * payload's type.
 */
export type WebhookReceipt = readonly [number, string, string | null, boolean, number, string];
/** One alert email: the mailbox, the item URLs it names, received at. */
export type EmailReceipt = readonly [string, readonly string[], number];

export type ReceiversReply =
  | { readonly type: 'ready'; readonly urls: readonly string[]; readonly smtpUrl: string }
  | { readonly type: 'secrets-set' }
  | {
      readonly type: 'report';
      /** Receipts since the previous report. */
      readonly webhooks: readonly WebhookReceipt[];
      readonly emails: readonly EmailReceipt[];
      /** Mailboxes whose confirmation link was followed (and answered 200), so far. */
      readonly confirmed: readonly string[];
      readonly confirmationFailures: number;
    };
