import { storableText, type ItemDiscovered } from '@app/contracts';
import type { BadItem } from '@app/domain';
import {
  type CreatedStream,
  databaseErrorFields,
  type EventStore,
  type NewStreamEntry,
} from '@app/event-store';
import { type FeedItem, itemStreamId } from '@app/feeds';

/** What a poll's items came to: the streams opened, and the items the store refused. */
export interface Discovery {
  readonly created: readonly CreatedStream[];
  readonly badItems: readonly BadItem[];
}

/** Long enough to recognise an identity by, short enough for any event. */
const IDENTITY_MAX_CHARS = 1_000;

interface Candidate {
  readonly item: FeedItem;
  readonly entry: NewStreamEntry;
}

/**
 * Appends `item.discovered` for every item whose stream does not exist yet, in one round trip.
 * When the store refuses the batch for what an item holds (SQLSTATE class 22, a data
 * exception such as U+0000 in jsonb, or 54, a limit exceeded), the batch is halved until each
 * refused item stands alone: it is skipped as a bad item and the rest are discovered, so one
 * item never costs the feed the others (SPEC §3). A batch is one statement, so a refused one
 * appended nothing. Any other error (the database gone) is thrown: the poll job is retried.
 */
export async function discoverItems(
  store: EventStore,
  feedId: string,
  items: readonly FeedItem[],
): Promise<Discovery> {
  return appendIsolatingRefused(
    store,
    items.map((item) => ({
      item,
      entry: {
        stream: itemStreamId(feedId, item.identity),
        event: { type: 'item.discovered', data: discovered(feedId, item) },
      },
    })),
  );
}

async function appendIsolatingRefused(
  store: EventStore,
  candidates: readonly Candidate[],
): Promise<Discovery> {
  try {
    const created = await store.appendToNewStreams(candidates.map(({ entry }) => entry));
    return { created, badItems: [] };
  } catch (error) {
    const { code } = databaseErrorFields(error);
    if (!refusedForItsData(code)) throw error;
    const [only] = candidates;
    if (candidates.length === 1 && only) {
      return { created: [], badItems: [badItem(only, error, code)] };
    }
    const half = Math.ceil(candidates.length / 2);
    const first = await appendIsolatingRefused(store, candidates.slice(0, half));
    const second = await appendIsolatingRefused(store, candidates.slice(half));
    return {
      created: [...first.created, ...second.created],
      badItems: [...first.badItems, ...second.badItems],
    };
  }
}

function refusedForItsData(code: string | undefined): code is string {
  return code !== undefined && (code.startsWith('22') || code.startsWith('54'));
}

function badItem({ item, entry }: Candidate, error: unknown, code: string): BadItem {
  const reason = error instanceof Error ? error.message : String(error);
  return {
    // Cut before cleaning, so that a cut through a surrogate pair is cleaned too.
    identity: storableText(item.identity.slice(0, IDENTITY_MAX_CHARS)),
    stream: entry.stream,
    message: storableText(`the event store refused the item: ${reason} (SQLSTATE ${code})`),
  };
}

function discovered(feedId: string, item: FeedItem): ItemDiscovered {
  return {
    feedId,
    identity: item.identity,
    title: item.title,
    url: item.url,
    summary: item.summary,
    publishedAt: item.publishedAt,
    categories: [...item.categories],
    language: item.language,
    fingerprint: item.fingerprint,
  };
}
