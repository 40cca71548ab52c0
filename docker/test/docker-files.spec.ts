import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { composeProblems } from '../../scripts/validate-compose.js';

/**
 * There is no Docker engine here (STACK.md): what can be checked without one is checked here, so
 * that a broken docker/ fails npm test. .ci/run also validates compose.yml on its own.
 */
const DOCKER = join(process.cwd(), 'docker');
const composeText = readFileSync(join(DOCKER, 'compose.yml'), 'utf8');
const dockerfile = readFileSync(join(DOCKER, 'Dockerfile'), 'utf8');
const dockerignore = readFileSync(join(process.cwd(), '.dockerignore'), 'utf8')
  .split('\n')
  .map((line) => line.trim());

interface ComposeService {
  readonly image?: string;
  readonly build?: unknown;
  readonly environment?: Record<string, string>;
  readonly healthcheck?: unknown;
  readonly ports?: readonly string[];
  readonly deploy?: { readonly replicas?: number };
}
const compose = parse(composeText, { merge: true }) as {
  services: Record<string, ComposeService>;
};
const VIGIL_SERVICES = ['api-1', 'api-2', 'worker'];

/** The instructions of the Dockerfile's last stage: what the image ships. */
function finalStage(): string[] {
  const stages = dockerfile.replace(/\\\n\s*/g, ' ').split(/^FROM /m);
  return (stages.at(-1) ?? '').split('\n').map((line) => line.trim());
}

describe('docker/compose.yml', () => {
  it('is valid against the Compose Specification schema', () => {
    expect(composeProblems(composeText)).toEqual([]);
  });

  it('would be reported with the service and the key if a key were misspelt', () => {
    const misspelt = composeText.replace('    command: [', '    commmand: [');

    expect(composeProblems(misspelt)).toEqual([
      '/services/redis: must NOT have additional properties "commmand"',
    ]);
  });

  it('runs api x2, worker x3, Redis, PostgreSQL and MailDev', () => {
    expect(Object.keys(compose.services).sort()).toEqual(
      ['api-1', 'api-2', 'maildev', 'postgres', 'redis', 'worker'].sort(),
    );
    expect(compose.services.worker?.deploy?.replicas).toBe(3);
    expect(compose.services['api-1']?.environment?.VIGIL_APP).toBe('api');
    expect(compose.services['api-2']?.environment?.VIGIL_APP).toBe('api');
    expect(compose.services.worker?.environment?.VIGIL_APP).toBe('worker');
    const apiPorts = ['api-1', 'api-2'].flatMap((name) => compose.services[name]?.ports ?? []);
    expect(new Set(apiPorts.map((port) => port.split(':')[0])).size).toBe(2);
  });

  it('builds the image once, and every Vigil process runs it', () => {
    const built = Object.entries(compose.services).filter(([, service]) => service.build);

    expect(built.map(([name]) => name)).toEqual(['api-1']);
    for (const name of VIGIL_SERVICES) {
      expect(compose.services[name]?.image).toBe('vigil:local');
    }
  });

  it('gives every Vigil process the shared PostgreSQL, Redis, mail and admin token', () => {
    for (const name of VIGIL_SERVICES) {
      expect(Object.keys(compose.services[name]?.environment ?? {})).toEqual(
        expect.arrayContaining([
          'DATABASE_URL',
          'REDIS_URL',
          'ADMIN_TOKEN',
          'SMTP_URL',
          'MAIL_FROM',
          'PUBLIC_URL',
        ]),
      );
    }
  });

  it('checks the health of PostgreSQL and Redis, which the Vigil processes wait for', () => {
    expect(compose.services.postgres?.healthcheck).toBeDefined();
    expect(compose.services.redis?.healthcheck).toBeDefined();
  });
});

describe('docker/Dockerfile', () => {
  it('runs as node, with a DATA_DIR volume that node owns', () => {
    const stage = finalStage();

    expect(stage).toContain('USER node');
    expect(stage.some((line) => /^ENV .*\bDATA_DIR=\/data\b/.test(line))).toBe(true);
    expect(stage.some((line) => /^RUN .*chown node:node \/data\b/.test(line))).toBe(true);
    expect(stage).toContain('VOLUME /data');
  });

  it('ships the built apps, libs, config and production dependencies, and no sources', () => {
    const copies = finalStage().filter((line) => line.startsWith('COPY '));

    expect(copies).toEqual([
      'COPY --from=production-dependencies /app/node_modules node_modules',
      'COPY --from=build /app/apps apps',
      'COPY --from=build /app/libs libs',
      'COPY package.json ./',
      'COPY config config',
      'COPY docker/healthcheck.js docker/healthcheck.js',
    ]);
  });

  it('leaves local files out of the build context: .env, data, installs, builds', () => {
    expect(dockerignore).toEqual(
      expect.arrayContaining(['.env', '.env.*', '!.env.example', 'data', 'node_modules']),
    );
    expect(dockerignore).toEqual(expect.arrayContaining(['**/dist', 'bench', 'eval', '.git']));
  });
});
