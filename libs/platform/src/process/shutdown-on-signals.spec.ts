import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import type { LoggerService } from '@nestjs/common';
import { shutdownOnSignals } from './shutdown-on-signals.js';

const SIGNALS = ['SIGTERM', 'SIGINT', 'SIGHUP'] as const;

const listenerCounts = () => SIGNALS.map((signal) => process.listenerCount(signal));
/** Lets the promise chain of a close that has finished run to its end. */
const settled = () => new Promise((resolve) => setImmediate(resolve));

describe('shutdownOnSignals', () => {
  const listenersBefore = listenerCounts();
  const exitCodeBefore = process.exitCode;
  let close: jest.Mock<() => Promise<void>>;
  let finishClosing: () => void;
  let exit: jest.SpiedFunction<typeof process.exit>;
  let lines: string[];

  beforeEach(() => {
    const closing = new Promise<void>((resolve) => (finishClosing = resolve));
    close = jest.fn(() => closing);
    lines = [];
    const logger: LoggerService = {
      log: (message: string) => lines.push(message),
      warn: (message: string) => lines.push(message),
      error: (message: string) => lines.push(message),
    };
    // Thrown, as the real exit would not return either.
    exit = jest.spyOn(process, 'exit').mockImplementation((code) => {
      throw new Error(`exit ${String(code)}`);
    });
    shutdownOnSignals({ close }, logger);
  });

  afterEach(async () => {
    finishClosing();
    await settled();
    exit.mockRestore();
    process.exitCode = exitCodeBefore;
  });

  it.each(SIGNALS)(
    'closes the application once on %s, exits 0 and stops listening',
    async (signal) => {
      process.emit(signal, signal);
      finishClosing();
      await settled();

      expect(close).toHaveBeenCalledTimes(1);
      expect(lines).toEqual([`${signal} received: shutting down`, 'shut down cleanly']);
      expect(process.exitCode).toBe(0);
      expect(exit).not.toHaveBeenCalled();
      expect(listenerCounts()).toEqual(listenersBefore);
    },
  );

  it('takes the same signal at once again for its echo (Ctrl-C under npm start), not a hurry', () => {
    process.emit('SIGINT', 'SIGINT');
    process.emit('SIGINT', 'SIGINT');

    expect(close).toHaveBeenCalledTimes(1);
    expect(exit).not.toHaveBeenCalled();
    expect(lines).toEqual(['SIGINT received: shutting down']);
  });

  it('exits at once with 1 on another signal while closing', () => {
    process.emit('SIGTERM', 'SIGTERM');

    expect(() => process.emit('SIGINT', 'SIGINT')).toThrow('exit 1');
    expect(lines).toEqual([
      'SIGTERM received: shutting down',
      'SIGINT again: exiting without waiting',
    ]);
  });
});
