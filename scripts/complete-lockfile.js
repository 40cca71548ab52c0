/**
 * The registry these machines reach serves only Linux builds of platform-specific packages, so
 * `npm install` leaves the other platforms' optional binaries (@swc/core-darwin-arm64, ...) out
 * of package-lock.json, and `npm ci` then refuses the lock file as out of sync. This adds the
 * missing optional entries with the os/cpu their names declare, exactly as a lock file written
 * against the full registry would have them (less the integrity hash); npm skips them on any
 * other platform. Run after every `npm install`: node scripts/complete-lockfile.js
 */
import { readFileSync, writeFileSync } from 'node:fs';

const OS = ['darwin', 'linux', 'win32', 'freebsd', 'android', 'openharmony', 'sunos', 'aix'];
const CPU = ['arm64', 'x64', 'ia32', 'arm', 'ppc64', 's390x', 'riscv64', 'loong64', 'wasm32'];

function platformOf(name) {
  const parts = name.split('/').pop().split('-');
  const os = parts.find((part) => OS.includes(part));
  const cpu = parts.find((part) => CPU.includes(part));
  return { os, cpu };
}

const path = new URL('../package-lock.json', import.meta.url);
const lock = JSON.parse(readFileSync(path, 'utf8'));
const added = [];
for (const [location, entry] of Object.entries(lock.packages)) {
  for (const [name, version] of Object.entries(entry.optionalDependencies ?? {})) {
    const target = `node_modules/${name}`;
    const nested = `${location}/node_modules/${name}`;
    if (lock.packages[target] || lock.packages[nested]) continue;
    const { os, cpu } = platformOf(name);
    if (!os && !cpu) continue;
    lock.packages[target] = {
      version,
      ...(cpu ? { cpu: [cpu] } : {}),
      ...(entry.dev ? { dev: true } : {}),
      optional: true,
      ...(os ? { os: [os] } : {}),
    };
    added.push(`${name}@${version}`);
  }
}
lock.packages = Object.fromEntries(
  Object.entries(lock.packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a < b ? -1 : 1)),
);
writeFileSync(path, `${JSON.stringify(lock, null, 2)}\n`);
process.stdout.write(`optional platform entries added: ${added.length}\n`);
