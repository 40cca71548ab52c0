/**
 * Inline styles of the HTML emails. Mail clients drop <style> blocks and external sheets, so
 * every element carries its own; these constants keep the templates readable and consistent.
 */
const FONT = "-apple-system,BlinkMacSystemFont,'Segoe UI',Roboto,Helvetica,Arial,sans-serif";

export const COLOR = {
  page: '#f3f4f6',
  card: '#ffffff',
  border: '#e3e6ea',
  rule: '#eceef1',
  text: '#1f2328',
  muted: '#59636e',
  link: '#0b57d0',
  button: '#1f2328',
  mark: '#fff0a6',
} as const;

/** Long words and URLs break rather than widen the layout past a phone's screen. */
const BREAK_LONG_WORDS = 'overflow-wrap:anywhere;word-break:break-word;';

export const STYLE = {
  body: `margin:0;padding:0;background-color:${COLOR.page};-webkit-text-size-adjust:100%;`,
  outer: `width:100%;background-color:${COLOR.page};`,
  outerCell: 'padding:24px 12px;',
  column: 'width:100%;max-width:600px;',
  brand: `padding:0 4px 12px;font-family:${FONT};font-size:14px;font-weight:700;letter-spacing:0.08em;color:${COLOR.text};`,
  card: `background-color:${COLOR.card};border:1px solid ${COLOR.border};border-radius:8px;padding:28px 24px 12px;font-family:${FONT};font-size:16px;line-height:1.55;color:${COLOR.text};${BREAK_LONG_WORDS}`,
  footer: `padding:20px 8px 8px;font-family:${FONT};font-size:13px;line-height:1.5;color:${COLOR.muted};${BREAK_LONG_WORDS}`,
  footerParagraph: 'margin:0 0 8px;',
  footerLink: `color:${COLOR.muted};text-decoration:underline;`,
  eyebrow: `margin:0 0 8px;font-size:12px;font-weight:600;letter-spacing:0.06em;text-transform:uppercase;color:${COLOR.muted};`,
  h1: `margin:0 0 8px;font-size:22px;line-height:1.3;font-weight:700;color:${COLOR.text};`,
  h2: `margin:28px 0 12px;padding-top:20px;border-top:1px solid ${COLOR.rule};font-size:13px;font-weight:700;letter-spacing:0.06em;text-transform:uppercase;color:${COLOR.muted};`,
  h3: `margin:0 0 4px;font-size:17px;line-height:1.35;font-weight:600;color:${COLOR.text};`,
  paragraph: 'margin:0 0 16px;',
  meta: `margin:0 0 16px;font-size:14px;color:${COLOR.muted};`,
  digestMeta: `margin:0 0 6px;font-size:13px;color:${COLOR.muted};`,
  summary: 'margin:0 0 16px;',
  digestSummary: 'margin:0 0 6px;font-size:15px;',
  update: `margin:0 0 16px;padding:12px 14px;border-left:3px solid ${COLOR.border};background-color:#f8f9fa;`,
  updateLabel: `margin:0 0 4px;font-size:13px;color:${COLOR.muted};`,
  updateTitle: 'margin:0;font-weight:600;',
  updateMeta: `margin:4px 0 0;font-size:14px;color:${COLOR.muted};`,
  source: 'margin:0 0 12px;',
  sourceName: `display:block;font-size:13px;color:${COLOR.muted};`,
  reason: 'margin:0 0 8px;font-size:15px;',
  digestReason: `margin:0;font-size:13px;color:${COLOR.muted};`,
  digestAlert: 'margin:0 0 20px;',
  code: `font-family:SFMono-Regular,Menlo,Consolas,monospace;font-size:13px;background-color:#f1f3f5;border-radius:4px;padding:1px 5px;`,
  link: `color:${COLOR.link};text-decoration:underline;`,
  headingLink: `color:${COLOR.text};text-decoration:none;`,
  titleLink: `color:${COLOR.link};text-decoration:none;`,
  buttonTable: 'margin:8px 0 20px;',
  buttonCell: `border-radius:6px;background-color:${COLOR.button};`,
  button: `display:inline-block;padding:12px 22px;font-family:${FONT};font-size:16px;font-weight:600;line-height:1.2;color:#ffffff;text-decoration:none;border-radius:6px;`,
  small: `margin:0 0 16px;font-size:14px;color:${COLOR.muted};`,
  alertLink: 'margin:20px 0 16px;font-size:14px;',
  mark: `background-color:${COLOR.mark};color:${COLOR.text};padding:0 2px;border-radius:2px;`,
  preheader: 'display:none;max-height:0;max-width:0;overflow:hidden;opacity:0;mso-hide:all;',
} as const;

/** Named styles a template may pass to the `link` helper. */
export type LinkStyle = 'link' | 'headingLink' | 'titleLink' | 'footerLink';
