/** As the brief asks: how often the resident set size is sampled. */
const SAMPLE_EVERY_MS = 100;

export interface Usage {
  readonly seconds: number;
  /** User + system CPU time of this process. */
  readonly cpuSeconds: number;
  /** Highest sampled resident set size. */
  readonly peakRssBytes: number;
}

/**
 * Wall time, CPU time and peak RSS of this process over sections of the run. RSS is sampled
 * every 100 ms, so a spike shorter than that can pass unseen: `process.resourceUsage().maxRSS`
 * (printed at the end) is the kernel's exact figure for the whole run.
 */
export class ResourceMeter {
  private readonly timer: NodeJS.Timeout;
  private sectionPeak = 0;
  private runPeak = 0;

  constructor() {
    this.sample();
    this.timer = setInterval(() => this.sample(), SAMPLE_EVERY_MS);
    this.timer.unref();
  }

  async measure<T>(work: () => Promise<T>): Promise<{ readonly result: T; readonly usage: Usage }> {
    this.sectionPeak = process.memoryUsage.rss();
    const cpu = process.cpuUsage();
    const started = performance.now();
    const result = await work();
    const seconds = (performance.now() - started) / 1000;
    const spent = process.cpuUsage(cpu);
    this.sample();
    return {
      result,
      usage: {
        seconds,
        cpuSeconds: (spent.user + spent.system) / 1e6,
        peakRssBytes: this.sectionPeak,
      },
    };
  }

  /** Highest sampled RSS since the meter started. */
  get peakRssBytes(): number {
    return this.runPeak;
  }

  stop(): void {
    clearInterval(this.timer);
  }

  private sample(): void {
    const rss = process.memoryUsage.rss();
    this.sectionPeak = Math.max(this.sectionPeak, rss);
    this.runPeak = Math.max(this.runPeak, rss);
  }
}
