/**
 * The hostile requests of hostile-input.e2e-spec.ts: for each route the app registers, every
 * class of bad input in every place it takes input. Pure: the spec sends them.
 */

/** A route as express registered it, with what the OpenAPI document says it takes. */
export interface RouteInput {
  readonly method: string;
  /** Express syntax: `/v1/subscriptions/:id`. */
  readonly path: string;
  readonly queryParameters: readonly string[];
  readonly bodyFields: readonly string[];
  /** A body the route would accept, or `{}`; hostile values replace one field at a time. */
  readonly baselineBody: Readonly<Record<string, unknown>>;
  /** Valid values for the path parameters, so that only the part under test is hostile. */
  readonly baselineParams: Readonly<Record<string, string>>;
}

export interface HostileRequest {
  /** What is hostile, for the failure report: `POST /admin/feeds body.title NUL`. */
  readonly label: string;
  readonly method: string;
  /** Path and query, already percent-encoded as they go on the wire. */
  readonly target: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: Buffer;
}

/** Each hostile text, and how it goes in a URL, percent-encoded or deliberately not. */
interface HostileText {
  readonly name: string;
  readonly text: string;
  readonly inUrl: string;
}

/** Long enough to pass no length check, short enough to leave a URL under Node's 16 KB. */
const LONG_IN_URL = 'x'.repeat(4_000);
/** Longer than any field allows, short enough to leave a body under the 100 KB limit. */
const LONG_IN_BODY = 'y'.repeat(60_000);

const HOSTILE_TEXTS: readonly HostileText[] = [
  { name: 'NUL', text: 'a\u0000b', inUrl: 'a%00b' },
  { name: 'only NUL', text: '\u0000', inUrl: '%00' },
  // A lone surrogate has no UTF-8 form: a URL can only carry it as its CESU-8 bytes.
  { name: 'lone high surrogate', text: 'a\uD800b', inUrl: 'a%ED%A0%80b' },
  { name: 'lone low surrogate', text: '\uDC00', inUrl: '%ED%B0%80' },
  { name: 'overlong', text: LONG_IN_BODY, inUrl: LONG_IN_URL },
  { name: 'empty', text: '', inUrl: '' },
  { name: 'bad escape', text: '%E0%A4%A', inUrl: '%E0%A4%A' },
  { name: 'lone percent', text: '%', inUrl: '%' },
  { name: 'overlong UTF-8', text: '\u00C0\u00AF', inUrl: '%C0%AF' },
  { name: 'year zero', text: '0000-01-01T00:00:00Z', inUrl: '0000-01-01T00%3A00%3A00Z' },
  {
    name: 'year 10000',
    text: '9999-12-31T23:59:59-14:00',
    inUrl: '9999-12-31T23%3A59%3A59-14%3A00',
  },
  { name: 'huge number', text: '1e309', inUrl: '1e309' },
  { name: 'negative', text: '-1', inUrl: '-1' },
  { name: 'path traversal', text: '../../etc/passwd', inUrl: '..%2F..%2Fetc%2Fpasswd' },
  { name: 'SQL', text: "' OR 1=1; --", inUrl: '%27%20OR%201%3D1%3B%20--' },
  {
    name: 'markup',
    text: '<script>alert(1)</script>',
    inUrl: '%3Cscript%3Ealert(1)%3C%2Fscript%3E',
  },
  {
    name: 'bidi and emoji',
    text: '\u202E\u{1F6A8}\uFEFF',
    inUrl: '%E2%80%AE%F0%9F%9A%A8%EF%BB%BF',
  },
  { name: 'control chars', text: '\u0001\u001b[31m\r\n', inUrl: '%01%1B%5B31m%0D%0A' },
];

/** Wrong JSON types and shapes for a body field. */
const WRONG_TYPES: readonly [string, unknown][] = [
  ['null', null],
  ['true', true],
  ['zero', 0],
  ['negative', -1],
  ['float', 0.5],
  ['huge', 1e308],
  ['object', { a: 1 }],
  ['empty array', []],
  ['array of NUL', ['\u0000']],
  ['array of surrogate', ['\uD800']],
  ['array of numbers', [1, 2]],
  ['nested deep', nested(200)],
  ['prototype key', JSON.parse('{"__proto__":{"polluted":true}}') as unknown],
];

