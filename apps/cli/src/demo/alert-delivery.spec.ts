import { describe, expect, it } from '@jest/globals';
import { describeAlertDelivery, readAlertDelivery } from './alert-delivery.js';

const OUTLETS = new Map([
  ['outlet-1', 'Demo outlet 1'],
  ['outlet-2', 'Demo outlet 2'],
]);

const term = (text: string) => ({ text, field: 'summary', start: 0, end: text.length });

/** A SPEC §7 body, with fields the demo does not show, as Vigil sends it. */
function body(type: string) {
  return {
    type,
    timestamp: '2026-11-20T10:00:00Z',
    data: {
      alert: {
        id: 'alert-1',
        topics: ['elections', 'city-hall'],
        score: 2,
        title: 'Harbour city elects a mayor',
        url: null,
        firstSeenAt: '2026-11-20T09:59:00Z',
        sources: [
          { feedId: 'outlet-1', itemId: 'i1', title: 'Harbour city elects a mayor', url: null },
          { feedId: 'outlet-2', itemId: 'i2', title: 'Ana Ruiz is mayor', url: null },
        ],
      },
      item: { id: 'i2', feedId: 'outlet-2', title: 'Ana Ruiz is mayor', url: null },
      matches: [
        { topic: 'elections', rule: 'elected', terms: [term('elected'), term('Elected')] },
        {
          topic: 'elections',
          rule: 'named-people',
          terms: ['Ana Ruiz', 'mayor', 'council', 'count', 'vote', 'ELECTED', 'recount'].map(term),
        },
        { topic: 'city-hall', rule: 'mayor', terms: [term('mayor')] },
      ],
    },
  };
}

describe('describeAlertDelivery', () => {
  it('shows the alert, the report, topics, sources by outlet, and per topic the rules and distinct terms', () => {
    const delivery = readAlertDelivery(body('alert.corroborated'));
    expect(delivery).toBeDefined();
    expect(describeAlertDelivery(delivery!, OUTLETS)).toEqual([
      '  alert:   Harbour city elects a mayor',
      '  report:  Ana Ruiz is mayor (Demo outlet 2)',
      '  topics:  elections, city-hall',
      '  sources: Demo outlet 1, Demo outlet 2',
      '  why:     elections (rules elected, named-people): "elected", "Ana Ruiz", "mayor", "council", "count", "vote" and 1 more',
      '           city-hall (rule mayor): "mayor"',
    ]);
  });

  it('has no report line for the raising report, which is the alert itself', () => {
    const lines = describeAlertDelivery(readAlertDelivery(body('alert.raised'))!, OUTLETS);
    expect(lines.some((line) => line.includes('report:'))).toBe(false);
    expect(lines[0]).toBe('  alert:   Harbour city elects a mayor');
  });

  it('names a feed by its id when it is not one of the outlets', () => {
    const lines = describeAlertDelivery(readAlertDelivery(body('alert.raised'))!, new Map());
    expect(lines).toContain('  sources: outlet-1, outlet-2');
  });
});

describe('readAlertDelivery', () => {
  it('refuses what is not an alert notification', () => {
    expect(readAlertDelivery({ type: 'subscription.test', data: { message: 'hi' } })).toBe(
      undefined,
    );
    expect(readAlertDelivery({ ...body('alert.raised'), data: { alert: {} } })).toBe(undefined);
    expect(readAlertDelivery('alert.raised')).toBe(undefined);
  });
});
