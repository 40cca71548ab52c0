/**
 * Preloaded (`node --import`) into the process the bench measures. It records every package the
 * process loads, by `import` or `require`, and answers the bench's `probe` message on the IPC
 * channel with the process's memory and those packages. It allocates next to nothing, so what it
 * reports is the process's own.
 */
import { registerHooks } from 'node:module';
import type { MemoryProbe } from './memory-probe.js';

const loadedPackages = new Set<string>();
const PACKAGE_IN_URL = /\/node_modules\/((?:@[^/]+\/)?[^/]+)\//;

registerHooks({
  resolve(specifier, context, nextResolve) {
    const resolved = nextResolve(specifier, context);
    const name = PACKAGE_IN_URL.exec(resolved.url)?.[1];
    if (name) loadedPackages.add(name);
    return resolved;
  },
});

process.on('message', (message: unknown) => {
  if (message !== 'probe') return;
  const memory = process.memoryUsage();
  const probe: MemoryProbe = {
    heapUsed: memory.heapUsed,
    heapTotal: memory.heapTotal,
    external: memory.external,
    packages: [...loadedPackages].sort(),
  };
  process.send?.(probe);
});
