import { Webhook } from 'standardwebhooks';

export type SignedHeaders = Record<
  'webhook-id' | 'webhook-timestamp' | 'webhook-signature',
  string
>;

/**
 * The Standard Webhooks headers for one delivery (SPEC §7). The library signs, so the signature
 * is exactly what receivers' own copies of it verify. `messageId` is the notification id, the
 * same on every retry, so a receiver can drop duplicates; `timestamp` is the attempt's time,
 * since receivers refuse signatures more than five minutes old.
 */
export function signedHeaders(
  secret: string,
  messageId: string,
  timestamp: Date,
  body: string,
): SignedHeaders {
  return {
    'webhook-id': messageId,
    // Whole seconds, truncated as the library truncates them when it signs.
    'webhook-timestamp': String(Math.floor(timestamp.getTime() / 1000)),
    'webhook-signature': new Webhook(secret).sign(messageId, timestamp, body),
  };
}
