import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { INestApplication, INestApplicationContext } from '@nestjs/common';
import { createHttpApplication } from '@app/api';
import {
  adminClient,
  childProcessEnv,
  createPostgresTestDatabase,
  expectEventually,
  type PostgresTestDatabase,
  testConfig,
} from '@app/testing';
import { createWorkerContext } from '@app/worker';

const ADMIN_TOKEN = 'e2e-admin-token-feeds-opml-0123456789';
/** The built CLI, run by the project's pinned Node (npm test builds first). */
const CLI = join(process.cwd(), 'apps/cli/dist/main.js');

interface ListedFeed {
  readonly id: string;
  readonly url: string;
  readonly title: string | null;
  readonly intervalSeconds: number | null;
  readonly enabled: boolean;
}

/** An api and a worker on a database of their own: one Vigil deployment. */
class Instance {
  private database!: PostgresTestDatabase;
  private worker!: INestApplicationContext;
  private api!: INestApplication;
  url = '';
  readonly call = adminClient(() => this.url, ADMIN_TOKEN);

  async start(): Promise<void> {
    this.database = await createPostgresTestDatabase();
    // Feeds on loopback with private networks refused: every poll fails at once, offline.
    const config = testConfig({ DATABASE_URL: this.database.url, ADMIN_TOKEN });
    this.worker = await createWorkerContext(config);
    this.api = await createHttpApplication(config);
    await this.api.listen(0, '127.0.0.1');
    this.url = (await this.api.getUrl()).replace('[::1]', '127.0.0.1');
  }

  async stop(): Promise<void> {
    await this.api.close();
    await this.worker.close();
    await this.database.drop();
  }

  async feeds(): Promise<ListedFeed[]> {
    const listed = await this.call('GET', '/admin/feeds');
    return (listed.body?.['feeds'] as ListedFeed[]).map(
      ({ id, url, title, intervalSeconds, enabled }) => ({
        id,
        url,
        title,
        intervalSeconds,
        enabled,
      }),
    );
  }
}

