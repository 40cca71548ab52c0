import { createHash } from 'node:crypto';
import {
  type AlertCorroborated,
  assertNever,
  type KnownNewEvent,
  type StoryLikeness,
  type StoryStartReason,
} from '@app/contracts';
import { type Decider, evolveOn, ignoreForeignEvent } from '../decider.js';

/**
 * A matched item as an alert reports it (its first match, topics by descending score): what a
 * corroboration records of it, without the alert and the likeness.
 */
export type AlertReport = Omit<AlertCorroborated, 'alertId' | 'likeness'>;

/**
 * Where the story grouper placed the report: the shape of `@app/stories`' GroupingDecision, so
 * that the domain does not depend on the grouper.
 */
export type StoryPlacement =
  | {
      readonly kind: 'new-story';
      readonly reason: StoryStartReason;
      readonly nearestStoryId?: string;
      readonly similarity?: number;
    }
  | ({ readonly kind: 'same-story'; readonly storyId: string } & StoryLikeness);

export type AlertCommand = {
  readonly type: 'place';
  readonly report: AlertReport;
  readonly placement: StoryPlacement;
};

export interface AlertState {
  /** The stream's version, which the next append expects: 0 until the alert is raised. */
  readonly version: number;
  /** The items the alert holds, the one that raised it first. */
  readonly items: readonly string[];
}

/** The alert's id follows from its first item, so a replayed decision targets the same stream. */
export function alertIdFor(itemId: string): string {
  return createHash('sha256').update(`alert\n${itemId}`).digest('hex').slice(0, 32);
}

/** The alert whose stream a placement is decided on: the one it raises or corroborates. */
export function placementAlertId({ report, placement }: AlertCommand): string {
  return placement.kind === 'new-story' ? alertIdFor(report.item.id) : placement.storyId;
}

/**
 * Turns the story grouper's placement of a report into the alert's events: a new story raises
 * the alert its first item names, a report of an open story corroborates that story's alert,
 * and an item the alert already holds is never placed in it twice (a replayed `item.matched`,
 * or a second worker deciding the same item). Decided on the stream `placementAlertId` names.
 */
export const alertDecider: Decider<AlertCommand, AlertState> = {
  initialState: () => ({ version: 0, items: [] }),

  evolve: evolveOn('alert', (state, event): AlertState => {
    switch (event.type) {
      case 'alert.raised':
      case 'alert.corroborated':
        return { version: event.version, items: [...state.items, event.data.item.id] };
      default:
        return ignoreForeignEvent(event, state);
    }
  }),

  decide(command, state): KnownNewEvent[] {
    switch (command.type) {
      case 'place': {
        const { report, placement } = command;
        if (state.items.includes(report.item.id)) return [];
        switch (placement.kind) {
          case 'new-story': {
            const alertId = alertIdFor(report.item.id);
            const { item } = report;
            const { reason, nearestStoryId, similarity } = placement;
            return [
              {
                type: 'alert.raised',
                data: {
                  alertId,
                  title: item.title,
                  url: item.url,
                  firstSeenAt: item.seenAt,
                  ...report,
                  start: {
                    reason,
                    ...(nearestStoryId === undefined ? {} : { nearestAlertId: nearestStoryId }),
                    ...(similarity === undefined ? {} : { similarity }),
                  },
                },
              },
            ];
          }
          case 'same-story':
            // The grouper knows a story only from its `alert.raised`: a story without one is
            // a fault to surface, not a report to drop.
            if (state.version === 0) {
              throw new RangeError(`alert ${placement.storyId} was never raised`);
            }
            return [
              {
                type: 'alert.corroborated',
                data: {
                  alertId: placement.storyId,
                  ...report,
                  likeness: {
                    reason: placement.reason,
                    similarity: placement.similarity,
                    closestItemId: placement.closestItemId,
                    sharedTerms: placement.sharedTerms,
                    ...(placement.sharesPerson === undefined
                      ? {}
                      : { sharesPerson: placement.sharesPerson }),
                    ...(placement.tellsNews === undefined
                      ? {}
                      : { tellsNews: placement.tellsNews }),
                  },
                },
              },
            ];
          default:
            return assertNever(placement);
        }
      }
      default:
        return assertNever(command.type);
    }
  },
};
