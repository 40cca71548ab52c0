import { applyDecorators } from '@nestjs/common';
import {
  ApiBody,
  ApiQuery,
  ApiResponse,
  type OpenAPIObject,
  type SchemaObject,
} from '@nestjs/swagger';
import { z } from 'zod';
import { isPublicWrite } from '../rate-limits/public-write-throttler.guard.js';

/**
 * OpenAPI from the zod schemas that validate (SPEC.md §6: OpenAPI at /docs), so the document
 * cannot drift from what a route accepts. Each controller method states its docs with these.
 */

/** The error body of HttpErrorFilter, written here as zod only to document it. */
export const errorBody = z.object({
  error: z.object({
    code: z.string().meta({ example: 'validation_failed' }),
    message: z.string().meta({ example: 'topics: Too small: expected array to have >=1 items' }),
    details: z
      .array(z.object({ field: z.string().optional(), message: z.string() }))
      .meta({ description: 'one entry per problem, naming the field when there is one' }),
  }),
});

const ERROR_MEANING: Readonly<Record<ErrorStatus, string>> = {
  400: 'The request is not valid: `details` names each bad field',
  401: 'Missing or wrong bearer token',
  404: 'Not found',
  409: 'Conflicts with the current state',
  429: 'Too many requests, or failed authentications, from this address: wait `Retry-After` seconds',
};

type ErrorStatus = 400 | 401 | 404 | 409 | 429;

/**
 * The document is OpenAPI 3.0, hence its schema dialect (`nullable`, not type arrays). A
 * request is described by what it accepts (`io: 'input'`: defaulted fields are optional,
 * a transformed value is the text sent); a response by what it answers (`io: 'output'`).
 */
function openApiSchema(schema: z.ZodType, io: 'input' | 'output'): SchemaObject {
  // `unrepresentable: 'any'`: a refinement or transform cannot be stated in JSON Schema; the
  // route still enforces it, and the document says what it can.
  return z.toJSONSchema(schema, {
    io,
    target: 'openapi-3.0',
    unrepresentable: 'any',
  }) as SchemaObject;
}

/** The JSON request body, validated by `schema`, with an example to try. */
export function zodBody(schema: z.ZodType, example: object): MethodDecorator {
  return ApiBody({ required: true, schema: { ...openApiSchema(schema, 'input'), example } });
}

/** One query parameter per field of `schema`, the object that validates the query string. */
export function zodQuery(schema: z.ZodObject): MethodDecorator {
  const { properties = {}, required = [] } = openApiSchema(schema, 'input');
  return applyDecorators(
    ...Object.entries(properties).map(([name, property]) =>
      ApiQuery({ name, required: required.includes(name), schema: property }),
    ),
  );
}

/**
 * A JSON response: the zod schema its body is typed from (`ResponseBody`), with an example to
 * show. The example is parsed with the schema when the controller class is defined, so an
 * example that the schema refuses stops the api from starting, naming the route.
 */
export function jsonResponse<Schema extends z.ZodType>(
  status: number,
  description: string,
  schema: Schema,
  example: z.input<Schema>,
): MethodDecorator {
  return (target, key, descriptor) => {
    const parsed = schema.safeParse(example);
    if (!parsed.success) {
      throw new Error(
        `${target.constructor.name}.${String(key)}: the example of its ${status} response does not fit its schema: ${z.prettifyError(parsed.error)}`,
      );
    }
    ApiResponse({ status, description, schema: { ...openApiSchema(schema, 'output'), example } })(
      target,
      key,
      descriptor,
    );
  };
}

/**
 * What a route answers for a response schema: its output, read-only all the way down, so
 * that the views' read-only records can be answered as they are.
 */
export type ResponseBody<Schema extends z.ZodType> = DeepReadonly<z.output<Schema>>;

type DeepReadonly<T> = T extends readonly (infer Element)[]
  ? readonly DeepReadonly<Element>[]
  : T extends object
    ? { readonly [Key in keyof T]: DeepReadonly<T[Key]> }
    : T;

/** A response that is not JSON: an HTML page, Prometheus text, an event stream. */
export function textResponse(
  status: number,
  description: string,
  mediaType: 'text/html' | 'text/plain' | 'text/event-stream',
  example: string,
): MethodDecorator {
  return ApiResponse({
    status,
    description,
    content: { [mediaType]: { schema: { type: 'string', example } } },
  });
}

/** The `{ error: { code, message, details } }` responses a route can answer. */
export function errorResponses(
  ...statuses: readonly ErrorStatus[]
): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ...statuses.map((status) =>
      ApiResponse({
        status,
        description: ERROR_MEANING[status],
        schema: openApiSchema(errorBody, 'output'),
      }),
    ),
  );
}

const DOCUMENTED_METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;

/**
 * The 429 of the rate limits (docs/rate-limits.md), stated on every operation a limit can
 * answer: the public API's writes, and every operation that takes a bearer token. Added to the
 * finished document from the guard's own rule rather than route by route, so a new route is
 * described as it behaves.
 */
export function documentRateLimits(document: OpenAPIObject): void {
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of DOCUMENTED_METHODS) {
      const operation = item[method];
      if (operation === undefined) continue;
      const authenticated = (operation.security?.length ?? 0) > 0;
      if (!authenticated && !isPublicWrite(method, path)) continue;
      operation.responses['429'] = {
        description: ERROR_MEANING[429],
        headers: {
          'Retry-After': { description: 'Seconds to wait', schema: { type: 'integer' } },
        },
        content: { 'application/json': { schema: openApiSchema(errorBody, 'output') } },
      };
    }
  }
}
