import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { INestApplication } from '@nestjs/common';
import { createPostgresTestDatabase, type PostgresTestDatabase, testConfig } from '@app/testing';
import { createHttpApplication } from '../src/index.js';

interface Schema {
  type?: string;
  $ref?: string;
  enum?: unknown[];
  properties?: Record<string, Schema>;
  items?: Schema;
  additionalProperties?: Schema | boolean;
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
  example?: unknown;
}

interface Operation {
  parameters?: { name: string; in: string }[];
  requestBody?: { content: Record<string, { schema?: Schema }> };
  responses: Record<string, { content?: Record<string, { schema?: Schema }> }>;
  security?: unknown[];
}

interface OpenApiDocument {
  openapi: string;
  info: { title: string; version: string };
  paths: Record<string, Record<string, Operation>>;
  components: { securitySchemes: Record<string, Record<string, unknown>> };
}

/** The admin dashboard's HTML pages, excluded from the document on purpose. */
const HTML_DASHBOARD = /^\/admin(\/login|\/logout|\/dashboard\/.*)?$/;

/**
 * Where a schema says nothing of a value's type: the paths of its nodes with no `type`, `$ref`,
 * `enum` or combination of schemas that do, however deep (`{}` would let anything through).
 */
function untypedNodes(schema: Schema | undefined, path = '$'): string[] {
  if (schema === undefined) return [path];
  const combined = [...(schema.anyOf ?? []), ...(schema.oneOf ?? []), ...(schema.allOf ?? [])];
  if (schema.type === undefined && schema.$ref === undefined && schema.enum === undefined) {
    return combined.length === 0
      ? [path]
      : combined.flatMap((member, index) => untypedNodes(member, `${path}|${index}`));
  }
  return [
    ...combined.flatMap((member, index) => untypedNodes(member, `${path}|${index}`)),
    ...Object.entries(schema.properties ?? {}).flatMap(([name, property]) =>
      untypedNodes(property, `${path}.${name}`),
    ),
    ...(schema.type === 'array' ? untypedNodes(schema.items, `${path}[]`) : []),
    ...(typeof schema.additionalProperties === 'object'
      ? untypedNodes(schema.additionalProperties, `${path}.*`)
      : []),
  ];
}

/** `/v1/alerts/:id` → `/v1/alerts/{id}`, as OpenAPI writes path parameters. */
function openApiPath(expressPath: string): string {
  return expressPath.replace(/:(\w+)/g, '{$1}');
}

/** Every `method path` Nest routed under /v1 and /admin, read from express itself. */
function registeredRoutes(app: INestApplication): string[] {
  // Express 5's router: a layer with a `route` is a route; Bull Board's mount has none.
  const express = app.getHttpAdapter().getInstance() as {
    router: { stack: { route?: { path: string; methods: Record<string, boolean> } }[] };
  };
  return express.router.stack
    .flatMap(({ route }) => {
      if (!route) return [];
      return Object.keys(route.methods).map((method) => `${method} ${route.path}`);
    })
    .filter((route) => {
      const path = route.split(' ')[1]!;
      return /^\/(v1|admin)(\/|$)/.test(path) && !HTML_DASHBOARD.test(path);
    });
}

