import { describe, expect, it } from '@jest/globals';
import type { KnownNewEvent } from '@app/contracts';
import { recordedOn } from '@app/testing';
import {
  SubscriptionChannelMismatchError,
  SubscriptionDeletedError,
  SubscriptionExistsError,
  SubscriptionNotFoundError,
  SubscriptionNotPendingError,
} from './subscription-errors.js';
import { type SubscriptionCommand, subscriptionDecider } from './subscription.decider.js';

const ID = '7d0c6a52-3b0e-4f3e-9d51-8a2f4c6b1e90';
const WEBHOOK = { url: 'v1.sealed-url', secret: 'v1.sealed-secret' };
const TOKEN_HASH = 'a'.repeat(64);
const EMAIL = {
  address: 'v1.sealed-address',
  confirmToken: 'v1.sealed-confirm',
  unsubscribeToken: 'v1.sealed-unsubscribe',
};
const DAILY = { frequency: 'daily', timeZone: 'Europe/Paris', digestHour: 8 } as const;

function given(...events: KnownNewEvent[]) {
  const state = recordedOn(`subscription-${ID}`, events).reduce(
    (current, event) => subscriptionDecider.evolve(current, event),
    subscriptionDecider.initialState(),
  );
  return {
    state,
    when: (command: SubscriptionCommand) => () => subscriptionDecider.decide(command, state),
  };
}

const create: SubscriptionCommand = {
  type: 'create',
  subscriptionId: ID,
  channel: 'webhook',
  topics: ['red-notice-abuse', 'interpol-elections'],
  minScore: 0,
  corroborations: false,
  tokenHash: TOKEN_HASH,
  webhook: WEBHOOK,
};
const created: KnownNewEvent = {
  type: 'subscription.created',
  data: {
    subscriptionId: ID,
    channel: 'webhook',
    topics: ['red-notice-abuse', 'interpol-elections'],
    minScore: 0,
    corroborations: false,
    tokenHash: TOKEN_HASH,
    webhook: WEBHOOK,
  },
};
const createEmail: SubscriptionCommand = {
  type: 'create',
  subscriptionId: ID,
  channel: 'email',
  topics: ['red-notice-abuse'],
  minScore: 2,
  corroborations: true,
  tokenHash: TOKEN_HASH,
  email: EMAIL,
  schedule: DAILY,
};
const emailCreated: KnownNewEvent = {
  type: 'subscription.created',
  data: {
    subscriptionId: ID,
    channel: 'email',
    topics: ['red-notice-abuse'],
    minScore: 2,
    corroborations: true,
    tokenHash: TOKEN_HASH,
    email: EMAIL,
    schedule: DAILY,
  },
};
const confirmed: KnownNewEvent = { type: 'subscription.confirmed', data: { subscriptionId: ID } };
const paused: KnownNewEvent = { type: 'subscription.paused', data: { subscriptionId: ID } };
const resumed: KnownNewEvent = { type: 'subscription.resumed', data: { subscriptionId: ID } };
const suspended: KnownNewEvent = {
  type: 'subscription.suspended',
  data: { subscriptionId: ID, reason: 'failing' },
};
const deleted: KnownNewEvent = {
  type: 'subscription.deleted',
  data: { subscriptionId: ID, reason: 'owner' },
};

const pause: SubscriptionCommand = { type: 'pause', subscriptionId: ID };
const resume: SubscriptionCommand = { type: 'resume', subscriptionId: ID };
const suspend: SubscriptionCommand = { type: 'suspend', subscriptionId: ID, reason: 'failing' };
const remove: SubscriptionCommand = { type: 'delete', subscriptionId: ID, reason: 'owner' };
const unsubscribe: SubscriptionCommand = {
  type: 'delete',
  subscriptionId: ID,
  reason: 'unsubscribed',
};
const confirm: SubscriptionCommand = { type: 'confirm', subscriptionId: ID };
const update = (changes: Extract<SubscriptionCommand, { type: 'update' }>['changes']) =>
  ({ type: 'update', subscriptionId: ID, changes }) as const;

