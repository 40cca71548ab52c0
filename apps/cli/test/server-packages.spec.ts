import { describe, expect, it } from '@jest/globals';
import { join } from 'node:path';
import { runProcess } from '@app/testing';
import { CLI } from './built-entry-points.js';

/**
 * Imports the given modules (the CLI's main first, with no command: it prints its usage) in a
 * fresh Node process and writes on stderr, as JSON, every package their imports and requires
 * loaded.
 */
const LIST_LOADED_PACKAGES = `
import { registerHooks } from 'node:module';
const packages = new Set();
registerHooks({
  resolve(specifier, context, nextResolve) {
    const resolved = nextResolve(specifier, context);
    const name = /\\/node_modules\\/((?:@[^/]+\\/)?[^/]+)\\//.exec(resolved.url)?.[1];
    if (name) packages.add(name);
    return resolved;
  },
});
const modules = process.argv.slice(1);
process.argv = [process.argv[0], 'vigil'];
for (const module of modules) await import(module);
process.stderr.write(JSON.stringify([...packages]));
`;

/** What `vigil start` loads: the CLI, its start command, and the api and worker it composes. */
const SERVER_MODULES = [
  CLI,
  join(process.cwd(), 'apps/cli/dist/start.command.js'),
  join(process.cwd(), 'apps/api/dist/index.js'),
  join(process.cwd(), 'apps/worker/dist/index.js'),
];

describe('the packages a server process loads (docs/memory.md)', () => {
  it('leaves out the NLP library only the watchlist builder needs', async () => {
    const { code, stderr } = await runProcess(
      process.execPath,
      ['--input-type=module', '-e', LIST_LOADED_PACKAGES, ...SERVER_MODULES],
      {},
    );

    expect(code).toBe(0);
    const packages = JSON.parse(stderr) as string[];
    // The hook sees what the server loads, by import and by require alike...
    expect(packages).toEqual(
      expect.arrayContaining(['@nestjs/core', 'bullmq', '@electric-sql/pglite', 'pino']),
    );
    // ...and compromise (about 45 MB resident) is not among it.
    expect(packages).not.toContain('compromise');
  });
});
