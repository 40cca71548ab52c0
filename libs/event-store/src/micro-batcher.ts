interface Waiting<TInput, TOutput> {
  readonly input: TInput;
  readonly resolve: (output: TOutput) => void;
  readonly reject: (error: unknown) => void;
}

/**
 * Group commit for round trips: calls made while a batch is in flight wait and go together
 * in the next one, so one round trip serves many callers under load, and a lone call waits no
 * longer than one turn of the event loop. `run` settles each input at the same index (so one
 * caller's failure can stay its own); a throw from `run` fails every caller of the batch.
 */
export class MicroBatcher<TInput, TOutput> {
  private waiting: Waiting<TInput, TOutput>[] = [];
  private inFlight = false;
  private scheduled = false;

  constructor(
    private readonly run: (
      inputs: readonly TInput[],
    ) => Promise<readonly PromiseSettledResult<TOutput>[]>,
    private readonly maxBatchSize: number,
  ) {
    if (!Number.isInteger(maxBatchSize) || maxBatchSize < 1) {
      throw new RangeError(`maxBatchSize must be a positive integer, got ${maxBatchSize}`);
    }
  }

  submit(input: TInput): Promise<TOutput> {
    return new Promise<TOutput>((resolve, reject) => {
      this.waiting.push({ input, resolve, reject });
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.inFlight || this.scheduled || this.waiting.length === 0) return;
    this.scheduled = true;
    // After the current turn: the calls made in it join this batch.
    setImmediate(() => {
      this.scheduled = false;
      void this.flush();
    });
  }

  private async flush(): Promise<void> {
    this.inFlight = true;
    const batch = this.waiting.splice(0, this.maxBatchSize);
    try {
      const outputs = await this.run(batch.map((waiting) => waiting.input));
      if (outputs.length !== batch.length) {
        throw new Error(`a batch of ${batch.length} was answered with ${outputs.length}`);
      }
      batch.forEach((waiting, index) => {
        const output = outputs[index]!;
        if (output.status === 'fulfilled') waiting.resolve(output.value);
        else waiting.reject(output.reason);
      });
    } catch (error) {
      for (const waiting of batch) waiting.reject(error);
    } finally {
      this.inFlight = false;
      this.schedule();
    }
  }
}
