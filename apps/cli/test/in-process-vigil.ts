import type { INestApplication, INestApplicationContext } from '@nestjs/common';
import { createHttpApplication } from '@app/api';
import { EVENT_STORE, type EventStore } from '@app/event-store';
import type { VigilConfig } from '@app/platform';
import { createWorkerContext } from '@app/worker';

/** A worker and an api in the test's own process, sharing one configuration. */
export interface InProcessVigil {
  readonly worker: INestApplicationContext;
  readonly api: INestApplication;
  readonly store: EventStore;
  /** `http://127.0.0.1:<port>`: loopback by address, as the api listens on. */
  readonly baseUrl: string;
}

/** Starts the worker, then the api listening on loopback (`port` 0: any free one). */
export async function startInProcessVigil(config: VigilConfig, port = 0): Promise<InProcessVigil> {
  const worker = await createWorkerContext(config);
  const api = await createHttpApplication(config);
  await api.listen(port, '127.0.0.1');
  const baseUrl = (await api.getUrl()).replace('[::1]', '127.0.0.1');
  return { worker, api, store: worker.get<EventStore>(EVENT_STORE), baseUrl };
}
