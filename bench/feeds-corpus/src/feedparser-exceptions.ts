/**
 * Corpus files where Vigil discovers fewer items than Python feedparser has entries, on
 * purpose. Each is a decision, with its reason, documented in docs/feeds.md ("Held to
 * feedparser"); the suite fails when one is no longer needed, so the list cannot outlive them.
 */
export const FEEDPARSER_EXCEPTIONS: Readonly<Record<string, string>> = {};
