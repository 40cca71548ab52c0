import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { ConfigError } from './config-error.js';
import { loadFeedsFile } from './load-feeds-file.js';

describe('loadFeedsFile', () => {
  let cwd: string;
  const write = (text: string) => {
    writeFileSync(join(cwd, 'feeds.yaml'), text);
    return join(cwd, 'feeds.yaml');
  };
  const problems = (text: string) => {
    try {
      loadFeedsFile(write(text), cwd);
    } catch (error) {
      if (error instanceof ConfigError) return error.message.split('\n').slice(1);
      throw error;
    }
    throw new Error('expected a ConfigError');
  };

  beforeEach(() => {
    cwd = mkdtempSync(join(tmpdir(), 'vigil-feeds-'));
  });

  afterEach(() => {
    rmSync(cwd, { recursive: true, force: true });
  });

  it('reads feeds with their defaults', () => {
    const feeds = loadFeedsFile(
      write(
        'feeds:\n  - url: https://example.org/a.rss\n  - id: b\n    url: http://example.org/b\n    title: B\n    intervalSeconds: 600\n    enabled: false\n',
      ),
      cwd,
    );

    expect(feeds).toEqual([
      { url: 'https://example.org/a.rss', enabled: true, allowPrivateNetwork: false },
      {
        id: 'b',
        url: 'http://example.org/b',
        title: 'B',
        intervalSeconds: 600,
        enabled: false,
        allowPrivateNetwork: false,
      },
    ]);
  });

  it('treats a missing file and an empty list as no feeds', () => {
    expect(loadFeedsFile(join(cwd, 'absent.yaml'), cwd)).toEqual([]);
    expect(loadFeedsFile(write('feeds:\n'), cwd)).toEqual([]);
  });

  it('names the file, the entry, the field and the reason', () => {
    expect(
      problems(
        'feeds:\n  - url: ftp://example.org/x\n  - url: https://example.org/y\n    intervalSeconds: 5\n  - url: https://example.org/z\n    colour: red\n',
      ),
    ).toEqual([
      'feeds.yaml: feeds.0.url: must be an http:// or https:// URL (got "ftp://example.org/x")',
      'feeds.yaml: feeds.1.intervalSeconds: must be at least 60 (got 5)',
      'feeds.yaml: feeds.2.colour: is not a known setting',
    ]);
  });

  it('refuses the same URL or id twice', () => {
    expect(
      problems(
        'feeds:\n  - id: a\n    url: https://example.org/x\n  - id: a\n    url: https://example.org/x\n',
      ),
    ).toEqual([
      'feeds.yaml: feeds.1.url: repeats feeds.0.url (got "https://example.org/x")',
      'feeds.yaml: feeds.1.id: repeats feeds.0.id (got "a")',
    ]);
  });

  it('accepts the default config/feeds.yaml: https feeds, each id once', () => {
    const feeds = loadFeedsFile(join(process.cwd(), 'config/feeds.yaml'));

    expect(feeds.length).toBeGreaterThanOrEqual(15);
    expect(feeds.every((feed) => feed.url.startsWith('https://') && feed.id)).toBe(true);
  });

  it('reports YAML that does not parse', () => {
    expect(problems('feeds: [\n')[0]).toMatch(/^feeds\.yaml: is not valid YAML/);
  });
});
