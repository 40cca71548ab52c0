import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { feedEntries, feedEtag, renderFeed, serveFromChildProcess } from '@app/bench-kit';
import type { PublisherReply, PublisherRequest } from './publisher-protocol.js';

/**
 * The publisher, in a process of its own so that the bench process's CPU time and memory are
 * the poller's alone. Answers `GET /f/<n>.rss` with the current version of feed n, or 304 when
 * If-None-Match carries its ETag. Lives as long as the IPC channel to the bench.
 */

/** Longer than any pause between rounds, so each round reuses the connections of the last. */
const KEEP_ALIVE_MS = 120_000;
const FEED_PATH = /^\/f\/(\d+)\.rss$/;

const feeds = feedEntries(Number(process.argv[2]));
let etags: string[] = [];
let bodies: Buffer[] = [];
const counters = { ok: 0, notModified: 0, other: 0, bytesSent: 0 };
let cpuMark = process.cpuUsage();

function answer(request: IncomingMessage, response: ServerResponse): void {
  const match = FEED_PATH.exec(request.url ?? '');
  const index = match ? Number(match[1]) - 1 : -1;
  const etag = etags[index];
  const body = bodies[index];
  if (request.method !== 'GET' || etag === undefined || body === undefined) {
    counters.other += 1;
    response.writeHead(404, { 'content-type': 'text/plain' }).end('no such feed');
    return;
  }
  if (request.headers['if-none-match'] === etag) {
    counters.notModified += 1;
    response.writeHead(304, { etag }).end();
    return;
  }
  counters.ok += 1;
  counters.bytesSent += body.length;
  response
    .writeHead(200, {
      'content-type': 'application/rss+xml; charset=utf-8',
      'content-length': body.length,
      etag,
    })
    .end(body);
}

function reply(message: PublisherReply): void {
  process.send?.(message);
}

const server = createServer({ keepAliveTimeout: KEEP_ALIVE_MS }, answer);

process.on('message', (message: PublisherRequest) => {
  switch (message.type) {
    case 'serve': {
      etags = feeds.map((feed) => feedEtag(feed.id, message.version));
      bodies = feeds.map((feed) => Buffer.from(renderFeed(feed.id, message.itemsPerFeed)));
      const bodyBytes = bodies.reduce((sum, body) => sum + body.length, 0);
      reply({ id: message.id, type: 'serving', bodyBytes });
      return;
    }
    case 'take-stats': {
      const cpu = process.cpuUsage(cpuMark);
      cpuMark = process.cpuUsage();
      reply({
        id: message.id,
        type: 'stats',
        stats: { ...counters, cpuSeconds: (cpu.user + cpu.system) / 1e6 },
      });
      Object.assign(counters, { ok: 0, notModified: 0, other: 0, bytesSent: 0 });
      return;
    }
  }
});
serveFromChildProcess(server);
