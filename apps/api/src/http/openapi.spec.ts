import { describe, expect, it } from '@jest/globals';
import { DECORATORS } from '@nestjs/swagger';
import { z } from 'zod';
import { jsonResponse } from './openapi.js';

const topic = z.strictObject({ id: z.string(), ruleCount: z.int().min(0) });

/** Applies `decorator` to a method of a class named `TopicsController`, as Nest would. */
function decorate(decorator: MethodDecorator): () => void {
  class TopicsController {
    list(): void {}
  }
  const descriptor = Object.getOwnPropertyDescriptor(TopicsController.prototype, 'list')!;
  decorator(TopicsController.prototype, 'list', descriptor);
  return descriptor.value as () => void;
}

describe('jsonResponse', () => {
  it('documents the schema of the response with its example', () => {
    const method = decorate(jsonResponse(200, 'A topic', topic, { id: 'a', ruleCount: 2 }));

    expect(Reflect.getMetadata(DECORATORS.API_RESPONSE, method)).toEqual({
      '200': {
        description: 'A topic',
        schema: expect.objectContaining({
          type: 'object',
          properties: {
            id: { type: 'string' },
            ruleCount: expect.objectContaining({ type: 'integer' }),
          },
          required: ['id', 'ruleCount'],
          additionalProperties: false,
          example: { id: 'a', ruleCount: 2 },
        }),
      },
    });
  });

  it.each([
    ['a wrong type', { id: 'a', ruleCount: 'two' }, 'ruleCount'],
    ['a field the schema does not have', { id: 'a', ruleCount: 2, rules: [] }, 'rules'],
    ['a missing field', { id: 'a' }, 'ruleCount'],
  ])('refuses an example with %s, naming the route and the field', (_label, example, field) => {
    expect(() =>
      decorate(jsonResponse(200, 'A topic', topic, example as z.input<typeof topic>)),
    ).toThrow(new RegExp(`TopicsController\\.list: the example of its 200 response[^]*${field}`));
  });
});
