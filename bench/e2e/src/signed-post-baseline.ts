import { randomUUID } from 'node:crypto';
import { newWebhookSecret } from '@app/subscriptions';
import { Webhook } from 'standardwebhooks';
import { Agent } from 'undici';
import type { Receivers } from './fixtures.js';

export interface SignedPostBaseline {
  readonly posts: number;
  readonly verified: number;
  readonly seconds: number;
  readonly postsPerSecond: number;
}

/**
 * The bare loop Vigil's deliveries are held against: `posts` requests signed with
 * `standardwebhooks` and sent with undici (one keep-alive Agent, as Vigil's webhook client) to
 * the same receivers, round robin, `concurrency` in flight, each body an alert as Vigil sends it.
 * Per second, from the first request to the last answer; `verified` counts what the receivers
 * verified.
 */
export async function signedPostsPerSecond(
  receivers: Receivers,
  posts: number,
  concurrency: number,
): Promise<SignedPostBaseline> {
  const secret = newWebhookSecret();
  await receivers.setSecrets(receivers.webhookUrls.map(() => secret));
  await receivers.report();
  const signer = new Webhook(secret);
  const agent = new Agent({ keepAliveTimeout: 60_000 });
  const body = (index: number) =>
    JSON.stringify({
      type: 'alert.raised',
      timestamp: new Date().toISOString(),
      data: {
        alert: {
          id: `baseline-${index}`,
          topics: ['red-notice-abuse'],
          score: 2,
          title: 'A baseline alert',
          url: `https://news.example.org/baseline/${index}`,
          firstSeenAt: new Date().toISOString(),
          sources: [],
        },
        item: {
          id: `baseline-item-${index}`,
          feedId: 'f0001',
          title: 'Exiled journalist detained on INTERPOL Red Notice',
          url: `https://news.example.org/baseline/${index}`,
          summary:
            'Lawyers call the request politically motivated and ask the court to refuse extradition.',
          publishedAt: null,
        },
        matches: [
          {
            topic: 'red-notice-abuse',
            rule: 'notice-against-critics',
            terms: [{ text: 'Red Notice', field: 'title', start: 52, end: 62 }],
          },
        ],
      },
    });
  let next = 0;
  const started = performance.now();
  const lane = async () => {
    while (next < posts) {
      const index = next++;
      const url = receivers.webhookUrls[index % receivers.webhookUrls.length] ?? '';
      const payload = body(index);
      const id = randomUUID();
      const timestamp = new Date();
      const response = await agent.request({
        origin: new URL(url).origin,
        path: new URL(url).pathname,
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'webhook-id': id,
          'webhook-timestamp': String(Math.floor(timestamp.getTime() / 1_000)),
          'webhook-signature': signer.sign(id, timestamp, payload),
        },
        body: payload,
      });
      await response.body.dump();
    }
  };
  await Promise.all(Array.from({ length: concurrency }, lane));
  const seconds = (performance.now() - started) / 1_000;
  await agent.close();
  const report = await receivers.report();
  return {
    posts,
    verified: report.webhooks.filter(([, , , verified]) => verified).length,
    seconds,
    postsPerSecond: posts / seconds,
  };
}
