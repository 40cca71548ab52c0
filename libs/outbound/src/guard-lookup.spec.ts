import type { LookupAddress, LookupOptions } from 'node:dns';
import type { LookupFunction } from 'node:net';
import { describe, expect, it } from '@jest/globals';
import { BlockedAddressError } from './blocked-address.error.js';
import { guardLookup, ipLiteral } from './guard-lookup.js';
import { isPublicAddress } from './is-public-address.js';

const ZONE: Readonly<Record<string, LookupAddress[]>> = {
  'public.test': [
    { address: '93.184.215.14', family: 4 },
    { address: '2606:2800:21f:cb07:6820:80da:af6b:8b2c', family: 6 },
  ],
  'split.test': [
    { address: '93.184.215.14', family: 4 },
    { address: '10.0.0.8', family: 4 },
  ],
  'metadata.test': [{ address: '169.254.169.254', family: 4 }],
};

/** A resolver over ZONE that records the options it was asked with. */
function zoneResolver(asked: LookupOptions[]): LookupFunction {
  return (hostname, options, callback) => {
    asked.push(options);
    const addresses = ZONE[hostname];
    if (addresses) callback(null, addresses);
    else callback(Object.assign(new Error(`no ${hostname}`), { code: 'ENOTFOUND' }), '');
  };
}

function lookup(
  hostname: string,
  options: LookupOptions,
): Promise<{ error: NodeJS.ErrnoException | null; address: unknown; family?: number }> {
  const asked: LookupOptions[] = [];
  const guarded = guardLookup(zoneResolver(asked), isPublicAddress);
  return new Promise((resolve) => {
    guarded(hostname, options, (error, address, family) => {
      expect(asked).toEqual([{ ...options, all: true }]);
      resolve({ error, address, family });
    });
  });
}

describe('guardLookup', () => {
  it('passes every address through when all are allowed and all were asked for', async () => {
    const result = await lookup('public.test', { all: true, hints: 32 });
    expect(result.error).toBeNull();
    expect(result.address).toEqual(ZONE['public.test']);
  });

  it('answers with the first address when one was asked for', async () => {
    const result = await lookup('public.test', { family: 0 });
    expect(result).toEqual({ error: null, address: '93.184.215.14', family: 4 });
  });

  it('refuses a host when any of its addresses is not allowed', async () => {
    const { error } = await lookup('split.test', { all: true });
    expect(error).toBeInstanceOf(BlockedAddressError);
    expect(error?.message).toBe('split.test resolves to 10.0.0.8, which is not a public address');
  });

  it('refuses a host that resolves to the metadata address', async () => {
    const { error } = await lookup('metadata.test', {});
    expect(error).toBeInstanceOf(BlockedAddressError);
  });

  it("passes the resolver's own errors through", async () => {
    const { error } = await lookup('missing.test', { all: true });
    expect(error?.code).toBe('ENOTFOUND');
  });
});

describe('ipLiteral', () => {
  it.each([
    ['127.0.0.1', '127.0.0.1'],
    ['[::1]', '::1'],
    ['[fd00:ec2::254]', 'fd00:ec2::254'],
  ])('reads the address in the host %j', (hostname, address) => {
    expect(ipLiteral(hostname)).toBe(address);
  });

  it.each(['localhost', 'hooks.example.org', '[not-an-address]'])(
    'gives undefined for the name %j, which only DNS can place',
    (hostname) => {
      expect(ipLiteral(hostname)).toBeUndefined();
    },
  );
});
