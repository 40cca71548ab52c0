/**
 * Resolves a link from a feed against the feed's address and keeps it only if it is http(s):
 * `javascript:`, `data:`, `file:` and the like never reach a notification.
 */
export function safeLink(href: string | undefined, base: string): string | null {
  const trimmed = href?.trim();
  if (!trimmed) return null;
  const url = URL.parse(trimmed, URL.canParse(base) ? base : undefined);
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:') || !url.hostname) return null;
  return url.href;
}
