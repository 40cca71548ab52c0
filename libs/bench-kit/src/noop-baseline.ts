import { Queue, Worker } from 'bullmq';
import type { Redis } from 'ioredis';

const BATCH = 1_000;

/**
 * Raw BullMQ throughput on this machine and Redis: `jobs` no-op jobs added in bulk, then
 * processed by one worker at the delivery queue's concurrency. Jobs per second of processing.
 */
export async function noopJobsPerSecond(
  connection: Redis,
  prefix: string,
  jobs: number,
  concurrency: number,
): Promise<number> {
  const queue = new Queue('noop-baseline', { connection, prefix });
  for (let start = 0; start < jobs; start += BATCH) {
    await queue.addBulk(
      Array.from({ length: Math.min(BATCH, jobs - start) }, (_, index) => ({
        name: 'noop',
        data: { index: start + index },
        opts: { removeOnComplete: true },
      })),
    );
  }
  let done = 0;
  let finished: () => void = () => undefined;
  const allDone = new Promise<void>((resolve) => {
    finished = resolve;
  });
  const started = performance.now();
  const workerConnection = connection.duplicate({ maxRetriesPerRequest: null });
  const worker = new Worker(
    'noop-baseline',
    () => {
      done += 1;
      if (done === jobs) finished();
      return Promise.resolve();
    },
    { connection: workerConnection, prefix, concurrency },
  );
  await allDone;
  const seconds = (performance.now() - started) / 1_000;
  await worker.close();
  // A connection handed to a Worker stays open after it closes.
  await workerConnection.quit();
  await queue.obliterate({ force: true });
  await queue.close();
  return jobs / seconds;
}
