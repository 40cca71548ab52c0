import { describe, it } from '@jest/globals';
import type { KnownNewEvent, OperatorFeedFailing } from '@app/contracts';
import { deciderSpec } from '@app/testing';
import {
  type OperatorIncidentCommand,
  operatorIncidentDecider,
} from './operator-incident.decider.js';

const feedSpec = deciderSpec(operatorIncidentDecider, 'operator-feed-ap-world');
const subscriptionSpec = deciderSpec(operatorIncidentDecider, 'operator-subscription-s1');
const consumerSpec = deciderSpec(operatorIncidentDecider, 'operator-consumer-feeds-view');

const URL = 'https://example.org/world.rss';
const SINCE = '2026-11-22T10:00:00.000Z';

const failure = (failures: number): OperatorIncidentCommand => ({
  type: 'record-feed-failure',
  feedId: 'ap-world',
  url: URL,
  failures,
  failuresBeforeAlert: 3,
  reason: 'http_5xx',
  message: 'HTTP 500',
  since: SINCE,
});
const failingData: OperatorFeedFailing = {
  feedId: 'ap-world',
  url: URL,
  failures: 3,
  reason: 'http_5xx',
  message: 'HTTP 500',
  since: SINCE,
};
const failing: KnownNewEvent = { type: 'operator.feed_failing', data: failingData };
const success: OperatorIncidentCommand = {
  type: 'record-feed-success',
  feedId: 'ap-world',
  url: URL,
  at: '2026-11-22T12:00:00.000Z',
};
const recovered: KnownNewEvent = {
  type: 'operator.feed_recovered',
  data: {
    feedId: 'ap-world',
    url: URL,
    reason: 'http_5xx',
    since: SINCE,
    recoveredAt: '2026-11-22T12:00:00.000Z',
  },
};

describe('operator incident decider: feeds', () => {
  it('says nothing before the configured number of failures in a row', () => {
    feedSpec.given().when(failure(1)).then([]);
    feedSpec.given().when(failure(2)).then([]);
  });

  it('opens the incident at the configured failure', () => {
    feedSpec.given().when(failure(3)).then([failing]);
  });

  it('opens it late when the poll that reached the threshold recorded nothing', () => {
    feedSpec
      .given()
      .when(failure(5))
      .then([{ type: 'operator.feed_failing', data: { ...failingData, failures: 5 } }]);
  });

  it('alerts once per incident, not once per failing poll', () => {
    feedSpec.given(failing).when(failure(4)).then([]);
    feedSpec.given(failing).when(failure(30)).then([]);
  });

  it('closes an open incident at the next success, with when it began', () => {
    feedSpec.given(failing).when(success).then([recovered]);
  });

  it('says nothing about a success when no incident is open', () => {
    feedSpec.given().when(success).then([]);
    feedSpec.given(failing, recovered).when(success).then([]);
  });

  it('opens a new incident when the feed fails again after recovering', () => {
    feedSpec.given(failing, recovered).when(failure(3)).then([failing]);
  });
});

describe('operator incident decider: subscriptions', () => {
  const suspension = (position: number): OperatorIncidentCommand => ({
    type: 'record-suspension',
    subscriptionId: 's1',
    reason: 'gone',
    since: SINCE,
    position,
  });
  const suspended = (position: number): KnownNewEvent => ({
    type: 'operator.subscription_suspended',
    data: { subscriptionId: 's1', reason: 'gone', since: SINCE, suspensionPosition: position },
  });

  it('alerts a suspension once, however often it is replayed', () => {
    subscriptionSpec
      .given()
      .when(suspension(40))
      .then([suspended(40)]);
    subscriptionSpec.given(suspended(40)).when(suspension(40)).then([]);
  });

  it('alerts a later suspension of the same subscription again', () => {
    subscriptionSpec
      .given(suspended(40))
      .when(suspension(90))
      .then([suspended(90)]);
  });
});

describe('operator incident decider: consumer lag', () => {
  const lag = (
    value: number,
    aboveSince: string | null,
    now = '2026-11-22T10:06:00.000Z',
  ): OperatorIncidentCommand => ({
    type: 'record-consumer-lag',
    consumer: 'feeds-view',
    lag: value,
    threshold: 1_000,
    position: 10,
    head: 10 + value,
    aboveSince,
    lagForMs: 300_000,
    now,
  });
  const lagging: KnownNewEvent = {
    type: 'operator.consumer_lagging',
    data: {
      consumer: 'feeds-view',
      lag: 5_000,
      threshold: 1_000,
      position: 10,
      head: 5_010,
      since: SINCE,
    },
  };
  const caughtUp: KnownNewEvent = {
    type: 'operator.consumer_caught_up',
    data: { consumer: 'feeds-view', lag: 20 },
  };

  it('waits until the lag has lasted the configured time', () => {
    consumerSpec
      .given()
      .when(lag(5_000, SINCE, '2026-11-22T10:04:59.000Z'))
      .then([]);
    consumerSpec.given().when(lag(5_000, SINCE)).then([lagging]);
  });

  it('says nothing within the threshold, or twice about one incident', () => {
    consumerSpec.given().when(lag(1_000, null)).then([]);
    consumerSpec.given(lagging).when(lag(9_000, SINCE)).then([]);
  });

  it('closes the incident once the consumer is back within the threshold', () => {
    consumerSpec.given(lagging).when(lag(20, null)).then([caughtUp]);
    consumerSpec.given(lagging, caughtUp).when(lag(5_000, SINCE)).then([lagging]);
  });
});

describe('operator incident decider: delivery', () => {
  it('records each alert delivered once', () => {
    feedSpec
      .given(failing)
      .when({ type: 'record-delivery', alertVersion: 1, status: 204 })
      .then([{ type: 'operator.alert_delivered', data: { alertVersion: 1, status: 204 } }]);
    feedSpec
      .given(failing, { type: 'operator.alert_delivered', data: { alertVersion: 1, status: 200 } })
      .when({ type: 'record-delivery', alertVersion: 1, status: 204 })
      .then([]);
  });
});
