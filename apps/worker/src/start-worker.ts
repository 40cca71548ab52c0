import type { INestApplicationContext } from '@nestjs/common';
import { ConsumerHostService } from './consumer-host.service.js';
import { WorkerHeartbeatService } from './worker-heartbeat.service.js';

/**
 * Starts the background work of an initialised application that imports WorkerModule. Kept
 * out of Nest's init hooks so that a refusal (two consumers with one name, say) can close
 * what was already opened instead of leaving connections behind.
 */
export async function startWorker(app: INestApplicationContext): Promise<void> {
  try {
    await app.get(ConsumerHostService).start();
    await app.get(WorkerHeartbeatService).start();
  } catch (error) {
    await app.close();
    throw error;
  }
}
