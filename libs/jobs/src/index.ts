export { connectRedis, createRedisConnection, REDIS } from './redis-connection.js';
export { RedisModule } from './redis.module.js';
export { beat, liveWorkers, retire } from './worker-heartbeat.js';
