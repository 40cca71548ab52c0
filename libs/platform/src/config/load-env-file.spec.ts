import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError } from './config-error.js';
import { loadEnvFile } from './load-env-file.js';

let cwd: string;

beforeEach(() => {
  cwd = mkdtempSync(join(tmpdir(), 'vigil-env-file-'));
});

afterEach(() => {
  rmSync(cwd, { recursive: true, force: true });
});

function configError(env: NodeJS.ProcessEnv): ConfigError {
  try {
    loadEnvFile({ env, cwd });
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected loadEnvFile to throw a ConfigError');
}

describe('loadEnvFile', () => {
  it('reads .env from the working directory, as Node parses it', () => {
    writeFileSync(
      join(cwd, '.env'),
      [
        '# a comment',
        'PORT=4000',
        'ADMIN_TOKEN="quoted token value"',
        'export LOG_LEVEL=warn',
        'DATA_DIR=./state # after a space, a comment',
      ].join('\n'),
    );
    const env: NodeJS.ProcessEnv = {};

    expect(loadEnvFile({ env, cwd })).toBe(join(cwd, '.env'));
    expect(env).toEqual({
      PORT: '4000',
      ADMIN_TOKEN: 'quoted token value',
      LOG_LEVEL: 'warn',
      DATA_DIR: './state',
    });
  });

  it('leaves alone every variable the environment has, even an empty one', () => {
    writeFileSync(join(cwd, '.env'), 'PORT=4000\nREDIS_URL=redis://file:6379\nLOG_LEVEL=warn\n');
    const env: NodeJS.ProcessEnv = { PORT: '5000', REDIS_URL: '' };

    loadEnvFile({ env, cwd });

    expect(env).toEqual({ PORT: '5000', REDIS_URL: '', LOG_LEVEL: 'warn' });
  });

  it('does nothing when there is no .env', () => {
    const env: NodeJS.ProcessEnv = { PORT: '5000' };

    expect(loadEnvFile({ env, cwd })).toBeUndefined();
    expect(env).toEqual({ PORT: '5000' });
  });

  it('reads the file ENV_FILE names instead, relative to the working directory', () => {
    writeFileSync(join(cwd, '.env'), 'PORT=4000\n');
    mkdirSync(join(cwd, 'deploy'));
    writeFileSync(join(cwd, 'deploy', 'vigil.env'), 'PORT=4100\n');
    const env: NodeJS.ProcessEnv = { ENV_FILE: 'deploy/vigil.env' };

    expect(loadEnvFile({ env, cwd })).toBe(join(cwd, 'deploy', 'vigil.env'));
    expect(env.PORT).toBe('4100');
  });

  it('takes an empty ENV_FILE as unset', () => {
    writeFileSync(join(cwd, '.env'), 'PORT=4000\n');
    const env: NodeJS.ProcessEnv = { ENV_FILE: '' };

    loadEnvFile({ env, cwd });

    expect(env.PORT).toBe('4000');
  });

  it('refuses a file ENV_FILE names that does not exist, naming ENV_FILE', () => {
    const error = configError({ ENV_FILE: 'missing.env' });

    expect(error.issues).toEqual([
      {
        source: 'ENV_FILE',
        field: 'ENV_FILE',
        message: `${join(cwd, 'missing.env')} does not exist`,
      },
    ]);
  });

  it('refuses a .env that is not a file', () => {
    mkdirSync(join(cwd, '.env'));

    expect(configError({}).issues).toEqual([
      { source: '.env', field: '.env', message: `${join(cwd, '.env')} is a directory, not a file` },
    ]);
  });
});
