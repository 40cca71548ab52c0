import Handlebars from 'handlebars';
import { ALERT_HTML, ALERT_TEXT } from './templates/alert.template.js';
import { CONFIRMATION_HTML, CONFIRMATION_TEXT } from './templates/confirmation.template.js';
import { DIGEST_HTML, DIGEST_TEXT } from './templates/digest.template.js';
import { STYLE, type LinkStyle } from './templates/email-styles.js';
import { HTML_LAYOUT, TEXT_LAYOUT } from './templates/layout.template.js';
import { PAGE_HTML } from './templates/page.template.js';
import { TEST_EMAIL_HTML, TEST_EMAIL_TEXT } from './templates/test-email.template.js';
import type {
  AlertView,
  ConfirmationView,
  DigestView,
  PageView,
  TestEmailView,
} from './email-views.js';

/**
 * A Handlebars environment of our own, so that no other code's helpers or partials leak in.
 * Each template is compiled once per process (Handlebars compiles on first use), in strict
 * mode: a field a template names but a view lacks throws instead of vanishing from the email.
 */
const handlebars = Handlebars.create();

const HTML: CompileOptions = { strict: true };
/** A text part is not HTML: nothing in it is escaped, so `&` stays `&`. */
const TEXT: CompileOptions = { strict: true, noEscape: true };

/**
 * `{{#link url "style"}}content{{/link}}`: the content in a link when there is a URL, else the
 * content alone. Views hold only URLs that linkableUrl() let through, or null.
 */
handlebars.registerHelper(
  'link',
  function (this: unknown, href: unknown, style: LinkStyle, options: Handlebars.HelperOptions) {
    const content = options.fn(this);
    if (typeof href !== 'string') return new handlebars.SafeString(content);
    const escaped = handlebars.escapeExpression(href);
    return new handlebars.SafeString(`<a href="${escaped}" style="${STYLE[style]}">${content}</a>`);
  },
);

// Compiled here rather than registered as source: a partial registered as source is compiled
// with the options of whichever template uses it first, and HTML and text differ in escaping.
handlebars.registerPartial('htmlLayout', handlebars.compile(HTML_LAYOUT, HTML));
handlebars.registerPartial('textLayout', handlebars.compile(TEXT_LAYOUT, TEXT));

export interface EmailTemplate<View> {
  readonly html: HandlebarsTemplateDelegate<View>;
  readonly text: HandlebarsTemplateDelegate<View>;
}

function emailTemplate<View>(html: string, text: string): EmailTemplate<View> {
  return {
    html: handlebars.compile<View>(html, HTML),
    text: handlebars.compile<View>(text, TEXT),
  };
}

export const TEMPLATES = {
  alert: emailTemplate<AlertView>(ALERT_HTML, ALERT_TEXT),
  digest: emailTemplate<DigestView>(DIGEST_HTML, DIGEST_TEXT),
  confirmation: emailTemplate<ConfirmationView>(CONFIRMATION_HTML, CONFIRMATION_TEXT),
  test: emailTemplate<TestEmailView>(TEST_EMAIL_HTML, TEST_EMAIL_TEXT),
  page: handlebars.compile<PageView>(PAGE_HTML, HTML),
};

/** Escaped markup that templates insert as is: build it only from escaped pieces. */
export function trustedHtml(escapedHtml: string): Handlebars.SafeString {
  return new handlebars.SafeString(escapedHtml);
}

export function escapeHtml(text: string): string {
  return handlebars.escapeExpression(text);
}
