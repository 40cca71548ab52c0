import { describe, expect, it } from '@jest/globals';
import { captureDestination } from '../../test/capture-destination.js';
import { createLogger } from './create-logger.js';
import { REDACTED_PATHS } from './redacted-paths.js';

const json = { logLevel: 'info', logFormat: 'json' } as const;

describe('createLogger (json)', () => {
  it('writes one parseable JSON object per line, with the service and an ISO time', () => {
    const destination = captureDestination();
    const logger = createLogger(json, destination);
    logger.info({ feedId: 'feed-1' }, 'feed polled');
    logger.warn('second line');

    const text = destination.chunks.join('');
    const lines = text.split('\n').filter((line) => line !== '');
    expect(lines).toHaveLength(2);
    const [first] = destination.records();
    expect(first).toMatchObject({
      level: 30,
      service: 'vigil',
      feedId: 'feed-1',
      msg: 'feed polled',
    });
    expect(typeof first?.time).toBe('string');
    expect(new Date(first?.time as string).toISOString()).toBe(first?.time);
  });

  it('drops lines below the configured level', () => {
    const destination = captureDestination();
    const logger = createLogger({ logLevel: 'warn', logFormat: 'json' }, destination);
    logger.info('hidden');
    logger.error('shown');
    expect(destination.records().map((record) => record.msg)).toEqual(['shown']);
  });

  it.each([
    [{ token: 'abc-clear' }, ['abc-clear']],
    [{ req: { headers: { authorization: 'Bearer x-clear' } } }, ['Bearer x-clear']],
    [{ req: { headers: { cookie: 'session=cookie-clear' } } }, ['cookie-clear']],
    [{ req: { headers: { 'webhook-signature': 'v1,sig-clear' } } }, ['v1,sig-clear']],
    [{ res: { headers: { 'set-cookie': 'session=set-clear' } } }, ['set-clear']],
    [{ subscription: { secret: 'whsec_clear' } }, ['whsec_clear']],
    [{ job: { data: { password: 'pw-clear' } } }, ['pw-clear']],
    [{ adminToken: 'admin-clear', apiKey: 'key-clear' }, ['admin-clear', 'key-clear']],
    [
      { delivery: { signature: 'sig-clear', authorization: 'auth-clear' } },
      ['sig-clear', 'auth-clear'],
    ],
  ])('redacts %j', (fields, clearValues) => {
    const destination = captureDestination();
    createLogger(json, destination).info(fields, 'with a secret');
    const text = destination.chunks.join('');
    for (const clear of clearValues) {
      expect(text).not.toContain(clear);
    }
    expect(text.match(/"\[redacted\]"/g)).toHaveLength(clearValues.length);
  });

  it('keeps the shape and the other fields of a redacted object', () => {
    const destination = captureDestination();
    createLogger(json, destination).info(
      { subscription: { id: 'sub-1', secret: 'whsec_x' }, req: { headers: { host: 'a' } } },
      'created',
    );
    expect(destination.records()[0]).toMatchObject({
      subscription: { id: 'sub-1', secret: '[redacted]' },
      req: { headers: { host: 'a' } },
    });
  });

  it('covers each secret key at the top level and two levels down', () => {
    for (const key of [
      'secret',
      'token',
      'password',
      'signature',
      'authorization',
      'adminToken',
      'apiKey',
    ]) {
      expect(REDACTED_PATHS).toEqual(expect.arrayContaining([key, `*.${key}`, `*.*.${key}`]));
    }
  });
});

describe('createLogger (pretty)', () => {
  it('writes human-readable lines at once, still redacted', () => {
    const destination = captureDestination();
    const logger = createLogger({ logLevel: 'info', logFormat: 'pretty' }, destination);
    logger.info({ token: 'abc-clear', feedId: 'feed-1' }, 'feed polled');

    const text = destination.chunks.join('');
    expect(text).toMatch(/INFO.*feed polled/);
    expect(text).toContain('feedId: "feed-1"');
    expect(text).toContain('[redacted]');
    expect(text).not.toContain('abc-clear');
    expect(() => JSON.parse(text) as unknown).toThrow();
  });
});
