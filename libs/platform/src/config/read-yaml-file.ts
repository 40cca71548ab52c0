import { readFileSync } from 'node:fs';
import { parseDocument } from 'yaml';
import { type z } from 'zod';
import { type ConfigIssue } from './config-issue.js';
import { describeZodIssue } from './describe-zod-issue.js';
import { quoteValue } from './quote-value.js';
import { describeReadError, errorCode } from './read-error.js';

export interface YamlFile {
  /** Absolute path to read. */
  readonly path: string;
  /** The path as the operator wrote it, used to name the file in errors. */
  readonly source: string;
  /** A file named explicitly must exist; a default one may be absent. */
  readonly required: boolean;
}

export type YamlFileResult<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly issues: readonly ConfigIssue[] };

/**
 * Reads a YAML file and validates it with a zod schema; every problem comes back as an issue
 * naming the file, the dotted field and what is wrong. An absent optional file parses as `{}`,
 * so the schema's defaults apply.
 */
export function readYamlFile<Schema extends z.ZodType>(
  file: YamlFile,
  schema: Schema,
): YamlFileResult<z.output<Schema>> {
  let text: string;
  try {
    text = readFileSync(file.path, 'utf8');
  } catch (error) {
    if (errorCode(error) === 'ENOENT' && !file.required) return validate(file, schema, {});
    return fail([{ source: file.source, field: '', message: describeReadError(error) }]);
  }

  const document = parseDocument(text);
  // Only the first syntax error: the parser's later ones mostly follow from it (one bad indent
  // gives two or three), and the person fixes the first, then runs the check again.
  const [syntaxError] = document.errors;
  if (syntaxError !== undefined) {
    return fail([
      {
        source: file.source,
        field: '',
        message: `is not valid YAML: ${firstLine(syntaxError.message)}`,
      },
    ]);
  }
  return validate(file, schema, document.toJS() ?? {});
}

function validate<Schema extends z.ZodType>(
  file: YamlFile,
  schema: Schema,
  data: unknown,
): YamlFileResult<z.output<Schema>> {
  const parsed = schema.safeParse(data);
  if (parsed.success) return { ok: true, value: parsed.data };
  const defaults = schema.safeParse({});
  return fail(
    parsed.error.issues.flatMap((issue) =>
      toConfigIssues(file.source, issue, data, defaults.success ? defaults.data : undefined),
    ),
  );
}

function toConfigIssues(
  source: string,
  issue: z.core.$ZodIssue,
  data: unknown,
  defaults: unknown,
): ConfigIssue[] {
  const path = issue.path.map(String);
  if (issue.code === 'unrecognized_keys') {
    const known = valueAt(defaults, path);
    const hint =
      known !== null && typeof known === 'object'
        ? ` (known settings here: ${Object.keys(known).join(', ')})`
        : '';
    return issue.keys.map((key) => ({
      source,
      field: [...path, key].join('.'),
      message: `is not a known setting${hint}`,
    }));
  }
  return [
    {
      source,
      field: path.join('.'),
      message: `${describeZodIssue(issue)} (got ${quoteValue(valueAt(data, path))})`,
    },
  ];
}

function valueAt(data: unknown, path: readonly string[]): unknown {
  let value = data;
  for (const key of path) {
    if (value === null || typeof value !== 'object') {
      return undefined;
    }
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

function fail<T>(issues: readonly ConfigIssue[]): YamlFileResult<T> {
  return { ok: false, issues };
}

/** yaml's messages continue with an excerpt of the document; its first line says what and where. */
function firstLine(message: string): string {
  return (message.split('\n')[0] ?? message).replace(/:$/, '');
}