function vigil(
  env: Record<string, string>,
  ...args: string[]
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    let stdout = '';
    let stderr = '';
    const child = spawn(process.execPath, [CLI, ...args], {
      env: childProcessEnv({ LOG_LEVEL: 'silent', ...env }),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Each CLI run boots its whole module graph: tens of seconds on a loaded machine. */
const CLI_TEST_TIMEOUT_MS = 180_000;

describe('vigil feeds export | import (OPML 2.0)', () => {
  const source = new Instance();
  const target = new Instance();
  let dir: string;
  let exported: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'vigil-opml-'));
    await Promise.all([source.start(), target.start()]);
    for (const body of [
      {
        id: 'rights',
        url: 'http://127.0.0.1:9/rights.rss',
        title: 'Rights & "news"',
        intervalSeconds: 900,
      },
      { url: 'http://127.0.0.1:9/wire.rss' },
      { id: 'paused', url: 'http://127.0.0.1:9/paused.rss', title: 'Paused', enabled: false },
    ]) {
      expect((await source.call('POST', '/admin/feeds', body)).status).toBe(201);
    }
    await expectEventually(async () => expect(await source.feeds()).toHaveLength(3));
  });

  afterAll(async () => {
    await Promise.all([source.stop(), target.stop()]);
    await rm(dir, { recursive: true, force: true });
  });

  it(
    'exports the feeds as OPML 2.0 on stdout',
    async () => {
      const { code, stdout, stderr } = await vigil(
        { ADMIN_TOKEN, VIGIL_URL: source.url },
        'feeds',
        'export',
      );

      expect({ code, stderr }).toEqual({ code: 0, stderr: 'exported 3 feeds\n' });
      expect(stdout).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<opml version="2.0">/);
      expect(stdout).toContain(
        '<outline type="rss" text="Rights &amp; &quot;news&quot;" title="Rights &amp; &quot;news&quot;" ' +
          'xmlUrl="http://127.0.0.1:9/rights.rss" vigilId="rights" vigilIntervalSeconds="900"/>',
      );
      exported = join(dir, 'feeds.opml');
      await writeFile(exported, stdout);
    },
    CLI_TEST_TIMEOUT_MS,
  );

  it(
    'imports them into an empty instance: the same feeds, ids included',
    async () => {
      const { code, stdout, stderr } = await vigil(
        { ADMIN_TOKEN, VIGIL_URL: target.url },
        'feeds',
        'import',
        exported,
      );

      expect(code).toBe(0);
      expect(stdout).toBe(`${exported}: 3 feeds, 3 added, 0 already present, 0 refused\n`);
      expect(stderr.split('\n').filter(Boolean)).toEqual([
        expect.stringMatching(/^\[1\/3\] added http:\/\/127\.0\.0\.1:9\/\S+ as \S+$/),
        expect.stringMatching(/^\[2\/3\] added /),
        expect.stringMatching(/^\[3\/3\] added /),
      ]);
      const byId = (feeds: ListedFeed[]) => [...feeds].sort((a, b) => a.id.localeCompare(b.id));
      await expectEventually(async () =>
        expect(byId(await target.feeds())).toEqual(byId(await source.feeds())),
      );
    },
    CLI_TEST_TIMEOUT_MS,
  );

  it(
    'skips feeds already present, by URL, and reads nested outlines of other readers',
    async () => {
      const nested = join(dir, 'reader.opml');
      await writeFile(
        nested,
        `<?xml version="1.0"?>
<opml version="2.0"><head><title>My reader</title></head><body>
  <outline text="News">
    <outline type="rss" text="Wire again" xmlUrl="http://127.0.0.1:9/wire.rss"/>
    <outline text="Deeper"><outline type="rss" text="Extra" xmlUrl="http://127.0.0.1:9/extra.rss"/></outline>
  </outline>
</body></opml>`,
      );

      const { code, stdout, stderr } = await vigil(
        { ADMIN_TOKEN, VIGIL_URL: target.url },
        'feeds',
        'import',
        nested,
      );

      expect(code).toBe(0);
      expect(stdout).toBe(`${nested}: 2 feeds, 1 added, 1 already present, 0 refused\n`);
      expect(stderr).toContain('[1/2] skipped http://127.0.0.1:9/wire.rss: already present');
      await expectEventually(async () =>
        expect((await target.feeds()).map((feed) => feed.title)).toContain('Extra'),
      );
    },
    CLI_TEST_TIMEOUT_MS,
  );

  it(
    'answers bad input with one clear line and a non-zero exit',
    async () => {
      const notOpml = join(dir, 'page.html');
      await writeFile(notOpml, '<!doctype html><html><body>hello</body></html>');
      const cases: [Record<string, string>, string[], string][] = [
        [
          { ADMIN_TOKEN, VIGIL_URL: target.url },
          ['import', join(dir, 'missing.opml')],
          'no such file',
        ],
        [{ ADMIN_TOKEN, VIGIL_URL: target.url }, ['import', notOpml], 'not an OPML document'],
        [{ VIGIL_URL: target.url }, ['export'], 'ADMIN_TOKEN is not set'],
        [{ ADMIN_TOKEN, VIGIL_URL: 'http://127.0.0.1:9' }, ['export'], 'cannot reach the api'],
        [{ ADMIN_TOKEN, VIGIL_URL: target.url }, ['import'], 'usage: vigil feeds import'],
      ];
      const results = await Promise.all(cases.map(([env, args]) => vigil(env, 'feeds', ...args)));
      for (const [index, { code, stdout, stderr }] of results.entries()) {
        expect({ code, stdout, lines: stderr.trim().split('\n').length }).toEqual({
          code: 1,
          stdout: '',
          lines: 1,
        });
        expect(stderr).toMatch(new RegExp(`^vigil feeds: .*${cases[index]![2]}`));
      }
    },
    CLI_TEST_TIMEOUT_MS,
  );
});
