import { describe, expect, it } from '@jest/globals';
import {
  ADMIN_SESSION_COOKIE,
  csrfTokenMatches,
  hasAdminSession,
  issueAdminSession,
  readAdminSession,
  sessionCookieHeader,
} from './admin-session.js';

const TOKEN = 'admin-token-for-session-tests';
const NOW = new Date('2026-11-20T10:00:00Z');
const cookie = (value: string) => `other=1; ${ADMIN_SESSION_COOKIE}=${value}`;

describe('the dashboard session cookie', () => {
  it('reads back the session it issued, with the same CSRF token, until it expires', () => {
    const { cookieValue, session } = issueAdminSession(TOKEN, NOW);
    expect(cookieValue).not.toContain(TOKEN);
    const read = readAdminSession(cookie(cookieValue), TOKEN, new Date('2026-11-20T21:59:00Z'));
    expect(read).toEqual(session);
    expect(readAdminSession(cookie(cookieValue), TOKEN, new Date('2026-11-20T22:00:00Z'))).toBe(
      null,
    );
  });

  it('refuses a cookie signed for another admin token, or altered', () => {
    const { cookieValue } = issueAdminSession(TOKEN, NOW);
    expect(readAdminSession(cookie(cookieValue), 'rotated-token', NOW)).toBe(null);
    const [expiry, csrf, mac] = cookieValue.split('.') as [string, string, string];
    const later = `${Number(expiry) + 86_400}.${csrf}.${mac}`;
    expect(readAdminSession(cookie(later), TOKEN, NOW)).toBe(null);
    expect(readAdminSession(undefined, TOKEN, NOW)).toBe(null);
    expect(readAdminSession(cookie(TOKEN), TOKEN, NOW)).toBe(null);
  });

  it('gives each session its own CSRF token and accepts only that one', () => {
    const first = issueAdminSession(TOKEN, NOW).session;
    const second = issueAdminSession(TOKEN, NOW).session;
    expect(first.csrfToken).not.toBe(second.csrfToken);
    expect(csrfTokenMatches(first, first.csrfToken)).toBe(true);
    expect(csrfTokenMatches(first, second.csrfToken)).toBe(false);
    expect(csrfTokenMatches(first, undefined)).toBe(false);
    expect(csrfTokenMatches(first, [first.csrfToken])).toBe(false);
  });

  it('lets other admin pages check a request for a session; none while no token is set', () => {
    const { cookieValue } = issueAdminSession(TOKEN, NOW);
    const request = { headers: { cookie: cookie(cookieValue) } };
    expect(hasAdminSession(request, { adminToken: TOKEN }, NOW)).toBe(true);
    expect(hasAdminSession(request, {}, NOW)).toBe(false);
    expect(hasAdminSession({ headers: {} }, { adminToken: TOKEN }, NOW)).toBe(false);
  });

  it('is HttpOnly, SameSite=Strict, for /admin only, and Secure over https', () => {
    expect(sessionCookieHeader('v', false)).toBe(
      `${ADMIN_SESSION_COOKIE}=v; Path=/admin; Max-Age=43200; HttpOnly; SameSite=Strict`,
    );
    expect(sessionCookieHeader('v', true)).toMatch(/; Secure$/);
  });
});
