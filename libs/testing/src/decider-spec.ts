import { deepStrictEqual, throws } from 'node:assert/strict';
import type { KnownNewEvent, KnownRecordedEvent } from '@app/contracts';
import { type Decider, stateOf } from '@app/domain';

const RECORDED_AT = '2026-11-22T00:00:00.000Z';

/**
 * Given/when/then over a pure decider (emmett's shape), the one helper every decider's spec
 * uses: `given` folds events recorded on `stream` (versions from 1, as the store would return
 * them), `when` decides a command against that state, `then` compares the events decided and
 * `thenThrows` the error raised. It asserts with node:assert rather than jest's `expect`, so that
 * importing @app/testing outside jest (the benches do) loads no test runner.
 */
export function deciderSpec<TCommand, TState>(decider: Decider<TCommand, TState>, stream: string) {
  return {
    given(...events: readonly KnownNewEvent[]) {
      const state = stateOf(decider, recordedOn(stream, events));
      return {
        state,
        when(command: TCommand) {
          const decide = () => decider.decide(command, state);
          return {
            then(expected: readonly KnownNewEvent[]): void {
              deepStrictEqual(decide(), expected);
            },
            thenThrows(error: new (...args: never[]) => Error): void {
              throws(decide, error);
            },
          };
        },
      };
    },
  };
}

/** New events as the store would return them once appended to `stream`. */
export function recordedOn(
  stream: string,
  events: readonly KnownNewEvent[],
  recordedAt: string = RECORDED_AT,
): KnownRecordedEvent[] {
  return events.map((event, index) => ({
    ...event,
    id: `00000000-0000-4000-8000-${String(index).padStart(12, '0')}`,
    stream,
    version: index + 1,
    position: index + 1,
    schemaVersion: 1,
    metadata: event.metadata ?? {},
    recordedAt,
  }));
}
