import { describe, expect, it } from '@jest/globals';
import { dropEditedCopies } from './edited-copies.js';
import type { FeedItem } from './parsed-feed.types.js';
import { simHash } from './sim-hash.js';

const STORY =
  'Authorities in the capital detained the exiled journalist on an INTERPOL Red Notice issued at ' +
  'the request of his home country, which accuses him of fraud; his lawyers say the charges are ' +
  'political and that he faces torture if he is extradited, and rights groups urged the court to ' +
  'refuse the request.';

const item = (title: string, summary: string, overrides: Partial<FeedItem> = {}): FeedItem => ({
  identity: `hash-of-${title}`,
  identitySource: 'hash',
  title,
  url: null,
  summary,
  publishedAt: '2026-11-20T10:00:00.000Z',
  categories: [],
  language: null,
  fingerprint: simHash(`${title} ${summary}`),
  ...overrides,
});

describe('dropEditedCopies', () => {
  it('does not discover again an item without guid or link whose title was edited', () => {
    const first = item('Exiled journalist detained on Red Notice', STORY);
    const { remembered } = dropEditedCopies([first], []);

    const edited = item('Exiled journalist detained on INTERPOL Red Notice', STORY);
    const { fresh } = dropEditedCopies([edited], remembered);

    expect(fresh).toEqual([]);
  });

  it('keeps a different story, and a similar text with another date', () => {
    const { remembered } = dropEditedCopies([item('Exiled journalist detained', STORY)], []);

    const other = item(
      'Court suspends extradition treaty',
      'The constitutional court suspended the extradition treaty with the neighbouring state, ' +
        'citing the risk of persecution of dissidents and the lack of fair-trial guarantees.',
    );
    const nextDay = item('Exiled journalist detained', STORY, {
      publishedAt: '2026-11-21T10:00:00.000Z',
    });

    expect(dropEditedCopies([other, nextDay], remembered).fresh).toEqual([other, nextDay]);
  });

  it('leaves items with a guid or link to their own identity', () => {
    const withGuid = item('Exiled journalist detained', STORY, { identitySource: 'guid' });
    const { remembered } = dropEditedCopies([item('Exiled journalist detained', STORY)], []);

    expect(dropEditedCopies([withGuid], remembered).fresh).toEqual([withGuid]);
  });

  it('remembers at most the 500 most recent content-identified items', () => {
    const many = Array.from({ length: 600 }, (_, n) =>
      item(`Story ${n}`, `${STORY} ${'x'.repeat(n % 7)}`, { publishedAt: `2026-01-01T00:00:${n}` }),
    );

    expect(dropEditedCopies(many, []).remembered).toHaveLength(500);
  });
});
