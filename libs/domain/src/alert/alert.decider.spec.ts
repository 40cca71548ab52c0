import { describe, expect, it } from '@jest/globals';
import type { AlertItemData, KnownNewEvent, StoryLikeness } from '@app/contracts';
import { deciderSpec } from '@app/testing';
import {
  type AlertCommand,
  type AlertReport,
  alertDecider,
  alertIdFor,
  placementAlertId,
  type StoryPlacement,
} from './alert.decider.js';

function itemData(id: string, title: string): AlertItemData {
  return {
    id,
    feedId: 'interpol-watch-3f2a9c1b',
    title,
    url: `https://example.org/${id}`,
    summary: 'The commission found the notice political.',
    publishedAt: '2026-11-21T08:00:00.000Z',
    seenAt: '2026-11-21T08:00:00.000Z',
  };
}

function report(item: AlertItemData): AlertReport {
  return {
    topics: ['red-notice-abuse'],
    score: 2,
    item,
    matches: [
      {
        topic: 'red-notice-abuse',
        rule: 'red-notice',
        weight: 2,
        terms: [{ text: 'Red Notice', field: 'title', start: 0, end: 10 }],
      },
    ],
    scores: { 'red-notice-abuse': 2 },
    watchlistVersion: 1,
  };
}

const first = report(itemData('a1', 'Red Notice lifted after INTERPOL review'));
const second = report(itemData('b2', 'INTERPOL lifts Red Notice on dissident'));
const third = report(itemData('c3', 'Dissident freed as Red Notice is lifted'));
const ALERT_ID = alertIdFor('a1');
const spec = deciderSpec(alertDecider, `alert-${ALERT_ID}`);

const likeness: StoryLikeness = {
  reason: 'similar',
  similarity: 0.42,
  closestItemId: 'a1',
  sharedTerms: ['dissident', 'lifted'],
  sharesPerson: false,
  tellsNews: true,
};
const OTHER_ALERT_ID = alertIdFor('z9');
const newStory: StoryPlacement = {
  kind: 'new-story',
  reason: 'different-people',
  nearestStoryId: OTHER_ALERT_ID,
  similarity: 0.31,
};
const sameStory: StoryPlacement = { kind: 'same-story', storyId: ALERT_ID, ...likeness };
const place = (placed: AlertReport, placement: StoryPlacement): AlertCommand => ({
  type: 'place',
  report: placed,
  placement,
});

const raised: KnownNewEvent = {
  type: 'alert.raised',
  data: {
    alertId: ALERT_ID,
    title: first.item.title,
    url: first.item.url,
    firstSeenAt: first.item.seenAt,
    ...first,
    start: { reason: 'different-people', nearestAlertId: OTHER_ALERT_ID, similarity: 0.31 },
  },
};
const corroborated = (placed: AlertReport): KnownNewEvent => ({
  type: 'alert.corroborated',
  data: { alertId: ALERT_ID, ...placed, likeness },
});

describe('alert decider', () => {
  describe('ids', () => {
    it("derives the alert's id from its first item: the same item, the same alert", () => {
      // Pinned: alerts already in the log were named this way, and a replay must name them alike.
      expect(alertIdFor('a1')).toBe('f7b12a8baaa1d0c090fde8d0420bf672');
      expect(alertIdFor('b2')).not.toBe(alertIdFor('a1'));
    });

    it("decides a new story on the first item's alert, a known story on the story's", () => {
      expect(placementAlertId(place(first, newStory))).toBe(ALERT_ID);
      expect(placementAlertId(place(second, newStory))).toBe(alertIdFor('b2'));
      expect(placementAlertId(place(second, sameStory))).toBe(ALERT_ID);
    });
  });

  describe('place', () => {
    it('raises an alert for a new story, titled and timed by its first item', () => {
      spec.given().when(place(first, newStory)).then([raised]);
    });

    it('records why the story started: with no open story, the reason alone', () => {
      spec
        .given()
        .when(place(first, { kind: 'new-story', reason: 'no-candidate' }))
        .then([{ ...raised, data: { ...raised.data, start: { reason: 'no-candidate' } } }]);
    });

    it('corroborates the alert of an existing story, with the likeness the grouper found', () => {
      spec
        .given(raised)
        .when(place(second, sameStory))
        .then([corroborated(second)]);
      spec
        .given(raised, corroborated(second))
        .when(place(third, sameStory))
        .then([corroborated(third)]);
    });

    it('never raises an alert twice for its first item', () => {
      spec.given(raised).when(place(first, newStory)).then([]);
    });

    it('never places an item the alert already holds', () => {
      spec.given(raised).when(place(first, sameStory)).then([]);
      spec.given(raised, corroborated(second)).when(place(second, sameStory)).then([]);
    });

    it('refuses to corroborate an alert that was never raised', () => {
      spec.given().when(place(second, sameStory)).thenThrows(RangeError);
    });
  });

  describe('state', () => {
    it('holds the version the next append expects and the items placed, the first first', () => {
      expect(spec.given().state).toEqual({ version: 0, items: [] });
      expect(spec.given(raised, corroborated(second), corroborated(third)).state).toEqual({
        version: 3,
        items: ['a1', 'b2', 'c3'],
      });
    });
  });
});
