import type { KnownNewEvent, KnownRecordedEvent } from '@app/contracts';
import type { AppendResult, EventStore } from './event-store.port.js';
import { WrongExpectedVersionError } from './wrong-expected-version.error.js';

/**
 * The part of a decider handleCommand needs (domain's Decider fits it). Its evolve takes the
 * event union a read returns and narrows to its stream's events itself (domain's `evolveOn`),
 * so the stream is folded as read, with no cast.
 */
export interface StreamDecider<TCommand, TState> {
  initialState(): TState;
  evolve(state: TState, event: KnownRecordedEvent): TState;
  decide(command: TCommand, state: TState): readonly KnownNewEvent[];
}

export interface CommandResult<TState> {
  readonly appended: readonly KnownNewEvent[];
  readonly state: TState;
  readonly result: AppendResult | null;
}

const MAX_ATTEMPTS = 5;

/**
 * Read the stream, fold its state, decide, append with the version read. When another writer
 * got there first, decide again on the new state: the decision is never made on stale state.
 */
export async function handleCommand<TCommand, TState>(
  store: EventStore,
  stream: string,
  decider: StreamDecider<TCommand, TState>,
  command: TCommand,
): Promise<CommandResult<TState>> {
  for (let attempt = 1; ; attempt += 1) {
    const history = await store.readStream(stream);
    const state = history.reduce(
      (current, event) => decider.evolve(current, event),
      decider.initialState(),
    );
    const events = decider.decide(command, state);
    if (events.length === 0) return { appended: [], state, result: null };
    try {
      const result = await store.append(stream, events, {
        expectedVersion: history.length === 0 ? 'no_stream' : history.length,
      });
      return { appended: events, state, result };
    } catch (error) {
      if (!(error instanceof WrongExpectedVersionError) || attempt >= MAX_ATTEMPTS) throw error;
    }
  }
}
