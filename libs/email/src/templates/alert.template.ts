import { STYLE } from './email-styles.js';

/** One alert or corroboration; the context is an AlertView (render-email.ts). */
export const ALERT_HTML = `{{#> htmlLayout}}
<p style="${STYLE.eyebrow}">{{eyebrow}}</p>
<h1 style="${STYLE.h1}">{{#link titleUrl "headingLink"}}{{title}}{{/link}}</h1>
{{#if update}}
<div style="${STYLE.update}">
<p style="${STYLE.updateLabel}">Another source reports:</p>
<p style="${STYLE.updateTitle}">{{#link update.url "link"}}{{update.title}}{{/link}}</p>
<p style="${STYLE.updateMeta}">{{meta}}</p>
</div>
{{else}}
<p style="${STYLE.meta}">{{meta}}</p>
{{/if}}
{{#if filedUnder}}
<div style="${STYLE.update}">
<p style="${STYLE.updateLabel}">Possibly a new story: Vigil filed it under an earlier alert.</p>
<p style="${STYLE.updateTitle}">{{#link filedUnder.url "link"}}{{filedUnder.title}}{{/link}}</p>
</div>
{{/if}}
{{#if summary}}
<p style="${STYLE.summary}">{{summary.html}}</p>
{{/if}}
{{#if readUrl}}
<table role="presentation" cellpadding="0" cellspacing="0" border="0" style="${STYLE.buttonTable}">
<tr><td style="${STYLE.buttonCell}"><a href="{{readUrl}}" style="${STYLE.button}">Read the report</a></td></tr>
</table>
{{/if}}
{{#if sources}}
<h2 style="${STYLE.h2}">{{sourcesHeading}}</h2>
{{#each sources}}
<p style="${STYLE.source}"><span style="${STYLE.sourceName}">{{name}}</span>{{#link url "link"}}{{title}}{{/link}}</p>
{{/each}}
{{/if}}
{{#if reasons}}
<h2 style="${STYLE.h2}">Why it matched</h2>
{{#each reasons}}
<p style="${STYLE.reason}"><strong>{{topic}}</strong>: rule <code style="${STYLE.code}">{{rule}}</code>{{#if terms}} matched {{terms.html}}{{/if}}</p>
{{/each}}
{{/if}}
{{#if alertUrl}}
<p style="${STYLE.alertLink}">{{#link alertUrl "link"}}View this alert in Vigil{{/link}}</p>
{{/if}}
{{/htmlLayout}}`;

export const ALERT_TEXT = `{{#> textLayout}}
{{eyebrow}}

{{title}}
{{#if titleUrl}}
{{titleUrl}}
{{/if}}
{{#if update}}

Another source reports:
{{update.title}}
{{#if update.url}}
{{update.url}}
{{/if}}
{{/if}}

{{meta}}
{{#if filedUnder}}

Possibly a new story: Vigil filed it under an earlier alert.
{{filedUnder.title}}
{{#if filedUnder.url}}
{{filedUnder.url}}
{{/if}}
{{/if}}

{{#if summary}}
{{summary.text}}
{{/if}}

{{#if sources}}
{{sourcesHeading}}
{{#each sources}}
- {{name}}: {{title}}
{{#if url}}
  {{url}}
{{/if}}
{{/each}}
{{/if}}
{{#if reasons}}

Why it matched
{{#each reasons}}
- {{topic}}: rule {{rule}}{{#if terms}} matched {{terms.text}}{{/if}}
{{/each}}
{{/if}}
{{#if alertUrl}}

View this alert in Vigil: {{alertUrl}}
{{/if}}
{{/textLayout}}`;
