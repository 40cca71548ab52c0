/** The load issue 17 names, shared by bench:e2e and bench:soak so the two measure the same. */
export const FEEDS = 500;
export const WEBHOOKS = 100;
export const MAILBOXES = 20;
export const GENERATED_RULES = 5_000;
/** Items per second published in the steady phase, unless `--rate` says otherwise. */
export const DEFAULT_RATE = 5;
export const WATCHLIST_SHARE = 0.2;
/** A phase ends when nothing owed arrived for this long. */
export const STALL_MS = 30_000;
