import { describe, expect, it } from '@jest/globals';
import { undecodableParts } from './request-target.middleware.js';

const MESSAGE = 'is not valid percent-encoding of UTF-8 text';

describe('undecodableParts', () => {
  it.each([
    '/v1/alerts',
    '/v1/alerts?',
    '/v1/alerts?topic=red-notice&limit=5',
    '/v1/alerts?topic=caf%C3%A9+cr%C3%A8me',
    '/v1/alerts/%F0%9F%9A%A8',
    '/v1/subscriptions/a%00b',
    '/v1/alerts?topic=%00',
    '/v1/alerts?flag&&topic=',
    '/v1/alerts?type=a&type=b',
    '/v1/alerts?a=b=c',
  ])('accepts %s', (target) => {
    expect(undecodableParts(target)).toEqual([]);
  });

  it.each([
    ['/admin/feeds/%E0%A4%A', [{ field: '(path)', message: MESSAGE }]],
    ['/admin/feeds/%', [{ field: '(path)', message: MESSAGE }]],
    ['/admin/feeds/%zz', [{ field: '(path)', message: MESSAGE }]],
    ['/v1/alerts/%ED%A0%80', [{ field: '(path)', message: MESSAGE }]],
    ['/v1/alerts/%C0%AF', [{ field: '(path)', message: MESSAGE }]],
    ['/v1/alerts?topic=%FF', [{ field: 'topic', message: MESSAGE }]],
    ['/v1/alerts?since=2026%', [{ field: 'since', message: MESSAGE }]],
    ['/v1/alerts?%E0=x', [{ field: '(query)', message: `a parameter name ${MESSAGE}` }]],
    [
      '/x/%FF?limit=%ED%A0%80&topic=ok&cursor=%',
      [
        { field: '(path)', message: MESSAGE },
        { field: 'limit', message: MESSAGE },
        { field: 'cursor', message: MESSAGE },
      ],
    ],
  ])('refuses %s, naming each part', (target, details) => {
    expect(undecodableParts(target)).toEqual(details);
  });
});
