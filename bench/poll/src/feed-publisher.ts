import { type ChildProcess, fork } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import type { PublisherReply, PublisherRequest, PublisherStats } from './publisher-protocol.js';

type Pending = (reply: PublisherReply) => void;
type RequestBody =
  | Omit<Extract<PublisherRequest, { type: 'serve' }>, 'id'>
  | Omit<Extract<PublisherRequest, { type: 'take-stats' }>, 'id'>;

const START_TIMEOUT_MS = 10_000;
const STOP_TIMEOUT_MS = 5_000;

/** The bench's handle on the feed publisher process (feed-publisher.process.ts). */
export class FeedPublisher {
  private readonly pending = new Map<number, { resolve: Pending; reject: (e: Error) => void }>();
  private nextId = 1;
  private exited = false;

  private constructor(
    private readonly child: ChildProcess,
    readonly baseUrl: string,
  ) {
    child.on('message', (message: PublisherReply) => {
      if (!('id' in message)) return;
      this.pending.get(message.id)?.resolve(message);
      this.pending.delete(message.id);
    });
    child.once('exit', (code, signal) => {
      this.exited = true;
      const error = new Error(`the feed publisher exited (${signal ?? `code ${code}`})`);
      for (const { reject } of this.pending.values()) reject(error);
      this.pending.clear();
    });
  }

  static async start(feeds: number): Promise<FeedPublisher> {
    const entry = fileURLToPath(new URL('./feed-publisher.process.js', import.meta.url));
    const child = fork(entry, [String(feeds)], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    try {
      // `once` rejects on the child's 'error' event and on the timeout.
      const [message] = (await once(child, 'message', {
        signal: AbortSignal.timeout(START_TIMEOUT_MS),
      })) as [PublisherReply];
      if (message.type !== 'listening') throw new Error(`unexpected ${message.type} at start`);
      return new FeedPublisher(child, `http://127.0.0.1:${message.port}`);
    } catch (error) {
      child.kill();
      throw error;
    }
  }

  /** Serves `itemsPerFeed` items in every feed from now on; resolves to the bytes of all feeds. */
  async serve(itemsPerFeed: number, version: string): Promise<number> {
    const reply = await this.ask({ type: 'serve', itemsPerFeed, version });
    if (reply.type !== 'serving') throw new Error(`unexpected ${reply.type} to serve`);
    return reply.bodyBytes;
  }

  /** What it answered, and its CPU time, since the last call. */
  async takeStats(): Promise<PublisherStats> {
    const reply = await this.ask({ type: 'take-stats' });
    if (reply.type !== 'stats') throw new Error(`unexpected ${reply.type} to take-stats`);
    return reply.stats;
  }

  async stop(): Promise<void> {
    if (this.exited) return;
    const exit = once(this.child, 'exit');
    this.child.disconnect();
    const timer = setTimeout(() => this.child.kill('SIGKILL'), STOP_TIMEOUT_MS);
    await exit;
    clearTimeout(timer);
  }

  private ask(body: RequestBody): Promise<PublisherReply> {
    if (this.exited) return Promise.reject(new Error('the feed publisher has exited'));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.child.send({ ...body, id } satisfies PublisherRequest);
    });
  }
}
