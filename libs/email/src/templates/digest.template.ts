import { STYLE } from './email-styles.js';

/** A period's alerts grouped by topic; the context is a DigestView (render-email.ts). */
export const DIGEST_HTML = `{{#> htmlLayout}}
<p style="${STYLE.eyebrow}">{{eyebrow}}</p>
<h1 style="${STYLE.h1}">{{heading}}</h1>
<p style="${STYLE.meta}">{{period}}</p>
{{#unless groups}}
<p style="${STYLE.paragraph}">Nothing matched your topics in this period.</p>
{{/unless}}
{{#each groups}}
<h2 style="${STYLE.h2}">{{topic}} · {{count}}</h2>
{{#each alerts}}
<div style="${STYLE.digestAlert}">
<h3 style="${STYLE.h3}">{{#link url "titleLink"}}{{title}}{{/link}}</h3>
<p style="${STYLE.digestMeta}">{{meta}}</p>
{{#if summary}}
<p style="${STYLE.digestSummary}">{{summary.html}}</p>
{{/if}}
{{#each reasons}}
<p style="${STYLE.digestReason}">Why: {{topic}}, rule {{rule}}{{#if terms}} matched {{terms.text}}{{/if}}</p>
{{/each}}
</div>
{{/each}}
{{/each}}
{{/htmlLayout}}`;

export const DIGEST_TEXT = `{{#> textLayout}}
{{eyebrow}}: {{heading}}
{{period}}
{{#unless groups}}

Nothing matched your topics in this period.
{{/unless}}
{{#each groups}}


{{topic}} · {{count}}
{{underline}}
{{#each alerts}}

* {{title}}
{{#if url}}
  {{url}}
{{/if}}
  {{meta}}
{{#if summary}}
  {{summary.text}}
{{/if}}
{{#each reasons}}
  Why: {{topic}}, rule {{rule}}{{#if terms}} matched {{terms.text}}{{/if}}
{{/each}}
{{/each}}
{{/each}}
{{/textLayout}}`;
