import type { Request } from 'express';

/**
 * Whether a form POST comes from a page of this site: its Origin (or, when a browser sends
 * none, its Referer) is the origin the request was sent to or the configured PUBLIC_URL's (a
 * proxy in front may change the scheme or host). A POST with neither is refused: every
 * browser that the dashboard supports sends Origin on a POST. This backs up the CSRF token.
 */
export function isSameOriginPost(request: Request, publicUrl: string): boolean {
  const origin = request.get('origin') ?? originOf(request.get('referer'));
  if (origin === undefined || origin === 'null') return false;
  const host = request.get('host');
  const own = [originOf(publicUrl), host && `${request.protocol}://${host}`];
  return own.includes(origin);
}

function originOf(url: string | undefined): string | undefined {
  const parsed = url === undefined ? null : URL.parse(url);
  return parsed === null ? undefined : parsed.origin;
}
