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
} from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type DeliveryRecord, SubscriptionsReader } from '@app/consumers';
import { VIGIL_CONFIG, type VigilConfig } from '@app/platform';
import { z } from 'zod';
import { bearerToken } from '../admin/admin-token.guard.js';
import { ZodBodyPipe } from '../http/zod-body.pipe.js';
import {
  createSubscriptionRequest,
  replayRequest,
  updateSubscriptionRequest,
} from './subscription-requests.js';
import {
  type CreatedSubscription,
  SubscriptionsService,
  type SubscriptionView,
} from './subscriptions.service.js';

const deliveriesQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(500).default(50),
});

/**
 * Subscriptions (SPEC.md §6). Creating one is open; everything else needs the subscription's
 * token, shown once at creation, or the admin token.
 */
@ApiTags('subscriptions')
@Controller('v1/subscriptions')
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
  async create(@Body() body: unknown): Promise<CreatedSubscription> {
    return this.subscriptions.create(this.createBody.transform(body));
  }

  @Get(':id')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Read a subscription (its token or the admin token)' })
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
  async test(
    @Param('id') id: string,
    @Headers('authorization') authorization: string | undefined,
  ): Promise<{ notificationId: string }> {
    return this.subscriptions.sendTest(
      await this.subscriptions.authorize(id, bearerToken(authorization)),
    );
  }

  @Get(':id/deliveries')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Delivery attempts, newest first, with status and latency' })
  async deliveries(
    @Param('id') id: string,
    @Headers('authorization') authorization: string | undefined,
    @Query(new ZodBodyPipe(deliveriesQuery)) query: z.output<typeof deliveriesQuery>,
  ): Promise<{ deliveries: DeliveryRecord[] }> {
    await this.subscriptions.authorize(id, bearerToken(authorization));
    return { deliveries: await this.catalog.deliveries(id, query.limit) };
  }

  @Post(':id/replay')
  @HttpCode(202)
  @ApiBearerAuth()
  @ApiOperation({
    summary: 'Redeliver the alerts since a time, as new notifications (a job requests them)',
  })
  async replay(
    @Param('id') id: string,
    @Headers('authorization') authorization: string | undefined,
    @Body(new ZodBodyPipe(replayRequest)) body: z.output<typeof replayRequest>,
  ): Promise<{ replayId: string; since: string }> {
    const subscription = await this.subscriptions.authorize(id, bearerToken(authorization));
    return this.subscriptions.replay(subscription, body.since);
  }
}
