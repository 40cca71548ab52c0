import { applyDecorators, Controller, Get, HttpCode, Post, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { renderPage } from '@app/email';
import { textResponse, zodQuery } from '../http/openapi.js';
import { ZodBodyPipe } from '../http/zod-body.pipe.js';
import { EmailSubscriptionsService, type LinkOutcome } from './email-subscriptions.service.js';
import { linkQuery } from './subscription-requests.js';

/**
 * The links of Vigil's emails (SPEC §6): a small HTML page for a person, not JSON. The
 * confirmation link confirms on GET (it is the double opt-in's "yes"); the unsubscribe link
 * shows a page whose button POSTs, and the same POST is the RFC 8058 one-click a mail client
 * sends on its own, so a link scanner that only GETs never unsubscribes anyone.
 */
/** The pages every link answers besides its own 200. */
function linkPages(): MethodDecorator {
  return applyDecorators(
    zodQuery(linkQuery),
    textResponse(404, 'An unknown or altered link', 'text/html', PAGE_EXAMPLE),
    textResponse(
      410,
      'The subscription is gone or was not confirmed in time',
      'text/html',
      PAGE_EXAMPLE,
    ),
  );
}

const PAGE_EXAMPLE = '<!doctype html><html>…<h1>Subscription confirmed</h1>…</html>';

@ApiTags('subscriptions')
@Controller()
export class EmailLinksController {
  private readonly query = new ZodBodyPipe(linkQuery);

  constructor(private readonly emails: EmailSubscriptionsService) {}

  @Get('v1/subscriptions/confirm')
  @ApiOperation({ summary: "Confirm an email subscription (the confirmation email's link)" })
  @textResponse(200, 'A page saying it is confirmed', 'text/html', PAGE_EXAMPLE)
  @linkPages()
  async confirm(@Query() query: unknown, @Res() response: Response): Promise<void> {
    const outcome = await this.emails.confirm(this.token(query));
    answer(response, outcome, {
      done: {
        title: 'Subscription confirmed',
        message: 'Vigil will email you alerts on the topics you chose.',
      },
      already: {
        title: 'Already confirmed',
        message: 'This subscription was confirmed before: nothing changed.',
      },
      gone: {
        title: 'This link has expired',
        message:
          'The subscription was removed, or not confirmed in time. Subscribe again to get a new link.',
      },
    });
  }

  @Get('v1/unsubscribe')
  @ApiOperation({ summary: 'A page with a button that unsubscribes (one click)' })
  @textResponse(200, 'A page whose button POSTs the unsubscription', 'text/html', PAGE_EXAMPLE)
  @linkPages()
  async unsubscribePage(@Query() query: unknown, @Res() response: Response): Promise<void> {
    const token = this.token(query);
    const outcome = await this.emails.checkUnsubscribe(token);
    answer(response, outcome, {
      done: {
        title: 'Unsubscribe from Vigil alerts?',
        message: 'You will receive no more alerts at this address.',
        form: {
          action: `/v1/unsubscribe?token=${encodeURIComponent(token)}`,
          button: 'Unsubscribe',
        },
      },
      already: { title: 'Already unsubscribed', message: 'Nothing more will be sent.' },
      gone: { title: 'Already unsubscribed', message: 'Nothing more will be sent.' },
    });
  }

  @Post('v1/unsubscribe')
  @HttpCode(200)
  @ApiOperation({ summary: 'Unsubscribe in one click (RFC 8058 List-Unsubscribe-Post)' })
  @textResponse(200, 'A page saying it is done', 'text/html', PAGE_EXAMPLE)
  @linkPages()
  async unsubscribe(@Query() query: unknown, @Res() response: Response): Promise<void> {
    const outcome = await this.emails.unsubscribe(this.token(query));
    answer(response, outcome, {
      done: { title: 'Unsubscribed', message: 'You will receive no more alerts from Vigil.' },
      already: { title: 'Already unsubscribed', message: 'Nothing more will be sent.' },
      gone: { title: 'Already unsubscribed', message: 'Nothing more will be sent.' },
    });
  }

  private token(query: unknown): string {
    return this.query.transform(query).token;
  }
}

type PageContent = Parameters<typeof renderPage>[0];

/** The page for each outcome; an unknown or altered link is a 404 that says so. */
function answer(
  response: Response,
  outcome: LinkOutcome,
  pages: Readonly<Record<'done' | 'already' | 'gone', PageContent>>,
): void {
  const status = outcome.kind === 'invalid' ? 404 : outcome.kind === 'gone' ? 410 : 200;
  const page =
    outcome.kind === 'invalid'
      ? {
          title: 'This link is not valid',
          message: 'Check that the whole link from the email was opened.',
        }
      : pages[outcome.kind];
  response
    .status(status)
    .set({
      'Content-Type': 'text/html; charset=utf-8',
      'Cache-Control': 'no-store',
      // The page's own inline styles and its one form, nothing else.
      'Content-Security-Policy':
        "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'",
      'Referrer-Policy': 'no-referrer',
    })
    .send(renderPage(page));
}
