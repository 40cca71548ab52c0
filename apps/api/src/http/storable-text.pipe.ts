import { type ArgumentMetadata, BadRequestException, type PipeTransform } from '@nestjs/common';
import { storableText, unstorableCharacter } from '@app/contracts';

export interface FieldProblem {
  readonly field: string;
  readonly message: string;
}

/**
 * Refuses, with a 400 naming each field, any text of a body, path parameter or query value
 * that cannot be stored: PostgreSQL's text and jsonb refuse U+0000, and a lone UTF-16
 * surrogate is no character at all (it cannot be written as UTF-8). Global, so it runs before
 * every route's own validation and before anything reaches the store, whatever the route.
 */
export class StorableTextPipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    const problems = unstorableText(value, metadata.data ?? '');
    if (problems.length === 0) return value;
    throw new BadRequestException({
      code: 'validation_failed',
      message: problems.map((problem) => `${problem.field}: ${problem.message}`).join('; '),
      details: problems,
    });
  }
}

/**
 * Every string and object key in `value` that holds U+0000 or a lone surrogate, by field path
 * (`rules.0.query`, as the zod pipe names fields). The walk is iterative: a body nested
 * thousands deep must not overflow the stack.
 */
export function unstorableText(value: unknown, root: string): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const pending: { readonly value: unknown; readonly path: string }[] = [{ value, path: root }];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const { value: current, path } = next;
    if (typeof current === 'string') {
      const problem = unstorableCharacter(current);
      if (problem)
        problems.push({ field: path || '(body)', message: `must not contain ${problem}` });
    } else if (typeof current === 'object' && current !== null) {
      for (const [key, child] of Object.entries(current)) {
        const keyProblem = unstorableCharacter(key);
        // The name as it may be echoed back and logged: its offending characters shown as
        // U+FFFD (a dropped NUL would name a field the client never sent).
        const printable = storableText(key.replaceAll('\u0000', '\uFFFD'));
        const childPath = path === '' ? printable : `${path}.${printable}`;
        if (keyProblem) {
          problems.push({ field: childPath, message: `has a name that contains ${keyProblem}` });
        }
        pending.push({ value: child, path: childPath });
      }
    }
  }
  return problems.sort((a, b) => a.field.localeCompare(b.field));
}
