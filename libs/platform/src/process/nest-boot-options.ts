import type { NestApplicationOptions } from '@nestjs/common';

/**
 * How every process boots Nest. A failed boot reaches runMain as a rejection, which prints one
 * line naming the setting to fix: by default Nest would log the error's stack itself and exit
 * (abortOnError), and print the logs it buffered in its own format (autoFlushLogs). Buffered
 * logs wait for the pino logger; the caller flushes them once it is in place.
 */
export const NEST_BOOT_OPTIONS = {
  bufferLogs: true,
  autoFlushLogs: false,
  abortOnError: false,
} as const satisfies NestApplicationOptions;
