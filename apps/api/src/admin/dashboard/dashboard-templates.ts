import Handlebars from 'handlebars';
import type { DashboardView } from './dashboard-view.js';
import { LAYOUT_HTML } from './templates/layout.template.js';
import { LOGIN_HTML, MESSAGE_HTML } from './templates/login.template.js';
import { OVERVIEW_HTML, TIME_HTML } from './templates/overview.template.js';

/**
 * A Handlebars environment of the dashboard's own, in strict mode (a field a view lacks
 * throws rather than vanishing) and with default escaping: feed titles, URLs, error messages
 * and alert titles come from the outside world and are never inserted as markup.
 */
const handlebars = Handlebars.create();
const STRICT: CompileOptions = { strict: true };

handlebars.registerPartial('layout', handlebars.compile(LAYOUT_HTML, STRICT));
handlebars.registerPartial('time', handlebars.compile(TIME_HTML, STRICT));

interface PageFrame {
  readonly title: string;
  /** Whether the page reloads itself every 30 s. */
  readonly refresh: boolean;
}

const overview = handlebars.compile<
  DashboardView & PageFrame & { csrfToken: string; notice: string | null }
>(OVERVIEW_HTML, STRICT);
const login = handlebars.compile<PageFrame & { error: string | null }>(LOGIN_HTML, STRICT);
const message = handlebars.compile<PageFrame & { message: string }>(MESSAGE_HTML, STRICT);

export function renderOverview(
  view: DashboardView,
  options: { readonly csrfToken: string; readonly notice: string | null },
): string {
  return overview({ ...view, ...options, title: 'Operations', refresh: true });
}

export function renderLogin(error: string | null): string {
  return login({ title: 'Sign in', refresh: false, error });
}

export function renderMessage(title: string, text: string): string {
  return message({ title, refresh: false, message: text });
}
