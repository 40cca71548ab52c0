import {
  Body,
  Controller,
  Delete,
  Get,
  Headers,
  HttpCode,
  Inject,
  Param,
  Patch,
  Post,
  Query,
  UseInterceptors,
} from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { SubscriptionsReader } from '@app/consumers';
import { VIGIL_CONFIG, type VigilConfig } from '@app/platform';
import { z } from 'zod';
import { bearerToken } from '../admin/admin-token.guard.js';
import {
  errorResponses,
  jsonResponse,
  type ResponseBody,
  zodBody,
  zodQuery,
} from '../http/openapi.js';
import { ZodBodyPipe } from '../http/zod-body.pipe.js';
import { FailedAuthenticationInterceptor } from '../rate-limits/failed-authentication.interceptor.js';
import {
  createSubscriptionRequest,
  replayRequest,
  updateSubscriptionRequest,
} from './subscription-requests.js';
import {
  type CreatedSubscription,
  createdSubscription,
  deliveryPage,
  notificationRequested,
  replayRequested,
  type SubscriptionView,
  subscriptionView,
} from './subscription-responses.js';
import { SubscriptionsService } from './subscriptions.service.js';

const deliveriesQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(500).default(50),
});

const SUBSCRIPTION_EXAMPLE = {
  id: '5b0e7f7c-2f4a-4d8e-8f61-0c9d3a2b1e47',
  channel: 'webhook',
  url: 'https://example.org/hook',
  email: null,
  frequency: null,
  timeZone: null,
  digestHour: null,
  topics: ['red-notice-abuse'],
  minScore: 0,
  corroborations: false,
  status: 'active',
  statusReason: null,
  createdAt: '2026-11-02T08:00:00.000Z',
} satisfies z.input<typeof subscriptionView>;

/** The documentation's request bodies: the same schemas, whatever the network setting. */
const createBodySchema = createSubscriptionRequest(false);
const updateBodySchema = updateSubscriptionRequest(false);

/**
 * Subscriptions (SPEC.md §6). Creating one is open; everything else needs the subscription's
 * token, shown once at creation, or the admin token; a wrong one counts as a failed
 * authentication, as on the admin API.
 */
@ApiTags('subscriptions')
@Controller('v1/subscriptions')
@UseInterceptors(FailedAuthenticationInterceptor)
export class SubscriptionsController {
  private readonly createBody: ZodBodyPipe<ReturnType<typeof createSubscriptionRequest>>;
  private readonly updateBody: ZodBodyPipe<ReturnType<typeof updateSubscriptionRequest>>;

  constructor(
    private readonly subscriptions: SubscriptionsService,
    private readonly catalog: SubscriptionsReader,
    @Inject(VIGIL_CONFIG) config: VigilConfig,
  ) {
    this.createBody = new ZodBodyPipe(createSubscriptionRequest(config.allowPrivateNetworks));
    this.updateBody = new ZodBodyPipe(updateSubscriptionRequest(config.allowPrivateNetworks));
  }

  @Post()
  @ApiOperation({
    summary:
      'Subscribe; the token (and a webhook secret) are shown this once. An email address gets a confirmation link first',
  })
  @zodBody(createBodySchema, {
    channel: 'webhook',
    url: 'https://example.org/hook',
    topics: ['red-notice-abuse'],
    minScore: 0,
    corroborations: false,
  })
  @jsonResponse(
    201,
    'Created; an email subscription is pending_confirmation',
    createdSubscription,
    {
      ...SUBSCRIPTION_EXAMPLE,
      secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
      token: 'vst_3q2p…',
    },
  )
  @errorResponses(400)
  async create(@Body() body: unknown): Promise<CreatedSubscription> {
    return this.subscriptions.create(this.createBody.transform(body));
  }

  @Get(':id')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Read a subscription (its token or the admin token)' })
  @jsonResponse(200, 'The subscription', subscriptionView, SUBSCRIPTION_EXAMPLE)
  @errorResponses(401, 404)
  async get(
    @Param('id') id: string,
    @Headers('authorization') authorization: string | undefined,
  ): Promise<SubscriptionView> {
    return this.subscriptions.view(
      await this.subscriptions.authorize(id, bearerToken(authorization)),
    );
  }

