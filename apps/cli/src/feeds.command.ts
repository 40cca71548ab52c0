import { readFile } from 'node:fs/promises';
import { AdminApiClient, errorMessageOf } from './admin-api.client.js';
import { type OpmlFeed, readOpml, writeOpml } from './opml.js';

/** A feed as GET /admin/feeds lists it (the fields the OPML needs). */
interface ListedFeed {
  readonly id: string;
  readonly url: string;
  readonly title: string | null;
  readonly intervalSeconds: number | null;
  readonly enabled: boolean;
}

/** `vigil feeds export`: every feed of the running instance as OPML 2.0 on stdout. */
export async function exportFeeds(): Promise<void> {
  const feeds = await listFeeds(AdminApiClient.fromConfig());
  process.stdout.write(
    writeOpml(
      feeds.map((feed) => ({
        url: feed.url,
        title: feed.title,
        id: feed.id,
        ...(feed.intervalSeconds === null ? {} : { intervalSeconds: feed.intervalSeconds }),
        enabled: feed.enabled,
      })),
      new Date(),
    ),
  );
  process.stderr.write(`exported ${feeds.length} feeds\n`);
}

/**
 * `vigil feeds import <file.opml>`: adds each feed of the file whose URL the instance does not
 * have yet, through the admin API (docs/operations.md says why not the store), one line per
 * feed on stderr. Exits non-zero when any feed was refused.
 */
export async function importFeeds(path: string | undefined): Promise<void> {
  if (!path) throw new RangeError('usage: vigil feeds import <file.opml>');
  const feeds = readOpmlFile(path, await readSource(path));
  const api = AdminApiClient.fromConfig();
  const known = new Set((await listFeeds(api)).map((feed) => feed.url));
  const counts = { added: 0, skipped: 0, failed: 0 };
  for (const [index, feed] of feeds.entries()) {
    const step = `[${index + 1}/${feeds.length}]`;
    if (known.has(feed.url)) {
      counts.skipped += 1;
      process.stderr.write(`${step} skipped ${feed.url}: already present\n`);
      continue;
    }
    const answer = await api.call('POST', '/admin/feeds', createBody(feed));
    if (answer.status === 201) {
      counts.added += 1;
      known.add(feed.url);
      process.stderr.write(`${step} added ${feed.url} as ${String(answer.body?.['id'])}\n`);
    } else if (answer.status === 409) {
      counts.skipped += 1;
      process.stderr.write(`${step} skipped ${feed.url}: ${errorMessageOf(answer)}\n`);
    } else {
      counts.failed += 1;
      process.stderr.write(`${step} failed ${feed.url}: ${errorMessageOf(answer)}\n`);
    }
  }
  process.stdout.write(
    `${path}: ${feeds.length} feeds, ${counts.added} added, ${counts.skipped} already present, ${counts.failed} refused\n`,
  );
  if (counts.failed > 0) process.exitCode = 1;
}

async function listFeeds(api: AdminApiClient): Promise<ListedFeed[]> {
  const answer = await api.call('GET', '/admin/feeds');
  if (answer.status !== 200) throw new Error(`listing feeds failed: ${errorMessageOf(answer)}`);
  return answer.body?.['feeds'] as ListedFeed[];
}

async function readSource(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new Error(`cannot read ${path}: ${code === 'ENOENT' ? 'no such file' : String(code)}`, {
      cause: error,
    });
  }
}

function readOpmlFile(path: string, source: string): OpmlFeed[] {
  try {
    return readOpml(source);
  } catch (error) {
    throw new Error(`${path}: ${error instanceof Error ? error.message : String(error)}`, {
      cause: error,
    });
  }
}

/** The feed's Vigil id travels along when it has one, so a round trip keeps ids. */
function createBody(feed: OpmlFeed): object {
  return {
    url: feed.url,
    ...(feed.title === null ? {} : { title: feed.title.slice(0, 200) }),
    ...(feed.id === undefined ? {} : { id: feed.id }),
    ...(feed.intervalSeconds === undefined ? {} : { intervalSeconds: feed.intervalSeconds }),
    ...(feed.enabled === undefined ? {} : { enabled: feed.enabled }),
  };
}
