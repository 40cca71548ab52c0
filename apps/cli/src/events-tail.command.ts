import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { EVENT_TYPES, type KnownRecordedEvent } from '@app/contracts';
import { AdminApiClient } from './admin-api.client.js';
import { CliUsageError } from './cli-usage-error.js';

const PAGE_SIZE = 1_000;
const POLL_MS = 1_000;
const DATA_WIDTH = 100;

export interface EventsTailOptions {
  readonly types: readonly string[];
  readonly stream: string | undefined;
  /** First position to print; undefined: only events appended from now on. */
  readonly from: number | undefined;
  readonly url: string | undefined;
}

/** `vigil events tail [--type T]... [--stream S] [--from POSITION] [--url URL]` */
export function parseEventsTailArgs(args: readonly string[]): EventsTailOptions {
  const { values } = parseArgs({
    args: [...args],
    options: {
      type: { type: 'string', multiple: true },
      stream: { type: 'string' },
      from: { type: 'string' },
      url: { type: 'string' },
    },
    strict: true,
    allowPositionals: false,
  });
  const types = values.type ?? [];
  const unknown = types.find((type) => !(EVENT_TYPES as readonly string[]).includes(type));
  if (unknown !== undefined) throw new CliUsageError(`--type ${unknown} is not an event type`);
  if (values.from !== undefined && !/^[1-9]\d{0,14}$/.test(values.from)) {
    throw new CliUsageError(`--from must be a log position (1 or more), got "${values.from}"`);
  }
  return {
    types,
    stream: values.stream,
    from: values.from === undefined ? undefined : Number(values.from),
    url: values.url,
  };
}

/**
 * Follows the log through the admin API and prints one line per event, until interrupted. The
 * API and not the store: the embedded store belongs to the running `vigil start` alone.
 */
export async function tailEvents(options: EventsTailOptions): Promise<void> {
  const api = AdminApiClient.fromConfig(options.url);
  let after =
    options.from === undefined
      ? (await api.request<{ head: number }>('GET', '/admin/consumers')).head
      : options.from - 1;
  for (;;) {
    const query = new URLSearchParams({ after: String(after), limit: String(PAGE_SIZE) });
    for (const type of options.types) query.append('type', type);
    if (options.stream !== undefined) query.set('stream', options.stream);
    const page = await api.request<{ events: KnownRecordedEvent[]; next: number | null }>(
      'GET',
      `/admin/events?${query.toString()}`,
    );
    for (const event of page.events) process.stdout.write(`${describeEvent(event)}\n`);
    after = page.events.at(-1)?.position ?? after;
    if (page.next === null) await sleep(POLL_MS);
  }
}

function describeEvent(event: KnownRecordedEvent): string {
  const data = JSON.stringify(event.data);
  const short = data.length > DATA_WIDTH ? `${data.slice(0, DATA_WIDTH - 1)}…` : data;
  return [event.position, event.recordedAt, event.stream, event.type, short].join('  ');
}
