import { type ChildProcess, fork } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import type { FeedServerReply, FeedServerRequest } from './feed-server-protocol.js';
import type { BenchItem } from './news-items.js';
import type { ReceiversReply, ReceiversRequest } from './receivers-protocol.js';

const START_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 5_000;

/**
 * Child processes run the built code (`npm run build`) whether the bench runs from dist or a
 * test from src: `../dist/` is the same directory from both.
 */
function forkChild(file: string, args: readonly string[]): ChildProcess {
  return fork(fileURLToPath(new URL(`../dist/${file}`, import.meta.url)), args, {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
}

async function nextReply<Reply extends { type: string }>(
  child: ChildProcess,
  type: Reply['type'],
): Promise<Reply> {
  const signal = AbortSignal.timeout(START_TIMEOUT_MS);
  for (;;) {
    const [message] = (await once(child, 'message', { signal })) as [Reply];
    if (message.type === type) return message;
  }
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exit = once(child, 'exit');
  child.disconnect();
  const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
  await exit;
  clearTimeout(timer);
}

/** The bench's handle on the feed server process (feed-server.process.ts). */
export class FeedServer {
  private nextId = 1;

  private constructor(
    private readonly child: ChildProcess,
    readonly baseUrl: string,
  ) {}

  static async start(feeds: number): Promise<FeedServer> {
    const child = forkChild('feed-server.process.js', [String(feeds)]);
    const listening = await nextReply<Extract<FeedServerReply, { type: 'listening' }>>(
      child,
      'listening',
    );
    return new FeedServer(child, `http://127.0.0.1:${listening.port}`);
  }

  pingTo(apiUrl: string, adminToken: string): void {
    this.child.send({ type: 'ping-to', apiUrl, adminToken } satisfies FeedServerRequest);
  }

  /** Empties every feed. */
  async clear(): Promise<void> {
    const id = this.nextId++;
    const reply = nextReply<Extract<FeedServerReply, { type: 'cleared' }>>(this.child, 'cleared');
    this.child.send({ type: 'clear', id } satisfies FeedServerRequest);
    await reply;
  }

  /** Puts each item on its feed; resolves to when each appeared, by URL. */
  async publish(
    items: readonly { feed: number; item: BenchItem }[],
  ): Promise<Extract<FeedServerReply, { type: 'published' }>> {
    const id = this.nextId++;
    const reply = new Promise<Extract<FeedServerReply, { type: 'published' }>>((resolve) => {
      const listener = (message: FeedServerReply) => {
        if (message.type !== 'published' || message.id !== id) return;
        this.child.off('message', listener);
        resolve(message);
      };
      this.child.on('message', listener);
    });
    this.child.send({ type: 'publish', id, items } satisfies FeedServerRequest);
    return reply;
  }

  stop(): Promise<void> {
    return stopChild(this.child);
  }
}

/** The bench's handle on the subscribers' process (receivers.process.ts). */
export class Receivers {
  private constructor(
    private readonly child: ChildProcess,
    readonly webhookUrls: readonly string[],
    readonly smtpUrl: string,
  ) {}

  static async start(webhooks: number): Promise<Receivers> {
    const child = forkChild('receivers.process.js', []);
    child.send({ type: 'start', webhooks } satisfies ReceiversRequest);
    const ready = await nextReply<Extract<ReceiversReply, { type: 'ready' }>>(child, 'ready');
    return new Receivers(child, ready.urls, ready.smtpUrl);
  }

  async setSecrets(secrets: readonly string[]): Promise<void> {
    const done = nextReply(this.child, 'secrets-set');
    this.child.send({ type: 'secrets', secrets } satisfies ReceiversRequest);
    await done;
  }

  async report(): Promise<Extract<ReceiversReply, { type: 'report' }>> {
    const reply = nextReply<Extract<ReceiversReply, { type: 'report' }>>(this.child, 'report');
    this.child.send({ type: 'report' } satisfies ReceiversRequest);
    return reply;
  }

  stop(): Promise<void> {
    return stopChild(this.child);
  }
}
