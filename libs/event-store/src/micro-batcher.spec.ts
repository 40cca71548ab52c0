import { describe, expect, it } from '@jest/globals';
import { MicroBatcher } from './micro-batcher.js';

/** A run function whose batches are recorded and finish only when told. */
function controlledRun() {
  const batches: number[][] = [];
  const finish: (() => void)[] = [];
  const run = (inputs: readonly number[]) => {
    batches.push([...inputs]);
    return new Promise<PromiseSettledResult<number>[]>((resolve) => {
      finish.push(() =>
        resolve(inputs.map((input) => ({ status: 'fulfilled', value: input * 10 }))),
      );
    });
  };
  return { batches, finish, run };
}

const turn = () => new Promise((resolve) => setImmediate(resolve));

describe('MicroBatcher', () => {
  it('sends the calls of one turn together, after the turn', async () => {
    const { batches, finish, run } = controlledRun();
    const batcher = new MicroBatcher(run, 100);

    const answers = [batcher.submit(1), batcher.submit(2), batcher.submit(3)];
    expect(batches).toEqual([]);
    await turn();
    finish[0]!();

    expect(await Promise.all(answers)).toEqual([10, 20, 30]);
    expect(batches).toEqual([[1, 2, 3]]);
  });

  it('gathers the calls made while a batch is in flight into the next one', async () => {
    const { batches, finish, run } = controlledRun();
    const batcher = new MicroBatcher(run, 100);

    const first = batcher.submit(1);
    await turn();
    const later = [batcher.submit(2), batcher.submit(3)];
    await turn();
    const third = batcher.submit(4);
    await turn();
    expect(batches).toEqual([[1]]);
    finish[0]!();
    await first;
    await turn();
    finish[1]!();

    expect(await Promise.all([...later, third])).toEqual([20, 30, 40]);
    expect(batches).toEqual([[1], [2, 3, 4]]);
  });

  it('splits a backlog into batches of at most the maximum size', async () => {
    const batches: number[][] = [];
    const batcher = new MicroBatcher((inputs: readonly number[]) => {
      batches.push([...inputs]);
      return Promise.resolve(inputs.map((value) => ({ status: 'fulfilled' as const, value })));
    }, 2);

    const answers = await Promise.all([1, 2, 3, 4, 5].map((n) => batcher.submit(n)));

    expect(answers).toEqual([1, 2, 3, 4, 5]);
    expect(batches).toEqual([[1, 2], [3, 4], [5]]);
  });

  it('fails only the caller whose input was refused', async () => {
    const batcher = new MicroBatcher(
      (inputs: readonly number[]) =>
        Promise.resolve(
          inputs.map((input): PromiseSettledResult<number> =>
            input === 2
              ? { status: 'rejected', reason: new Error('two refused') }
              : { status: 'fulfilled', value: input },
          ),
        ),
      10,
    );

    const answers = await Promise.allSettled([1, 2, 3].map((n) => batcher.submit(n)));

    expect(answers).toEqual([
      { status: 'fulfilled', value: 1 },
      { status: 'rejected', reason: new Error('two refused') },
      { status: 'fulfilled', value: 3 },
    ]);
  });

  it('fails every caller of a batch whose run throws, and goes on with the next', async () => {
    let calls = 0;
    const batcher = new MicroBatcher((inputs: readonly number[]) => {
      calls += 1;
      if (calls === 1) return Promise.reject(new Error('connection lost'));
      return Promise.resolve(inputs.map((value) => ({ status: 'fulfilled' as const, value })));
    }, 10);

    const failed = await Promise.allSettled([batcher.submit(1), batcher.submit(2)]);
    const next = await batcher.submit(3);

    expect(failed.map((answer) => answer.status)).toEqual(['rejected', 'rejected']);
    expect(next).toBe(3);
  });

  it('fails the batch when the run answers a different number of inputs', async () => {
    const batcher = new MicroBatcher(
      () => Promise.resolve([{ status: 'fulfilled' as const, value: 1 }]),
      10,
    );

    await expect(Promise.all([batcher.submit(1), batcher.submit(2)])).rejects.toThrow(
      'a batch of 2 was answered with 1',
    );
  });

  it('refuses a batch size that is not a positive integer', () => {
    expect(() => new MicroBatcher(() => Promise.resolve([]), 0)).toThrow(RangeError);
  });
});
