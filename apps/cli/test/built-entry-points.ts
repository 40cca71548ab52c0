import { join } from 'node:path';

/** The built `vigil` CLI, run by the project's pinned Node (npm test builds first). */
export const CLI = join(process.cwd(), 'apps/cli/dist/main.js');

/** Node's arguments for each way Vigil starts, built. */
export const ENTRY_POINTS = {
  'vigil start': [CLI, 'start'],
  api: [join(process.cwd(), 'apps/api/dist/main.js')],
  worker: [join(process.cwd(), 'apps/worker/dist/main.js')],
} as const;

export type EntryPoint = keyof typeof ENTRY_POINTS;

/** A frame of a stack trace, as Node prints them: never shown to a person by default. */
export const STACK_FRAME = '    at ';
