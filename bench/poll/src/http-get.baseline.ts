import { Agent, request } from 'undici';

export interface BaselineTarget {
  readonly url: string;
  /** Sent as If-None-Match when given. */
  readonly etag?: string;
}

export interface BaselineOutcome {
  readonly requests: number;
  /** Answers whose status was not the one expected. */
  readonly unexpected: number;
}

/**
 * The floor a poll is compared with: a bare undici GET of every URL, `concurrency` at a time,
 * on one keep-alive pool, the body read as text (200) or dumped (304), and nothing else.
 */
export class HttpGetBaseline {
  private readonly agent = new Agent();

  constructor(private readonly concurrency: number) {}

  async run(
    targets: readonly BaselineTarget[],
    expectedStatus: number,
    signal: AbortSignal,
  ): Promise<BaselineOutcome> {
    let next = 0;
    let unexpected = 0;
    const lane = async () => {
      for (let index = next++; index < targets.length; index = next++) {
        signal.throwIfAborted();
        const target = targets[index]!;
        const response = await request(target.url, {
          dispatcher: this.agent,
          headers: target.etag === undefined ? {} : { 'if-none-match': target.etag },
          signal,
        });
        if (response.statusCode === 200) await response.body.text();
        else await response.body.dump();
        if (response.statusCode !== expectedStatus) unexpected += 1;
      }
    };
    await Promise.all(Array.from({ length: this.concurrency }, lane));
    return { requests: targets.length, unexpected };
  }

  close(): Promise<void> {
    return this.agent.close();
  }
}
