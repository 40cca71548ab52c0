import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  Controller,
  Get,
  Inject,
  type INestApplication,
  Module,
  ServiceUnavailableException,
  UnauthorizedException,
} from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { PinoLogger } from 'nestjs-pino';
import { captureDestination } from '../test/capture-destination.js';
import { loadConfig } from './config/load-config.js';
import { type VigilConfig } from './config/vigil-config.js';
import { VIGIL_CONFIG } from './config/vigil-config.token.js';
import { PlatformModule } from './platform.module.js';

@Controller()
class ProbeController {
  constructor(@Inject(VIGIL_CONFIG) private readonly config: VigilConfig) {}

  @Get('port')
  port(): { port: number } {
    return { port: this.config.port };
  }

  @Get('denied')
  denied(): never {
    throw new UnauthorizedException();
  }

  @Get('admin/health')
  health(): never {
    throw new ServiceUnavailableException();
  }
}

/** Does not import PlatformModule: it must see the configuration because PlatformModule is global. */
@Module({ controllers: [ProbeController] })
class ProbeModule {}

describe('PlatformModule', () => {
  const config = loadConfig({ env: { PORT: '4321', LOG_FORMAT: 'json' } });
  const destination = captureDestination();
  let app: INestApplication;
  let baseUrl: string;

  beforeAll(async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [PlatformModule.forRoot(config, destination), ProbeModule],
    }).compile();
    app = moduleRef.createNestApplication({ logger: false });
    await app.listen(0, '127.0.0.1');
    baseUrl = await app.getUrl();
  });

  afterAll(async () => {
    await app.close();
  });

  function completedRequests(path: string): Record<string, unknown>[] {
    return destination
      .records()
      .filter((record) => (record.req as { url?: string } | undefined)?.url === path);
  }

  it('provides the configuration under VIGIL_CONFIG, everywhere', async () => {
    expect(app.get(VIGIL_CONFIG)).toBe(config);
    const response = await fetch(`${baseUrl}/port`);
    expect(await response.json()).toEqual({ port: 4321 });
  });

  it('provides the pino logger of nestjs-pino, writing to the same destination', async () => {
    const logger = await app.resolve(PinoLogger);
    logger.info({ apiKey: 'key-clear' }, 'from a service');
    const record = destination.records().find((line) => line.msg === 'from a service');
    expect(record).toMatchObject({ service: 'vigil', apiKey: '[redacted]' });
  });

  it("logs each request with the caller's x-request-id and redacted credentials", async () => {
    const response = await fetch(`${baseUrl}/port?trace=1`, {
      headers: { 'x-request-id': 'trace-123', authorization: 'Bearer clear-token' },
    });
    expect(response.headers.get('x-request-id')).toBe('trace-123');

    const [record] = completedRequests('/port?trace=1');
    expect(record).toMatchObject({
      level: 30,
      msg: expect.stringMatching(/^GET \/port\?trace=1 200 \d+ ms$/),
      req: { id: 'trace-123', headers: { authorization: '[redacted]' } },
      res: { statusCode: 200 },
    });
    expect(JSON.stringify(destination.records())).not.toContain('clear-token');
  });

  it("logs a link's query without its credentials, in the line and in the request object", async () => {
    const response = await fetch(
      `${baseUrl}/port?token=vun_clear-link&access_token=clear-access&topic=interpol`,
    );
    expect(response.status).toBe(200);

    const logged = '/port?token=[redacted]&access_token=[redacted]&topic=interpol';
    const [record] = completedRequests(logged);
    expect(record).toMatchObject({
      msg: expect.stringMatching(
        /^GET \/port\?token=\[redacted\]&access_token=\[redacted\]&topic=interpol 200 \d+ ms$/,
      ),
      req: { query: { token: '[redacted]', access_token: '[redacted]', topic: 'interpol' } },
    });
    const everything = destination.chunks.join('');
    expect(everything).not.toContain('clear-link');
    expect(everything).not.toContain('clear-access');
  });

  it.each([
    ['none', {}],
    ['an unusable one', { 'x-request-id': 'has spaces and "quotes"' }],
  ])('makes a UUID request id when the caller sent %s', async (sent, headers) => {
    const path = `/port?case=${encodeURIComponent(sent)}`;
    const response = await fetch(`${baseUrl}${path}`, { headers });
    const id = response.headers.get('x-request-id');
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(completedRequests(path)[0]).toMatchObject({ req: { id } });
  });

  it('logs client errors as warnings', async () => {
    const response = await fetch(`${baseUrl}/denied`);
    expect(response.status).toBe(401);
    expect(completedRequests('/denied')[0]).toMatchObject({ level: 40, res: { statusCode: 401 } });
  });

  it('logs an unhealthy health check as a warning, not an error', async () => {
    const response = await fetch(`${baseUrl}/admin/health`);
    expect(response.status).toBe(503);
    expect(completedRequests('/admin/health')[0]).toMatchObject({
      level: 40,
      msg: expect.stringMatching(/^GET \/admin\/health 503/),
    });
  });
});
