import { once } from 'node:events';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { CorpusFile } from './corpus-file.js';

/**
 * No charset parameter, as a server that knows nothing of the file would send: the decoder must
 * find the file's own declaration from the byte order mark or the XML prolog.
 */
const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.xml': 'application/xml',
  '.rss': 'application/xml',
  '.rdf': 'application/xml',
  '.atom': 'application/xml',
  '.json': 'application/feed+json',
};
const UNKNOWN_CONTENT_TYPE = 'application/octet-stream';

/**
 * Serves the corpus on loopback, so each file goes through the same HTTP client as a real feed.
 * Paths are looked up in the listing, never joined onto the folder: a name in the URL cannot
 * reach a file outside the corpus.
 */
export class CorpusServer {
  private constructor(
    private readonly server: Server,
    readonly origin: string,
  ) {}

  static async start(files: readonly CorpusFile[]): Promise<CorpusServer> {
    const byPath = new Map(files.map((file) => [urlPath(file), file]));
    const server = createServer((request, response) => {
      answer(byPath, request, response).catch((error: unknown) => {
        response.destroy(error instanceof Error ? error : new Error(String(error)));
      });
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const { port } = server.address() as AddressInfo;
    return new CorpusServer(server, `http://127.0.0.1:${port}`);
  }

  urlOf(file: CorpusFile): string {
    return `${this.origin}${urlPath(file)}`;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

function urlPath(file: CorpusFile): string {
  return `/${file.name.split('/').map(encodeURIComponent).join('/')}`;
}

async function answer(
  byPath: ReadonlyMap<string, CorpusFile>,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  const file = request.method === 'GET' ? byPath.get(request.url ?? '') : undefined;
  if (!file) {
    response.writeHead(404, { 'content-type': 'text/plain' }).end('not in the corpus');
    return;
  }
  const body = await readFile(file.absolutePath);
  const extension = /\.[^./]*$/.exec(file.name)?.[0].toLowerCase() ?? '';
  response
    .writeHead(200, {
      'content-type': CONTENT_TYPES[extension] ?? UNKNOWN_CONTENT_TYPE,
      'content-length': body.length,
    })
    .end(body);
}
