import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { SingleBar } from 'cli-progress';
import { AdminApiClient } from './admin-api.client.js';
import { CliUsageError } from './cli-usage-error.js';

const POLL_MS = 500;

export interface ReplayOptions {
  readonly consumer: string;
  readonly url: string | undefined;
}

interface RebuildReport {
  readonly rebuildId: string;
  readonly state: 'requested' | 'running' | 'completed' | 'failed';
  readonly position: number;
  readonly head: number | null;
  readonly error: string | null;
}

/** `vigil replay <consumer> [--url URL]` */
export function parseReplayArgs(args: readonly string[]): ReplayOptions {
  const { values, positionals } = parseArgs({
    args: [...args],
    options: { url: { type: 'string' } },
    strict: true,
    allowPositionals: true,
  });
  const [consumer, ...extra] = positionals;
  if (consumer === undefined) throw new CliUsageError('name the view to rebuild');
  if (extra.length > 0) throw new CliUsageError(`unexpected argument "${extra[0]}"`);
  return { consumer, url: values.url };
}

/**
 * Asks the admin API to rebuild a view and shows its progress until it is swapped in. A worker
 * does the work (the api never does), so a worker must be running.
 */
export async function replay(options: ReplayOptions): Promise<void> {
  const api = AdminApiClient.fromConfig(options.url);
  const { rebuildId } = await api.request<{ rebuildId: string }>(
    'POST',
    `/admin/consumers/${encodeURIComponent(options.consumer)}/rebuild`,
  );
  const bar = new SingleBar({
    format: `${options.consumer} [{bar}] {percentage}% | position {value} of {total}`,
  });
  bar.start(1, 0);
  try {
    for (;;) {
      const rebuild = await readRebuild(api, options.consumer, rebuildId);
      if (rebuild?.head) bar.setTotal(rebuild.head);
      if (rebuild) bar.update(rebuild.position);
      if (rebuild?.state === 'failed') throw new Error(rebuild.error ?? 'the rebuild failed');
      if (rebuild?.state === 'completed') {
        bar.stop();
        process.stdout.write(
          `${options.consumer} rebuilt from the log up to position ${rebuild.position}\n`,
        );
        return;
      }
      await sleep(POLL_MS);
    }
  } finally {
    bar.stop();
  }
}

async function readRebuild(
  api: AdminApiClient,
  consumer: string,
  rebuildId: string,
): Promise<RebuildReport | undefined> {
  const { consumers } = await api.request<{
    consumers: { name: string; rebuild: RebuildReport | null }[];
  }>('GET', '/admin/consumers');
  const rebuild = consumers.find((each) => each.name === consumer)?.rebuild;
  if (rebuild && rebuild.rebuildId !== rebuildId) {
    throw new CliUsageError(`another rebuild of ${consumer} took over (${rebuild.rebuildId})`);
  }
  return rebuild ?? undefined;
}
