import type { Provider } from '@nestjs/common';
import { OutboundHttpClient } from '@app/outbound';
import { VIGIL_CONFIG, type VigilConfig } from '@app/platform';

/**
 * One keep-alive HTTP client for every feed fetch of this process. The User-Agent names the
 * deployment's public URL, so a publisher who sees the traffic knows whom to ask.
 */
export const outboundClientProvider: Provider = {
  provide: OutboundHttpClient,
  inject: [VIGIL_CONFIG],
  useFactory: (config: VigilConfig) =>
    new OutboundHttpClient({
      userAgent: `Vigil/0.1 (+${config.publicUrl}; news alerting for human-rights monitoring)`,
    }),
};
