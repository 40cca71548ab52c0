import { readFileSync } from 'node:fs';
import { parseDocument } from 'yaml';
import { type z } from 'zod';
import { type ConfigIssue } from './config-issue.js';
import { describeZodIssue } from './describe-zod-issue.js';
import { quoteValue } from './quote-value.js';
import { runtimeSettingsSchema } from './runtime-settings.schema.js';
import { type RuntimeSettings } from './vigil-config.js';

export interface RuntimeSettingsFile {
  /** Absolute path to read. */
  readonly path: string;
  /** The path as the operator wrote it, used to name the file in errors. */
  readonly source: string;
  /** A file named explicitly must exist; the default one may be absent. */
  readonly required: boolean;
}

export type RuntimeSettingsResult =
  | { readonly ok: true; readonly settings: RuntimeSettings }
  | { readonly ok: false; readonly issues: readonly ConfigIssue[] };

const DEFAULTS = runtimeSettingsSchema.parse({});

export function readRuntimeSettings(file: RuntimeSettingsFile): RuntimeSettingsResult {
  let text: string;
  try {
    text = readFileSync(file.path, 'utf8');
  } catch (error) {
    if (errorCode(error) === 'ENOENT' && !file.required) {
      return { ok: true, settings: toRuntimeSettings(DEFAULTS) };
    }
    return fail([{ source: file.source, field: '', message: describeReadError(error) }]);
  }

  const document = parseDocument(text);
  if (document.errors.length > 0) {
    return fail(
      document.errors.map((error) => ({
        source: file.source,
        field: '',
        message: `is not valid YAML: ${firstLine(error.message)}`,
      })),
    );
  }

  const data: unknown = document.toJS() ?? {};
  const parsed = runtimeSettingsSchema.safeParse(data);
  if (!parsed.success) {
    return fail(parsed.error.issues.flatMap((issue) => toConfigIssues(file.source, issue, data)));
  }
  return { ok: true, settings: toRuntimeSettings(parsed.data) };
}

function toRuntimeSettings(data: typeof DEFAULTS): RuntimeSettings {
  return {
    shutdownTimeoutMs: data.shutdown.timeoutMs,
    consumers: { ...data.consumers },
    workers: { ...data.workers },
  };
}

function toConfigIssues(source: string, issue: z.core.$ZodIssue, data: unknown): ConfigIssue[] {
  const path = issue.path.map(String);
  if (issue.code === 'unrecognized_keys') {
    const known = valueAt(DEFAULTS, path);
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

function fail(issues: readonly ConfigIssue[]): RuntimeSettingsResult {
  return { ok: false, issues };
}

/** Duck-typed: under jest's VM modules, fs errors come from another realm than `Error`. */
function errorCode(error: unknown): string | undefined {
  return typeof error === 'object' &&
    error !== null &&
    'code' in error &&
    typeof error.code === 'string'
    ? error.code
    : undefined;
}

function describeReadError(error: unknown): string {
  switch (errorCode(error)) {
    case 'ENOENT':
      return 'does not exist';
    case 'EACCES':
    case 'EPERM':
      return 'cannot be read: permission denied';
    case 'EISDIR':
      return 'is a directory, not a file';
    default:
      return `cannot be read (${errorCode(error) ?? String(error)})`;
  }
}

/** yaml's messages continue with an excerpt of the document; its first line says what and where. */
function firstLine(message: string): string {
  return (message.split('\n')[0] ?? message).replace(/:$/, '');
}
