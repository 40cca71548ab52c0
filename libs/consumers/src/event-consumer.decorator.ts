import { DiscoveryService } from '@nestjs/core';

/**
 * Marks a provider implementing EventConsumer so the worker finds and runs it: a feature
 * module adds a projection or reactor by declaring it, with no central list to edit.
 */
export const AsEventConsumer = DiscoveryService.createDecorator<void>();
