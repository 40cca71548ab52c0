import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { escapeXml } from '../escape-xml.js';
import type { SeedReport } from './seed-reports.js';

/** One news outlet of the demo: an RSS feed on loopback that Vigil polls like any other. */
export interface Outlet {
  readonly id: string;
  readonly title: string;
  readonly feedUrl: string;
}

interface PublishedReport {
  readonly report: SeedReport;
  readonly publishedAt: Date;
}

/**
 * The demo's news outlets: one HTTP server on loopback holding one RSS 2.0 feed per outlet, at
 * `/<outlet>/feed.xml`, and each published report's page at `/<outlet>/reports/<n>`. Feeds start
 * empty; `publish` adds a report to one of them, as an outlet putting out a story.
 */
export class OutletFeedsServer {
  private readonly published = new Map<string, PublishedReport[]>();

  private constructor(
    private readonly server: Server,
    readonly outlets: readonly Outlet[],
  ) {}

  static async start(outletCount: number): Promise<OutletFeedsServer> {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const outlets = Array.from({ length: outletCount }, (_, index) => ({
      id: `demo-outlet-${index + 1}`,
      title: `Demo outlet ${index + 1}`,
      feedUrl: `${origin}/demo-outlet-${index + 1}/feed.xml`,
    }));
    const feeds = new OutletFeedsServer(server, outlets);
    server.on('request', (request, response) => feeds.answer(request, response));
    return feeds;
  }

  /** Puts `report` at the top of `outlet`'s feed; returns the URL of the report's page. */
  publish(outlet: Outlet, report: SeedReport, publishedAt: Date): string {
    const reports = this.published.get(outlet.id) ?? [];
    reports.push({ report, publishedAt });
    this.published.set(outlet.id, reports);
    return this.reportUrl(outlet, reports.length);
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private answer(request: IncomingMessage, response: ServerResponse): void {
    const [, outletId, resource, number] = (request.url ?? '').split('/');
    const outlet = this.outlets.find((candidate) => candidate.id === outletId);
    const reports = outlet === undefined ? [] : (this.published.get(outlet.id) ?? []);
    if (outlet !== undefined && resource === 'feed.xml') {
      response
        .writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' })
        .end(this.rss(outlet, reports));
      return;
    }
    const page = resource === 'reports' ? reports[Number(number) - 1] : undefined;
    if (page === undefined) {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    const { title, body } = page.report;
    response
      .writeHead(200, { 'content-type': 'text/plain; charset=utf-8' })
      .end(title === undefined ? body : `${title}\n\n${body}`);
  }

  private rss(outlet: Outlet, reports: readonly PublishedReport[]): string {
    const items = reports
      .map(({ report, publishedAt }, index) => {
        const url = this.reportUrl(outlet, index + 1);
        return [
          '    <item>',
          ...(report.title === undefined
            ? []
            : [`      <title>${escapeXml(report.title)}</title>`]),
          `      <link>${escapeXml(url)}</link>`,
          `      <guid isPermaLink="true">${escapeXml(url)}</guid>`,
          `      <pubDate>${publishedAt.toUTCString()}</pubDate>`,
          `      <description>${escapeXml(report.body)}</description>`,
          '    </item>',
        ].join('\n');
      })
      .reverse();
    return [
      '<?xml version="1.0" encoding="UTF-8"?>',
      '<rss version="2.0">',
      '  <channel>',
      `    <title>${escapeXml(outlet.title)}</title>`,
      `    <link>${escapeXml(outlet.feedUrl)}</link>`,
      `    <description>A news outlet of the vigil demo, on loopback.</description>`,
      ...items,
      '  </channel>',
      '</rss>',
      '',
    ].join('\n');
  }

  private reportUrl(outlet: Outlet, number: number): string {
    return outlet.feedUrl.replace(/feed\.xml$/, `reports/${number}`);
  }
}
