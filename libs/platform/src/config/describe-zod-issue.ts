import { type z } from 'zod';

const EXPECTED_WORDS: Record<string, string> = {
  int: 'a whole number',
  number: 'a number',
  string: 'text',
  boolean: 'true or false',
  object: 'a mapping of settings',
  array: 'a list',
};

/** Zod's messages are written for developers; these are for the operator editing a file. */
export function describeZodIssue(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'too_big':
      return issue.inclusive === false
        ? `must be less than ${String(issue.maximum)}`
        : `must be at most ${String(issue.maximum)}`;
    case 'too_small':
      return issue.inclusive === false
        ? `must be greater than ${String(issue.minimum)}`
        : `must be at least ${String(issue.minimum)}`;
    case 'invalid_type':
      return `must be ${EXPECTED_WORDS[issue.expected] ?? issue.expected}`;
    case 'unrecognized_keys':
      return 'is not a known setting';
    default:
      return issue.message;
  }
}
