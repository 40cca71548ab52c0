import { Progress } from './progress.js';

export interface Measurement {
  readonly events: number;
  readonly seconds: number;
}

/** Times `work`, which resolves to the number of events it handled. */
export async function measure(
  label: string,
  expectedEvents: number,
  signal: AbortSignal,
  work: (progress: Progress) => Promise<number>,
): Promise<Measurement> {
  const progress = new Progress(label, expectedEvents, signal);
  const started = performance.now();
  const events = await work(progress);
  return { events, seconds: (performance.now() - started) / 1000 };
}
