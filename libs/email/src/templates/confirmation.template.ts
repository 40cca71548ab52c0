import { STYLE } from './email-styles.js';

/** Double opt-in; the context is a ConfirmationView (render-email.ts). */
export const CONFIRMATION_HTML = `{{#> htmlLayout}}
<h1 style="${STYLE.h1}">Confirm your Vigil alerts</h1>
<p style="${STYLE.paragraph}">Please confirm that you want Vigil alerts on <strong>{{topics}}</strong> ({{frequency}}) sent to {{address}}.</p>
{{#if confirmUrl}}
<table role="presentation" cellpadding="0" cellspacing="0" border="0" style="${STYLE.buttonTable}">
<tr><td style="${STYLE.buttonCell}"><a href="{{confirmUrl}}" style="${STYLE.button}">Confirm subscription</a></td></tr>
</table>
<p style="${STYLE.small}">Or open this link: {{#link confirmUrl "link"}}{{confirmUrl}}{{/link}}</p>
{{/if}}
<p style="${STYLE.paragraph}">The link expires on {{expiresAt}}. Until you confirm, nothing will be sent to you.</p>
<p style="${STYLE.paragraph}">If you did not ask for these alerts, ignore this email and you will not hear from us again.</p>
{{/htmlLayout}}`;

export const CONFIRMATION_TEXT = `{{#> textLayout}}
Confirm your Vigil alerts

Please confirm that you want Vigil alerts on {{topics}} ({{frequency}}) sent to {{address}}.
{{#if confirmUrl}}

Confirm your subscription by opening this link:
{{confirmUrl}}
{{/if}}

The link expires on {{expiresAt}}. Until you confirm, nothing will be sent to you.

If you did not ask for these alerts, ignore this email and you will not hear from us again.
{{/textLayout}}`;