describe('OpenAPI document at /docs-json', () => {
  let database: PostgresTestDatabase;
  let app: INestApplication;
  let document: OpenApiDocument;
  let operations: [string, Operation][];

  beforeAll(async () => {
    database = await createPostgresTestDatabase();
    app = await createHttpApplication(testConfig({ DATABASE_URL: database.url }));
    await app.listen(0, '127.0.0.1');
    const response = await fetch(`${await app.getUrl()}/docs-json`);
    expect(response.status).toBe(200);
    document = (await response.json()) as OpenApiDocument;
    operations = Object.entries(document.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, operation]): [string, Operation] => [
        `${method} ${path}`,
        operation,
      ]),
    );
  });

  afterAll(async () => {
    await app.close();
    await database.drop();
  });

  it('is an OpenAPI 3 document with info and paths', () => {
    expect(document.openapi).toMatch(/^3\.\d+\.\d+$/);
    expect(document.info).toMatchObject({ title: 'Vigil', version: expect.any(String) });
    expect(Object.keys(document.paths).length).toBeGreaterThan(0);
  });

  it('documents every /v1 and /admin route, and leaves the HTML dashboard out', () => {
    const documented = new Set(operations.map(([route]) => route));
    const routes = registeredRoutes(app).map((route) => {
      const [method, path] = route.split(' ') as [string, string];
      return `${method} ${openApiPath(path)}`;
    });

    expect(routes.length).toBeGreaterThan(30);
    expect(routes.filter((route) => !documented.has(route))).toEqual([]);
    expect([...documented].filter((route) => HTML_DASHBOARD.test(route.split(' ')[1]!))).toEqual(
      [],
    );
  });

  it('names every path parameter', () => {
    for (const [route, operation] of operations) {
      const inPath = [...route.matchAll(/\{(\w+)\}/g)].map((match) => match[1]);
      const declared = (operation.parameters ?? [])
        .filter((parameter) => parameter.in === 'path')
        .map((parameter) => parameter.name);
      expect({ route, declared: declared.sort() }).toEqual({ route, declared: inPath.sort() });
    }
  });

  it('gives every body-taking route a request body schema', () => {
    const routesWithBody = [
      'post /v1/subscriptions',
      'patch /v1/subscriptions/{id}',
      'post /v1/subscriptions/{id}/replay',
      'post /admin/feeds',
      'patch /admin/feeds/{id}',
      'put /admin/watchlist',
      'post /admin/watchlist/test',
      'post /admin/watchlist/backfill',
    ];
    const byRoute = new Map(operations);

    for (const route of routesWithBody) {
      const schema = byRoute.get(route)?.requestBody?.content['application/json']?.schema;
      expect({ route, schema }).toEqual({ route, schema: expect.any(Object) });
    }
  });

  it('describes both subscription channels, each with its required fields', () => {
    const schema = document.paths['/v1/subscriptions']!['post']!.requestBody!.content[
      'application/json'
    ]!.schema as {
      oneOf: { properties: Record<string, { enum?: string[] }>; required: string[] }[];
    };

    const variants = new Map(
      schema.oneOf.map((variant) => [variant.properties['channel']!.enum![0], variant]),
    );
    expect([...variants.keys()].sort()).toEqual(['email', 'webhook']);
    expect(variants.get('webhook')!.required).toEqual(
      expect.arrayContaining(['channel', 'url', 'topics']),
    );
    expect(variants.get('email')!.required).toEqual(
      expect.arrayContaining(['channel', 'email', 'topics']),
    );
    // Defaulted fields are optional to a client.
    expect(variants.get('webhook')!.required).not.toContain('minScore');
  });

  it('states the 429 of the rate limits where a limit can answer, and only there', () => {
    const limited = operations
      .filter(([, operation]) => operation.responses['429'] !== undefined)
      .map(([route]) => route);
    expect(limited).toEqual(
      expect.arrayContaining([
        'post /v1/subscriptions',
        'patch /v1/subscriptions/{id}',
        'delete /v1/subscriptions/{id}',
        'post /v1/subscriptions/{id}/test',
        'post /v1/subscriptions/{id}/replay',
        'post /v1/unsubscribe',
        'get /v1/subscriptions/{id}',
        'get /admin/feeds',
        'put /admin/watchlist',
      ]),
    );
    for (const open of ['get /v1/topics', 'get /v1/alerts', 'get /v1/unsubscribe']) {
      expect(limited).not.toContain(open);
    }
  });

  it('lists the query parameters of the routes that take some', () => {
    const queryOf = (path: string): string[] =>
      (document.paths[path]!['get']!.parameters ?? [])
        .filter((parameter) => parameter.in === 'query')
        .map((parameter) => parameter.name)
        .sort();

    expect(queryOf('/v1/alerts')).toEqual(['cursor', 'limit', 'since', 'topic']);
    expect(queryOf('/v1/alerts/stream')).toEqual(['topic']);
    expect(queryOf('/admin/events')).toEqual(['after', 'limit', 'stream', 'type']);
    expect(queryOf('/admin/queues')).toEqual(['failedLimit']);
    expect(queryOf('/v1/subscriptions/{id}/deliveries')).toEqual(['limit']);
  });

  it('describes the bearer token as HTTP bearer, not a JWT, and requires it on admin routes', () => {
    const schemes = Object.values(document.components.securitySchemes);
    expect(schemes).toEqual([
      expect.objectContaining({ type: 'http', scheme: 'bearer', description: expect.any(String) }),
    ]);
    expect(schemes[0]!['bearerFormat']).not.toBe('JWT');
    for (const [route, operation] of operations.filter(([route]) => route.includes(' /admin'))) {
      expect({ route, security: operation.security }).toEqual({
        route,
        security: [{ bearer: [] }],
      });
    }
  });

  it('gives every operation a success response, each JSON one a typed schema with an example', () => {
    const problems: string[] = [];
    for (const [route, operation] of operations) {
      const successes = Object.entries(operation.responses).filter(([status]) =>
        status.startsWith('2'),
      );
      if (successes.length === 0) problems.push(`${route}: no success response`);
      for (const [status, response] of successes) {
        const media = Object.entries(response.content ?? {});
        if (media.length === 0 && status !== '204') problems.push(`${route} ${status}: no content`);
        for (const [type, { schema }] of media) {
          const where = `${route} ${status} ${type}`;
          problems.push(...untypedNodes(schema).map((node) => `${where}: ${node} has no type`));
          if (type === 'application/json' && schema?.example === undefined) {
            problems.push(`${where}: no example`);
          }
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it('answers every error with the error shape', () => {
    for (const [, operation] of operations) {
      for (const status of ['400', '401', '404', '409', '429']) {
        const error = operation.responses[status]?.content?.['application/json']?.schema;
        if (error === undefined) continue;
        expect(error).toMatchObject({
          properties: { error: { required: ['code', 'message', 'details'] } },
        });
      }
    }
  });

  it('describes a JSON success response as the object it is, extra fields refused', () => {
    const schema = document.paths['/v1/subscriptions/{id}']!['get']!.responses['200']!.content![
      'application/json'
    ]!.schema as Schema & { required: string[] };

    expect(schema).toMatchObject({ type: 'object', additionalProperties: false });
    expect(schema.required).toEqual(expect.arrayContaining(['id', 'channel', 'topics', 'status']));
    expect(schema.properties!['status']!.enum).toEqual(
      expect.arrayContaining(['active', 'pending_confirmation']),
    );
  });
});
