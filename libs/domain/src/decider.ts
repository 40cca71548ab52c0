import {
  isStreamEventOf,
  type KnownNewEvent,
  type KnownRecordedEvent,
  type StreamEventOf,
} from '@app/contracts';

/**
 * A pure decision function over one stream (emmett's shape): the state is folded from the
 * stream's events, a command is decided against it, the result is events to append. Time and
 * new ids arrive on the command, so deciding is deterministic and tested as given/when/then.
 */
export interface Decider<TCommand, TState> {
  initialState(): TState;
  /** Folds any event a read returns; written over its stream's own events with `evolveOn`. */
  evolve(state: TState, event: KnownRecordedEvent): TState;
  decide(command: TCommand, state: TState): KnownNewEvent[];
}

/** The state a stream's events fold to: what every handler reads before it decides. */
export function stateOf<TState>(
  decider: Pick<Decider<unknown, TState>, 'initialState' | 'evolve'>,
  events: readonly KnownRecordedEvent[],
): TState {
  return events.reduce((state, event) => decider.evolve(state, event), decider.initialState());
}

/**
 * A decider's evolve written over the events its stream holds (`StreamEventOf<'feed'>` for
 * `feed-<id>`), so that its switch is exhaustive over them, taking any event the store returns:
 * an event of another stream, which this stream never holds, changes nothing. This is where a
 * read's event union narrows to one stream's events, without a cast.
 */
export function evolveOn<const TPrefix extends string, TState>(
  prefix: TPrefix,
  evolve: (state: TState, event: StreamEventOf<TPrefix>) => TState,
): (state: TState, event: KnownRecordedEvent) => TState {
  return (state, event) => (isStreamEventOf(event, prefix) ? evolve(state, event) : state);
}

/**
 * Ends the switch of an `evolveOn` evolve: a new event type of that stream fails to compile
 * until handled, while an event this code has no case for changes nothing at run time.
 */
export function ignoreForeignEvent<TState>(_event: never, state: TState): TState {
  return state;
}
