import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { escapeXml, feedEntries, feedEtag, serveFromChildProcess } from '@app/bench-kit';
import type { FeedServerReply, FeedServerRequest } from './feed-server-protocol.js';
import type { BenchItem } from './news-items.js';

/**
 * The newsrooms: N RSS feeds on loopback, in a process of their own so that serving costs Vigil
 * nothing. The bench hands it items to publish; each appears on its feed at once (the time is
 * reported back) and the feed server tells Vigil to poll that feed (`POST /admin/feeds/<id>/poll`,
 * the admin API's "poll now"), as a WebSub hub would. Conditional GET with ETags, as bench/poll.
 */

const KEEP_ALIVE_MS = 120_000;
/** Items kept on a feed: a feed shows its newest items, as newsrooms do. */
const ITEMS_PER_FEED = 20;
const FEED_PATH = /^\/f\/(\d+)\.rss$/;

const feeds = feedEntries(Number(process.argv[2]));
const items: BenchItem[][] = feeds.map(() => []);
const versions: number[] = feeds.map(() => 0);
const bodies: (Buffer | undefined)[] = feeds.map(() => undefined);
let pingTarget: { apiUrl: string; adminToken: string } | undefined;
let pingFailures = 0;

function render(index: number): Buffer {
  const id = feeds[index]?.id ?? '';
  const entries = (items[index] ?? []).map((item) =>
    [
      '<item>',
      `<title>${escapeXml(item.title)}</title>`,
      `<link>${escapeXml(item.url)}</link>`,
      `<guid isPermaLink="false">${escapeXml(item.guid)}</guid>`,
      `<description>${escapeXml(item.summary)}</description>`,
      '</item>',
    ].join(''),
  );
  return Buffer.from(
    [
      '<?xml version="1.0" encoding="UTF-8"?>',
      '<rss version="2.0"><channel>',
      `<title>Bench wire ${id}</title>`,
      `<link>https://news.example.org/${id}/</link>`,
      '<description>News as filed.</description>',
      ...entries,
      '</channel></rss>',
      '',
    ].join('\n'),
  );
}

function answer(request: IncomingMessage, response: ServerResponse): void {
  const match = FEED_PATH.exec(request.url ?? '');
  const index = match ? Number(match[1]) - 1 : -1;
  const feed = feeds[index];
  if (request.method !== 'GET' || feed === undefined) {
    response.writeHead(404, { 'content-type': 'text/plain' }).end('no such feed');
    return;
  }
  const etag = feedEtag(feed.id, String(versions[index]));
  if (request.headers['if-none-match'] === etag) {
    response.writeHead(304, { etag }).end();
    return;
  }
  const body = (bodies[index] ??= render(index));
  response
    .writeHead(200, {
      'content-type': 'application/rss+xml; charset=utf-8',
      'content-length': body.length,
      etag,
    })
    .end(body);
}

function ping(index: number): void {
  const feed = feeds[index];
  if (pingTarget === undefined || feed === undefined) return;
  fetch(`${pingTarget.apiUrl}/admin/feeds/${feed.id}/poll`, {
    method: 'POST',
    headers: { authorization: `Bearer ${pingTarget.adminToken}` },
  }).then(
    async (response) => {
      await response.arrayBuffer();
      if (!response.ok) pingFailures += 1;
    },
    () => {
      pingFailures += 1;
    },
  );
}

function reply(message: FeedServerReply): void {
  process.send?.(message);
}

const server = createServer({ keepAliveTimeout: KEEP_ALIVE_MS }, answer);

process.on('message', (message: FeedServerRequest) => {
  if (message.type === 'ping-to') {
    pingTarget = { apiUrl: message.apiUrl, adminToken: message.adminToken };
    return;
  }
  if (message.type === 'clear') {
    feeds.forEach((_, index) => {
      items[index] = [];
      versions[index] = (versions[index] ?? 0) + 1;
      bodies[index] = undefined;
    });
    reply({ type: 'cleared', id: message.id });
    return;
  }
  const changed = new Set<number>();
  const appearedAt: [string, number][] = [];
  for (const { feed, item } of message.items) {
    const shown = items[feed];
    if (shown === undefined) continue;
    shown.unshift(item);
    shown.length = Math.min(shown.length, ITEMS_PER_FEED);
    changed.add(feed);
  }
  for (const feed of changed) {
    versions[feed] = (versions[feed] ?? 0) + 1;
    bodies[feed] = undefined;
  }
  const now = Date.now();
  for (const { item } of message.items) appearedAt.push([item.url, now]);
  for (const feed of changed) ping(feed);
  reply({ type: 'published', id: message.id, appearedAt, pingFailures });
});
serveFromChildProcess(server);
