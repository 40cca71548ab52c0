import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { ConsumerHostService } from './consumer-host.service.js';
import { WorkerHeartbeatService } from './worker-heartbeat.service.js';

/** Background work: event-log consumers now; BullMQ processors and schedulers join here. */
@Module({
  imports: [DiscoveryModule],
  providers: [ConsumerHostService, WorkerHeartbeatService],
})
export class WorkerModule {}
