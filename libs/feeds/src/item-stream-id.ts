import { createHash } from 'node:crypto';

/**
 * The item's event stream: deterministic, so that "stream must not exist" on append makes each
 * item discovered once however many polls, processes or restarts see it. 128 bits of SHA-256
 * keep ids short while collisions stay out of reach.
 */
export function itemStreamId(feedId: string, identity: string): string {
  const digest = createHash('sha256').update(`${feedId}\n${identity}`).digest('hex');
  return `item-${digest.slice(0, 32)}`;
}