describe('subscription decider', () => {
  describe('create', () => {
    it('creates a webhook subscription, active, with its sealed URL and secret', () => {
      expect(given().when(create)()).toEqual([created]);
      expect(given(created).state).toEqual({
        status: 'active',
        channel: 'webhook',
        topics: ['red-notice-abuse', 'interpol-elections'],
        minScore: 0,
        corroborations: false,
        tokenHash: TOKEN_HASH,
        webhook: WEBHOOK,
        email: null,
        schedule: null,
        createdAt: '2026-11-22T00:00:00.000Z',
        statusReason: null,
      });
    });

    it('creates an email subscription waiting for confirmation, with no webhook', () => {
      expect(given().when(createEmail)()).toEqual([emailCreated]);
      expect(given(emailCreated).state).toMatchObject({
        status: 'pending_confirmation',
        channel: 'email',
        webhook: null,
        email: EMAIL,
        schedule: DAILY,
      });
    });

    it('refuses an id that is taken, even by a deleted subscription', () => {
      expect(given(created).when(create)).toThrow(SubscriptionExistsError);
      expect(given(created, deleted).when(create)).toThrow(SubscriptionExistsError);
    });
  });

  describe('update', () => {
    it('records only the changes that differ', () => {
      const then = given(created).when(
        update({ topics: ['red-notice-abuse'], minScore: 0, corroborations: true }),
      );

      expect(then()).toEqual([
        {
          type: 'subscription.updated',
          data: {
            subscriptionId: ID,
            changes: { topics: ['red-notice-abuse'], corroborations: true },
          },
        },
      ]);
    });

    it('records nothing when nothing changes, topics being a set', () => {
      const then = given(created).when(
        update({
          topics: ['interpol-elections', 'red-notice-abuse', 'interpol-elections'],
          minScore: 0,
          corroborations: false,
          webhookUrl: WEBHOOK.url,
        }),
      );

      expect(then()).toEqual([]);
      expect(given(created).when(update({}))()).toEqual([]);
    });

    it('compares with the state the earlier updates left', () => {
      const updated: KnownNewEvent = {
        type: 'subscription.updated',
        data: {
          subscriptionId: ID,
          changes: {
            topics: ['interpol-elections'],
            minScore: 3,
            corroborations: true,
            webhookUrl: 'v1.other-url',
          },
        },
      };

      expect(given(created, updated).state).toMatchObject({
        topics: ['interpol-elections'],
        minScore: 3,
        corroborations: true,
        webhook: { url: 'v1.other-url', secret: WEBHOOK.secret },
      });
      expect(given(created, updated).when(update(updated.data.changes))()).toEqual([]);
    });

    it('records a newly sealed webhook URL', () => {
      expect(given(created).when(update({ webhookUrl: 'v1.resealed' }))()).toEqual([
        {
          type: 'subscription.updated',
          data: { subscriptionId: ID, changes: { webhookUrl: 'v1.resealed' } },
        },
      ]);
    });

    it('refuses a webhook URL for an email subscription', () => {
      expect(given(emailCreated).when(update({ webhookUrl: 'v1.sealed-url' }))).toThrow(
        SubscriptionChannelMismatchError,
      );
    });

    it('updates a paused or suspended subscription without changing its status', () => {
      expect(given(created, paused).when(update({ minScore: 1 }))()).toHaveLength(1);
      expect(given(created, suspended).when(update({ minScore: 1 }))()).toHaveLength(1);
    });
  });

  describe('confirmation', () => {
    it('activates an unconfirmed subscription, once', () => {
      expect(given(emailCreated).when(confirm)()).toEqual([confirmed]);
      expect(given(emailCreated, confirmed).state?.status).toBe('active');
      expect(given(emailCreated, confirmed).when(confirm)()).toEqual([]);
      expect(given(emailCreated, confirmed, paused).when(confirm)()).toEqual([]);
    });

    it('is the only way to activate it: pause and resume change nothing before it', () => {
      expect(given(emailCreated).when(pause)()).toEqual([]);
      expect(given(emailCreated).when(resume)()).toEqual([]);
    });

    it('renews an unconfirmed subscription with the latest settings and a new token', () => {
      const renew: SubscriptionCommand = {
        type: 'renew-pending',
        subscriptionId: ID,
        topics: ['interpol-elections'],
        minScore: 2,
        schedule: { ...DAILY, frequency: 'instant' },
        tokenHash: 'b'.repeat(64),
      };
      const [renewed] = given(emailCreated).when(renew)();

      expect(renewed).toEqual({
        type: 'subscription.updated',
        data: {
          subscriptionId: ID,
          changes: {
            topics: ['interpol-elections'],
            schedule: { ...DAILY, frequency: 'instant' },
            tokenHash: 'b'.repeat(64),
          },
        },
      });
      expect(given(emailCreated, renewed!).state).toMatchObject({
        status: 'pending_confirmation',
        tokenHash: 'b'.repeat(64),
        schedule: { frequency: 'instant' },
      });
      expect(given(emailCreated, confirmed).when(renew)).toThrow(SubscriptionNotPendingError);
    });

    it('forgets an unconfirmed subscription once it has expired, and no other', () => {
      const expire = (now: string): SubscriptionCommand => ({
        type: 'expire-unconfirmed',
        subscriptionId: ID,
        now,
        expiresHours: 168,
      });

      expect(given(emailCreated).when(expire('2026-11-28T23:59:59.000Z'))()).toEqual([]);
      expect(given(emailCreated).when(expire('2026-11-29T00:00:00.000Z'))()).toEqual([
        { type: 'subscription.deleted', data: { subscriptionId: ID, reason: 'unconfirmed' } },
      ]);
      expect(given(emailCreated, confirmed).when(expire('2026-12-30T00:00:00.000Z'))()).toEqual([]);
      expect(given(emailCreated, deleted).when(expire('2026-12-30T00:00:00.000Z'))()).toEqual([]);
    });

    it('refuses a digest schedule for a webhook subscription', () => {
      expect(given(created).when(update({ schedule: DAILY }))).toThrow(
        SubscriptionChannelMismatchError,
      );
    });
  });

  describe('pause and resume', () => {
    it('pauses an active subscription, once', () => {
      expect(given(created).when(pause)()).toEqual([paused]);
      expect(given(created, paused).when(pause)()).toEqual([]);
      expect(given(created, paused).state?.status).toBe('paused');
    });

    it('keeps why Vigil paused it, until it is resumed', () => {
      const refused: KnownNewEvent = {
        type: 'subscription.paused',
        data: { subscriptionId: ID, reason: 'SMTP 550: no such mailbox' },
      };
      const pauseRefused: SubscriptionCommand = {
        type: 'pause',
        subscriptionId: ID,
        reason: 'SMTP 550: no such mailbox',
      };

      expect(given(emailCreated, confirmed).when(pauseRefused)()).toEqual([refused]);
      expect(given(emailCreated, confirmed, refused).state?.statusReason).toBe(
        'SMTP 550: no such mailbox',
      );
      expect(given(emailCreated, confirmed, refused, resumed).state?.statusReason).toBeNull();
    });

    it('leaves a suspended subscription suspended when asked to pause', () => {
      expect(given(created, suspended).when(pause)()).toEqual([]);
    });

    it('resumes a paused subscription, and does nothing to an active one', () => {
      expect(given(created, paused).when(resume)()).toEqual([resumed]);
      expect(given(created).when(resume)()).toEqual([]);
      expect(given(created, paused, resumed).when(resume)()).toEqual([]);
    });

    it('lifts a suspension on resume', () => {
      expect(given(created, suspended).when(resume)()).toEqual([resumed]);
      expect(given(created, suspended, resumed).state?.status).toBe('active');
    });
  });

  describe('suspend', () => {
    it('suspends an active or a paused subscription', () => {
      expect(given(created).when(suspend)()).toEqual([suspended]);
      expect(given(created, paused).when(suspend)()).toEqual([suspended]);
      expect(
        given(created).when({ type: 'suspend', subscriptionId: ID, reason: 'gone' })(),
      ).toEqual([{ type: 'subscription.suspended', data: { subscriptionId: ID, reason: 'gone' } }]);
    });

    it('suspends once', () => {
      expect(given(created, suspended).when(suspend)()).toEqual([]);
      expect(given(created, suspended).state?.status).toBe('suspended');
    });

    it('appends nothing for a subscription deleted meanwhile', () => {
      expect(given(created, deleted).when(suspend)()).toEqual([]);
    });
  });

  describe('delete', () => {
    it('deletes a subscription in any live status', () => {
      expect(given(created).when(remove)()).toEqual([deleted]);
      expect(given(created, paused).when(remove)()).toEqual([deleted]);
      expect(given(created, suspended).when(remove)()).toEqual([deleted]);
      expect(given(created, deleted).state?.status).toBe('deleted');
    });

    it('unsubscribes once: a second click on the link is no error', () => {
      const unsubscribed: KnownNewEvent = {
        type: 'subscription.deleted',
        data: { subscriptionId: ID, reason: 'unsubscribed' },
      };

      expect(given(emailCreated, confirmed).when(unsubscribe)()).toEqual([unsubscribed]);
      expect(given(emailCreated, confirmed, unsubscribed).when(unsubscribe)()).toEqual([]);
      expect(given().when(unsubscribe)).toThrow(SubscriptionNotFoundError);
    });

    it('takes no further commands once deleted, each one a not-found', () => {
      for (const command of [update({ minScore: 5 }), pause, resume, remove]) {
        const then = given(created, deleted).when(command);
        expect(then).toThrow(SubscriptionDeletedError);
        expect(then).toThrow(SubscriptionNotFoundError);
      }
    });
  });

  it('refuses commands for a subscription that was never created', () => {
    for (const command of [update({ minScore: 5 }), pause, resume, suspend, remove]) {
      const then = given().when(command);
      expect(then).toThrow(SubscriptionNotFoundError);
      expect(then).not.toThrow(SubscriptionDeletedError);
    }
  });

  it('folds nothing from events of other streams', () => {
    const registered: KnownNewEvent = {
      type: 'feed.registered',
      data: {
        feedId: 'ap-world',
        source: 'config',
        url: 'https://example.org/world.rss',
        title: 'World',
        intervalSeconds: null,
        enabled: true,
        allowPrivateNetwork: false,
      },
    };

    expect(given(registered).state).toBeNull();
    expect(given(created, registered).state).toEqual(given(created).state);
  });
});
