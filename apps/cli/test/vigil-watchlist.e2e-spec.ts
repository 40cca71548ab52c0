import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { TEST_WATCHLIST_FILE } from '@app/testing';

/** The built CLI, run by the project's pinned Node (npm test builds first). */
const CLI = join(process.cwd(), 'apps/cli/dist/main.js');

function vigil(...args: string[]): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    let output = '';
    const child = spawn(process.execPath, [CLI, ...args], {
      env: { WATCHLIST_FILE: TEST_WATCHLIST_FILE },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => resolve({ code, output }));
  });
}

describe('vigil watchlist', () => {
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'vigil-watchlist-'));
  });

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('check: says the watchlist file is valid and what it holds', async () => {
    const { code, output } = await vigil('watchlist', 'check');

    expect(code).toBe(0);
    expect(output).toMatch(/watchlist\.yaml: valid, 2 topics, 2 rules, 1 aliases/);
  });

  it('check: the default config/watchlist.yaml is valid', async () => {
    const { code, output } = await vigil('watchlist', 'check', 'config/watchlist.yaml');

    expect(code).toBe(0);
    expect(output).toMatch(/config\/watchlist\.yaml: valid, 4 topics, \d+ rules/);
  });

  it('check: names the file, the field and the query position of each problem', async () => {
    const broken = join(dir, 'broken.yaml');
    await writeFile(
      broken,
      'topics:\n  - id: t\n    title: T\n    rules:\n      - id: r\n        query: "interpol AND"\n',
    );

    const { code, output } = await vigil('watchlist', 'check', broken);

    expect(code).toBe(1);
    expect(output).toMatch(/broken\.yaml: topics\.0\.rules\.0\.query: at position \d+: /);
  });

  it('test: explains the rules a text matches, with the matched words', async () => {
    const { code, output } = await vigil(
      'watchlist',
      'test',
      'A Red Notice was issued against exiled Uyghur activists; INTERPOL elected a president.',
    );

    expect(code).toBe(0);
    expect(output).toContain('interpol-leadership: score 2');
    expect(output).toContain('red-notice-abuse: score 1');
    expect(output).toContain(
      'red-notice-abuse / red-notice-political (weight 1): "Red Notice"@2, "Uyghur"@39, "activists"@46',
    );
  });

  it('test: says so when nothing matches', async () => {
    const { code, output } = await vigil('watchlist', 'test', 'The band Interpol played Glasgow.');

    expect(code).toBe(0);
    expect(output.trim()).toBe('no rule matches');
  });

  it("build: proposes a valid watchlist naming the corpus's people and organisations", async () => {
    const reports = [
      'Delegates of the International Criminal Police Organization (ICPO) elected Kim Jong Yang.',
      'Kim Jong Yang said the ICPO would review how the International Criminal Police ' +
        'Organization handles Red Notice requests; Fair Trials welcomed the review.',
      '<p>Fair Trials asked the <b>International Criminal Police Organization</b> to publish data.</p>',
    ];
    const files = await Promise.all(
      reports.map(async (text, n) => {
        const path = join(dir, `report-${n}.${n === 2 ? 'html' : 'txt'}`);
        await writeFile(path, text);
        return path;
      }),
    );
    const out = join(dir, 'proposal.yaml');

    const built = await vigil('watchlist', 'build', ...files, '--out', out);

    expect(built.code).toBe(0);
    expect(built.output).toContain('reading 3/3');
    const checked = await vigil('watchlist', 'check', out);
    expect(checked).toMatchObject({ code: 0, output: expect.stringContaining('valid') });
    const proposal = await readFile(out, 'utf8');
    expect(proposal).toContain("icpo: ['International Criminal Police Organization', 'ICPO']");
    expect(proposal).toContain('"Kim Jong Yang"');
    expect(proposal).toContain('"Fair Trials"');
  });
});
