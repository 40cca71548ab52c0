import type { KnownNewEvent, KnownRecordedEvent } from '@app/contracts';

/**
 * A pure decision function over one stream (emmett's shape): the state is folded from the
 * stream's events, a command is decided against it, the result is events to append. Time and
 * new ids arrive on the command, so deciding is deterministic and tested as given/when/then.
 */
export interface Decider<TCommand, TState> {
  initialState(): TState;
  evolve(state: TState, event: KnownRecordedEvent): TState;
  decide(command: TCommand, state: TState): KnownNewEvent[];
}
