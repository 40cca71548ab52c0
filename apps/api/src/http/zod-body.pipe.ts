import { BadRequestException, type PipeTransform } from '@nestjs/common';
import type { z } from 'zod';

/**
 * Validates a request body against a zod schema; a bad body answers 400 with one entry per
 * problem, naming the field and the reason (SPEC.md §6 error shape).
 */
export class ZodBodyPipe<Schema extends z.ZodType> implements PipeTransform<
  unknown,
  z.output<Schema>
> {
  constructor(private readonly schema: Schema) {}

  transform(value: unknown): z.output<Schema> {
    const parsed = this.schema.safeParse(value ?? {});
    if (parsed.success) return parsed.data;
    const details = parsed.error.issues.flatMap((issue) =>
      issue.code === 'unrecognized_keys'
        ? issue.keys.map((key) => ({
            field: [...issue.path, key].join('.'),
            message: 'is not a known field',
          }))
        : [{ field: issue.path.join('.') || '(body)', message: issue.message }],
    );
    throw new BadRequestException({
      code: 'validation_failed',
      message: details.map((detail) => `${detail.field}: ${detail.message}`).join('; '),
      details,
    });
  }
}
