import { describe, expect, it } from '@jest/globals';
import type { FeedSettings, KnownNewEvent } from '@app/contracts';
import { recordedOn } from '@app/testing';
import { FeedAlreadyRegisteredError, FeedNotFoundError } from './feed-errors.js';
import { type FeedCommand, feedDecider } from './feed.decider.js';

const FEED = 'ap-world';
const SETTINGS: FeedSettings = {
  url: 'https://example.org/world.rss',
  title: 'World',
  intervalSeconds: null,
  enabled: true,
  allowPrivateNetwork: false,
};

function given(...events: KnownNewEvent[]) {
  const state = recordedOn(`feed-${FEED}`, events).reduce(
    (current, event) => feedDecider.evolve(current, event),
    feedDecider.initialState(),
  );
  return { when: (command: FeedCommand) => () => feedDecider.decide(command, state) };
}

const registered: KnownNewEvent = {
  type: 'feed.registered',
  data: { feedId: FEED, source: 'config', ...SETTINGS },
};
const timedOut: KnownNewEvent = {
  type: 'feed.poll_failed',
  data: { feedId: FEED, reason: 'timeout', message: 'no answer in 30 s', status: null },
};

describe('feed decider', () => {
  it('registers a new feed', () => {
    const then = given().when({
      type: 'register',
      feedId: FEED,
      settings: SETTINGS,
      source: 'config',
    });

    expect(then()).toEqual([registered]);
  });

  it('registers nothing again when the settings are the same (config reconciled twice)', () => {
    const then = given(registered).when({
      type: 'register',
      feedId: FEED,
      settings: SETTINGS,
      source: 'config',
    });

    expect(then()).toEqual([]);
  });

  it('refuses to register an existing id with other settings', () => {
    const then = given(registered).when({
      type: 'register',
      feedId: FEED,
      settings: { ...SETTINGS, url: 'https://example.org/other.rss' },
      source: 'admin',
    });

    expect(then).toThrow(FeedAlreadyRegisteredError);
  });

  it('records only the settings that change', () => {
    const then = given(registered).when({
      type: 'update',
      feedId: FEED,
      changes: { title: 'World news', enabled: true, intervalSeconds: 600 },
    });

    expect(then()).toEqual([
      {
        type: 'feed.updated',
        data: { feedId: FEED, changes: { title: 'World news', intervalSeconds: 600 } },
      },
    ]);
  });

  it('records nothing for an update that changes nothing', () => {
    expect(
      given(registered).when({ type: 'update', feedId: FEED, changes: { enabled: true } })(),
    ).toEqual([]);
  });

  it('refuses to update or remove a feed that is not registered', () => {
    const removed: KnownNewEvent = {
      type: 'feed.removed',
      data: { feedId: FEED, source: 'admin' },
    };

    expect(given().when({ type: 'update', feedId: FEED, changes: { title: 'x' } })).toThrow(
      FeedNotFoundError,
    );
    expect(
      given(registered, removed).when({ type: 'remove', feedId: FEED, source: 'admin' }),
    ).toThrow(FeedNotFoundError);
  });

  it('registers a removed feed again', () => {
    const removed: KnownNewEvent = {
      type: 'feed.removed',
      data: { feedId: FEED, source: 'config' },
    };

    const then = given(registered, removed).when({
      type: 'register',
      feedId: FEED,
      settings: SETTINGS,
      source: 'config',
    });

    expect(then()).toEqual([registered]);
  });

  describe('config/feeds.yaml lines', () => {
    const configure = (settings: FeedSettings): FeedCommand => ({
      type: 'configure',
      feedId: FEED,
      settings,
    });

    it('registers a new line as a config feed', () => {
      expect(given().when(configure(SETTINGS))()).toEqual([registered]);
    });

    it('records what changed in a config feed, and nothing when nothing did', () => {
      expect(given(registered).when(configure({ ...SETTINGS, enabled: false }))()).toEqual([
        { type: 'feed.updated', data: { feedId: FEED, changes: { enabled: false } } },
      ]);
      expect(given(registered).when(configure(SETTINGS))()).toEqual([]);
    });

    it('leaves a feed registered through the admin API alone', () => {
      const byAdmin: KnownNewEvent = {
        type: 'feed.registered',
        data: { feedId: FEED, source: 'admin', ...SETTINGS },
      };
      expect(given(byAdmin).when(configure({ ...SETTINGS, title: 'Config title' }))()).toEqual([]);
    });
  });

  describe('poll outcomes: events only when the feed changes state', () => {
    const failure = (reason: 'timeout' | 'http_5xx'): FeedCommand => ({
      type: 'record-poll',
      feedId: FEED,
      outcome: {
        ok: false,
        reason,
        message: `${reason} happened`,
        status: reason === 'http_5xx' ? 503 : null,
      },
    });
    const success: FeedCommand = {
      type: 'record-poll',
      feedId: FEED,
      outcome: { ok: true, status: 200, newItems: 3, badItems: [] },
    };

    it('records nothing for a healthy feed that polls fine', () => {
      expect(given(registered).when(success)()).toEqual([]);
    });

    it('records the first failure', () => {
      expect(given(registered).when(failure('timeout'))()).toEqual([
        {
          type: 'feed.poll_failed',
          data: { feedId: FEED, reason: 'timeout', message: 'timeout happened', status: null },
        },
      ]);
    });

    it('records nothing when the same failure repeats', () => {
      expect(given(registered, timedOut).when(failure('timeout'))()).toEqual([]);
    });

    it('records a change of reason', () => {
      expect(given(registered, timedOut).when(failure('http_5xx'))()).toMatchObject([
        { type: 'feed.poll_failed', data: { reason: 'http_5xx', status: 503 } },
      ]);
    });

    it('records the recovery as feed.polled', () => {
      expect(given(registered, timedOut).when(success)()).toEqual([
        {
          type: 'feed.polled',
          data: { feedId: FEED, status: 200, newItems: 3, recoveredFrom: 'timeout' },
        },
      ]);
    });

    describe('bad items: skipped alone, recorded once each, never a failure of the feed', () => {
      const nulItem = { identity: 'guid-1', stream: 'item-1', message: 'refused: NUL' };
      const otherItem = { identity: 'guid-2', stream: 'item-2', message: 'refused: JSON' };
      const withBadItems = (...badItems: (typeof nulItem)[]): FeedCommand => ({
        type: 'record-poll',
        feedId: FEED,
        outcome: { ok: true, status: 200, newItems: 9, badItems },
      });
      const badItemEvent = (item: typeof nulItem): KnownNewEvent => ({
        type: 'feed.poll_failed',
        data: {
          feedId: FEED,
          reason: 'bad_item',
          message: item.message,
          status: 200,
          item: { identity: item.identity, stream: item.stream },
        },
      });

      it('records each bad item of a successful poll as feed.poll_failed with reason bad_item', () => {
        expect(given(registered).when(withBadItems(nulItem, otherItem))()).toEqual([
          badItemEvent(nulItem),
          badItemEvent(otherItem),
        ]);
      });

      it('records an item once, however many polls see it again', () => {
        expect(
          given(registered, badItemEvent(nulItem)).when(withBadItems(nulItem, otherItem))(),
        ).toEqual([badItemEvent(otherItem)]);
      });

      it('does not count a bad item as a failure: the next good poll records no recovery', () => {
        expect(given(registered, badItemEvent(nulItem)).when(success)()).toEqual([]);
      });

      it('keeps a failure in progress through a bad item, and records the recovery with it', () => {
        expect(
          given(registered, timedOut, badItemEvent(nulItem)).when(failure('timeout'))(),
        ).toEqual([]);
        expect(given(registered, timedOut).when(withBadItems(nulItem))()).toEqual([
          {
            type: 'feed.polled',
            data: { feedId: FEED, status: 200, newItems: 9, recoveredFrom: 'timeout' },
          },
          badItemEvent(nulItem),
        ]);
      });
    });

    it('ignores polls of a feed that is no longer registered', () => {
      const removed: KnownNewEvent = {
        type: 'feed.removed',
        data: { feedId: FEED, source: 'admin' },
      };
      expect(given(registered, removed).when(failure('timeout'))()).toEqual([]);
    });
  });
});
