import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PgliteDatabase } from '../src/index.js';
import { describeEventStoreContract } from './event-store.contract.js';

let dataDir: string | undefined;

describeEventStoreContract({
  adapter: 'PGlite (embedded)',
  openDatabase: async () => {
    dataDir ??= await mkdtemp(join(tmpdir(), 'vigil-pglite-'));
    return PgliteDatabase.open(dataDir);
  },
  dispose: async () => {
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  },
});
