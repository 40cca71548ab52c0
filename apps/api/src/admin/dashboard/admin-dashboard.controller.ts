import {
  Body,
  Controller,
  Get,
  Inject,
  NotFoundException,
  Param,
  Post,
  Query,
  Req,
  Res,
} from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { VIGIL_CONFIG, type VigilConfig } from '@app/platform';
import { AdminTokenGuard } from '../admin-token.guard.js';
import { FailedAuthenticationLimiter } from '../../rate-limits/failed-authentication-limiter.service.js';
import { FeedCommandsService } from '../feeds/feed-commands.service.js';
import {
  clearedSessionCookieHeader,
  csrfTokenMatches,
  issueAdminSession,
  readAdminSession,
  sessionCookieHeader,
} from './admin-session.js';
import { renderLogin, renderMessage, renderOverview } from './dashboard-templates.js';
import { DashboardSnapshotService } from './dashboard-snapshot.service.js';
import { dashboardView } from './dashboard-view.js';
import { isSameOriginPost } from './same-origin-post.js';

/** Nothing but the page's own inline styles and forms; never framed. */
const DASHBOARD_HEADERS = {
  'Content-Type': 'text/html; charset=utf-8',
  'Cache-Control': 'no-store',
  'Content-Security-Policy':
    "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; img-src 'self' data:; frame-ancestors 'none'",
  // Not no-referrer: with it a browser sends `Origin: null` on the forms' POSTs.
  'Referrer-Policy': 'same-origin',
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
};

interface DashboardForm {
  readonly csrf?: unknown;
  readonly token?: unknown;
}

/**
 * `GET /admin`, the operators' page (SPEC.md §9), behind a sign-in with the admin token. The
 * session is a signed cookie (admin-session.ts); every form carries the session's CSRF token
 * and must come from this origin. The admin API itself still takes only the bearer token.
 */
@ApiExcludeController()
@Controller('admin')
export class AdminDashboardController {
  constructor(
    @Inject(VIGIL_CONFIG) private readonly config: VigilConfig,
    private readonly adminToken: AdminTokenGuard,
    private readonly snapshots: DashboardSnapshotService,
    private readonly feedCommands: FeedCommandsService,
    private readonly failures: FailedAuthenticationLimiter,
  ) {}

  @Get()
  async overview(
    @Req() request: Request,
    @Res() response: Response,
    @Query('polled') polled?: string,
  ): Promise<void> {
    if (this.config.adminToken === undefined) return this.closed(response);
    const session = readAdminSession(request.headers.cookie, this.config.adminToken, new Date());
    if (!session) {
      page(response, 200, renderLogin(null));
      return;
    }
    const snapshot = await this.snapshots.take();
    const polledFeed = snapshot.feeds.find(({ feed }) => feed.feedId === polled);
    const notice = polledFeed
      ? `A poll of ${polledFeed.feed.title ?? polledFeed.feed.feedId} was requested.`
      : null;
    page(
      response,
      200,
      renderOverview(dashboardView(snapshot), { csrfToken: session.csrfToken, notice }),
    );
  }

  @Post('login')
  async login(
    @Req() request: Request,
    @Res() response: Response,
    @Body() form: DashboardForm,
  ): Promise<void> {
    if (this.config.adminToken === undefined) return this.closed(response);
    if (!isSameOriginPost(request, this.config.publicUrl)) return refused(response);
    // Failed sign-ins count with the admin API's failed tokens (FailedAuthenticationLimiter).
    const wait = await this.failures.waitBeforeTrying(request);
    if (wait !== null) return tooManyAttempts(response, wait);
    // The guard's comparison: constant-time, on digests, whatever the presented length.
    if (!this.adminToken.isAdminToken(typeof form.token === 'string' ? form.token : undefined)) {
      const blocked = await this.failures.countFailure(request);
      if (blocked !== null) return tooManyAttempts(response, blocked);
      page(response, 401, renderLogin('That token was not accepted.'));
      return;
    }
    const { cookieValue } = issueAdminSession(this.config.adminToken, new Date());
    response
      .set('Set-Cookie', sessionCookieHeader(cookieValue, this.secure(request)))
      .redirect(303, '/admin');
  }

  @Post('logout')
  logout(@Req() request: Request, @Res() response: Response, @Body() form: DashboardForm): void {
    if (!this.authorisedPost(request, response, form)) return;
    response
      .set('Set-Cookie', clearedSessionCookieHeader(this.secure(request)))
      .redirect(303, '/admin');
  }

  @Post('dashboard/feeds/:id/poll')
  async pollNow(
    @Req() request: Request,
    @Res() response: Response,
    @Param('id') feedId: string,
    @Body() form: DashboardForm,
  ): Promise<void> {
    if (!this.authorisedPost(request, response, form)) return;
    try {
      // The very request POST /admin/feeds/:id/poll records; a worker queues the poll from it.
      await this.feedCommands.requestPoll(feedId);
    } catch (error) {
      if (!(error instanceof NotFoundException)) throw error;
      page(response, 404, renderMessage('No such feed', `There is no feed ${feedId}.`));
      return;
    }
    response.redirect(303, `/admin?polled=${encodeURIComponent(feedId)}#feeds`);
  }

  /** A signed-in operator's form from this origin with the session's CSRF token; else 403. */
  private authorisedPost(request: Request, response: Response, form: DashboardForm): boolean {
    if (this.config.adminToken === undefined) {
      this.closed(response);
      return false;
    }
    const session = readAdminSession(request.headers.cookie, this.config.adminToken, new Date());
    if (
      !session ||
      !csrfTokenMatches(session, form.csrf) ||
      !isSameOriginPost(request, this.config.publicUrl)
    ) {
      refused(response);
      return false;
    }
    return true;
  }

  private closed(response: Response): void {
    page(
      response,
      503,
      renderMessage('The dashboard is closed', 'No ADMIN_TOKEN is configured on this server.'),
    );
  }

  /** Secure over https, and behind a proxy that terminates TLS for an https PUBLIC_URL. */
  private secure(request: Request): boolean {
    return request.secure || this.config.publicUrl.startsWith('https:');
  }
}

function refused(response: Response): void {
  page(
    response,
    403,
    renderMessage(
      'Refused',
      'This form was not sent from a current dashboard page. Reload the dashboard and try again.',
    ),
  );
}

/** The sign-in form again, saying how long to wait, with the same Retry-After as the API's 429. */
function tooManyAttempts(response: Response, seconds: number): void {
  response.setHeader('Retry-After', String(seconds));
  page(
    response,
    429,
    renderLogin(
      `Too many failed sign-ins from your address: try again in ${Math.ceil(seconds / 60)} min.`,
    ),
  );
}

function page(response: Response, status: number, html: string): void {
  response.status(status).set(DASHBOARD_HEADERS).send(html);
}
