import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { VerifyingWebhookReceiver } from './verifying-webhook.receiver.js';

const SECRET = `whsec_${randomBytes(24).toString('base64')}`;
const OTHER_SECRET = `whsec_${randomBytes(24).toString('base64')}`;

describe('VerifyingWebhookReceiver', () => {
  let receiver: VerifyingWebhookReceiver;

  beforeEach(async () => {
    receiver = await VerifyingWebhookReceiver.start();
  });

  afterEach(async () => {
    await receiver.stop();
  });

  /** Posts `body` as Vigil does, signed with `secret`; resolves with the answer's status. */
  async function post(webhookId: string, body: object, secret: string): Promise<number> {
    const payload = JSON.stringify(body);
    const timestamp = new Date();
    const signature = new Webhook(secret).sign(webhookId, timestamp, payload);
    const response = await fetch(receiver.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'webhook-id': webhookId,
        'webhook-timestamp': String(Math.floor(timestamp.getTime() / 1000)),
        'webhook-signature': signature,
      },
      body: payload,
    });
    return response.status;
  }

  it('hands over a verified delivery once, acknowledging a retry of it without handing it over again', async () => {
    receiver.trust(SECRET);
    expect(await post('msg-1', { type: 'alert.raised' }, SECRET)).toBe(204);
    expect(await post('msg-1', { type: 'alert.raised' }, SECRET)).toBe(204);
    expect(await post('msg-2', { type: 'alert.corroborated' }, SECRET)).toBe(204);

    expect(await receiver.next(1_000)).toEqual({
      webhookId: 'msg-1',
      verified: true,
      body: { type: 'alert.raised' },
    });
    expect(await receiver.next(1_000)).toMatchObject({ webhookId: 'msg-2', verified: true });
    expect(await receiver.next(50)).toBeUndefined();
  });

  it('answers 401 to a request signed with another secret, or before it has a secret, and says why', async () => {
    expect(await post('msg-early', { type: 'alert.raised' }, SECRET)).toBe(401);
    receiver.trust(SECRET);
    expect(await post('msg-forged', { type: 'alert.raised' }, OTHER_SECRET)).toBe(401);

    expect(await receiver.next(1_000)).toEqual({
      webhookId: 'msg-early',
      verified: false,
      reason: 'no subscription secret yet',
    });
    expect(await receiver.next(1_000)).toMatchObject({
      webhookId: 'msg-forged',
      verified: false,
      reason: expect.stringMatching(/signature/i),
    });
  });

  it('hands a delivery to a wait already in progress', async () => {
    receiver.trust(SECRET);
    const waiting = receiver.next(5_000);
    expect(await post('msg-3', { type: 'alert.raised' }, SECRET)).toBe(204);
    expect(await waiting).toMatchObject({ webhookId: 'msg-3', verified: true });
  });
});
