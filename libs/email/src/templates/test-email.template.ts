import { STYLE } from './email-styles.js';

/** The answer to POST /v1/subscriptions/:id/test; the context is a TestEmailView. */
export const TEST_EMAIL_HTML = `{{#> htmlLayout}}
<h1 style="${STYLE.h1}">This is a test from Vigil</h1>
<p style="${STYLE.paragraph}">If you can read this, Vigil can reach {{address}}.</p>
<p style="${STYLE.paragraph}">Alerts on <strong>{{topics}}</strong> will arrive here as {{frequency}}.</p>
{{/htmlLayout}}`;

export const TEST_EMAIL_TEXT = `{{#> textLayout}}
This is a test from Vigil

If you can read this, Vigil can reach {{address}}.

Alerts on {{topics}} will arrive here as {{frequency}}.
{{/textLayout}}`;
