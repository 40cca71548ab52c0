import { maxHeaderSize, type Server, STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import { type ErrorBody, errorBody } from './http-error.filter.js';

/** What Node's HTTP parser refused before Express saw a request, and how to say so. */
function answerFor(code: string | undefined): ErrorBody & { readonly status: number } {
  switch (code) {
    case 'HPE_HEADER_OVERFLOW':
      return {
        status: 431,
        ...errorBody(431, `The URL and headers must fit in ${maxHeaderSize} bytes together.`, [
          { field: '(url and headers)', message: `must be at most ${maxHeaderSize} bytes` },
        ]),
      };
    case 'HPE_CHUNK_EXTENSIONS_OVERFLOW':
      return {
        status: 413,
        ...errorBody(413, 'The chunk extensions of the body are too large.', [
          { field: '(body)', message: 'has chunk extensions that are too large' },
        ]),
      };
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return { status: 408, ...errorBody(408, 'The request did not arrive in time.') };
    default:
      return {
        status: 400,
        ...errorBody(400, `The request is not valid HTTP/1.1 (${code ?? 'parse error'}).`),
      };
  }
}

/**
 * Answers what Node's HTTP parser refuses (a URL and headers over `maxHeaderSize`, bytes that
 * are not HTTP) with the same JSON error body as every other answer, where Node would send a
 * bare status line. With a 'clientError' listener Node leaves the socket to us: this writes
 * the answer and closes the connection, and never writes into a response already under way.
 */
export function answerClientErrorsWithJson(server: Server): void {
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
    const inFlight = (socket as { _httpMessage?: { headersSent?: boolean } })._httpMessage;
    if (error.code === 'ECONNRESET' || !socket.writable || inFlight?.headersSent) {
      socket.destroy();
      return;
    }
    const { status, ...body } = answerFor(error.code);
    const json = JSON.stringify(body);
    socket.end(
      [
        `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ''}`,
        'Content-Type: application/json; charset=utf-8',
        `Content-Length: ${Buffer.byteLength(json)}`,
        'Cache-Control: no-store',
        'X-Content-Type-Options: nosniff',
        'Connection: close',
        '',
        json,
      ].join('\r\n'),
    );
  });
}
