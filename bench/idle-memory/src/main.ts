import { mkdtemp, rm } from 'node:fs/promises';
import { arch, cpus, loadavg, platform, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { deleteQueueKeys } from '@app/jobs';
import { testInfrastructure } from '@app/platform';
import { childProcessEnv, freePort, NO_FEEDS_FILE, uniqueQueuePrefix } from '@app/testing';
import { type IdleMemory, MeasuredProcess } from './measured-process.js';

const REPOSITORY = fileURLToPath(new URL('../../../', import.meta.url));
const VIGIL = join(REPOSITORY, 'apps/cli/dist/main.js');
const STARTED = 'vigil started';
const START_TIMEOUT_MS = 120_000;
const SAMPLES = 5;
/** Packages only `vigil watchlist build` needs: loaded in the server they are waste. */
const BUILDER_ONLY_PACKAGES = ['compromise'];

interface Options {
  readonly settleSeconds: number;
  readonly nodeArgs: readonly string[];
  readonly env: Readonly<Record<string, string>>;
}

interface Row {
  readonly scenario: string;
  readonly memory: IdleMemory;
}

async function main(): Promise<number> {
  const options = parseOptions(process.argv.slice(2));
  const cpuList = cpus();
  process.stdout.write(
    `idle-memory bench: vigil start (embedded store, default watchlist, no feeds), ` +
      `${options.settleSeconds} s to settle, median of ${SAMPLES} samples 1 s apart\n` +
      `machine: ${cpuList.length} CPUs, node ${process.version}, ${platform()}-${arch()}, ` +
      `load ${loadavg()
        .map((load) => load.toFixed(2))
        .join(' ')}\n` +
      (options.nodeArgs.length ? `node flags: ${options.nodeArgs.join(' ')}\n` : '') +
      (Object.keys(options.env).length
        ? `environment: ${Object.entries(options.env)
            .map(([name, value]) => `${name}=${value}`)
            .join(' ')}\n`
        : '') +
      '\n',
  );

  const rows: Row[] = [];
  const baseline = MeasuredProcess.start(
    options.nodeArgs,
    ['-e', 'setInterval(() => {}, 1 << 30); console.log("idle")'],
    { ...options.env },
  );
  try {
    await baseline.waitForOutput('idle', START_TIMEOUT_MS);
    rows.push({ scenario: 'baseline: bare node', memory: await baseline.idleMemory(2, SAMPLES) });
  } finally {
    await baseline.stop();
  }

  const dataDir = await mkdtemp(join(tmpdir(), 'vigil-idle-memory-'));
  const queuePrefix = uniqueQueuePrefix();
  try {
    for (const scenario of ['vigil start, new DATA_DIR', 'vigil start, DATA_DIR reopened']) {
      const vigil = MeasuredProcess.start(
        options.nodeArgs,
        [VIGIL, 'start'],
        childProcessEnv({
          DATA_DIR: dataDir,
          PORT: String(await freePort()),
          QUEUE_PREFIX: queuePrefix,
          FEEDS_FILE: NO_FEEDS_FILE,
          LOG_FORMAT: 'json',
          ...options.env,
        }),
      );
      try {
        await vigil.waitForOutput(STARTED, START_TIMEOUT_MS);
        rows.push({ scenario, memory: await vigil.idleMemory(options.settleSeconds, SAMPLES) });
      } finally {
        await vigil.stop();
      }
    }
  } finally {
    await deleteQueueKeys(testInfrastructure().redisUrl, queuePrefix);
    await rm(dataDir, { recursive: true, force: true });
  }

  process.stdout.write(`${formatTable(rows)}\n`);
  const wasted = rows
    .filter((row) => row.scenario.startsWith('vigil'))
    .flatMap((row) =>
      BUILDER_ONLY_PACKAGES.filter((name) => row.memory.packages.includes(name)).map(
        (name) => `${row.scenario}: ${name}`,
      ),
    );
  process.stdout.write(
    `\npackages only the watchlist builder needs, loaded by vigil start: ` +
      `${wasted.length ? wasted.join(', ') : 'none'}\n` +
      `load after: ${loadavg()
        .map((load) => load.toFixed(2))
        .join(' ')}\n`,
  );
  return 0;
}

function formatTable(rows: readonly Row[]): string {
  const baseline = rows[0]?.memory.rss ?? 1;
  const header = [
    'scenario',
    'RSS MiB',
    'peak RSS MiB',
    'heap used MiB',
    'external MiB',
    'packages',
    'RSS vs bare node',
  ];
  const lines = rows.map(({ scenario, memory }) => [
    scenario,
    mebibytes(memory.rss),
    mebibytes(memory.peak),
    mebibytes(memory.heapUsed),
    mebibytes(memory.external),
    String(memory.packages.length),
    `${(memory.rss / baseline).toFixed(1)}x`,
  ]);
  return [header, header.map(() => '---'), ...lines]
    .map((cells) => `| ${cells.join(' | ')} |`)
    .join('\n');
}

function mebibytes(bytes: number): string {
  return (bytes / 2 ** 20).toFixed(0);
}

function parseOptions(args: readonly string[]): Options {
  const { values } = parseArgs({
    args: [...args],
    options: {
      settle: { type: 'string', default: '20' },
      'node-arg': { type: 'string', multiple: true, default: [] },
      env: { type: 'string', multiple: true, default: [] },
    },
  });
  const settleSeconds = Number(values.settle);
  if (!Number.isInteger(settleSeconds) || settleSeconds < 0) {
    throw new Error(`--settle must be a whole number of seconds, got "${values.settle}"`);
  }
  const env: Record<string, string> = {};
  for (const assignment of values.env) {
    const separator = assignment.indexOf('=');
    if (separator < 1) throw new Error(`--env takes NAME=value, got "${assignment}"`);
    env[assignment.slice(0, separator)] = assignment.slice(separator + 1);
  }
  return { settleSeconds, nodeArgs: values['node-arg'], env };
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`idle-memory bench failed: ${(error as Error).message}\n`);
    process.exit(1);
  },
);
