/**
 * Query parameters that say where a reader came from, not what they read. `ref` stays: it is
 * sometimes the resource itself (`?ref=<branch>`), and wrongly merging two items loses one for
 * good, while a missed merge costs at most a duplicate that the fingerprint catches.
 */
const TRACKING_PARAMETERS = new Set([
  '_ga',
  '_gl',
  '_hsenc',
  '_hsmi',
  '__hssc',
  '__hstc',
  '__hsfp',
  'dclid',
  'fbclid',
  'gbraid',
  'gclid',
  'gclsrc',
  'igshid',
  'mc_cid',
  'mc_eid',
  'mkt_tok',
  'msclkid',
  'oly_anon_id',
  'oly_enc_id',
  'rb_clickid',
  'ref_src',
  'ref_url',
  's_cid',
  'twclid',
  'vero_conv',
  'vero_id',
  'wbraid',
  'wt.mc_id',
  'yclid',
]);

/**
 * The form of a link used as an item's identity: scheme and host lower-case (URL does that),
 * default port, fragment and tracking parameters dropped, remaining parameters sorted. Text that
 * is not an absolute URL is returned trimmed.
 */
export function canonicalLink(url: string): string {
  const parsed = URL.parse(url.trim());
  if (!parsed) return url.trim();
  parsed.hash = '';
  const kept = [...parsed.searchParams].filter(([name]) => !isTracking(name));
  const params = new URLSearchParams(kept);
  params.sort();
  parsed.search = params.size > 0 ? params.toString() : '';
  return parsed.href;
}

function isTracking(name: string): boolean {
  const lower = name.toLowerCase();
  return lower.startsWith('utm_') || TRACKING_PARAMETERS.has(lower);
}