/** Whole bodies that are not a JSON object a route could take. */
const RAW_BODIES: readonly [string, string, string][] = [
  ['invalid JSON', 'application/json', '{"a":'],
  ['trailing comma', 'application/json', '{"a":1,}'],
  ['bare NUL', 'application/json', '\u0000'],
  ['JSON null', 'application/json', 'null'],
  ['JSON string', 'application/json', '"text"'],
  ['JSON number', 'application/json', '1'],
  ['JSON array', 'application/json', '[1,2,3]'],
  ['NUL key', 'application/json', '{"\\u0000":1}'],
  ['surrogate key', 'application/json', '{"\\ud800":1}'],
  ['deep nesting', 'application/json', `${'['.repeat(40_000)}${']'.repeat(40_000)}`],
  ['latin1 charset', 'application/json; charset=latin1', '{"a":"\u00e9"}'],
  ['utf-16 charset', 'application/json; charset=utf-16', '{"a":1}'],
  ['unknown charset', 'application/json; charset=klingon', '{"a":1}'],
  ['plain text', 'text/plain', 'hello'],
  ['form', 'application/x-www-form-urlencoded', 'a[b][c][d][e][f][g][h]=1&token=%00&x=%E0'],
  ['form, deep', 'application/x-www-form-urlencoded', `${'a'}${'[b]'.repeat(40)}=1`],
  ['no content type', '', '{"a":1}'],
  ['too large', 'application/json', JSON.stringify({ a: 'z'.repeat(200_000) })],
];

function nested(depth: number): unknown {
  let value: unknown = 'bottom';
  for (let level = 0; level < depth; level += 1) value = { level: value };
  return value;
}

/** `/v1/subscriptions/:id` with `id` → `abc`, each value as given (already encoded). */
function fill(path: string, params: Readonly<Record<string, string>>): string {
  return path.replace(/:(\w+)/g, (_match, name: string) => params[name] ?? 'x');
}

function json(value: unknown): Buffer {
  return Buffer.from(JSON.stringify(value));
}

/** Who sends: its `authorization` header, if any, and whether the route lets it in. */
export interface Caller {
  readonly name: string;
  readonly headers: Readonly<Record<string, string>>;
  /**
   * False: refused before its input is validated, so only what is read before the guard (the
   * target and the raw body) is varied, not each body field.
   */
  readonly authorized: boolean;
}

/** Every hostile request for one route, as one caller. */
export function hostileRequests(route: RouteInput, auth: Caller): HostileRequest[] {
  const { method, path } = route;
  const requests: HostileRequest[] = [];
  const encodedParams = Object.fromEntries(
    Object.entries(route.baselineParams).map(([name, value]) => [name, encodeURIComponent(value)]),
  );
  const basePath = fill(path, encodedParams);
  const takesBody = method !== 'GET' && method !== 'HEAD' && method !== 'DELETE';
  const jsonHeaders = { ...auth.headers, 'content-type': 'application/json' };
  const baseBody = takesBody ? json(route.baselineBody) : undefined;
  const send = (
    label: string,
    target: string,
    body = baseBody,
    headers: Readonly<Record<string, string>> = jsonHeaders,
  ) =>
    requests.push({
      label: `${method} ${path} [${auth.name}] ${label}`,
      method,
      target,
      headers: body === undefined ? auth.headers : headers,
      ...(body === undefined ? {} : { body }),
    });

  for (const name of Object.keys(route.baselineParams)) {
    for (const hostile of HOSTILE_TEXTS) {
      send(
        `param ${name} ${hostile.name}`,
        fill(path, { ...encodedParams, [name]: hostile.inUrl }),
      );
    }
  }

  const queryNames = [...route.queryParameters, 'unknown'];
  for (const name of queryNames) {
    for (const hostile of HOSTILE_TEXTS) {
      send(`query ${name} ${hostile.name}`, `${basePath}?${name}=${hostile.inUrl}`);
    }
    send(`query ${name} repeated`, `${basePath}?${name}=1&${name}=2`);
    send(`query ${name} bracketed`, `${basePath}?${name}[a][b]=1`);
    send(`query ${name} without value`, `${basePath}?${name}`);
  }
  send('query name NUL', `${basePath}?a%00b=1`);
  send('query name bad escape', `${basePath}?%E0%A4=1`);
  send('huge URL', `${basePath}?q=${'u'.repeat(17_000)}`);

  if (takesBody && auth.authorized) {
    const fields = route.bodyFields.length > 0 ? route.bodyFields : ['field'];
    for (const field of [...fields, 'unknownField']) {
      for (const hostile of HOSTILE_TEXTS) {
        send(
          `body.${field} ${hostile.name}`,
          basePath,
          json({ ...route.baselineBody, [field]: hostile.text }),
        );
      }
      for (const [name, value] of WRONG_TYPES) {
        send(`body.${field} ${name}`, basePath, json({ ...route.baselineBody, [field]: value }));
      }
    }
  }
  if (takesBody) {
    for (const [name, contentType, text] of RAW_BODIES) {
      const headers =
        contentType === '' ? auth.headers : { ...auth.headers, 'content-type': contentType };
      send(`raw body ${name}`, basePath, Buffer.from(text, 'utf8'), headers);
    }
    send('gzip that is not gzip', basePath, Buffer.from('{"a":1}'), {
      ...jsonHeaders,
      'content-encoding': 'gzip',
    });
    send('unknown content-encoding', basePath, Buffer.from('{"a":1}'), {
      ...jsonHeaders,
      'content-encoding': 'compress',
    });
  }
  return requests;
}
