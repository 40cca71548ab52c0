import { cpus, platform, arch } from 'node:os';
import { parseArgs } from 'node:util';
import { SqlEventStore } from '@app/event-store';
import { type BenchTarget, openPgliteTarget, openPostgresTarget } from './bench-target.js';
import { BaselineWorkload } from './baseline.workload.js';
import { EventStoreWorkload } from './event-store.workload.js';
import { measure } from './measure.js';
import { newsItemData } from './news-item.fixture.js';
import type { Progress } from './progress.js';
import { formatResultsTable, grouped, type ResultRow } from './results-table.js';
import type { Workload } from './workload.js';

/** What the issue asks for: 100k events single and 100k batched, on each adapter. */
const DEFAULT_EVENTS = 100_000;
const BATCH_SIZE = 500;
const PAGE_SIZE = 1_000;

interface Operation {
  readonly name: string;
  readonly expectedEvents: number;
  run(workload: Workload, progress: Progress): Promise<number>;
}

async function main(args: readonly string[], signal: AbortSignal): Promise<number> {
  const started = performance.now();
  const events = parseEventCount(args);
  const cpuList = cpus();
  process.stdout.write(
    [
      `event-store bench: ${grouped(events)} single + ${grouped(events)} batched appends per adapter, ` +
        `~${JSON.stringify(newsItemData(0)).length} bytes of data per event`,
      `machine: ${cpuList.length} CPUs (${cpuList[0]?.model ?? 'unknown'}), node ${process.version}, ` +
        `${platform()}-${arch()}`,
      '',
    ].join('\n'),
  );

  const operations: readonly Operation[] = [
    {
      name: 'single append',
      expectedEvents: events,
      run: (workload, progress) => workload.appendOneByOne(events, progress),
    },
    {
      name: `batched append (${BATCH_SIZE})`,
      expectedEvents: events,
      run: (workload, progress) => workload.appendInBatches(events, BATCH_SIZE, progress),
    },
    {
      name: `read all (${PAGE_SIZE}/page)`,
      expectedEvents: 2 * events,
      run: (workload, progress) => workload.readAll(PAGE_SIZE, progress),
    },
  ];

  const rows: ResultRow[] = [];
  for (const openTarget of [openPgliteTarget, openPostgresTarget]) {
    const target = await openTarget();
    try {
      rows.push(...(await benchTarget(target, operations, signal)));
    } finally {
      await target.dispose();
    }
  }
  const mismatches = rows.flatMap((row) =>
    (['store', 'baseline'] as const)
      .filter((side) => row[side].events !== row.expectedEvents)
      .map(
        (side) =>
          `${row.adapter} ${side} ${row.operation}: ${row[side].events} events, ` +
          `expected ${row.expectedEvents}`,
      ),
  );

  process.stdout.write(`${formatResultsTable(rows)}\n\n`);
  process.stdout.write(`total wall time: ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
  for (const mismatch of mismatches) process.stderr.write(`COUNT MISMATCH ${mismatch}\n`);
  return mismatches.length === 0 ? 0 : 1;
}

/** Store and baseline take turns per operation, so both meet a log of the same size. */
async function benchTarget(
  target: BenchTarget,
  operations: readonly Operation[],
  signal: AbortSignal,
): Promise<ResultRow[]> {
  const store = await SqlEventStore.open(target.database);
  try {
    const storeWorkload = new EventStoreWorkload(store);
    const baselineWorkload = await BaselineWorkload.create(target.database);
    const rows: ResultRow[] = [];
    for (const operation of operations) {
      const timed = (side: string, workload: Workload) =>
        measure(
          `${target.adapter} ${side} ${operation.name}`,
          operation.expectedEvents,
          signal,
          (progress) => operation.run(workload, progress),
        );
      rows.push({
        adapter: target.adapter,
        operation: operation.name,
        expectedEvents: operation.expectedEvents,
        store: await timed('store', storeWorkload),
        baseline: await timed('baseline', baselineWorkload),
      });
    }
    return rows;
  } finally {
    await store.close();
  }
}

function parseEventCount(args: readonly string[]): number {
  const { values } = parseArgs({ args: [...args], options: { events: { type: 'string' } } });
  if (values.events === undefined) return DEFAULT_EVENTS;
  const events = Number(values.events);
  if (!Number.isSafeInteger(events) || events < 1) {
    throw new RangeError(`--events must be a positive integer, got ${values.events}`);
  }
  return events;
}

const interrupt = new AbortController();
process.once('SIGINT', () => interrupt.abort(new Error('interrupted by SIGINT')));
main(process.argv.slice(2), interrupt.signal).then(
  (exitCode) => {
    process.exitCode = exitCode;
  },
  (error: unknown) => {
    process.stderr.write(
      `event-store bench failed: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    process.exitCode = 1;
  },
);
