import type { RequestHandler } from 'express';

/**
 * The paths whose answers carry secrets, tokens or an operator's view: the subscription
 * routes (the 201 that shows a webhook secret and a token once), the email links (a token in
 * the URL) and everything under /admin (the dashboard's sign-in, its session, the event log).
 */
const PRIVATE_PATHS = /^\/(admin|v1\/subscriptions|v1\/unsubscribe)(\/|$)/;

/**
 * `Cache-Control: no-store` on every answer under PRIVATE_PATHS, errors included, so no browser
 * or proxy keeps a copy. Set before the handler runs: a handler that knows better (the alert
 * stream's `no-cache`) still sets its own.
 */
export function noStoreForPrivatePaths(): RequestHandler {
  return (request, response, next) => {
    if (PRIVATE_PATHS.test(request.path)) response.setHeader('Cache-Control', 'no-store');
    next();
  };
}
