import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseEnv } from 'node:util';
import { ConfigError } from './config-error.js';
import { describeReadError, errorCode } from './read-error.js';

export interface LoadEnvFileOptions {
  /** Where the variables go, and where ENV_FILE is read; defaults to `process.env`. */
  readonly env?: NodeJS.ProcessEnv;
  /** `.env` and a relative ENV_FILE are found here; defaults to `process.cwd()`. */
  readonly cwd?: string;
}

/**
 * Reads `.env` from the working directory, or the file ENV_FILE names, into the environment,
 * before the configuration is loaded. Parsed by Node's own parser (`util.parseEnv`, the one
 * behind `process.loadEnvFile` and `node --env-file`) and applied as they apply it: a variable
 * the environment already has, even an empty one, is left alone, so the real environment
 * always wins over the file. `.env` may be absent; a file ENV_FILE names must exist, since a
 * misspelt path would otherwise start Vigil on defaults without a word. Returns the path read.
 */
export function loadEnvFile(options: LoadEnvFileOptions = {}): string | undefined {
  const env = options.env ?? process.env;
  const named = env.ENV_FILE === '' ? undefined : env.ENV_FILE;
  const path = resolve(options.cwd ?? process.cwd(), named ?? '.env');
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if (named === undefined && errorCode(error) === 'ENOENT') return undefined;
    const source = named === undefined ? '.env' : 'ENV_FILE';
    throw new ConfigError([
      { source, field: source, message: `${path} ${describeReadError(error)}` },
    ]);
  }
  for (const [name, value] of Object.entries(parseEnv(text))) {
    if (env[name] === undefined) env[name] = value;
  }
  return path;
}
