import { STYLE } from './email-styles.js';

/**
 * The frame of every HTML email: one centred column of at most 600px, tables for the clients
 * that ignore max-width on divs, the preheader clients show beside the subject, and the footer.
 * Context: { subject, preheader, footer: { reason, unsubscribeUrl } }.
 */
export const HTML_LAYOUT = `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light">
<meta name="supported-color-schemes" content="light">
<title>{{subject}}</title>
</head>
<body style="${STYLE.body}">
<div style="${STYLE.preheader}">{{preheader}}&#847;&zwnj;&nbsp;&#847;&zwnj;&nbsp;&#847;&zwnj;&nbsp;&#847;&zwnj;&nbsp;&#847;&zwnj;&nbsp;&#847;&zwnj;&nbsp;&#847;&zwnj;&nbsp;&#847;&zwnj;&nbsp;</div>
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="${STYLE.outer}">
<tr>
<td align="center" style="${STYLE.outerCell}">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="${STYLE.column}">
<tr>
<td style="${STYLE.brand}">VIGIL</td>
</tr>
<tr>
<td style="${STYLE.card}">
{{> @partial-block}}
</td>
</tr>
<tr>
<td style="${STYLE.footer}">
<p style="${STYLE.footerParagraph}">{{footer.reason}}</p>
<p style="${STYLE.footerParagraph}">{{#link footer.unsubscribeUrl "footerLink"}}Unsubscribe{{/link}} · To change topics or frequency, use the Vigil API with your subscription token.</p>
</td>
</tr>
</table>
</td>
</tr>
</table>
</body>
</html>
`;

/**
 * The frame of every plain-text email: the body, then the footer after a signature separator.
 * The link helper is not used here: in text a URL is written out in full.
 */
export const TEXT_LAYOUT = `{{> @partial-block}}

-- 
{{footer.reason}}
{{#if footer.unsubscribeUrl}}
Unsubscribe: {{footer.unsubscribeUrl}}
{{/if}}
To change topics or frequency, use the Vigil API with your subscription token.
`;
