/** Half of a UTF-16 surrogate pair whose other half is missing. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const LONE_SURROGATES = new RegExp(LONE_SURROGATE.source, 'g');

/**
 * What no event can hold, whichever store: PostgreSQL (and PGlite) refuse U+0000 in text and
 * jsonb, and JSON that holds half a surrogate pair (half a character, with no UTF-8 form).
 * Names the first such character in `text`, or undefined when it is storable.
 */
export function unstorableCharacter(text: string): string | undefined {
  if (text.includes('\u0000')) return 'U+0000 (NUL)';
  if (LONE_SURROGATE.test(text)) return 'a lone UTF-16 surrogate (not a character)';
  return undefined;
}

/**
 * `text` made storable: U+0000 is dropped (it is never text); a lone surrogate, half a
 * character whose other half is lost, becomes U+FFFD, as a UTF-8 encoder writes it (so an
 * identity hashes as before). Nothing else changes.
 */
export function storableText(text: string): string {
  return text.replaceAll('\u0000', '').replace(LONE_SURROGATES, '\ufffd');
}
