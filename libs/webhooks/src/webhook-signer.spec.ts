import { describe, expect, it } from '@jest/globals';
import { Webhook } from 'standardwebhooks';
import { signedHeaders } from './webhook-signer.js';

/** The test vector published with the Standard Webhooks specification. */
const VECTOR = {
  secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
  messageId: 'msg_p5jXN8AQM9LWM0D4loKWxJek',
  timestamp: new Date(1_614_265_330_000),
  body: '{"test": 2432232314}',
  signature: 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=',
};

describe('signedHeaders', () => {
  it('reproduces the specification test vector', () => {
    const { secret, messageId, timestamp, body } = VECTOR;
    expect(signedHeaders(secret, messageId, timestamp, body)).toEqual({
      'webhook-id': messageId,
      'webhook-timestamp': '1614265330',
      'webhook-signature': VECTOR.signature,
    });
  });

  it('truncates a timestamp partway through a second, as the signature does', () => {
    const headers = signedHeaders(VECTOR.secret, 'msg_1', new Date(1_614_265_330_999), '{}');
    expect(headers['webhook-timestamp']).toBe('1614265330');
  });

  it('verifies with the library a receiver uses', () => {
    const body = JSON.stringify({ type: 'subscription.test', data: {} });
    const headers = signedHeaders(VECTOR.secret, 'msg_2', new Date(), body);
    expect(new Webhook(VECTOR.secret).verify(body, headers)).toEqual(JSON.parse(body));
  });
});
