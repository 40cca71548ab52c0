// The image's HEALTHCHECK: `node docker/healthcheck.js <api|worker|cli>` (VIGIL_APP, as CMD
// reads it), with the process's own configuration. Exit 0 when healthy.
// - api, cli (the all-in-one): the public API answers GET /v1/topics on PORT.
// - worker: its heartbeat key is in Redis (the worker renews it every few seconds and it
//   expires after missed beats; GET /admin/health reads the same keys). The key is
//   <QUEUE_PREFIX>:workers:<hostname>-<pid>, and a container's hostname is its own.
import { hostname } from 'node:os';
import { loadConfig } from '@app/platform';
import { Redis } from 'ioredis';

const TIMEOUT_MS = 4000;
const config = loadConfig();

async function apiAnswers() {
  const response = await globalThis.fetch(`http://127.0.0.1:${config.port}/v1/topics`, {
    signal: globalThis.AbortSignal.timeout(TIMEOUT_MS),
  });
  return response.ok;
}

async function workerBeats() {
  const redis = new Redis(config.redisUrl, { connectTimeout: TIMEOUT_MS, maxRetriesPerRequest: 1 });
  try {
    const pattern = `${config.queuePrefix}:workers:${hostname()}-*`;
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
      if (keys.length > 0) return true;
      cursor = next;
    } while (cursor !== '0');
    return false;
  } finally {
    redis.disconnect();
  }
}

const healthy = await (process.argv[2] === 'worker' ? workerBeats() : apiAnswers()).catch(
  () => false,
);
process.exit(healthy ? 0 : 1);
