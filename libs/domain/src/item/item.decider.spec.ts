import { describe, expect, it } from '@jest/globals';
import type { ItemDiscovered, KnownNewEvent, RuleMatchData } from '@app/contracts';
import { deciderSpec } from '@app/testing';
import { type ItemCommand, type ItemMatchResult, itemDecider } from './item.decider.js';

const FEED = 'interpol-watch-3f2a9c1b';
const spec = deciderSpec(itemDecider, 'item-abc');

const item: ItemDiscovered = {
  feedId: FEED,
  identity: 'https://example.org/red-notice',
  title: 'Red Notice lifted after INTERPOL review',
  url: 'https://example.org/red-notice',
  summary: 'The commission found the notice political.',
  publishedAt: '2026-11-21T08:00:00.000Z',
  categories: ['Europe'],
  language: 'en',
  fingerprint: 'f'.repeat(64),
};
const discovered: KnownNewEvent = { type: 'item.discovered', data: item };

const redNotice: RuleMatchData = {
  topic: 'red-notice-abuse',
  rule: 'red-notice',
  weight: 2,
  terms: [
    { text: 'Red Notice', field: 'title', start: 0, end: 10 },
    { text: 'Europe', field: 'categories', start: 0, end: 6, category: 0 },
  ],
};
const hit: ItemMatchResult = { matches: [redNotice], scores: { 'red-notice-abuse': 2 } };
const miss: ItemMatchResult = { matches: [], scores: {} };

const match = (watchlistVersion: number, result: ItemMatchResult): ItemCommand => ({
  type: 'match',
  watchlistVersion,
  result,
});
const matched = (watchlistVersion: number): KnownNewEvent => ({
  type: 'item.matched',
  data: { feedId: FEED, watchlistVersion, matches: [redNotice], scores: { 'red-notice-abuse': 2 } },
});
const unmatched = (watchlistVersion: number): KnownNewEvent => ({
  type: 'item.unmatched',
  data: { feedId: FEED, watchlistVersion },
});

describe('item decider', () => {
  describe('match', () => {
    it('records item.matched with the rules, terms and scores, against the version given', () => {
      spec
        .given(discovered)
        .when(match(1, hit))
        .then([matched(1)]);
    });

    it('records item.unmatched when no rule matched', () => {
      spec
        .given(discovered)
        .when(match(1, miss))
        .then([unmatched(1)]);
    });

    it('records only the schema fields of a rule match', () => {
      const wider = { ...redNotice, explanation: 'not part of the event' };
      spec
        .given(discovered)
        .when(match(1, { matches: [wider], scores: { 'red-notice-abuse': 2 } }))
        .then([matched(1)]);
    });

    it('records nothing for an item not discovered', () => {
      spec.given().when(match(1, hit)).then([]);
    });

    it('records nothing against a version the item was already matched against', () => {
      spec.given(discovered, matched(1)).when(match(1, hit)).then([]);
    });

    it('records nothing against a version the item was already found unmatched against', () => {
      spec.given(discovered, unmatched(1)).when(match(1, miss)).then([]);
      spec.given(discovered, unmatched(1)).when(match(1, hit)).then([]);
    });

    it('evaluates the item again against a newer version, matched or not', () => {
      spec
        .given(discovered, matched(1))
        .when(match(2, miss))
        .then([unmatched(2)]);
      spec
        .given(discovered, unmatched(1))
        .when(match(2, hit))
        .then([matched(2)]);
      spec
        .given(discovered, matched(1), unmatched(2))
        .when(match(3, hit))
        .then([matched(3)]);
    });
  });

  describe('state', () => {
    it('holds the discovered data and when the log recorded it', () => {
      expect(spec.given(discovered).state).toEqual({
        discovered: { data: item, recordedAt: '2026-11-22T00:00:00.000Z' },
        evaluatedVersions: [],
        firstMatch: null,
      });
    });

    it('lists every version evaluated, matched or not', () => {
      expect(
        spec.given(discovered, unmatched(1), matched(2), unmatched(3)).state.evaluatedVersions,
      ).toEqual([1, 2, 3]);
    });

    it('keeps the first match and its stream version, not a later one', () => {
      const { firstMatch } = spec.given(discovered, unmatched(1), matched(2), matched(3)).state;
      expect(firstMatch).toEqual({ version: 3, data: matched(2).data });
    });
  });
});
