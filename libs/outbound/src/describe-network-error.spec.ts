import { describe, expect, it } from '@jest/globals';
import { BlockedAddressError } from './blocked-address.error.js';
import { describeNetworkError } from './describe-network-error.js';

function systemError(code: string, message = code): NodeJS.ErrnoException {
  return Object.assign(new Error(message), { code });
}

describe('describeNetworkError', () => {
  it('finds our own refusal anywhere in the chain', () => {
    const error = new Error('connect failed', {
      cause: new BlockedAddressError('hooks.test', '10.0.0.1'),
    });
    expect(describeNetworkError(error, 'hooks.test')).toMatchObject({
      reason: 'blocked_address',
    });
  });

  it.each([
    ['UND_ERR_CONNECT_TIMEOUT', 'timeout'],
    ['ENOTFOUND', 'dns_error'],
    ['CERT_HAS_EXPIRED', 'tls_error'],
  ])('maps %s to %s', (code, reason) => {
    expect(describeNetworkError(systemError(code), 'hooks.test')).toMatchObject({ reason });
  });

  it('names the system code behind a connection error, even inside happy eyeballs', () => {
    const error = new AggregateError(
      [systemError('ECONNREFUSED'), systemError('ECONNREFUSED')],
      'every address refused',
    );
    expect(describeNetworkError(error, 'hooks.test')).toEqual({
      reason: 'connection_error',
      message: 'exchange with hooks.test failed (every address refused)',
      code: 'ECONNREFUSED',
    });
  });

  it('leaves the code out when the chain has none', () => {
    expect(describeNetworkError(new Error('socket hang up'), 'hooks.test')).toEqual({
      reason: 'connection_error',
      message: 'exchange with hooks.test failed (socket hang up)',
    });
  });

  it('gives undefined for an invalid argument, a bug to rethrow', () => {
    expect(describeNetworkError(systemError('UND_ERR_INVALID_ARG'), 'hooks.test')).toBeUndefined();
  });
});
