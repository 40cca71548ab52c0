import { createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { VigilConfig } from '@app/platform';

/**
 * The dashboard's session: a signed cookie, so that no process keeps state another needs.
 * The value is `<expiry>.<csrf secret>.<mac>`, never the admin token. The signing key is
 * derived from the admin token, so rotating the token ends every session at once.
 */
export const ADMIN_SESSION_COOKIE = 'vigil_admin_session';

/** The path the cookie is sent to: the dashboard and the other /admin pages (the queues UI). */
export const ADMIN_SESSION_PATH = '/admin';

export const ADMIN_SESSION_HOURS = 12;

export interface AdminSession {
  readonly expiresAt: Date;
  /** Put in every dashboard form; a POST without it is refused (see csrfTokenMatches). */
  readonly csrfToken: string;
}

/** A new session from now: the cookie's value and what the pages need of it. */
export function issueAdminSession(
  adminToken: string,
  now: Date,
): { readonly cookieValue: string; readonly session: AdminSession } {
  const key = sessionKey(adminToken);
  const expiresAt = new Date(now.getTime() + ADMIN_SESSION_HOURS * 3_600_000);
  const csrfSecret = randomBytes(32).toString('base64url');
  const payload = `${Math.floor(expiresAt.getTime() / 1000)}.${csrfSecret}`;
  return {
    cookieValue: `${payload}.${mac(key, `session.${payload}`)}`,
    session: { expiresAt, csrfToken: mac(key, `csrf.${csrfSecret}`) },
  };
}

/** The session a `Cookie` header carries, or null when it has none, a forged or an expired one. */
export function readAdminSession(
  cookieHeader: string | undefined,
  adminToken: string,
  now: Date,
): AdminSession | null {
  const value = cookieValue(cookieHeader, ADMIN_SESSION_COOKIE);
  const match = /^(\d{1,12})\.([\w-]{43})\.([\w-]{43})$/.exec(value ?? '');
  if (!match) return null;
  const [, expiry, csrfSecret, presentedMac] = match as unknown as [string, string, string, string];
  const key = sessionKey(adminToken);
  if (!sameText(presentedMac, mac(key, `session.${expiry}.${csrfSecret}`))) return null;
  const expiresAt = new Date(Number(expiry) * 1000);
  if (expiresAt <= now) return null;
  return { expiresAt, csrfToken: mac(key, `csrf.${csrfSecret}`) };
}

/**
 * Whether a request carries a valid dashboard session: for other admin pages (the queues UI)
 * that a signed-in operator opens in the same browser. False while no admin token is set.
 */
export function hasAdminSession(
  request: Pick<IncomingMessage, 'headers'>,
  config: Pick<VigilConfig, 'adminToken'>,
  now: Date = new Date(),
): boolean {
  return (
    config.adminToken !== undefined &&
    readAdminSession(request.headers.cookie, config.adminToken, now) !== null
  );
}

/** Constant-time: a guess reveals nothing of the expected token by how long it took. */
export function csrfTokenMatches(session: AdminSession, presented: unknown): boolean {
  return typeof presented === 'string' && sameText(presented, session.csrfToken);
}

/** The Set-Cookie header of a session; `secure` when the dashboard is served over https. */
export function sessionCookieHeader(cookieValue: string, secure: boolean): string {
  return cookieHeader(cookieValue, `Max-Age=${ADMIN_SESSION_HOURS * 3600}`, secure);
}

/** The Set-Cookie header that ends a session in the browser. */
export function clearedSessionCookieHeader(secure: boolean): string {
  return cookieHeader('', 'Max-Age=0', secure);
}

function cookieHeader(value: string, maxAge: string, secure: boolean): string {
  return [
    `${ADMIN_SESSION_COOKIE}=${value}`,
    `Path=${ADMIN_SESSION_PATH}`,
    maxAge,
    'HttpOnly',
    'SameSite=Strict',
    ...(secure ? ['Secure'] : []),
  ].join('; ');
}

/** The key of this admin token's sessions: HKDF, so the token itself never signs anything. */
function sessionKey(adminToken: string): Buffer {
  return Buffer.from(
    hkdfSync('sha256', adminToken, 'vigil-admin-dashboard', 'session-signing-key', 32),
  );
}

function mac(key: Buffer, message: string): string {
  return createHmac('sha256', key).update(message).digest('base64url');
}

function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const pair of (header ?? '').split(';')) {
    const separator = pair.indexOf('=');
    if (separator > 0 && pair.slice(0, separator).trim() === name) {
      return pair.slice(separator + 1).trim();
    }
  }
  return undefined;
}