  @Patch(':id')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Change topics, minScore, url, corroborations, or pause/resume' })
  @zodBody(updateBodySchema, { topics: ['red-notice-abuse'], minScore: 2, paused: false })
  @jsonResponse(200, 'The subscription as changed', subscriptionView, SUBSCRIPTION_EXAMPLE)
  @errorResponses(400, 401, 404)
  async update(
    @Param('id') id: string,
    @Headers('authorization') authorization: string | undefined,
    @Body() body: unknown,
  ): Promise<SubscriptionView> {
    const subscription = await this.subscriptions.authorize(id, bearerToken(authorization));
    await this.subscriptions.update(subscription, this.updateBody.transform(body));
    return this.subscriptions.view(
      await this.subscriptions.authorize(id, bearerToken(authorization)),
    );
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Delete; its personal data becomes unreadable, in the log too' })
  @ApiNoContentResponse({ description: 'Deleted' })
  @errorResponses(401, 404)
  async remove(
    @Param('id') id: string,
    @Headers('authorization') authorization: string | undefined,
  ): Promise<void> {
    await this.subscriptions.authorize(id, bearerToken(authorization));
    await this.subscriptions.delete(id);
  }

  @Post(':id/test')
  @HttpCode(202)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Send a signed subscription.test notification' })
  @jsonResponse(202, 'Requested; a worker delivers it', notificationRequested, {
    notificationId: '9d1c4b2a-7e3f-4a6b-8c5d-1e2f3a4b5c6d',
  })
  @errorResponses(401, 404)
  async test(
    @Param('id') id: string,
    @Headers('authorization') authorization: string | undefined,
  ): Promise<ResponseBody<typeof notificationRequested>> {
    return this.subscriptions.sendTest(
      await this.subscriptions.authorize(id, bearerToken(authorization)),
    );
  }

  @Get(':id/deliveries')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Delivery attempts, newest first, with status and latency' })
  @zodQuery(deliveriesQuery)
  @jsonResponse(200, 'The latest attempts', deliveryPage, {
    deliveries: [
      {
        notificationId: '9d1c4b2a-7e3f-4a6b-8c5d-1e2f3a4b5c6d',
        outcome: 'delivered',
        attempt: 1,
        status: 200,
        error: null,
        latencyMs: 84,
        nextAttemptAt: null,
        responseExcerpt: null,
        at: '2026-11-02T08:15:03.000Z',
      },
    ],
  })
  @errorResponses(400, 401, 404)
  async deliveries(
    @Param('id') id: string,
    @Headers('authorization') authorization: string | undefined,
    @Query(new ZodBodyPipe(deliveriesQuery)) query: z.output<typeof deliveriesQuery>,
  ): Promise<ResponseBody<typeof deliveryPage>> {
    await this.subscriptions.authorize(id, bearerToken(authorization));
    return { deliveries: await this.catalog.deliveries(id, query.limit) };
  }

  @Post(':id/replay')
  @HttpCode(202)
  @ApiBearerAuth()
  @ApiOperation({
    summary: 'Redeliver the alerts since a time, as new notifications (a job requests them)',
  })
  @zodBody(replayRequest, { since: '2026-11-01T00:00:00Z' })
  @jsonResponse(202, 'Requested; a job redelivers', replayRequested, {
    replayId: '3e4f5a6b-7c8d-4e9f-a0b1-c2d3e4f5a6b7',
    since: '2026-11-01T00:00:00Z',
  })
  @errorResponses(400, 401, 404)
  async replay(
    @Param('id') id: string,
    @Headers('authorization') authorization: string | undefined,
    @Body(new ZodBodyPipe(replayRequest)) body: z.output<typeof replayRequest>,
  ): Promise<ResponseBody<typeof replayRequested>> {
    const subscription = await this.subscriptions.authorize(id, bearerToken(authorization));
    return this.subscriptions.replay(subscription, body.since);
  }
}
