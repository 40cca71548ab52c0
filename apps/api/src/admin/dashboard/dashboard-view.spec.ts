import { describe, expect, it } from '@jest/globals';
import type { FeedHealth, FeedView } from '@app/consumers';
import type { DashboardSnapshot } from './dashboard-snapshot.service.js';
import { dashboardView, timeView } from './dashboard-view.js';

const NOW = new Date('2026-11-20T10:00:00.000Z');

const feed = (feedId: string, failingReason: FeedView['failingReason'] = null): FeedView => ({
  feedId,
  url: `https://${feedId}.example/feed`,
  title: null,
  intervalSeconds: null,
  enabled: true,
  allowPrivateNetwork: false,
  source: 'config',
  registeredAt: '2026-11-01T00:00:00.000Z',
  failingReason,
});

const health = (feedId: string, failuresInRow: number): FeedHealth => ({
  feedId,
  lastPollAt: '2026-11-20T09:58:00.000Z',
  lastSuccessAt: null,
  lastErrorAt: failuresInRow > 0 ? '2026-11-20T09:58:00.000Z' : null,
  lastErrorReason: failuresInRow > 0 ? 'timeout' : null,
  lastErrorMessage: failuresInRow > 0 ? 'no answer in 15 s' : null,
  failuresInRow,
  nextPollAt: '2026-11-20T10:05:00.000Z',
  currentIntervalSeconds: 300,
  itemsSeen: 0,
  averageItemsPerDay: null,
  firstPolledAt: null,
  etag: null,
  lastModified: null,
  rememberedItems: [],
});

const snapshot = (feeds: DashboardSnapshot['feeds']): DashboardSnapshot => ({
  takenAt: NOW,
  health: {
    status: 'ok',
    checks: {
      eventStore: { status: 'up', latencyMs: 1 },
      redis: { status: 'up', latencyMs: 1 },
      workers: { status: 'up', latencyMs: 1, count: 2 },
    },
  },
  feeds,
  alerts: [],
  queues: [],
  consumers: [],
  subscriptions: [],
});

describe('the dashboard view', () => {
  it('puts failing feeds first, most failures first, with their reason', () => {
    const view = dashboardView(
      snapshot([
        { feed: feed('alpha'), health: health('alpha', 0) },
        { feed: feed('bravo'), health: health('bravo', 1) },
        { feed: feed('charlie', 'http_5xx'), health: health('charlie', 4) },
        { feed: feed('delta'), health: null },
      ]),
    );
    expect(view.feeds.map((row) => [row.id, row.failing, row.stateLabel])).toEqual([
      ['charlie', true, 'Failing'],
      ['bravo', true, 'Failing'],
      ['alpha', false, 'OK'],
      ['delta', false, 'Not polled yet'],
    ]);
    expect(view.feeds[0]).toMatchObject({ reason: 'timeout', errorMessage: 'no answer in 15 s' });
    expect(view.summary[0]).toEqual({ label: 'Failing feeds', value: '2 of 4', bad: true });
    expect(view.components[2]).toEqual({ name: 'Workers', up: true, detail: '2 live' });
  });

  it('says when a moment was, in words', () => {
    expect(timeView('2026-11-20T09:58:00.000Z', NOW).label).toBe('2 min ago');
    expect(timeView('2026-11-20T10:00:20.000Z', NOW).label).toBe('in 20 s');
    expect(timeView('2026-11-20T04:00:00.000Z', NOW).label).toBe('6 h ago');
    expect(timeView('2026-11-14T10:00:00.000Z', NOW).label).toBe('6 d ago');
  });
});
