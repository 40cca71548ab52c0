import type { KnownNewEvent, KnownRecordedEvent } from '@app/contracts';

/**
 * A pure decision function over one stream (emmett's shape): the state is folded from the
 * stream's events, a command is decided against it, the result is events to append. Time and
 * new ids arrive on the command, so deciding is deterministic and tested as given/when/then.
 */
export interface Decider<TCommand, TState, TEvent extends KnownRecordedEvent = KnownRecordedEvent> {
  initialState(): TState;
  /** Sees only the events its stream holds (`StreamEventOf<'feed'>`, say). */
  evolve(state: TState, event: TEvent): TState;
  decide(command: TCommand, state: TState): KnownNewEvent[];
}

/**
 * Ends a decider's exhaustive switch over its stream's events: a new event type of that stream
 * fails to compile until handled, while an event of another stream, which its stream never
 * holds, changes nothing at run time.
 */
export function ignoreForeignEvent<TState>(_event: never, state: TState): TState {
  return state;
}
