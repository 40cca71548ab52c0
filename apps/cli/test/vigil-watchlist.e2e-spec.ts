import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { childProcessEnv, runProcess, TEST_WATCHLIST_FILE } from '@app/testing';
import { STACK_FRAME } from './built-entry-points.js';

/** The built CLI, run by the project's pinned Node (npm test builds first). */
const CLI = join(process.cwd(), 'apps/cli/dist/main.js');

async function vigil(
  ...args: string[]
): Promise<{ code: number | null; output: string; stderr: string }> {
  const result = await runProcess(process.execPath, [CLI, ...args], {
    env: childProcessEnv({ WATCHLIST_FILE: TEST_WATCHLIST_FILE }),
  });
  return { code: result.code, output: result.stdout + result.stderr, stderr: result.stderr };
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

  it('check: a file that is not YAML gets one line with the position, no stack', async () => {
    const broken = join(dir, 'not-yaml.yaml');
    await writeFile(broken, 'topics:\n  - id: t\n   title: [\n');

    const { code, output, stderr } = await vigil('watchlist', 'check', broken);

    expect(code).toBe(1);
    expect(stderr.trimEnd().split('\n')).toEqual([
      expect.stringMatching(
        /^vigil watchlist: .*not-yaml\.yaml: is not valid YAML: .* at line 3, column 1$/,
      ),
    ]);
    expect(output).not.toContain(STACK_FRAME);
  });

  it('check: a field of the wrong type gets one line naming the field, no stack', async () => {
    const broken = join(dir, 'wrong-type.yaml');
    await writeFile(
      broken,
      'topics:\n  - id: t\n    title: [T]\n    rules:\n      - id: r\n        query: interpol\n',
    );

    const { code, output, stderr } = await vigil('watchlist', 'check', broken);

    expect(code).toBe(1);
    expect(stderr.trimEnd().split('\n')).toEqual([
      expect.stringMatching(/^vigil watchlist: .*wrong-type\.yaml: topics\.0\.title: /),
    ]);
    expect(output).not.toContain(STACK_FRAME);
  });

  it('check: a file that does not exist gets one line, no stack', async () => {
    const { code, output, stderr } = await vigil('watchlist', 'check', join(dir, 'nowhere.yaml'));

    expect(code).toBe(1);
    expect(stderr.trimEnd().split('\n')).toEqual([
      expect.stringMatching(/^vigil watchlist: .*nowhere\.yaml: does not exist$/),
    ]);
    expect(output).not.toContain(STACK_FRAME);
  });

  it('test: without a text, says how to call it in one line and exits 2', async () => {
    const { code, output, stderr } = await vigil('watchlist', 'test');

    expect(code).toBe(2);
    expect(stderr).toBe(
      'vigil watchlist: no text to test: vigil watchlist test "<text>" [--file watchlist.yaml]\n',
    );
    expect(output).not.toContain(STACK_FRAME);
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
    // Not a terminal: no progress bar, one line saying what was proposed.
    expect(built.stderr).toBe(
      'proposed 3 names (1 people, 2 organisations, 0 operations) and 0 key phrases from 3 ' +
        `documents\nwritten to ${out}: edit it, then run vigil watchlist check ${out}\n`,
    );
    const checked = await vigil('watchlist', 'check', out);
    expect(checked).toMatchObject({ code: 0, output: expect.stringContaining('valid') });
    const proposal = await readFile(out, 'utf8');
    expect(proposal).toContain(
      "international_criminal_police_organization: ['International Criminal Police Organization', 'ICPO']",
    );
    expect(proposal).toContain("kim_jong_yang: ['Kim Jong Yang']");
    expect(proposal).toContain("fair_trials: ['Fair Trials']");
    // Grouped into the topics of WATCHLIST_FILE, saying what it already names.
    expect(proposal).toContain('  - id: interpol-leadership\n');
    expect(proposal).toMatch(
      /# International Criminal Police Organization \(organisation\): 3 paragraph\(s\) in 3 document\(s\); the watchlist in force names it here/,
    );
  });

  it('build: a corpus that names nobody gets one line and exit 1, and no file', async () => {
    const report = join(dir, 'nobody.txt');
    await writeFile(report, 'It rained all week. The river rose and the roads were closed.');
    const out = join(dir, 'nobody.yaml');

    const { code, stderr } = await vigil('watchlist', 'build', report, '--out', out);

    expect(code).toBe(1);
    expect(stderr).toBe(
      'vigil watchlist: found no people, organisations or operations in 1 documents: nothing ' +
        'to propose\n',
    );
    await expect(readFile(out, 'utf8')).rejects.toThrow(/ENOENT/);
  });

  it('build: without files, says how to call it in one line and exits 2', async () => {
    const { code, stderr } = await vigil('watchlist', 'build');

    expect(code).toBe(2);
    expect(stderr).toBe(
      'vigil watchlist: no corpus files: vigil watchlist build <files...> [--out proposal.yaml] ' +
        '[--file watchlist.yaml] [--quiet]\n',
    );
  });
});
